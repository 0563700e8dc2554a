import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { realClock } from '../../api/clock.ts';
import { StatusError } from '../../api/status.ts';
import type { Pod, ServiceAccount } from '../../api/types/core/v1/index.ts';
import { WatchCache } from '../../storage/cache/watch-cache.ts';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.ts';
import { admissionChain } from './admission-chain.ts';
import { mountServiceAccountToken, serviceAccountAdmission, tokenVolume } from './admission-serviceaccount.ts';
import { GenericStore, type RequestScope } from './generic-store.ts';
import { pods } from './core/pods/strategy.ts';
import { serviceaccounts } from './core/serviceaccounts/strategy.ts';
import { leases } from './coordination/leases/strategy.ts';
import { keys } from './resource.ts';
import { decodeStored } from './stored.ts';

const MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
let dir: string;
let store: SqliteStore;
let cache: WatchCache;
const stop = new AbortController();
let podStore: GenericStore<Pod>;
let accountStore: GenericStore<ServiceAccount>;
const scope = (namespace: string): RequestScope => ({ namespace, dryRun: false });

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'k8ts-sa-admission-'));
  store = await SqliteStore.open(join(dir, 'state.db'));
  cache = new WatchCache(store, { prefix: '/registry/', bucketOf: keys.bucketOf, decode: (kv) => decodeStored(kv) });
  void cache.run(stop.signal);
  await cache.ready();
  const admission = admissionChain(serviceAccountAdmission(cache, realClock));
  podStore = new GenericStore(pods, { store, cache, admission });
  accountStore = new GenericStore(serviceaccounts, { store, cache });
  for (const sa of [
    { metadata: { name: 'default', namespace: 'ns' } },
    { metadata: { name: 'robot', namespace: 'ns' }, automountServiceAccountToken: false },
    { metadata: { name: 'puller', namespace: 'ns' }, imagePullSecrets: [{ name: 'regcred' }] },
  ]) await accountStore.create(scope('ns'), sa);
});

