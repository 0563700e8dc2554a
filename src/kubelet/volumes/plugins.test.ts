import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ConfigMap, HostPathVolumeSource, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Volume } from '../../api/types/core/v1/index.ts';
import { VolumeNotReadyError } from '../seams.ts';
import { refKey, type ObjectRef } from './object-watches.ts';
import { mountsUnder, mountTmpfs, unmount } from './mounts.ts';
import { setUpVolume, type PluginContext } from './plugins.ts';
import type { TokenAsk } from './tokens.ts';

let root: string;
before(async () => { root = await mkdtemp(join(tmpdir(), 'k8ts-plugins-')); });
after(async () => {
  for (const point of await mountsUnder(root)) await unmount(point);
  await rm(root, { recursive: true, force: true });
});

const b64 = (s: string): string => Buffer.from(s).toString('base64');
const NOW = Date.UTC(2026, 10, 26, 2, 5, 0);

interface World {
  configMaps?: Record<string, ConfigMap>;
  secrets?: Record<string, Secret>;
  claims?: Record<string, PersistentVolumeClaim>;
  volumes?: Record<string, PersistentVolume>;
  tmpfsAllowed?: boolean;
}

function context(dir: string, world: World, asked: TokenAsk[] = []): PluginContext & { tmpfsCalls: Array<[string, bigint | undefined]> } {
  const tmpfsCalls: Array<[string, bigint | undefined]> = [];
  const lookup = <T>(map: Record<string, T> | undefined, ref: ObjectRef): T | undefined => map?.[refKey(ref)];
  return {
    volumesDir: dir,
    tmpfsCalls,
    sources: {
      getConfigMap: async (ref) => lookup(world.configMaps, ref),
      getSecret: async (ref) => lookup(world.secrets, ref),
      token: async (ask) => { asked.push(ask); return `token-for-${ask.serviceAccount}-${ask.audience}`; },
      allocatable: async () => ({ cpu: '4', memory: '8Gi', 'ephemeral-storage': '100Gi' }),
    },
    getClaim: async (ns, name) => world.claims?.[`${ns}/${name}`],
    getVolume: async (name) => world.volumes?.[name],
    tmpfs: async (d, size) => {
      tmpfsCalls.push([d, size]);
      if (world.tmpfsAllowed !== true) return false;
      await mountTmpfs(d, size);
      return true;
    },
    now: () => NOW,
  };
}

const pod: Pod = {
  metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1', labels: { app: 'web', tier: 'front"end' }, annotations: { b: '2', a: '1' } },
  spec: {
    serviceAccountName: 'robot',
    containers: [{ name: 'c', image: 'busybox', resources: { limits: { memory: '64Mi', cpu: '500m' }, requests: { cpu: '250m' } } }],
  },
};

test('hostPath: each type is checked (and the *OrCreate types created) as upstream does', async () => {
  const base = join(root, 'host');
  await mkdir(join(base, 'dir'), { recursive: true });
  await writeFile(join(base, 'file'), 'x');
  const sock = join(base, 'sock');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  try {
    const cases: Array<{ path: string; type?: string; error?: string; check?: () => Promise<void> }> = [
      { path: join(base, 'dir'), type: 'Directory' },
      { path: join(base, 'file'), type: 'Directory', error: `hostPath type check failed: ${join(base, 'file')} is not a directory` },
      { path: join(base, 'missing'), type: 'Directory', error: `hostPath type check failed: ${join(base, 'missing')} is not a directory` },
      { path: join(base, 'new/deep'), type: 'DirectoryOrCreate', check: async () => assert.equal((await stat(join(base, 'new/deep'))).mode & 0o777, 0o755 & ~process.umask()) },
      { path: join(base, 'file'), type: 'DirectoryOrCreate', error: `hostPath type check failed: ${join(base, 'file')} is not a directory` },
      { path: join(base, 'file'), type: 'File' },
      { path: join(base, 'dir'), type: 'File', error: `hostPath type check failed: ${join(base, 'dir')} is not a file` },
      { path: join(base, 'made'), type: 'FileOrCreate', check: async () => assert.ok((await stat(join(base, 'made'))).isFile()) },
      { path: sock, type: 'Socket' },
      { path: join(base, 'file'), type: 'Socket', error: `hostPath type check failed: ${join(base, 'file')} is not a socket file` },
      { path: '/dev/null', type: 'CharDevice' },
      { path: join(base, 'file'), type: 'CharDevice', error: `hostPath type check failed: ${join(base, 'file')} is not a character device` },
      { path: '/dev/null', type: 'BlockDevice', error: 'hostPath type check failed: /dev/null is not a block device' },
      { path: join(base, 'anything-at-all') },
      { path: join(base, 'dir'), type: 'Bogus', error: 'Bogus is an invalid volume type' },
    ];
    for (const c of cases) {
      // 'Bogus' is outside the type on purpose: the node must refuse what validation let through.
      const hostPath = { path: c.path, ...(c.type === undefined ? {} : { type: c.type }) } as HostPathVolumeSource;
      const volume: Volume = { name: 'h', hostPath };
      const run = setUpVolume(context(join(root, 'v-host'), {}), pod, volume, new AbortController().signal);
      if (c.error === undefined) {
        assert.deepEqual(await run, { hostPath: c.path, readOnly: false }, `${c.type ?? '""'} ${c.path}`);
        await c.check?.();
      } else {
        await assert.rejects(run, (err: unknown) => err instanceof VolumeNotReadyError && err.volume === 'h' && err.message === c.error, `${c.type} ${c.path}`);
      }
    }
  } finally {
    server.close();
  }
});

