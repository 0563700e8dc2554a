import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiRequest, ApiResponse, ResponseStream } from '../http/types.ts';
import { ResourceRegistry } from '../registry/registry.ts';
import { decodeGnosticDocument } from './gnostic.fixture.ts';
import { createOpenApiHandler, negotiate, V2_PROTOBUF } from './handler.ts';
import { testDefs } from './test-defs.fixture.ts';

// The registry's stores are never used here: only its definitions are read.
const registry = new ResourceRegistry({ store: undefined as never, cache: undefined as never });
for (const def of testDefs) registry.add(def);
const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);
const handler = createOpenApiHandler(registry, { now: () => NOW });

interface Recorded {
  handled: boolean;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string;
}

async function get(url: string, headers: Record<string, string> = {}, method = 'GET', serve = handler): Promise<Recorded> {
  const u = new URL(url, 'https://127.0.0.1');
  const rec: Recorded = { handled: false, status: 0, headers: {}, body: Buffer.alloc(0), contentType: '' };
  const req: ApiRequest = {
    method, path: u.pathname, query: u.searchParams, headers, httpVersion: '2.0', remoteAddress: '127.0.0.1',
    user: { name: 'admin', groups: ['system:masters'] }, signal: new AbortController().signal, body: async () => Buffer.alloc(0),
  };
  const res: ApiResponse = {
    get statusCode() { return rec.status; },
    get headersSent() { return rec.status !== 0; },
    setHeader(name, value) { rec.headers[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', '); },
    send(status, body, contentType) {
      rec.status = status;
      rec.body = Buffer.from(body);
      rec.contentType = contentType;
    },
    json(status, value) { this.send(status, JSON.stringify(value) + '\n', 'application/json'); },
    stream(): ResponseStream { throw new Error('not used'); },
  };
  rec.handled = await serve(req, res);
  return rec;
}

const jsonOf = (r: Recorded): Record<string, unknown> => JSON.parse(r.body.toString('utf8')) as Record<string, unknown>;

test('other paths are left to the next handler', async () => {
  for (const path of ['/api/v1/pods', '/openapi', '/openapi/v3x', '/version']) {
    const r = await get(path);
    assert.equal(r.handled, false, path);
    assert.equal(r.status, 0, path);
  }
});

test('/openapi/v3 lists every group version and group at a hashed URL', async () => {
  const r = await get('/openapi/v3', { accept: 'application/json, */*' });
  assert.equal(r.status, 200);
  assert.equal(r.contentType, 'application/json');
  const paths = jsonOf(r)['paths'] as Record<string, { serverRelativeURL: string }>;
  assert.deepEqual(Object.keys(paths), ['api', 'api/v1', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/coordination.k8s.io', 'apis/coordination.k8s.io/v1']);
  assert.match(paths['apis/apps/v1']!.serverRelativeURL, /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
  assert.match(r.headers['etag']!, /^"[0-9A-F]{128}"$/);
});

test('a group version document at its hashed URL is cacheable forever', async () => {
  const root = jsonOf(await get('/openapi/v3'))['paths'] as Record<string, { serverRelativeURL: string }>;
  const url = root['apis/apps/v1']!.serverRelativeURL;
  const r = await get(`${url}&timeout=32s`, { accept: 'application/json' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['cache-control'], 'public, immutable');
  assert.equal(r.headers['expires'], new Date(NOW + 365 * 24 * 3600 * 1000).toUTCString());
  assert.equal(r.headers['etag'], `"${url.split('hash=')[1]}"`);
  assert.equal(r.headers['vary'], 'Accept');
  const doc = jsonOf(r);
  assert.equal(doc['openapi'], '3.0.0');
  assert.ok((doc['paths'] as Record<string, unknown>)['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']);
  // Without a hash: the same document, without the caching headers.
  const plain = await get('/openapi/v3/apis/apps/v1');
  assert.equal(plain.headers['cache-control'], undefined);
  assert.deepEqual(plain.body, r.body);
  // An old hash: redirected to the current one.
  const old = await get('/openapi/v3/apis/apps/v1?hash=ABC');
  assert.equal(old.status, 301);
  assert.equal(old.headers['location'], url);
});

test('ETag and If-None-Match: 304 for every document', async () => {
  for (const [path, accept] of [['/openapi/v3', 'application/json'], ['/openapi/v3/api/v1', 'application/json'], ['/openapi/v2', 'application/json'], ['/openapi/v2', 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf']] as const) {
    const first = await get(path, { accept });
    assert.equal(first.status, 200, path);
    const etag = first.headers['etag']!;
    const again = await get(path, { accept, 'if-none-match': etag });
    assert.equal(again.status, 304, path);
    assert.equal(again.body.length, 0, path);
    assert.equal(again.headers['etag'], etag, path);
    assert.equal((await get(path, { accept, 'if-none-match': '"other"' })).status, 200, path);
  }
});

test('unknown group versions are a NotFound Status; writes are refused', async () => {
  const r = await get('/openapi/v3/apis/example.com/v1');
  assert.equal(r.status, 404);
  assert.equal(jsonOf(r)['reason'], 'NotFound');
  assert.equal(jsonOf(r)['kind'], 'Status');
  assert.equal((await get('/openapi/v2', {}, 'POST')).status, 405);
});

test('/openapi/v2 answers JSON or gnostic protobuf by Accept', async () => {
  const asJson = await get('/openapi/v2', { accept: 'application/json' });
  assert.equal(asJson.contentType, 'application/json');
  assert.equal(jsonOf(asJson)['swagger'], '2.0');
  const proto = await get('/openapi/v2?timeout=32s', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
  assert.equal(proto.status, 200);
  assert.equal(proto.contentType, V2_PROTOBUF);
  assert.equal(decodeGnosticDocument(proto.body)['swagger'], '2.0');
  assert.deepEqual((await get('/openapi/v2', { accept: V2_PROTOBUF })).body, proto.body);
  assert.deepEqual((await get('/swagger-2.0.0.pb-v1')).body, proto.body);
  assert.equal((await get('/openapi/v2')).contentType, 'application/json');
  assert.equal((await get('/openapi/v2', { accept: 'text/html' })).status, 406);
  assert.notEqual(asJson.headers['etag'], proto.headers['etag']);
});

test('documents are built once and served from the cache', async () => {
  // A clock that moves a minute per reading: a document built again would say so in last-modified.
  let now = NOW;
  const serve = createOpenApiHandler(registry, { now: () => (now += 60_000) });
  const first = await get('/openapi/v2', { accept: V2_PROTOBUF }, 'GET', serve);
  for (let i = 0; i < 20; i++) {
    const again = await get('/openapi/v2', { accept: V2_PROTOBUF }, 'GET', serve);
    assert.deepEqual([again.headers['etag'], again.headers['last-modified']], [first.headers['etag'], first.headers['last-modified']]);
  }
});

test('Accept negotiation follows q values, then order', () => {
  const offers = [['application', 'json', 'json'], ['application', 'x-proto', 'proto']] as const;
  assert.equal(negotiate(undefined, offers), 'json');
  assert.equal(negotiate('application/x-proto, application/json', offers), 'proto');
  assert.equal(negotiate('application/x-proto;q=0.5, application/json', offers), 'json');
  assert.equal(negotiate('application/*', offers), 'json');
  assert.equal(negotiate('text/plain', offers), undefined);
});
