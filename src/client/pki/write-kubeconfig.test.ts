import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { kubeconfigYaml, writeKubeconfig } from './write-kubeconfig.ts';

const material = { server: 'https://127.0.0.1:6443', caPem: 'CA PEM\n', certPem: 'CERT PEM\n', keyPem: 'KEY PEM\n' };

test('kubeconfig: one cluster, user and context, PEM inline as base64', () => {
  const config = parse(kubeconfigYaml({ ...material, user: 'admin', cluster: 'k8ts', context: 'k8ts-admin' })) as unknown;
  assert.deepEqual(config, {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'k8ts', cluster: { server: material.server, 'certificate-authority-data': Buffer.from('CA PEM\n').toString('base64') } }],
    users: [{ name: 'admin', user: { 'client-certificate-data': Buffer.from('CERT PEM\n').toString('base64'), 'client-key-data': Buffer.from('KEY PEM\n').toString('base64') } }],
    contexts: [{ name: 'k8ts-admin', context: { cluster: 'k8ts', user: 'admin' } }],
    'current-context': 'k8ts-admin',
    preferences: {},
  });
});

test('kubeconfig: names default to "default"; long base64 stays on one line; the file is private', async () => {
  const text = kubeconfigYaml({ ...material, keyPem: 'k'.repeat(2000) });
  assert.match(text, /^current-context: default$/m);
  assert.match(text, /^ {6}client-key-data: [A-Za-z0-9+/=]{2000,}$/m);
  const dir = await mkdtemp(join(tmpdir(), 'k8ts-kubeconfig-'));
  try {
    const path = join(dir, 'kubeconfig.yaml');
    await writeKubeconfig(path, material);
    await writeKubeconfig(path, material); // overwriting is fine
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal(await readFile(path, 'utf8'), kubeconfigYaml(material));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