test('emptyDir on disk: a world-writable directory in the upstream layout', async () => {
  const dir = join(root, 'p-empty', 'volumes');
  const hv = await setUpVolume(context(dir, {}), pod, { name: 'scratch', emptyDir: {} }, new AbortController().signal);
  assert.deepEqual(hv, { hostPath: join(dir, 'kubernetes.io~empty-dir', 'scratch'), readOnly: false });
  assert.equal((await stat(hv.hostPath)).mode & 0o777, 0o777);
});

test('emptyDir medium Memory: a tmpfs sized by sizeLimit, the pod limit or the node', async () => {
  const cases: Array<{ name: string; sizeLimit?: string; pod: Pod; want: bigint }> = [
    { name: 'limit', sizeLimit: '1Mi', pod, want: 1048576n },
    { name: 'podlimit', pod, want: 64n * 1048576n },
    { name: 'bigger-than-pod', sizeLimit: '1Gi', pod, want: 64n * 1048576n },
    { name: 'node', pod: { ...pod, spec: { containers: [{ name: 'c', image: 'x' }] } }, want: 8n * 1024n * 1048576n },
  ];
  const dir = join(root, 'p-mem', 'volumes');
  for (const c of cases) {
    const ctx = context(dir, { tmpfsAllowed: true });
    const hv = await setUpVolume(ctx, c.pod, { name: c.name, emptyDir: { medium: 'Memory', ...(c.sizeLimit === undefined ? {} : { sizeLimit: c.sizeLimit }) } }, new AbortController().signal);
    assert.deepEqual(ctx.tmpfsCalls, [[hv.hostPath, c.want]], c.name);
    assert.ok((await mountsUnder(hv.hostPath)).includes(hv.hostPath), `${c.name} is mounted`);
    // Set up again (every sync does): no second mount.
    await setUpVolume(ctx, c.pod, { name: c.name, emptyDir: { medium: 'Memory' } }, new AbortController().signal);
    assert.equal(ctx.tmpfsCalls.length, 1);
  }
  const info = await readFile('/proc/self/mountinfo', 'utf8');
  assert.match(info, new RegExp(`${join(dir, 'kubernetes.io~empty-dir', 'limit')} .* tmpfs tmpfs rw,.*size=1024k`));
  await assert.rejects(setUpVolume(context(join(root, 'p-mem2'), {}), pod, { name: 'm', emptyDir: { medium: 'Memory' } }, new AbortController().signal),
    /cannot mount a tmpfs/);
});

