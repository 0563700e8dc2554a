// End to end with a real node: `k8ts server` with its agent (real containerd, runc, CNI bridge
// k8tsa0 on 10.244.64.0/18) driven by the real kubectl, as a user would: the node turns Ready,
// a Deployment of busybox httpd pods runs and answers from the host, a deleted pod is replaced,
// the agent survives SIGKILL without touching running containers, a missing image backs off.
// Needs root and the Debian packages (npm test installs them). Leaves nothing behind.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort, run, type TestServer } from './harness.ts';
import { nodeSkipReason, restoreHost, startServerWithNode, stopServerWithNode, tearDownNode, type HostSnapshot, type ServerWithNode } from './kubelet-host.ts';
import { pollUntil } from '../../src/client/informers/wait.ts';

const BRIDGE = 'k8tsa0';
const CLUSTER_CIDR = '10.244.64.0/18';
const root = new URL('../..', import.meta.url).pathname;
const missing = nodeSkipReason();

let server: TestServer;
let dataDir = '';
let host: HostSnapshot | undefined;
let cluster: ServerWithNode | undefined;
/** The second node, a `k8ts agent` process (bridge k8tsa1, its pod CIDR inside ours). */
const AGENT_BRIDGE = 'k8tsa1';
let agentDir = '';
let agent: ChildProcess | undefined;
let agentLog = '';
let agentPodPrefix = '10.244.65.';

interface PodJson {
  metadata: { name: string; uid: string; deletionTimestamp?: string };
  status: {
    phase?: string; podIP?: string;
    containerStatuses?: { containerID?: string; restartCount: number; ready: boolean; state?: { running?: object; waiting?: { reason?: string; message?: string } } }[];
  };
}

const waitFor = <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> =>
  pollUntil(what, probe, { timeoutMs, intervalMs: 250, context: () => `--- server log (tail) ---\n${server.log.slice(-4000)}` });

