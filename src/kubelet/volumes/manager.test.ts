import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Pod, Volume } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { VolumeNotReadyError } from '../seams.ts';
import { HostVolumeManager } from './manager.ts';
import { mountsUnder, unmount } from './mounts.ts';

let root: string;
before(async () => { root = await mkdtemp(join(tmpdir(), 'k8ts-volmgr-')); });
after(async () => {
  for (const point of await mountsUnder(root)) await unmount(point);
  await rm(root, { recursive: true, force: true });
});

/** No API server: these pods need none (the node's size falls back to the machine's). */
const offline = { resource: () => { throw new Error('offline'); } } as unknown as RestClient;

function manager(podsDir: string, logs: string[] = []): HostVolumeManager {
  return new HostVolumeManager({ client: offline, clock: new FakeClock(), podsDir, nodeName: 'n1', log: (m) => logs.push(m) });
}

const pod = (uid: string, volumes: Volume[]): Pod => ({
  metadata: { name: `p-${uid}`, namespace: 'ns', uid }, spec: { containers: [{ name: 'c', image: 'x' }], volumes },
});

test('set up, list and tear down: directories and tmpfs mounts come and go', async () => {
  const podsDir = join(root, 'pods');
  const m = manager(podsDir);
  assert.deepEqual(await m.podsOnDisk(), [], 'no pods dir yet');
  const signal = new AbortController().signal;
  const hostDir = join(root, 'host-data');
  const volumes = await m.setUpPod(pod('u1', [
    { name: 'scratch', emptyDir: {} },
    { name: 'mem', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } },
    { name: 'data', hostPath: { path: hostDir, type: 'DirectoryOrCreate' } },
  ]), signal);
  assert.deepEqual([...volumes.keys()], ['scratch', 'mem', 'data']);
  assert.deepEqual(volumes.get('data'), { hostPath: hostDir, readOnly: false });
  assert.deepEqual(await mountsUnder(join(podsDir, 'u1')), [volumes.get('mem')?.hostPath]);
  await writeFile(join(volumes.get('scratch')?.hostPath ?? '', 'f'), 'x');
  await m.setUpPod(pod('u2', [{ name: 'scratch', emptyDir: {} }]), signal);
  assert.deepEqual(await m.podsOnDisk(), ['u1', 'u2']);

  await m.tearDownPod('u1');
  await m.tearDownPod('u1');
  await m.tearDownPod('never-seen');
  assert.deepEqual(await m.podsOnDisk(), ['u2']);
  assert.deepEqual(await mountsUnder(podsDir), []);
  assert.ok((await stat(hostDir)).isDirectory(), 'a hostPath is never removed');
  assert.deepEqual(await readdir(podsDir), ['u2']);
});

test('one volume not ready: the error names it, the others are still set up', async () => {
  const podsDir = join(root, 'partial');
  const m = manager(podsDir);
  const run = m.setUpPod(pod('u3', [
    { name: 'missing', hostPath: { path: join(root, 'nope'), type: 'Directory' } },
    { name: 'scratch', emptyDir: {} },
  ]), new AbortController().signal);
  await assert.rejects(run, (err: unknown) => err instanceof VolumeNotReadyError && err.volume === 'missing'
    && err.message === `hostPath type check failed: ${join(root, 'nope')} is not a directory`);
  assert.ok((await stat(join(podsDir, 'u3/volumes/kubernetes.io~empty-dir/scratch'))).isDirectory());
});

test('UIDs that are not plain names are refused before any file is touched', async () => {
  const m = manager(join(root, 'bad'));
  for (const uid of ['', '..', '../../etc', 'a/b']) {
    await assert.rejects(m.setUpPod(pod(uid, [{ name: 's', emptyDir: {} }]), new AbortController().signal), VolumeNotReadyError, JSON.stringify(uid));
    await assert.rejects(m.tearDownPod(uid), /cannot name a directory/, JSON.stringify(uid));
  }
  await assert.rejects(readdir(join(root, 'bad')), { code: 'ENOENT' });
});

test('run() returns promptly once aborted', async () => {
  const m = manager(join(root, 'run'));
  const stop = new AbortController();
  const running = m.run(stop.signal);
  stop.abort();
  await running;
});