test('configMap and secret volumes: items, modes, optional, missing objects and keys', async () => {
  const world: World = {
    configMaps: { 'configmaps/ns1/cfg': { metadata: { name: 'cfg' }, data: { 'app.conf': 'x=1', other: 'o' }, binaryData: { bin: b64('\u0001\u0002') } } },
    secrets: { 'secrets/ns1/creds': { metadata: { name: 'creds' }, data: { user: b64('admin'), pass: b64('s3cret') } } },
  };
  const cases: Array<{ volume: Volume; files?: Record<string, [string, number]>; error?: string }> = [
    { volume: { name: 'all', configMap: { name: 'cfg' } }, files: { 'app.conf': ['x=1', 0o644], other: ['o', 0o644], bin: ['\u0001\u0002', 0o644] } },
    { volume: { name: 'items', configMap: { name: 'cfg', defaultMode: 0o440, items: [{ key: 'app.conf', path: 'conf/app' }, { key: 'other', path: 'o', mode: 0o600 }] } },
      files: { 'conf/app': ['x=1', 0o440], o: ['o', 0o600] } },
    { volume: { name: 'nokey', configMap: { name: 'cfg', items: [{ key: 'nope', path: 'n' }] } }, error: 'configmap references non-existent config key: nope' },
    { volume: { name: 'nokey-opt', configMap: { name: 'cfg', optional: true, items: [{ key: 'nope', path: 'n' }, { key: 'other', path: 'o' }] } }, files: { o: ['o', 0o644] } },
    { volume: { name: 'missing', configMap: { name: 'ghost' } }, error: 'configmap "ghost" not found' },
    { volume: { name: 'missing-opt', configMap: { name: 'ghost', optional: true } }, files: {} },
    { volume: { name: 'sec', secret: { secretName: 'creds', defaultMode: 0o400 } }, files: { user: ['admin', 0o400], pass: ['s3cret', 0o400] } },
    { volume: { name: 'sec-items', secret: { secretName: 'creds', items: [{ key: 'nope', path: 'x' }] } }, error: 'references non-existent secret key: nope' },
    { volume: { name: 'sec-missing', secret: { secretName: 'ghost' } }, error: 'secret "ghost" not found' },
  ];
  const dir = join(root, 'p-cm', 'volumes');
  for (const c of cases) {
    const run = setUpVolume(context(dir, world), pod, c.volume, new AbortController().signal);
    if (c.error !== undefined) {
      await assert.rejects(run, (err: unknown) => err instanceof VolumeNotReadyError && err.message === c.error && err.volume === c.volume.name, c.volume.name);
      continue;
    }
    const hv = await run;
    const plugin = c.volume.secret === undefined ? 'kubernetes.io~configmap' : 'kubernetes.io~secret';
    assert.deepEqual(hv, { hostPath: join(dir, plugin, c.volume.name), readOnly: true });
    const visible = (await readdir(hv.hostPath)).filter((n) => !n.startsWith('..')).sort();
    assert.deepEqual(visible, [...new Set(Object.keys(c.files ?? {}).map((p) => p.split('/')[0] ?? p))].sort(), c.volume.name);
    for (const [path, [text, mode]] of Object.entries(c.files ?? {})) {
      assert.equal(await readFile(join(hv.hostPath, path), 'utf8'), text, `${c.volume.name}/${path}`);
      assert.equal((await stat(join(hv.hostPath, path))).mode & 0o7777, mode, `${c.volume.name}/${path} mode`);
    }
    if (visible.length > 0) assert.equal(await readlink(join(hv.hostPath, visible[0] ?? '')), `..data/${visible[0] ?? ''}`);
  }
});

