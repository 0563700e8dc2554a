// Service-account tokens: kubectl create token (a protobuf TokenRequest), the token used as a
// bearer credential, TokenReview, and invalidation when the service account is deleted.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { run, TestServer, KUBECTL } from './harness.ts';

let server: TestServer;

before(async () => {
  server = await TestServer.start();
});

after(async () => {
  await server?.stop();
});

const asBearer = (token: string, ...args: string[]): ReturnType<typeof run> =>
  run(KUBECTL['1.33'], ['--kubeconfig=/dev/null', `--server=https://127.0.0.1:${server.port}`, '--insecure-skip-tls-verify', `--token=${token}`, ...args]);

test('a token for a service account works as a bearer token until the account is deleted', async () => {
  assert.equal((await server.kubectl('1.33', ['create', 'serviceaccount', 'robot'])).code, 0);
  const issued = await server.kubectl('1.33', ['create', 'token', 'robot', '--audience=https://kubernetes.default.svc.cluster.local']);
  assert.equal(issued.code, 0, issued.stderr);
  const token = issued.stdout.trim();
  assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { sub: string; exp: number; iat: number };
  assert.equal(claims.sub, 'system:serviceaccount:default:robot');
  assert.equal(claims.exp - claims.iat, 3600);
  const asRobot = await asBearer(token, 'get', 'ns', 'default', '-o', 'name');
  assert.equal(asRobot.stdout.trim(), 'namespace/default', asRobot.stderr);
  const review = JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } });
  const reviewed = await server.kubectl('1.33', ['create', '--validate=false', '-f', '-', '-o', 'jsonpath={.status.authenticated} {.status.user.username}'], { input: review });
  assert.equal(reviewed.stdout, 'true system:serviceaccount:default:robot', reviewed.stderr);
  const jwks = await server.kubectl('1.33', ['get', '--raw', '/openid/v1/jwks']);
  assert.equal((JSON.parse(jwks.stdout) as { keys: unknown[] }).keys.length, 1);
  assert.equal((await server.kubectl('1.33', ['delete', 'serviceaccount', 'robot'])).code, 0);
  const refused = await asBearer(token, 'get', 'ns');
  assert.notEqual(refused.code, 0);
  assert.match(refused.stderr, /Unauthorized/);
});
