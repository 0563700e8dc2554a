// The prober against a real containerd (ManagedContainerd under a temp dir, the built-in pause
// and busybox images): an exec liveness probe `test -f /tmp/healthy` through CriClient.ExecSync
// that fails once the file is removed, an httpGet readiness probe (by port name) on busybox
// httpd at the pod's CNI address, and a command that outruns timeoutSeconds. The pod network
// is bridge k8tsr0, 10.244.243.0/24 (no masquerade, no portmap); the test deletes the bridge,
// restores net.ipv4.ip_forward and removes everything else it created. Needs root and the
// Debian packages containerd, runc, containernetworking-plugins, catatonit, busybox-static.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { realClock } from '../../api/clock.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import { writeBridgeConflist } from '../containerd/cni.ts';
import { checkContainerdBinaries, ManagedContainerd } from '../containerd/managed.ts';
import { CriClient } from '../cri/client.ts';
import type { PodSandboxConfig } from '../cri/types.ts';
import { busyboxImageDefinition, pauseImageDefinition } from '../images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../images/import.ts';
import { execProbe } from './exec.ts';
import { Prober } from './prober.ts';
import { killShims, removeAllSandboxes } from '../containerd/cleanup.fixture.ts';

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
const bridge = 'k8tsr0';
const ipForward = '/proc/sys/net/ipv4/ip_forward';
let ipForwardBefore = '';
let dir = '';
let containerd: ManagedContainerd;
let client: CriClient;
const abort = new AbortController();
let running: Promise<void> = Promise.resolve();

function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(100);
  assert.ok(cond(), `${what} within ${ms} ms`);
}

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  dir = await mkdtemp(join(tmpdir(), 'k8ts-prober-'));
  containerd = new ManagedContainerd({ dataDir: join(dir, 'containerd'), maxBackoffMs: 2000 });
  ipForwardBefore = readFileSync(ipForward, 'utf8');
  await writeBridgeConflist(containerd.paths.cniConfDir, { name: 'k8ts-prober-test', bridge, subnet: '10.244.243.0/24', ipamDataDir: join(dir, 'ipam') });
  running = containerd.run(abort.signal);
  await Promise.race([containerd.ready(), running.then(() => { throw new Error('containerd run ended early'); }),
    sleep(30_000, undefined, { ref: false }).then(() => { throw new Error('containerd not ready after 30 s'); })]);
  client = new CriClient({ endpoint: containerd.endpoint });
  for (const [file, define] of [['pause.tar', pauseImageDefinition], ['busybox.tar', busyboxImageDefinition]] as const) {
    const { path } = await writeImageArchive(join(dir, 'images'), file, await define());
    await importImageArchive(path, { address: containerd.paths.socket });
  }
});

after(async () => {
  if (missing !== undefined) return;
  client.close();
  // A sandbox a failed test left behind goes before containerd does.
  await removeAllSandboxes(containerd.paths.socket);
  abort.abort();
  await running;
  killShims(containerd.paths.socket);
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    // The bridge was never created.
  }
  writeFileSync(ipForward, ipForwardBefore);
  for (const point of mountsUnder(dir)) execFileSync('umount', ['-l', point]);
  await rm(dir, { recursive: true, force: true });
});

test('liveness (exec) and readiness (httpGet) probes of a busybox container on containerd', async () => {
  const sandboxConfig: PodSandboxConfig = {
    metadata: { name: 'probed', uid: 'uid-probed-1', namespace: 'default' },
    hostname: 'probed',
    logDirectory: join(dir, 'pods', 'probed'),
  };
  const sandboxId = await client.runPodSandbox(sandboxConfig);
  const events: string[] = [];
  const unhealthy: string[] = [];
  let prober: Prober | undefined;
  try {
    const ip = (await client.podSandboxStatus(sandboxId)).network?.ip ?? '';
    assert.match(ip, /^10\.244\.243\.\d+$/);
    const containerId = await client.createContainer(sandboxId, {
      metadata: { name: 'main' },
      image: { image: 'docker.io/library/busybox:1.36' },
      command: ['sh', '-c', 'touch /tmp/healthy; mkdir -p /www; echo up > /www/index.html; exec httpd -f -p 8080 -h /www'],
      logPath: 'main/0.log',
    }, sandboxConfig);
    await client.startContainer(containerId);
    const started = new Date();

    const container: Container = {
      name: 'main', image: 'busybox:1.36', ports: [{ name: 'http', containerPort: 8080 }],
      livenessProbe: { exec: { command: ['test', '-f', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 2 },
      readinessProbe: { httpGet: { port: 'http', path: '/index.html' }, periodSeconds: 1 },
    };
    const pod: Pod = { metadata: { name: 'probed', namespace: 'default', uid: 'uid-probed-1' }, spec: { containers: [container] } };
    prober = new Prober({
      runtime: client, clock: realClock, podIP: () => ip, log: () => {},
      events: { unhealthy: (_p, name, id, message) => unhealthy.push(`${name} ${id}: ${message}`), changed: () => {} },
      recordEvent: (_pod, type, reason, message) => events.push(`${type} ${reason} ${message}`),
    });
    prober.addContainer(pod, container, containerId, started);
    await waitFor(() => prober?.state(containerId)?.ready === true, 15_000, 'ready through httpd');
    await sleep(2500);
    assert.deepEqual(unhealthy, [], 'healthy while /tmp/healthy exists');

    assert.equal((await client.execSync(containerId, ['rm', '/tmp/healthy'], 5)).exitCode, 0);
    await waitFor(() => unhealthy.length > 0, 15_000, 'liveness failed');
    assert.deepEqual(unhealthy, [`main ${containerId}: Container main failed liveness probe, will be restarted`]);
    assert.ok(events.includes('Warning Unhealthy Liveness probe failed: '), events.join('\n'));
    assert.equal(prober.state(containerId)?.ready, true, 'readiness is a separate probe');
    await sleep(2500);
    assert.equal(unhealthy.length, 1, 'reported once');

    // A command that outruns timeoutSeconds: containerd kills it and the probe fails as timed out.
    const slow = await execProbe({ runtime: client, clock: realClock, containerId, command: ['sleep', '5'], timeoutSeconds: 1, signal: new AbortController().signal });
    assert.deepEqual(slow, { result: 'failure', output: 'command "sleep 5" timed out' });

    prober.removeContainer(containerId);
    await client.stopContainer(containerId, 0);
    await client.removeContainer(containerId);
  } finally {
    prober?.removePod('uid-probed-1');
    await client.stopPodSandbox(sandboxId);
    await client.removePodSandbox(sandboxId);
  }
});
