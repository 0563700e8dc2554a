// The volume manager against a real `k8ts server` (its own process, controller-manager on, so
// namespaces get their `default` account and kube-root-ca.crt): a pod created through the API
// (which gives it the kube-api-access volume), its volumes set up on a real temp dir with tmpfs,
// a ConfigMap edit followed into the files, a token refreshed when the FakeClock passes 80% of
// its lifetime, and everything removed on tear-down.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { ConfigMap, Namespace, Pod, Secret, ServiceAccount } from '../../api/types/core/v1/index.ts';
import { RestClient } from '../../client/rest/client.ts';
import { withUserAgent } from '../../client/rest/config.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { HostVolumeManager } from './manager.ts';
import { mountsUnder } from './mounts.ts';
import { CONFIG_MAPS, SECRETS, SERVICE_ACCOUNTS } from './resources.ts';
import { pollUntil } from '../../client/informers/wait.ts';

const NS = 'volumes-it';
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces', namespaced: false };
let server: TestServer;
let client: RestClient;
let podsDir: string;

const until = <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => pollUntil(what, probe, { timeoutMs, intervalMs: 100 });

before(async () => {
  server = await TestServer.start();
  client = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'k8ts-volumes-test'));
  podsDir = await mkdtemp(join(tmpdir(), 'k8ts-volumes-it-'));
  await client.resource<Namespace>(NAMESPACES).create({ metadata: { name: NS } });
  await until('the default service account', () => client.resource<ServiceAccount>(SERVICE_ACCOUNTS).namespace(NS).get('default'));
  await until('kube-root-ca.crt', () => client.resource<ConfigMap>(CONFIG_MAPS).namespace(NS).get('kube-root-ca.crt'));
});

after(async () => {
  client?.close();
  await server?.stop();
  if (podsDir !== undefined) {
    assert.deepEqual(await mountsUnder(podsDir), [], 'no mount left behind');
    await rm(podsDir, { recursive: true, force: true });
  }
});

function claims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

test('a pod\'s volumes follow their sources while it runs, then go away', async () => {
  await client.resource<ConfigMap>(CONFIG_MAPS).namespace(NS).create({ metadata: { name: 'app' }, data: { greeting: 'hello' } });
  await client.resource<Secret>(SECRETS).namespace(NS).create({ metadata: { name: 'creds' }, stringData: { password: 's3cret' } });
  const pod = await client.resource<Pod>(PODS).namespace(NS).create({
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      nodeName: 'volumes-node',
      containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'cfg', mountPath: '/cfg' }] }],
      volumes: [
        { name: 'cfg', configMap: { name: 'app' } },
        { name: 'sec', secret: { secretName: 'creds' } },
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '2Mi' } },
      ],
    },
  });
  const uid = pod.metadata?.uid ?? '';
  const access = (pod.spec?.volumes ?? []).find((v) => v.name.startsWith('kube-api-access-'));
  assert.ok(access !== undefined, 'the API server added the credentials volume');

  const clock = new FakeClock(Date.now());
  const logs: string[] = [];
  const manager = new HostVolumeManager({ client, clock, podsDir, nodeName: 'volumes-node', log: (m) => logs.push(m) });
  const stop = new AbortController();
  const running = manager.run(stop.signal);
  try {
    const volumes = await manager.setUpPod(pod, stop.signal);
    const base = join(podsDir, uid, 'volumes');
    assert.deepEqual(Object.fromEntries(volumes), {
      cfg: { hostPath: join(base, 'kubernetes.io~configmap', 'cfg'), readOnly: true },
      sec: { hostPath: join(base, 'kubernetes.io~secret', 'sec'), readOnly: true },
      info: { hostPath: join(base, 'kubernetes.io~downward-api', 'info'), readOnly: true },
      scratch: { hostPath: join(base, 'kubernetes.io~empty-dir', 'scratch'), readOnly: false },
      [access.name]: { hostPath: join(base, 'kubernetes.io~projected', access.name), readOnly: true },
    });
    const file = (volume: string, name: string): Promise<string> => readFile(join(volumes.get(volume)?.hostPath ?? '', name), 'utf8');
    assert.equal(await file('cfg', 'greeting'), 'hello');
    assert.equal(await file('sec', 'password'), 's3cret');
    assert.equal(await file('info', 'labels'), 'app="web"');
    assert.equal(await file(access.name, 'namespace'), NS);
    assert.match(await file(access.name, 'ca.crt'), /^-----BEGIN CERTIFICATE-----/);
    const token = await file(access.name, 'token');
    const c = claims(token) as { exp: number; iat: number; sub: string; 'kubernetes.io': { pod?: { name: string; uid: string } } };
    assert.equal(c.sub, `system:serviceaccount:${NS}:default`);
    assert.deepEqual(c['kubernetes.io'].pod, { name: 'web', uid });
    assert.equal(c.exp - c.iat, 3607);
    assert.deepEqual((await mountsUnder(base)).sort(), [volumes.get('sec'), volumes.get('info'), volumes.get('scratch'), volumes.get(access.name)].map((v) => v?.hostPath).sort(),
      'secret, downwardAPI, projected and memory emptyDir volumes are tmpfs mounts');

    // A second sync with nothing changed writes nothing.
    const secretVersion = await readlink(join(volumes.get('sec')?.hostPath ?? '', '..data'));
    await manager.setUpPod(pod, stop.signal);
    assert.equal(await readlink(join(volumes.get('sec')?.hostPath ?? '', '..data')), secretVersion);

    // kubectl edit configmap: the file follows, through a new version.
    const cfgVersion = await readlink(join(volumes.get('cfg')?.hostPath ?? '', '..data'));
    await client.resource<ConfigMap>(CONFIG_MAPS).namespace(NS).patch('app', 'merge', { data: { greeting: 'bonjour' } });
    await until('the configMap file to change', async () => (await file('cfg', 'greeting')) === 'bonjour' ? true : undefined, 10_000);
    const entries = await readdir(volumes.get('cfg')?.hostPath ?? '');
    assert.equal(entries.filter((e) => e.startsWith('..2')).length, 1, 'the old version is gone');
    assert.notEqual(await readlink(join(volumes.get('cfg')?.hostPath ?? '', '..data')), cfgVersion);
    assert.equal(await readlink(join(volumes.get('sec')?.hostPath ?? '', '..data')), secretVersion, 'the secret was not rewritten');

    // New labels reach the downwardAPI file on the next sync.
    await manager.setUpPod({ ...pod, metadata: { ...pod.metadata, labels: { app: 'web', tier: 'front' } } }, stop.signal);
    assert.equal(await file('info', 'labels'), 'app="web"\ntier="front"');

    // 80% of the token's lifetime later, a new token replaces it.
    clock.advance(2870_000);
    assert.equal(await file(access.name, 'token'), token, 'not yet: 80% is 2885.6 s, less up to 10 s of jitter');
    clock.advance(20_000);
    const refreshed = await until('a new token', async () => {
      const now = await file(access.name, 'token');
      return now !== token ? now : undefined;
    }, 10_000);
    assert.deepEqual((claims(refreshed) as { 'kubernetes.io': { pod?: unknown } })['kubernetes.io'].pod, { name: 'web', uid });

    assert.deepEqual(await manager.podsOnDisk(), [uid]);
    await manager.tearDownPod(uid);
    await manager.tearDownPod(uid);
    assert.deepEqual(await mountsUnder(podsDir), []);
    assert.deepEqual(await manager.podsOnDisk(), []);
    assert.deepEqual(await readdir(podsDir), []);
  } finally {
    stop.abort();
    await running;
    await manager.tearDownPod(uid);
  }
});