after(async () => {
  stop.abort();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fixedName = (base: string): string => `${base}abcde`;

test('the credentials volume and mounts, as upstream adds them', () => {
  const withMount = (path: string): { name: string; mountPath: string } => ({ name: 'mine', mountPath: path });
  const cases: Array<{ name: string; pod: Pod; mounts: Record<string, string[]>; volumes: string[] }> = [
    { name: 'every container and init container', pod: { spec: { initContainers: [{ name: 'i' }], containers: [{ name: 'a' }, { name: 'b' }] } },
      mounts: { i: ['kube-api-access-abcde'], a: ['kube-api-access-abcde'], b: ['kube-api-access-abcde'] }, volumes: ['kube-api-access-abcde'] },
    { name: 'a container with its own mount at the path keeps it', pod: { spec: { containers: [{ name: 'a', volumeMounts: [withMount(MOUNT)] }, { name: 'b' }], volumes: [{ name: 'mine', emptyDir: {} }] } },
      mounts: { a: ['mine'], b: ['kube-api-access-abcde'] }, volumes: ['mine', 'kube-api-access-abcde'] },
    { name: 'no container needs it: no volume', pod: { spec: { containers: [{ name: 'a', volumeMounts: [withMount(MOUNT)] }], volumes: [{ name: 'mine', emptyDir: {} }] } },
      mounts: { a: ['mine'] }, volumes: ['mine'] },
    { name: 'an existing kube-api-access volume is reused', pod: { spec: { containers: [{ name: 'a' }], volumes: [{ name: 'kube-api-access-zzzzz', emptyDir: {} }] } },
      mounts: { a: ['kube-api-access-zzzzz'] }, volumes: ['kube-api-access-zzzzz'] },
  ];
  for (const c of cases) {
    const pod = structuredClone(c.pod);
    mountServiceAccountToken(pod, fixedName);
    const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    assert.deepEqual(Object.fromEntries(containers.map((x) => [x.name, (x.volumeMounts ?? []).map((m) => m.name)])), c.mounts, c.name);
    for (const m of containers.flatMap((x) => x.volumeMounts ?? []).filter((m) => m.name.startsWith('kube-api-access'))) {
      assert.deepEqual(m, { name: m.name, readOnly: true, mountPath: MOUNT }, c.name);
    }
    assert.deepEqual((pod.spec?.volumes ?? []).map((v) => v.name), c.volumes, c.name);
  }
  assert.deepEqual(tokenVolume('kube-api-access-abcde'), {
    name: 'kube-api-access-abcde',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
});

function pod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, annotations?: Record<string, string>): Pod {
  return { metadata: { name, ...(annotations === undefined ? {} : { annotations }) }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } };
}

test('on create: account defaulted, looked up, automount honoured, pull secrets copied', async () => {
  const cases: Array<{ name: string; pod: Pod; account: string; mounted: boolean; pullSecrets?: string[] }> = [
    { name: 'default account', pod: pod('p1'), account: 'default', mounted: true },
    { name: 'deprecated serviceAccount field', pod: pod('p2', { serviceAccount: 'puller' }), account: 'puller', mounted: true, pullSecrets: ['regcred'] },
    { name: 'account says no', pod: pod('p3', { serviceAccountName: 'robot' }), account: 'robot', mounted: false },
    { name: 'pod overrides account', pod: pod('p4', { serviceAccountName: 'robot', automountServiceAccountToken: true }), account: 'robot', mounted: true },
    { name: 'pod says no', pod: pod('p5', { automountServiceAccountToken: false }), account: 'default', mounted: false },
    { name: 'own pull secrets kept', pod: pod('p6', { serviceAccountName: 'puller', imagePullSecrets: [{ name: 'mine' }] }), account: 'puller', mounted: true, pullSecrets: ['mine'] },
  ];
  for (const c of cases) {
    const created = await podStore.create(scope('ns'), c.pod);
    assert.equal(created.spec?.serviceAccountName, c.account, c.name);
    assert.equal(created.spec?.serviceAccount, c.account, c.name);
    const volume = (created.spec?.volumes ?? []).find((v) => v.name.startsWith('kube-api-access-'));
    assert.equal(volume !== undefined, c.mounted, c.name);
    if (volume !== undefined) {
      assert.match(volume.name, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.deepEqual(created.spec?.containers[0]?.volumeMounts, [{ name: volume.name, readOnly: true, mountPath: MOUNT }], c.name);
    }
    assert.deepEqual((created.spec?.imagePullSecrets ?? []).map((s) => s.name), c.pullSecrets ?? [], c.name);
    // What was stored is what was answered.
    assert.deepEqual((await podStore.get(scope('ns'), c.pod.metadata?.name ?? '')).spec?.volumes, created.spec?.volumes, c.name);
  }
});

test('a missing account is refused (403); the default one only while a controller-manager could make it', async () => {
  await assert.rejects(podStore.create(scope('ns'), pod('ghostly', { serviceAccountName: 'ghost' })), (err: unknown) =>
    err instanceof StatusError && err.status.code === 403 && err.status.reason === 'Forbidden'
    && err.status.message === 'pods "ghostly" is forbidden: error looking up service account ns/ghost: serviceaccount "ghost" not found');

  // No controller-manager: nobody makes `default`, the pod is admitted without credentials.
  const lonely = await podStore.create(scope('empty'), pod('lonely'));
  assert.equal(lonely.spec?.serviceAccountName, 'default');
  assert.equal(lonely.spec?.volumes, undefined);

  // A live controller-manager: the account is waited for, then the pod is refused.
  const leaseStore = new GenericStore(leases, { store, cache });
  const renewTime = new Date().toISOString().replace('Z', '000Z');
  await leaseStore.create(scope('kube-system'), { metadata: { name: 'kube-controller-manager' }, spec: { holderIdentity: 'cm-1', leaseDurationSeconds: 15, renewTime } });
  const started = Date.now();
  await assert.rejects(podStore.create(scope('empty'), pod('waits')), (err: unknown) =>
    err instanceof StatusError && err.status.code === 403
    && err.status.message === 'pods "waits" is forbidden: error looking up service account empty/default: serviceaccount "default" not found');
  assert.ok(Date.now() - started >= 900, 'retried for about a second');

  // The controller makes the account meanwhile: the pod is admitted with its credentials.
  const creating = podStore.create(scope('later'), pod('patient'));
  setTimeout(() => void accountStore.create(scope('later'), { metadata: { name: 'default', namespace: 'later' } }), 250);
  const patient = await creating;
  assert.ok((patient.spec?.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-')));
});

test('mirror pods are left alone but may not reference accounts, secrets or tokens', async () => {
  const mirror = { 'kubernetes.io/config.mirror': 'abc' };
  const created = await podStore.create(scope('ns'), pod('static-web', { nodeName: 'n1' }, mirror));
  assert.equal(created.spec?.volumes, undefined);
  assert.equal(created.spec?.containers[0]?.volumeMounts, undefined);
  const refused: Array<[Partial<NonNullable<Pod['spec']>>, string]> = [
    [{ volumes: [{ name: 's', secret: { secretName: 'x' } }] }, 'a mirror pod may not reference secrets'],
    [{ containers: [{ name: 'c', image: 'busybox', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }] }, 'a mirror pod may not reference secrets'],
    [{ imagePullSecrets: [{ name: 'regcred' }] }, 'a mirror pod may not reference secrets'],
  ];
  for (const [spec, message] of refused) {
    await assert.rejects(podStore.create(scope('ns'), pod('static-bad', { nodeName: 'n1', ...spec }, mirror)), (err: unknown) =>
      err instanceof StatusError && err.status.code === 403 && err.status.message === `pods "static-bad" is forbidden: ${message}`);
  }
});