async function kubectlJson<T>(args: readonly string[]): Promise<T> {
  const r = await server.kubectl('1.33', [...args, '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

async function webPods(): Promise<PodJson[]> {
  return (await kubectlJson<{ items: PodJson[] }>(['get', 'pods', '-l', 'app=web'])).items.filter((p) => p.metadata.deletionTimestamp === undefined);
}

function runningWithIp(pods: PodJson[]): boolean {
  return pods.length === 3 && pods.every((p) => p.status.phase === 'Running' && p.status.podIP !== undefined && p.status.containerStatuses?.[0]?.state?.running !== undefined);
}

function httpGet(ip: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: ip, port, path: '/', timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${ip}:${port}/ timed out`)));
    req.on('error', reject);
  });
}

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  cluster = await startServerWithNode({ bridge: BRIDGE, clusterCidr: CLUSTER_CIDR, nodeName: 'k8ts-e2e-node' });
  ({ server, dataDir, host } = cluster);
});

after(async () => {
  if (missing !== undefined) return;
  // Agents are killed first, so none recreates a pod while its sandboxes are removed.
  if (agentDir !== '') {
    await stopAgent('SIGKILL');
    await tearDownNode(agentDir);
    if (host !== undefined) restoreHost(host, AGENT_BRIDGE, agentPodPrefix, agentDir);
    rmSync(agentDir, { recursive: true, force: true });
  }
  if (cluster !== undefined) await stopServerWithNode(cluster, server, '10.244.64.');
});

test('the node registers and turns Ready within 10 s of the API', async () => {
  const started = Date.now();
  const node = await waitFor('node Ready', 10_000, async () => {
    const n = await kubectlJson<{ metadata: { labels: Record<string, string> }; status: { conditions: { type: string; status: string; message: string }[]; nodeInfo: Record<string, string>; capacity: Record<string, string> } }>(['get', 'node', 'k8ts-e2e-node']);
    return n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? n : undefined;
  });
  process.stderr.write(`node Ready ${Date.now() - started} ms after the API\n`);
  assert.equal(node.metadata.labels['node-role.kubernetes.io/control-plane'], 'true');
  assert.equal(node.metadata.labels['kubernetes.io/hostname'], 'k8ts-e2e-node');
  assert.match(node.status.nodeInfo['containerRuntimeVersion'] ?? '', /^containerd:\/\/1\.6/);
  assert.equal(node.status.nodeInfo['kubeletVersion'], 'v1.33.0+k8ts');
  assert.equal(node.status.capacity['pods'], '110');
  assert.equal(node.status.conditions.find((c) => c.type === 'Ready')?.message, 'kubelet is posting ready status');
  const table = await server.kubectl('1.33', ['get', 'nodes']);
  assert.match(table.stdout, /k8ts-e2e-node\s+Ready\s+control-plane/);
  const lease = await kubectlJson<{ spec: { holderIdentity: string } }>(['get', 'lease', '-n', 'kube-node-lease', 'k8ts-e2e-node']);
  assert.equal(lease.spec.holderIdentity, 'k8ts-e2e-node');
});

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: httpd
        image: docker.io/library/busybox:1.36
        imagePullPolicy: IfNotPresent
        command: ["sh", "-c", "mkdir -p /www && echo hello from $(hostname) > /www/index.html && exec httpd -f -p 8080 -h /www"]
        ports:
        - containerPort: 8080
`;

test('a Deployment of 3 busybox httpd pods runs, each answering from the host', async () => {
  const applied = await server.kubectl('1.33', ['apply', '-f', '-'], { input: deployment });
  assert.equal(applied.code, 0, applied.stderr);
  const pods = await waitFor('3 web pods Running with IPs', 60_000, async () => {
    const list = await webPods();
    return runningWithIp(list) ? list : undefined;
  });
  for (const pod of pods) {
    assert.match(pod.status.podIP ?? '', /^10\.244\.64\.\d+$/);
    const body = await waitFor(`HTTP from ${pod.metadata.name}`, 10_000, () => httpGet(pod.status.podIP as string, 8080));
    assert.equal(body, `hello from ${pod.metadata.name}\n`);
  }
});

test('kubectl delete pod: the pod goes and a replacement runs', async () => {
  const [victim] = await webPods();
  assert.ok(victim !== undefined);
  const deleted = await server.kubectl('1.33', ['delete', 'pod', victim.metadata.name, '--timeout=60s'], { timeoutMs: 70_000 });
  assert.equal(deleted.code, 0, deleted.stderr);
  const gone = await server.kubectl('1.33', ['get', 'pod', victim.metadata.name]);
  assert.match(gone.stderr, /NotFound/);
  const pods = await waitFor('a replacement Running', 60_000, async () => {
    const list = await webPods();
    return runningWithIp(list) && !list.some((p) => p.metadata.name === victim.metadata.name) ? list : undefined;
  });
  assert.equal(pods.length, 3);
});

const containerIds = (pods: PodJson[]): string[] =>
  pods.map((p) => `${p.metadata.name}=${p.status.containerStatuses?.[0]?.containerID ?? ''}/${p.status.containerStatuses?.[0]?.restartCount ?? -1}`).sort();

/** Restarts the server one way, then checks the new agent kept the pods exactly as they were. */
async function restartKeepsPods(restart: () => Promise<TestServer>): Promise<void> {
  const before = await webPods();
  assert.ok(runningWithIp(before));
  const restartedAt = Date.now();
  server = await restart();
  // Let the new agent register, sync its pods and post their statuses.
  await waitFor('node Ready again', 30_000, async () => {
    const n = await kubectlJson<{ status: { conditions: { type: string; status: string; lastHeartbeatTime: string }[] } }>(['get', 'node', 'k8ts-e2e-node']);
    const ready = n.status.conditions.find((c) => c.type === 'Ready');
    return ready?.status === 'True' && Date.parse(ready.lastHeartbeatTime) >= Math.floor(restartedAt / 1000) * 1000 ? true : undefined;
  });
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const after = await webPods();
  assert.deepEqual(containerIds(after), containerIds(before), 'same containers, same restart counts');
  assert.ok(runningWithIp(after), 'statuses still Running with IPs');
  for (const pod of after) assert.match(await httpGet(pod.status.podIP as string, 8080), /^hello from /);
  assert.doesNotMatch(server.log, /requesting node credentials/, 'the node credentials kept under DATA/agent are reused');
}

test('the agent stopped with SIGTERM leaves its pods running; restarted, it adopts them', async () => {
  await restartKeepsPods(() => server.restart());
});

test('the agent killed with SIGKILL and restarted leaves running containers untouched', async () => {
  await restartKeepsPods(() => server.killAndRestart());
});

test('an image that does not exist: ErrImagePull, then ImagePullBackOff', async () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: absent-image
spec:
  containers:
  - name: main
    image: 127.0.0.1:1/k8ts-e2e/absent:1
`;
  const created = await server.kubectl('1.33', ['apply', '-f', '-'], { input: pod });
  assert.equal(created.code, 0, created.stderr);
  const reasons = new Set<string>();
  await waitFor('ErrImagePull then ImagePullBackOff', 60_000, async () => {
    const p = await kubectlJson<PodJson>(['get', 'pod', 'absent-image']);
    const reason = p.status.containerStatuses?.[0]?.state?.waiting?.reason;
    if (reason !== undefined) reasons.add(reason);
    if (reason !== 'ImagePullBackOff') return undefined;
    if (!reasons.has('ErrImagePull')) {
      // The status may move on between two polls; the kubelet's events keep the order.
      const events = await kubectlJson<{ items: { message?: string }[] }>(['get', 'events', '--field-selector', 'involvedObject.name=absent-image']);
      if (events.items.some((e) => e.message === 'Error: ErrImagePull')) reasons.add('ErrImagePull');
    }
    return reasons.has('ErrImagePull') ? true : undefined;
  });
  const deleted = await server.kubectl('1.33', ['delete', 'pod', 'absent-image', '--timeout=30s'], { timeoutMs: 40_000 });
  assert.equal(deleted.code, 0, deleted.stderr);
});

async function startAgent(args: readonly string[]): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'bin/k8ts.js'), 'agent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.setEncoding('utf8').on('data', (d: string) => { agentLog += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { agentLog += d; });
  agent = child;
}

async function stopAgent(signal: NodeJS.Signals): Promise<void> {
  const child = agent;
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

test('k8ts agent joins with the token as a second node; killed and restarted, it keeps its pod', async () => {
  agentDir = mkdtempSync(join(tmpdir(), 'k8ts-e2e-agent-'));
  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  assert.match(token, /^K10[0-9a-f]{64}::server:[0-9a-f]{64}$/);
  const args = ['--server', `https://127.0.0.1:${server.port}`, '--token', token, '--node-name', 'k8ts-e2e-agent', '--data-dir', agentDir,
    '--cni-bridge', AGENT_BRIDGE, '--kubelet-port', String(await freePort())];
  const built = await run(process.execPath, [join(root, 'bin/k8ts.js'), 'images', 'build-demo', '--data-dir', agentDir]);
  assert.equal(built.code, 0, built.stderr);
  await startAgent(args);
  const node = await waitFor(`agent node Ready (agent log:\n${agentLog})`, 30_000, async () => {
    const n = await kubectlJson<{ metadata: { labels: Record<string, string> }; spec: { podCIDR?: string }; status: { conditions: { type: string; status: string }[] } }>(['get', 'node', 'k8ts-e2e-agent']);
    return n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? n : undefined;
  });
  assert.equal(node.metadata.labels['node-role.kubernetes.io/control-plane'], undefined, 'agents are workers');
  agentPodPrefix = (node.spec.podCIDR ?? '').replace(/0\/24$/, '');
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: on-agent
spec:
  nodeName: k8ts-e2e-agent
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    command: ["sleep", "3600"]
`;
  const created = await server.kubectl('1.33', ['apply', '-f', '-'], { input: pod });
  assert.equal(created.code, 0, created.stderr);
  const running = await waitFor('the pod Running on the agent', 60_000, async () => {
    const p = await kubectlJson<PodJson>(['get', 'pod', 'on-agent']);
    return p.status.phase === 'Running' && p.status.podIP?.startsWith(agentPodPrefix) === true ? p : undefined;
  });
  await stopAgent('SIGKILL');
  agentLog = '';
  await startAgent(args);
  await waitFor('the restarted agent syncing', 30_000, async () => (agentLog.includes('kubelet server listening') ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const after = await kubectlJson<PodJson>(['get', 'pod', 'on-agent']);
  assert.deepEqual(containerIds([after]), containerIds([running]), 'same container, same restart count');
  assert.equal(after.status.phase, 'Running');
  assert.doesNotMatch(agentLog, /requesting node credentials/, 'credentials kept under DATA/agent are reused');
});
