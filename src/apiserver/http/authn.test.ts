import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TLSSocket } from 'node:tls';
import { createCertificateAuthority, issueCertificate } from '../../client/pki/authority.ts';
import { pemDecodeOne } from '../../client/pki/pem.ts';
import { anonymousUser, authenticate, type Authenticator } from './authn.ts';

const ca = createCertificateAuthority('ca');
const der = (pem: string): Buffer => pemDecodeOne(pem, 'CERTIFICATE');
const alice = der(issueCertificate(ca, { commonName: 'alice', organizations: ['devs'], uid: 'u-1', usage: 'client' }).certPem);
const serverOnly = der(issueCertificate(ca, { commonName: 'web', usage: 'server' }).certPem);
const noName = der(issueCertificate(ca, { commonName: '', usage: 'client' }).certPem);

/** What authenticate() reads of a TLS socket. */
function socket(raw: Buffer | undefined, authorized = true): TLSSocket {
  return {
    getPeerCertificate: () => (raw === undefined ? {} : { raw }),
    authorized,
    authorizationError: authorized ? undefined : 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  } as unknown as TLSSocket;
}

const bob: Authenticator = async (headers) => {
  const token = headers['authorization'];
  if (token === undefined) return undefined;
  return token === 'Bearer good' ? { user: { name: 'bob', groups: ['system:serviceaccounts'] } } : { error: 'invalid bearer token' };
};

const cases: { name: string; socket: TLSSocket; authorization?: string; want: unknown }[] = [
  { name: 'nothing presented: anonymous', socket: socket(undefined), want: { user: anonymousUser } },
  { name: 'a client certificate: CN, O, UID', socket: socket(alice), want: { user: { name: 'alice', groups: ['devs', 'system:authenticated'], uid: 'u-1' } } },
  { name: 'an untrusted certificate: refused', socket: socket(alice, false), want: { error: 'x509: client certificate not verified: UNABLE_TO_VERIFY_LEAF_SIGNATURE' } },
  { name: 'a server-only certificate: refused', socket: socket(serverOnly), want: { error: 'x509: certificate specifies an incompatible key usage' } },
  { name: 'a certificate without a common name: not an identity', socket: socket(noName), want: { user: anonymousUser } },
  { name: 'a good token', socket: socket(undefined), authorization: 'Bearer good', want: { user: { name: 'bob', groups: ['system:serviceaccounts', 'system:authenticated'] } } },
  { name: 'a bad token: refused, not anonymous', socket: socket(undefined), authorization: 'Bearer bad', want: { error: 'invalid bearer token' } },
  { name: 'an untrusted certificate but a good token', socket: socket(alice, false), authorization: 'Bearer good', want: { user: { name: 'bob', groups: ['system:serviceaccounts', 'system:authenticated'] } } },
  { name: 'the certificate wins over a token', socket: socket(alice), authorization: 'Bearer bad', want: { user: { name: 'alice', groups: ['devs', 'system:authenticated'], uid: 'u-1' } } },
];

for (const c of cases) {
  test(`authenticate: ${c.name}`, async () => {
    const headers = c.authorization === undefined ? {} : { authorization: c.authorization };
    assert.deepEqual(await authenticate(c.socket, headers, [bob]), c.want);
  });
}
