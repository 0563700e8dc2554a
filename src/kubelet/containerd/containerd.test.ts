// End to end against a real containerd: ManagedContainerd starts it under a temp dir, the
// built-in pause and busybox images are imported, and one pod runs through the CriClient.
// One pod uses the node's network namespace (NamespaceMode NODE); another gets an IP from a
// CNI bridge network (bridge k8tstest0, 10.244.250.0/24, no masquerade, no portmap) that the
// test deletes afterwards, restoring net.ipv4.ip_forward, which the bridge plugin turns on. Needs root and the Debian packages containerd, runc, containernetworking-plugins,
// catatonit, busybox-static (npm test installs them as root); fails with a clear message otherwise. Removes everything it created.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { CriClient } from '../cri/client.ts';
import type { PodSandboxConfig } from '../cri/types.ts';
import { busyboxImageDefinition, pauseImageDefinition } from '../images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../images/import.ts';
import { writeBridgeConflist } from './cni.ts';
import { checkContainerdBinaries, ManagedContainerd } from './managed.ts';

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root';
  try {
    checkContainerdBinaries();
    execFileSync('sh', ['-c', 'test -x /usr/bin/catatonit && test -x /bin/busybox']);
  } catch (error) {
    return `needs containerd, runc, CNI plugins, catatonit, busybox-static: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

const missing = skipReason();
let dir = '';
let containerd: ManagedContainerd;
let client: CriClient;
const abort = new AbortController();
let running: Promise<void> = Promise.resolve();
const bridge = 'k8tstest0';
const ipForward = '/proc/sys/net/ipv4/ip_forward';
let ipForwardBefore = '';

/** Mount points at or under `root`, deepest first. */
function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  dir = await mkdtemp(join(tmpdir(), 'k8ts-containerd-'));
  containerd = new ManagedContainerd({ dataDir: join(dir, 'containerd'), maxBackoffMs: 2000 });
  ipForwardBefore = readFileSync(ipForward, 'utf8');
  await writeBridgeConflist(containerd.paths.cniConfDir, { name: 'k8ts-test', bridge, subnet: '10.244.250.0/24', ipamDataDir: join(dir, 'ipam') });
  running = containerd.run(abort.signal);
  const started = Date.now();
  await Promise.race([containerd.ready(), running.then(() => { throw new Error('containerd run ended early'); }), sleep(30_000, undefined, { ref: false }).then(() => {
    throw new Error('containerd not ready after 30 s');
  })]);
  process.stderr.write(`containerd ready in ${Date.now() - started} ms\n`);
  client = new CriClient({ endpoint: containerd.endpoint });
});

after(async () => {
  if (missing !== undefined) return;
  client.close();
  abort.abort();
  await running;
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    // The bridge was never created.
  }
  writeFileSync(ipForward, ipForwardBefore);
  for (const point of mountsUnder(dir)) execFileSync('umount', ['-l', point]);
  await rm(dir, { recursive: true, force: true });
});

test('ManagedContainerd answers Version over the CRI', async () => {
  const v = await client.version();
  assert.equal(v.runtimeName, 'containerd');
  assert.equal(v.runtimeApiVersion, 'v1');
  assert.ok(containerd.pid !== undefined);
  const conditions = await client.status();
  assert.ok(conditions.some((c) => c.type === 'RuntimeReady' && c.status));
});

test('import pause and busybox archives; the CRI lists them', async () => {
  for (const [file, define] of [['pause.tar', pauseImageDefinition], ['busybox.tar', busyboxImageDefinition]] as const) {
    const { path } = await writeImageArchive(join(dir, 'images'), file, await define());
    await importImageArchive(path, { address: containerd.paths.socket });
  }
  const busybox = await client.imageStatus({ image: 'docker.io/library/busybox:1.36' });
  assert.ok(busybox, 'busybox present');
  assert.ok(busybox.repoTags.includes('docker.io/library/busybox:latest'));
  assert.ok(await client.imageStatus({ image: 'registry.k8s.io/pause:3.10' }), 'pause present');
  assert.equal(await client.imageStatus({ image: 'docker.io/library/absent:1' }), undefined);
});

test('a pod: sandbox, busybox container, logs, exec, stop and remove', async () => {
  const sandboxConfig: PodSandboxConfig = {
    metadata: { name: 'hello', uid: 'uid-hello-1', namespace: 'default', attempt: 0 },
    logDirectory: join(dir, 'pods', 'hello'),
    linux: { securityContext: { namespaceOptions: { network: 'NODE', pid: 'CONTAINER', ipc: 'POD' } } },
  };
  let t = Date.now();
  const sandboxId = await client.runPodSandbox(sandboxConfig);
  process.stderr.write(`RunPodSandbox ${Date.now() - t} ms\n`);
  try {
    assert.equal((await client.podSandboxStatus(sandboxId)).state, 'SANDBOX_READY');
    t = Date.now();
    const containerId = await client.createContainer(sandboxId, {
      metadata: { name: 'main' },
      image: { image: 'docker.io/library/busybox:1.36' },
      command: ['sh', '-c', 'echo hello; sleep 30'],
      logPath: 'main/0.log',
    }, sandboxConfig);
    await client.startContainer(containerId);
    process.stderr.write(`Create+StartContainer ${Date.now() - t} ms\n`);
    const status = await client.containerStatus(containerId);
    assert.equal(status.state, 'CONTAINER_RUNNING');
    assert.equal(status.logPath, join(dir, 'pods', 'hello', 'main', '0.log'));
    let log = '';
    for (let i = 0; i < 50 && !log.includes('hello'); i++) {
      log = await readFile(status.logPath, 'utf8').catch(() => '');
      if (!log.includes('hello')) await sleep(100);
    }
    assert.match(log, /^\S+ stdout F hello$/m, 'CRI log format');
    const exec = await client.execSync(containerId, ['echo', 'hi'], 10);
    assert.equal(exec.exitCode, 0);
    assert.equal(exec.stdout.toString(), 'hi\n');
    assert.equal((await client.listContainers({ podSandboxId: sandboxId })).length, 1);
    await client.stopContainer(containerId, 1);
    assert.equal((await client.containerStatus(containerId)).state, 'CONTAINER_EXITED');
    await client.removeContainer(containerId);
  } finally {
    await client.stopPodSandbox(sandboxId);
    await client.removePodSandbox(sandboxId);
  }
  assert.equal((await client.listPodSandbox({ id: sandboxId })).length, 0);
});

test('a pod on the CNI bridge gets an IP the node can reach', async () => {
  const sandboxConfig: PodSandboxConfig = {
    metadata: { name: 'net', uid: 'uid-net-1', namespace: 'default' },
    hostname: 'net',
    logDirectory: join(dir, 'pods', 'net'),
  };
  const t = Date.now();
  const sandboxId = await client.runPodSandbox(sandboxConfig);
  process.stderr.write(`RunPodSandbox with CNI ${Date.now() - t} ms\n`);
  try {
    const ip = (await client.podSandboxStatus(sandboxId)).network?.ip ?? '';
    assert.match(ip, /^10\.244\.250\.\d+$/);
    const containerId = await client.createContainer(sandboxId, {
      metadata: { name: 'main' },
      image: { image: 'docker.io/library/busybox:latest' },
      command: ['sleep', '30'],
      logPath: 'main/0.log',
    }, sandboxConfig);
    await client.startContainer(containerId);
    const addr = await client.execSync(containerId, ['ip', '-4', 'addr', 'show', 'eth0'], 10);
    assert.match(addr.stdout.toString(), new RegExp(`inet ${ip.replaceAll('.', '\\.')}/24`));
    assert.equal((await client.execSync(containerId, ['hostname'], 10)).stdout.toString(), 'net\n');
    execFileSync('/bin/busybox', ['ping', '-c', '1', '-W', '2', ip], { stdio: 'ignore' });
    await client.stopContainer(containerId, 0);
    await client.removeContainer(containerId);
  } finally {
    await client.stopPodSandbox(sandboxId);
    await client.removePodSandbox(sandboxId);
  }
});

test('ManagedContainerd restarts containerd when it dies', async () => {
  const first = containerd.pid;
  assert.ok(first !== undefined);
  process.kill(first, 'SIGKILL');
  for (let i = 0; i < 100 && (containerd.pid === undefined || containerd.pid === first); i++) await sleep(50);
  assert.notEqual(containerd.pid, first);
  await containerd.ready();
  assert.equal((await client.version()).runtimeName, 'containerd');
});
