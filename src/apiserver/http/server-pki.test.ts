import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readCertificate } from '../../client/pki/read-certificate.ts';
import { ensureServerPki } from './server-pki.ts';

const dirs: string[] = [];
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'k8ts-pki-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const now = Date.UTC(2026, 0, 1);

test('first start creates the CA, serving and admin certificates; later starts reuse them', async () => {
  const dir = await dataDir();
  const first = await ensureServerPki(dir, { hostnames: ['k8ts.example'], ipAddresses: ['192.0.2.10'], now });
  assert.deepEqual(first.written, ['cluster-ca', 'serving', 'admin']);
  for (const name of ['cluster-ca', 'serving', 'admin']) {
    assert.equal((await stat(join(dir, 'tls', `${name}.key`))).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'tls', `${name}.crt`))).mode & 0o777, 0o644);
  }
  const ca = new X509Certificate(first.ca.certPem);
  const serving = new X509Certificate(first.serving.certPem);
  const admin = new X509Certificate(first.admin.certPem);
  assert.ok(ca.ca && serving.verify(ca.publicKey) && admin.verify(ca.publicKey));
  for (const ip of ['127.0.0.1', '10.43.0.1', '192.0.2.10', '::1']) assert.equal(serving.checkIP(ip), ip);
  for (const dns of ['localhost', hostname().toLowerCase(), 'kubernetes.default.svc', 'k8ts.example']) assert.equal(serving.checkHost(dns), dns);
  assert.equal(admin.subject, 'O=system:masters\nCN=admin');

  const again = await ensureServerPki(dir, { hostnames: ['k8ts.example'], ipAddresses: ['192.0.2.10'], now: now + 86400_000 });
  assert.deepEqual(again.written, []);
  assert.deepEqual([again.ca, again.serving, again.admin], [first.ca, first.serving, first.admin]);
});

test('changed names reissue the serving certificate only; nearing expiry reissues leaves, never the CA', async () => {
  const dir = await dataDir();
  const first = await ensureServerPki(dir, { now });
  const renamed = await ensureServerPki(dir, { hostnames: ['new.example'], now });
  assert.deepEqual(renamed.written, ['serving']);
  assert.deepEqual(readCertificate(renamed.serving.certPem).dnsNames.at(-1), 'new.example');
  assert.deepEqual(renamed.ca, first.ca);

  const late = await ensureServerPki(dir, { hostnames: ['new.example'], now: now + 300 * 86400_000 });
  assert.deepEqual(late.written, ['serving', 'admin']);
  assert.deepEqual(late.ca, first.ca);
});

test('a CA key that does not match its certificate, or a missing one, is an error', async () => {
  const dir = await dataDir();
  await ensureServerPki(dir, { now });
  const other = await ensureServerPki(await dataDir(), { now });
  await writeFile(join(dir, 'tls', 'cluster-ca.key'), other.ca.keyPem);
  await assert.rejects(ensureServerPki(dir, { now }), /does not belong/);
  await rm(join(dir, 'tls', 'cluster-ca.key'));
  await assert.rejects(ensureServerPki(dir, { now }), /found only one/);
});

test('a damaged leaf is issued again', async () => {
  const dir = await dataDir();
  await ensureServerPki(dir, { now });
  await writeFile(join(dir, 'tls', 'admin.crt'), 'garbage');
  assert.deepEqual((await ensureServerPki(dir, { now })).written, ['admin']);
});
