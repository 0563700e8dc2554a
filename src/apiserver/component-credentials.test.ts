import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { createCertificateAuthority } from '../client/pki/authority.ts';
import { readCertificate } from '../client/pki/read-certificate.ts';
import { writeComponentKubeconfigs } from './component-credentials.ts';

test('each hosted component gets a kubeconfig with its own client identity', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-cred-'));
  try {
    const ca = createCertificateAuthority('k8ts-ca');
    const paths = await writeComponentKubeconfigs(dir, ca, 'https://127.0.0.1:6443');
    const expected = { scheduler: 'system:kube-scheduler', 'controller-manager': 'system:kube-controller-manager' } as const;
    for (const [component, commonName] of Object.entries(expected) as Array<[keyof typeof expected, string]>) {
      const path = paths[component];
      assert.equal(statSync(path).mode & 0o777, 0o600, 'the kubeconfig holds a private key');
      const config = parse(readFileSync(path, 'utf8')) as { clusters: Array<{ cluster: { server: string } }>; users: Array<{ user: Record<string, string> }> };
      assert.equal(config.clusters[0]?.cluster.server, 'https://127.0.0.1:6443');
      const cert = readCertificate(Buffer.from(config.users[0]?.user['client-certificate-data'] ?? '', 'base64').toString('utf8'));
      assert.equal(cert.subject.commonName, commonName);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
