import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import { test } from 'node:test';
import tls from 'node:tls';
import { createCertificateAuthority, issueCertificate } from './authority.ts';
import { der, parseDer } from './asn1.ts';
import { decodeName, encodeName, nameOids } from './names.ts';
import { readCertificate } from './read-certificate.ts';

const now = Date.UTC(2026, 0, 1);
const ca = createCertificateAuthority('k8ts-ca@1', { now });

test('a CA is self-signed, marked CA, and valid ten years from an hour ago', () => {
  const cert = new X509Certificate(ca.certPem);
  assert.equal(cert.ca, true);
  assert.equal(cert.subject, 'CN=k8ts-ca@1');
  assert.equal(cert.issuer, 'CN=k8ts-ca@1');
  assert.ok(cert.verify(cert.publicKey));
  assert.equal(Date.parse(cert.validFrom), now - 3600_000);
  assert.equal(Date.parse(cert.validTo), now + 3650 * 86400_000);
  assert.equal(createPrivateKey(ca.keyPem).asymmetricKeyType, 'ec');
});

const leaves = [
  {
    name: 'server',
    options: { commonName: 'kube-apiserver', usage: 'server' as const, dnsNames: ['localhost', 'kubernetes.default.svc'], ipAddresses: ['127.0.0.1', '10.43.0.1', '::1'] },
    ekus: ['1.3.6.1.5.5.7.3.1'],
    subject: 'CN=kube-apiserver',
  },
  {
    name: 'client with groups',
    options: { commonName: 'admin', organizations: ['system:masters', 'devs'], usage: 'client' as const },
    ekus: ['1.3.6.1.5.5.7.3.2'],
    subject: 'O=system:masters\nO=devs\nCN=admin',
  },
  {
    name: 'both',
    options: { commonName: 'node-1', usage: 'both' as const, days: 30 },
    ekus: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
    subject: 'CN=node-1',
  },
];

for (const leaf of leaves) {
  test(`issued ${leaf.name} certificate verifies against the CA and says what was asked`, () => {
    const issued = issueCertificate(ca, { ...leaf.options, now });
    const cert = new X509Certificate(issued.certPem);
    const caCert = new X509Certificate(ca.certPem);
    assert.ok(cert.verify(caCert.publicKey));
    assert.ok(cert.checkIssued(caCert));
    assert.equal(cert.ca, false);
    assert.equal(cert.subject, leaf.subject);
    assert.deepEqual(cert.keyUsage, leaf.ekus);
    assert.ok(cert.checkPrivateKey(createPrivateKey(issued.keyPem)));
    for (const dns of leaf.options.dnsNames ?? []) assert.equal(cert.checkHost(dns), dns);
    for (const ip of leaf.options.ipAddresses ?? []) assert.equal(cert.checkIP(ip), ip);
    assert.equal(cert.checkHost('elsewhere.example'), undefined);
    assert.equal(Date.parse(cert.validTo), now + (leaf.options.days ?? 365) * 86400_000);

    const info = readCertificate(issued.certPem);
    assert.equal(info.subject.commonName, leaf.options.commonName);
    assert.deepEqual(info.subject.organizations, leaf.options.organizations ?? []);
    assert.deepEqual(info.ipAddresses, leaf.options.ipAddresses ?? []);
    assert.deepEqual(info.dnsNames, leaf.options.dnsNames ?? []);
    assert.deepEqual(info.extKeyUsage, leaf.ekus);
    assert.deepEqual(info.issuerRaw, readCertificate(ca.certPem).subjectRaw);
    assert.deepEqual(info.authorityKeyId, readCertificate(ca.certPem).subjectKeyId);
  });
}

test('issued certificates never outlive their CA, and only a CA with its own key may issue', () => {
  const shortCa = createCertificateAuthority('short', { now, days: 10 });
  const cert = new X509Certificate(issueCertificate(shortCa, { commonName: 'x', usage: 'client', now }).certPem);
  assert.equal(Date.parse(cert.validTo), now + 10 * 86400_000);
  const leaf = issueCertificate(ca, { commonName: 'leaf', usage: 'server', now });
  assert.throws(() => issueCertificate(leaf, { commonName: 'y', usage: 'client' }), /not a CA/);
  assert.throws(() => issueCertificate({ certPem: ca.certPem, keyPem: shortCa.keyPem }, { commonName: 'y', usage: 'client' }), /does not match/);
});

test('names: written O…, CN, UID; read back from other encodings too', () => {
  const name = encodeName({ commonName: 'alice', organizations: ['a', 'b'], uid: '42' });
  assert.deepEqual(decodeName(parseDer(name)), { commonName: 'alice', organizations: ['a', 'b'], uid: '42' });
  // A multi-valued RDN (as Go writes several O values), a PrintableString and a BMPString.
  const attr = (oid: string, value: Buffer): Buffer => der.sequence(der.oid(oid), value);
  const printable = Buffer.from([0x13, 2, ...Buffer.from('g1')]);
  const bmp = Buffer.from([0x1e, 4, 0, 0x67, 0, 0x32]);
  const cn = Buffer.from([0x13, 3, ...Buffer.from('bob')]);
  const other = der.set(attr('2.5.4.6', Buffer.from([0x13, 2, ...Buffer.from('DE')])));
  const goName = der.sequence(other, der.set(attr(nameOids.organization, printable), attr(nameOids.organization, bmp)), der.set(attr(nameOids.commonName, cn)));
  assert.deepEqual(decodeName(parseDer(goName)), { commonName: 'bob', organizations: ['g1', 'g2'], uid: undefined });
});

test('a TLS server requesting client certificates sees the issued client certificate as authorized', async () => {
  const server = issueCertificate(ca, { commonName: 'server', usage: 'server', ipAddresses: ['127.0.0.1'] });
  const client = issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
  const stranger = issueCertificate(createCertificateAuthority('other'), { commonName: 'mallory', usage: 'client' });
  const seen: { authorized: boolean; cn: string | undefined }[] = [];
  const srv = tls.createServer({ key: server.keyPem, cert: server.certPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false }, (socket) => {
    const peer = socket.getPeerCertificate(true);
    seen.push({ authorized: socket.authorized, cn: peer.raw === undefined ? undefined : readCertificate(peer.raw).subject.commonName });
    socket.end('bye');
  });
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as { port: number };
  try {
    for (const id of [client, stranger]) {
      const socket = tls.connect({ host: '127.0.0.1', port, ca: ca.certPem, cert: id.certPem, key: id.keyPem, servername: '' });
      await once(socket, 'secureConnect');
      assert.ok(socket.authorized, `client trusts the server: ${String(socket.authorizationError)}`);
      socket.resume();
      await once(socket, 'end');
      socket.destroy();
    }
  } finally {
    srv.close();
  }
  assert.deepEqual(seen, [{ authorized: true, cn: 'admin' }, { authorized: false, cn: 'mallory' }]);
});
