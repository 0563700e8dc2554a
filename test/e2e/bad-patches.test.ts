// Bad patches get upstream's status code and a clear message, and nothing is written.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rawRequest, TestServer } from './harness.ts';

let server: TestServer;
const path = '/apis/apps/v1/namespaces/default/deployments/bad';

before(async () => {
  // No controllers: the Deployment controller's own status writes would change resourceVersion.
  server = await TestServer.start(['--disable', 'controller-manager']);
  const created = await server.kubectl('1.33', ['create', 'deployment', 'bad', '--image=busybox:1.36']);
  assert.equal(created.code, 0, created.stderr);
});

after(async () => {
  await server?.stop();
});

async function resourceVersion(): Promise<string> {
  return (await server.kubectl('1.33', ['get', 'deploy', 'bad', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout;
}

test('each bad patch is refused with the upstream code and changes nothing', async () => {
  const before = await resourceVersion();
  const cases: Array<[string, string, number, RegExp]> = [
    ['application/merge-patch+json', '{"spec":', 400, /error decoding patch/],
    ['application/json-patch+json', '[{"op":"replace","path":"/spec/nothing/here","value":1}]', 422, /missing path/],
    ['application/json-patch+json', '[{"op":"test","path":"/spec/replicas","value":7}]', 422, /test failed/],
    ['application/strategic-merge-patch+json', '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}', 422, /field is immutable|does not match template/],
    ['application/merge-patch+json', '{"kind":"Service"}', 400, /kind/],
    ['application/strategic-merge-patch+json', '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}', 500, /does not contain declared merge key: name/],
    ['application/apply-patch+yaml', '{"metadata":{"name":"bad"},"spec":{"replicas":2}}', 400, /invalid object type/],
    ['text/plain', 'hello', 415, /the body of the request was in an unknown format/],
  ];
  for (const [type, body, status, message] of cases) {
    const query = type === 'application/apply-patch+yaml' ? '?fieldManager=test' : '';
    const res = await rawRequest(server, 'PATCH', `${path}${query}`, body, type);
    assert.equal(res.status, status, `${type} ${body}: ${res.body}`);
    const answer = JSON.parse(res.body) as { kind: string; message: string };
    assert.equal(answer.kind, 'Status');
    assert.match(answer.message, message, `${type} ${body}`);
  }
  assert.equal(await resourceVersion(), before, 'nothing was written');
  const missing = await rawRequest(server, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/missing', '{"spec":{"replicas":1}}', 'application/merge-patch+json');
  assert.equal(missing.status, 404);
  const applyCreates = await rawRequest(server, 'PATCH', '/api/v1/namespaces/default/configmaps/made-by-apply?fieldManager=test', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"made-by-apply"},"data":{"a":"b"}}', 'application/apply-patch+yaml');
  assert.equal(applyCreates.status, 201, applyCreates.body);
  const noManager = await rawRequest(server, 'PATCH', '/api/v1/namespaces/default/configmaps/made-by-apply', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"made-by-apply"}}', 'application/apply-patch+yaml');
  assert.equal(noManager.status, 422);
  assert.match(noManager.body, /fieldManager: Required value: is required for apply patch/);
});