test('downwardAPI and projected volumes: fields, resources, token, all sources in one write', async () => {
  const world: World = { configMaps: { 'configmaps/ns1/kube-root-ca.crt': { metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': 'PEM' } } } };
  const asked: TokenAsk[] = [];
  const ctx = context(join(root, 'p-dw', 'volumes'), world, asked);
  const signal = new AbortController().signal;
  const dw = await setUpVolume(ctx, pod, { name: 'info', downwardAPI: { items: [
    { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
    { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
    { path: 'name', fieldRef: { fieldPath: 'metadata.name' } },
    { path: 'app', fieldRef: { fieldPath: "metadata.labels['app']" } },
    { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } },
    { path: 'cpu_limit', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1m' } },
    { path: 'cpu_limit_cores', resourceFieldRef: { containerName: 'c', resource: 'limits.cpu' } },
    { path: 'mem_limit', resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } },
    { path: 'storage_limit', resourceFieldRef: { containerName: 'c', resource: 'limits.ephemeral-storage', divisor: '1Gi' } },
    { path: 'cpu_request', resourceFieldRef: { containerName: 'c', resource: 'requests.cpu', divisor: '1m' } },
  ] } }, signal);
  const read = (name: string): Promise<string> => readFile(join(dw.hostPath, name), 'utf8');
  assert.equal(await read('labels'), 'app="web"\ntier="front\\"end"');
  assert.equal(await read('annotations'), 'a="1"\nb="2"');
  assert.equal(await read('name'), 'web');
  assert.equal(await read('app'), 'web');
  assert.equal(await read('uid'), 'uid-1');
  assert.equal(await read('cpu_limit'), '500');
  assert.equal(await read('cpu_limit_cores'), '1');
  assert.equal(await read('mem_limit'), '64');
  assert.equal(await read('storage_limit'), '100');
  assert.equal(await read('cpu_request'), '250');
  await assert.rejects(setUpVolume(ctx, pod, { name: 'bad', downwardAPI: { items: [{ path: 'ip', fieldRef: { fieldPath: 'status.podIP' } }] } }, signal),
    { message: 'unsupported fieldPath: status.podIP' });

  const projected: Volume = { name: 'kube-api-access-abcde', projected: { defaultMode: 0o644, sources: [
    { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
    { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
    { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
  ] } };
  const pj = await setUpVolume(ctx, pod, projected, signal);
  assert.equal(pj.readOnly, true);
  assert.equal(await readFile(join(pj.hostPath, 'token'), 'utf8'), 'token-for-robot-');
  assert.equal(await readFile(join(pj.hostPath, 'ca.crt'), 'utf8'), 'PEM');
  assert.equal(await readFile(join(pj.hostPath, 'namespace'), 'utf8'), 'ns1');
  assert.deepEqual(asked, [{ namespace: 'ns1', serviceAccount: 'robot', audience: '', expirationSeconds: 3607, podName: 'web', podUid: 'uid-1' }]);
  // One version dir holds every source.
  assert.equal((await readdir(join(pj.hostPath, '..data'))).sort().join(','), 'ca.crt,namespace,token');
  await assert.rejects(setUpVolume(ctx, pod, { name: 'p2', projected: { sources: [{ configMap: { name: 'nope' } }, { secret: { name: 'nope' } }] } }, signal),
    { message: '[configmap "nope" not found, secret "nope" not found]' });
});

test('persistentVolumeClaim: bound hostPath and local volumes; unbound and missing claims wait', async () => {
  const world: World = {
    claims: {
      'ns1/data': { metadata: { name: 'data', uid: 'c1' }, spec: { volumeName: 'pv-host' }, status: { phase: 'Bound' } },
      'ns1/local': { metadata: { name: 'local', uid: 'c2' }, spec: { volumeName: 'pv-local' }, status: { phase: 'Bound' } },
      'ns1/pending': { metadata: { name: 'pending', uid: 'c3' }, spec: {}, status: { phase: 'Pending' } },
      'ns1/nfs': { metadata: { name: 'nfs', uid: 'c4' }, spec: { volumeName: 'pv-nfs' }, status: { phase: 'Bound' } },
    },
    volumes: {
      'pv-host': { metadata: { name: 'pv-host' }, spec: { hostPath: { path: join(root, 'pv-host'), type: 'DirectoryOrCreate' }, claimRef: { uid: 'c1' } } },
      'pv-local': { metadata: { name: 'pv-local' }, spec: { local: { path: join(root, 'pv-local') }, claimRef: { uid: 'c2' } } },
      'pv-nfs': { metadata: { name: 'pv-nfs' }, spec: { nfs: { server: 'x', path: '/' } } },
    },
  };
  await mkdir(join(root, 'pv-local'));
  const ctx = context(join(root, 'p-pvc'), world);
  const signal = new AbortController().signal;
  const cases: Array<{ claim: string; readOnly?: boolean; want?: { hostPath: string; readOnly: boolean }; error?: string }> = [
    { claim: 'data', want: { hostPath: join(root, 'pv-host'), readOnly: false } },
    { claim: 'data', readOnly: true, want: { hostPath: join(root, 'pv-host'), readOnly: true } },
    { claim: 'local', want: { hostPath: join(root, 'pv-local'), readOnly: false } },
    { claim: 'pending', error: 'persistentvolumeclaim pending not bound' },
    { claim: 'ghost', error: 'persistentvolumeclaim "ghost" not found' },
    { claim: 'nfs', error: 'persistentvolume pv-nfs is neither hostPath nor local: not supported on this node' },
  ];
  for (const c of cases) {
    const run = setUpVolume(ctx, pod, { name: 'v', persistentVolumeClaim: { claimName: c.claim, ...(c.readOnly === undefined ? {} : { readOnly: c.readOnly }) } }, signal);
    if (c.want !== undefined) assert.deepEqual(await run, c.want, c.claim);
    else await assert.rejects(run, (err: unknown) => err instanceof VolumeNotReadyError && err.message === c.error, c.claim);
  }
  await assert.rejects(setUpVolume(ctx, pod, { name: 'n', nfs: { server: 's', path: '/' } }, signal), /no volume plugin matched/);

  // Generic ephemeral volumes: the claim <pod>-<volume>, made for this pod.
  const owner = { apiVersion: 'v1', kind: 'Pod', name: 'web', uid: 'uid-1', controller: true };
  world.claims = {
    'ns1/web-scratch': { metadata: { name: 'web-scratch', uid: 'c5', ownerReferences: [owner] }, spec: { volumeName: 'pv-host' }, status: { phase: 'Bound' } },
    'ns1/web-stolen': { metadata: { name: 'web-stolen', uid: 'c6', ownerReferences: [{ ...owner, uid: 'other' }] }, spec: { volumeName: 'pv-host' }, status: { phase: 'Bound' } },
  };
  world.volumes!['pv-host']!.spec!.claimRef = { uid: 'c5' };
  assert.deepEqual(await setUpVolume(ctx, pod, { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }, signal), { hostPath: join(root, 'pv-host'), readOnly: false });
  await assert.rejects(setUpVolume(ctx, pod, { name: 'stolen', ephemeral: { volumeClaimTemplate: { spec: {} } } }, signal),
    { message: 'PVC ns1/web-stolen was not created for pod ns1/web (pod is not owner)' });
});

test('fsGroup: written files and new emptyDirs belong to the group, as upstream sets them', async () => {
  const world: World = { configMaps: { 'configmaps/ns1/cfg': { metadata: { name: 'cfg' }, data: { a: '1' } } } };
  const grouped: Pod = { ...pod, spec: { ...pod.spec, containers: pod.spec?.containers ?? [], securityContext: { fsGroup: 4321 } } };
  const ctx = context(join(root, 'p-fsgroup', 'volumes'), world);
  const signal = new AbortController().signal;
  const cm = await setUpVolume(ctx, grouped, { name: 'cfg', configMap: { name: 'cfg', defaultMode: 0o600 } }, signal);
  const info = await stat(join(cm.hostPath, 'a'));
  assert.equal(info.gid, 4321);
  assert.equal(info.mode & 0o7777, 0o640, 'group read added to a read-only volume');
  assert.equal((await stat(join(cm.hostPath, '..data'))).mode & 0o7777, 0o2750 | 0o755, 'directories setgid, group r-x');
  const version = await readlink(join(cm.hostPath, '..data'));
  await setUpVolume(ctx, grouped, { name: 'cfg', configMap: { name: 'cfg', defaultMode: 0o600 } }, signal);
  assert.equal(await readlink(join(cm.hostPath, '..data')), version, 'the added bits do not make every sync rewrite');

  const pj = await setUpVolume(ctx, grouped, { name: 'tok', projected: { defaultMode: 0o644, sources: [{ serviceAccountToken: { path: 'token' } }] } }, signal);
  const token = await stat(join(pj.hostPath, 'token'));
  assert.deepEqual([token.gid, token.mode & 0o7777], [4321, 0o640], 'the token is 0600 then 0640 for the group');

  const ed = await setUpVolume(ctx, grouped, { name: 'scratch', emptyDir: {} }, signal);
  const dir = await stat(ed.hostPath);
  assert.deepEqual([dir.gid, dir.mode & 0o7777], [4321, 0o2777]);
  await setUpVolume(ctx, grouped, { name: 'scratch', emptyDir: {} }, signal);
  const again = await stat(ed.hostPath);
  assert.deepEqual([again.gid, again.mode & 0o7777], [4321, 0o2777], 'a later sync keeps the setgid bit, so new files still get the group');
});
