import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { ISSUER, jwks, signingKeyFrom, signToken, verifyToken, type ServiceAccountClaims } from './jwt.ts';

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = signingKeyFrom(pem);
const claims: ServiceAccountClaims = {
  iss: ISSUER, sub: 'system:serviceaccount:default:robot', aud: [ISSUER], exp: 2000, iat: 1000, nbf: 1000, jti: 'j',
  'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'robot', uid: 'u' } },
};

test('tokens verify with the signing key until they expire, and not when tampered with', () => {
  const token = signToken(key, claims);
  assert.deepEqual(verifyToken(key, token, 1500), claims);
  assert.equal(verifyToken(key, token, 2001), undefined, 'expired');
  const [h, p, s] = token.split('.') as [string, string, string];
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'system:serviceaccount:kube-system:admin' })).toString('base64url');
  assert.equal(verifyToken(key, `${h}.${forged}.${s}`, 1500), undefined, 'tampered payload');
  const other = signingKeyFrom(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  assert.equal(verifyToken(other, token, 1500), undefined, 'another key');
  assert.equal(verifyToken(key, `${h}.${p}`, 1500), undefined, 'not a JWT');
  const set = jwks(key) as { keys: Array<{ kid: string; alg: string; crv: string }> };
  assert.equal(set.keys[0]?.kid, key.kid);
  assert.equal(set.keys[0]?.alg, 'ES256');
});
