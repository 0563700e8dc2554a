// Against a real containerd (ManagedContainerd under a temp dir, CNI bridge k8tsp0 on
// 10.244.241.0/24, the built-in pause and busybox images imported): first the shared runtime
// contract (cri/runtime.contract.ts) through the CriClient, then the pod lifecycle driving real
// containers for pods on a real API server — Running with an IP, graceful deletion,
// CrashLoopBackOff, OOMKilled. Needs root and the Debian packages containerd, runc,
// containernetworking-plugins, catatonit, busybox-static. Removes the bridge, restores
// net.ipv4.ip_forward, unmounts and deletes everything it created.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { realClock } from '../../api/clock.ts';
import type { ContainerStatus, Event, Node, Pod } from '../../api/types/core/v1/index.ts';
import { RestClient } from '../../client/rest/client.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { writeBridgeConflist } from '../containerd/cni.ts';
import { checkContainerdBinaries, ManagedContainerd } from '../containerd/managed.ts';
import { CriClient } from '../cri/client.ts';
import { runtimeContract } from '../cri/runtime.contract.ts';
import { busyboxImageDefinition, pauseImageDefinition } from '../images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../images/import.ts';
import { PODS } from './api-sources.ts';
import { PodLifecycle } from './lifecycle.ts';
import { EVENTS, FakeProber, FakeVolumes, NODE } from './testing.fixture.ts';
import { pollUntil } from '../../client/informers/wait.ts';
import { killShims, removeAllSandboxes } from '../containerd/cleanup.fixture.ts';

const bridge = 'k8tsp0';
const subnet = '10.244.241.0/24';
const ipForward = '/proc/sys/net/ipv4/ip_forward';
let ipForwardBefore = '';
let dir = '';
let containerd: ManagedContainerd;
let cri: CriClient;
const abort = new AbortController();
/** Stops containerd, after the test's pods are gone (abort stops the pod lifecycle first). */
const stopContainerd = new AbortController();
let running: Promise<void> = Promise.resolve();
let server: TestServer | undefined;
let client: RestClient | undefined;
let lifecycleRun: Promise<void> = Promise.resolve();

function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

before(async () => {
  if (process.getuid?.() !== 0) throw new Error('needs root (run npm test as root: it installs containerd and friends)');
  checkContainerdBinaries();
  execFileSync('sh', ['-c', 'test -x /usr/bin/catatonit && test -x /bin/busybox']);
  dir = await mkdtemp(join(tmpdir(), 'k8ts-pods-containerd-'));
  ipForwardBefore = readFileSync(ipForward, 'utf8');
  containerd = new ManagedContainerd({ dataDir: join(dir, 'containerd'), maxBackoffMs: 2000 });
  await writeBridgeConflist(containerd.paths.cniConfDir, { name: 'k8ts-pods-test', bridge, subnet, ipamDataDir: join(dir, 'ipam') });
  running = containerd.run(stopContainerd.signal);
  await Promise.race([containerd.ready(), sleep(30_000, undefined, { ref: false }).then(() => { throw new Error('containerd not ready after 30 s'); })]);
  cri = new CriClient({ endpoint: containerd.endpoint });
  for (const [file, define] of [['pause.tar', pauseImageDefinition], ['busybox.tar', busyboxImageDefinition]] as const) {
    const { path } = await writeImageArchive(join(dir, 'images'), file, await define());
    await importImageArchive(path, { address: containerd.paths.socket });
  }
});

after(async () => {
  abort.abort();
  await lifecycleRun;
  client?.close();
  await server?.stop();
  cri?.close();
  // Pods a failed or interrupted test left behind go before containerd does, and their shims with it.
  if (containerd !== undefined) await removeAllSandboxes(containerd.paths.socket);
  stopContainerd.abort();
  await running;
  if (containerd !== undefined) killShims(containerd.paths.socket);
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    // The bridge was never created.
  }
  if (ipForwardBefore !== '') writeFileSync(ipForward, ipForwardBefore);
  if (dir !== '') {
    for (const point of mountsUnder(dir)) execFileSync('umount', ['-l', point]);
    await rm(dir, { recursive: true, force: true });
  }
});

runtimeContract('containerd', () => ({
  runtime: cri, images: cri, image: 'docker.io/library/busybox:1.36', logRoot: join(dir, 'contract-logs'),
  podIp: /^10\.244\.241\.\d+$/, advance: (ms) => sleep(ms),
}));

async function startLifecycle(): Promise<RestClient> {
  server = await TestServer.start(['--disable', 'scheduler,controller-manager']);
  const c = new RestClient(await loadKubeconfig(server.kubeconfig));
  const capacity = { cpu: '2', memory: '4Gi', pods: '110' };
  await c.resource<Node>({ group: '', version: 'v1', resource: 'nodes', namespaced: false })
    .create({ metadata: { name: NODE }, status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] } });
  const lifecycle = new PodLifecycle({
    client: c, clock: realClock, nodeName: NODE, runtime: cri, images: cri, volumes: new FakeVolumes(join(dir, 'volumes')), prober: new FakeProber(),
    podLogsRoot: join(dir, 'pod-logs'), podsDir: join(dir, 'pods'), clusterDNS: ['10.43.0.10'], clusterDomain: 'cluster.local',
    hostIP: () => '127.0.0.1', log: (m) => process.stderr.write(`${m}\n`),
  });
  lifecycleRun = lifecycle.run(abort.signal);
  return c;
}

