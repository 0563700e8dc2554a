import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readCertificate } from '../client/pki/read-certificate.ts';
import { fetchClusterCa, requestNodeCredentials } from '../client/pki/join-client.ts';
import { caHash, formatJoinToken, parseJoinToken } from '../client/pki/join-token.ts';
import type { Authenticator } from './http/authn.ts';
import { startServer, testPki, type RunningServer } from './http/test-server.fixture.ts';
import { ensureJoinToken, exceptJoinSecret, nodeJoinHandler } from './node-join.ts';

const SECRET = 'the-secret';
let server: RunningServer;
let dir = '';
const refuseAll: Authenticator = async (headers) => (headers['authorization'] === undefined ? undefined : { error: 'invalid bearer token' });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-join-'));
  const pki = testPki();
  server = await startServer({
    handler: nodeJoinHandler({ ca: pki.ca, secret: SECRET }, async (req, res) => res.json(200, { user: req.user.name })),
    authenticators: [exceptJoinSecret(refuseAll, SECRET)],
  });
});
after(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

test('join tokens: full and bare forms, bad ones refused with the reason', () => {
  const hash = 'a'.repeat(64);
  const cases: [string, { caHash: string | undefined; secret: string } | RegExp][] = [
    [`K10${hash}::server:s3cret`, { caHash: hash, secret: 's3cret' }],
    ['s3cret', { caHash: undefined, secret: 's3cret' }],
    ['K10abc::server:x', /K10<sha256 hex>/],
    ['', /empty/],
    ['a b', /spaces or colons/],
  ];
  for (const [text, want] of cases) {
    if (want instanceof RegExp) assert.throws(() => parseJoinToken(text), want, text);
    else assert.deepEqual(parseJoinToken(text), want, text);
  }
});

test('the server token is generated once, kept, and checked against the CA', async () => {
  const ca = testPki().ca.certPem;
  const first = await ensureJoinToken(dir, ca);
  assert.match(first.token, new RegExp(`^K10${caHash(ca)}::server:[0-9a-f]{64}$`));
  assert.equal((await readFile(join(dir, 'token'), 'utf8')).trim(), first.token);
  assert.deepEqual(await ensureJoinToken(dir, ca), first, 'reused on restart');
  assert.equal((await ensureJoinToken(dir, ca, 'given')).token, formatJoinToken(ca, 'given'));
  await assert.rejects(ensureJoinToken(dir, ca, `K10${'b'.repeat(64)}::server:x`), /does not match this cluster's CA/);
});

test('a node joins: CA checked against the token, certificates for its name and addresses', async () => {
  const ca = testPki().ca.certPem;
  assert.equal(await fetchClusterCa(server.url, parseJoinToken(formatJoinToken(ca, SECRET))), ca);
  let unpinned = '';
  await fetchClusterCa(server.url, parseJoinToken(SECRET), { onUnpinned: (h) => { unpinned = h; } });
  assert.equal(unpinned, caHash(ca), 'a bare token trusts on first use and says so');
  await assert.rejects(fetchClusterCa(server.url, { caHash: 'c'.repeat(64), secret: SECRET }), /is not the one the join token names/);

  const creds = await requestNodeCredentials(server.url, ca, SECRET, { nodeName: 'node-a', addresses: ['192.0.2.7'] });
  const client = readCertificate(creds.clientCertificate);
  assert.equal(client.subject.commonName, 'system:node:node-a');
  assert.deepEqual(client.subject.organizations, ['system:nodes']);
  const serving = readCertificate(creds.servingCertificate);
  assert.deepEqual(serving.dnsNames, ['node-a', 'localhost']);
  assert.deepEqual(serving.ipAddresses, ['127.0.0.1', '192.0.2.7']);
  assert.equal(creds.caCertificate, ca);
});

test('wrong secrets and bad bodies are Status errors', async () => {
  const ca = testPki().ca.certPem;
  const cases: [string, { nodeName: string; addresses: string[] }, RegExp][] = [
    ['wrong', { nodeName: 'n', addresses: [] }, /HTTP 401: Unauthorized/],
    [SECRET, { nodeName: 'Not_A_Name', addresses: [] }, /HTTP 400: nodeName "Not_A_Name"/],
    [SECRET, { nodeName: 'n', addresses: ['300.1.1.1'] }, /HTTP 400: not an IP address/],
  ];
  for (const [secret, node, want] of cases) await assert.rejects(requestNodeCredentials(server.url, ca, secret, node), want);
});