const waitFor = <T>(what: string, fn: () => Promise<T | undefined>, ms = 30_000): Promise<T> => pollUntil(what, fn, { timeoutMs: ms });

async function get(name: string): Promise<Pod | undefined> {
  try {
    return await (client as RestClient).resource<Pod>(PODS).namespace('default').get(name);
  } catch {
    return undefined;
  }
}

const main = (p: Pod | undefined): ContainerStatus | undefined => p?.status?.containerStatuses?.[0];

test('lifecycle on containerd: a busybox pod becomes Running with an IP and is deleted gracefully', async () => {
  client = await startLifecycle();
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'web' }, spec: { nodeName: NODE, terminationGracePeriodSeconds: 10, containers: [
    { name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', "trap 'exit 0' TERM; echo up; while true; do sleep 1; done"] },
  ] } });
  const p = await waitFor('Running', async () => { const x = await get('web'); return x?.status?.phase === 'Running' && main(x)?.ready === true ? x : undefined; });
  assert.match(p.status?.podIP ?? '', /^10\.244\.241\.\d+$/);
  const c = main(p);
  assert.match(c?.containerID ?? '', /^containerd:\/\/[0-9a-f]{64}$/);
  assert.equal(c?.image, 'docker.io/library/busybox:1.36');
  assert.match(c?.imageID ?? '', /sha256:[0-9a-f]{64}$/);
  const id = (c?.containerID ?? '').slice('containerd://'.length);
  const hosts = await cri.execSync(id, ['cat', '/etc/hosts'], 10);
  assert.match(hosts.stdout.toString(), new RegExp(`^${(p.status?.podIP ?? '').replaceAll('.', '\\.')}\\tweb$`, 'm'));
  const resolv = await cri.execSync(id, ['cat', '/etc/resolv.conf'], 10);
  assert.match(resolv.stdout.toString(), /nameserver 10\.43\.0\.10/);
  assert.match(resolv.stdout.toString(), /search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local/);
  const started = Date.now();
  await pods.delete('web');
  await waitFor('pod deleted', async () => ((await get('web')) === undefined ? true : undefined));
  assert.ok(Date.now() - started < 8_000, 'the TERM trap ended it well inside the grace period');
  assert.equal((await cri.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': p.metadata?.uid ?? '' } })).length, 0);
});

test('lifecycle on containerd: a crashing container shows CrashLoopBackOff; a memory hog is OOMKilled', async () => {
  assert.ok(client, 'the previous test started the lifecycle');
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'crash' }, spec: { nodeName: NODE, containers: [{ name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sh', '-c', 'echo bye; exit 2'] }] } });
  await pods.create({ metadata: { name: 'oom' }, spec: { nodeName: NODE, restartPolicy: 'Never', containers: [{
    name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['tail', '/dev/zero'], resources: { limits: { memory: '32Mi' } },
  }] } });
  const crash = await waitFor('CrashLoopBackOff', async () => { const x = await get('crash'); return main(x)?.state?.waiting?.reason === 'CrashLoopBackOff' ? x : undefined; });
  assert.equal(main(crash)?.lastState?.terminated?.exitCode, 2);
  assert.equal(main(crash)?.lastState?.terminated?.reason, 'Error');
  assert.ok((main(crash)?.restartCount ?? 0) >= 1);
  const oom = await waitFor('OOMKilled', async () => { const x = await get('oom'); return x?.status?.phase === 'Failed' ? x : undefined; });
  assert.equal(main(oom)?.state?.terminated?.reason, 'OOMKilled');
  assert.equal(main(oom)?.state?.terminated?.exitCode, 137);
  const events = (await client.resource<Event>(EVENTS).namespace('default').list()).items;
  assert.ok(events.some((e) => e.involvedObject.name === 'crash' && e.reason === 'BackOff'));
  for (const name of ['crash', 'oom']) await pods.delete(name, { body: { gracePeriodSeconds: 0 } });
  await waitFor('pods torn down', async () => ((await cri.listPodSandbox()).length === 0 ? true : undefined));
});

test('lifecycle on containerd: a host-network pod with a privileged container runs with the node IP', async () => {
  assert.ok(client, 'the first lifecycle test started the lifecycle');
  const pods = client.resource<Pod>(PODS).namespace('default');
  await pods.create({ metadata: { name: 'hostnet' }, spec: { nodeName: NODE, hostNetwork: true, containers: [
    { name: 'c', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', command: ['sleep', '3600'], securityContext: { privileged: true } },
  ] } });
  const p = await waitFor('Running', async () => { const x = await get('hostnet'); return x?.status?.phase === 'Running' ? x : undefined; });
  assert.equal(p.status?.podIP, '127.0.0.1');
  const id = (main(p)?.containerID ?? '').slice('containerd://'.length);
  const caps = (await cri.execSync(id, ['grep', 'CapEff', '/proc/self/status'], 10)).stdout.toString();
  assert.doesNotMatch(caps, /00000000a80425fb/, 'more than the default capabilities: privileged');
  await pods.delete('hostnet', { body: { gracePeriodSeconds: 0 } });
  await waitFor('pod deleted', async () => ((await get('hostnet')) === undefined ? true : undefined));
});
