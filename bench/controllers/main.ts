// Controller benchmark: `k8ts server --disable controller-manager` (its scheduler
// kept, on a thread of its own), `k8ts controller-manager` in its own process (so its RSS is its own) and
// `k8ts simulate --nodes 100` (simulated kubelets that report pods Running) as child processes,
// all on loopback. Measures a Deployment of N replicas becoming fully available, a full rolling
// update of it (the image patched, as `kubectl set image` does), the garbage collector deleting
// N ConfigMaps that depend on one owner, and the Deployment's own background deletion.
// Markdown report on stdout, progress on stderr.
//
//   node --import tsx bench/controllers/main.ts [--quick] [--replicas N] [--dependents N] [--nodes N] [--simulate-nice N]
//                                               [--node-flags "..."] [--server-node-flags "..."] [--server-flags "..."] [--log-dir DIR] [--profile DIR] [--stop-after running]
//
// --quick: 1,000 replicas and 1,000 dependents. Defaults: 10,000 each, 100 simulated nodes.
//
// The simulated nodes stand in for other machines: in a cluster their kubelets' CPU is not the
// control plane's. As kubemark runs its hollow nodes apart from the control plane it measures,
// simulate runs at the lowest CPU priority (nice 19) by default, so it gets the CPU the control
// plane leaves and does not slow it down; `--simulate-nice 0` runs it at the same priority (the
// report says which). Its CPU time is reported either way.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeClientKubeconfig } from '../../src/apiserver/component-credentials.ts';
import { RestClient } from '../../src/client/rest/client.ts';
import { loadKubeconfig } from '../../src/client/rest/kubeconfig.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';
import { Session } from '../apiserver/client.ts';
import { keepOutput, ServerProcess, statusBytes } from '../apiserver/server-process.ts';
import { fmt, machine, runConcurrent } from '../storage/measure.ts';
import { rolloutRoom, type ReplicaSetState } from './rollout-room.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes('--quick');
const REPLICAS = Number(flag('--replicas') ?? (quick ? 1000 : 10_000));
const DEPENDENTS = Number(flag('--dependents') ?? (quick ? 1000 : 10_000));
const SIM_NODES = Number(flag('--nodes') ?? 100);
const DEADLINE_MS = Number(flag('--deadline-s') ?? (quick ? 300 : 1200)) * 1000;
/** The simulated nodes' niceness (see the top of this file). */
const SIMULATE_NICE = Number(flag('--simulate-nice') ?? 19);
/** Between phases: no event written for this long means the recorders' queues are empty. */
const EVENTS_QUIET_MS = 2000;
const EVENTS_SETTLE_MAX_MS = 120_000;
/** A phase gives up after this long without progress. */
const STALL_MS = 90_000;
/**
 * The controller-manager's client rate limit per controller (--kube-api-qps/--kube-api-burst;
 * upstream's defaults 20/30 would let the ReplicaSet controller create about 10 pods/s, a create
 * and an event each). Scale tests upstream raise them the same way.
 */
const MANAGER_QPS = Number(flag('--kube-api-qps') ?? 2000);
const MANAGER_BURST = Number(flag('--kube-api-burst') ?? 4000);
/** --stop-after running: only the scale-up phase (for profiling it). */
const STOP_AFTER = flag('--stop-after');
/**
 * --profile DIR: each process writes CPU profiles (--cpu-prof) to DIR/<process> on exit, one per
 * thread (node's names: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, the main thread's is
 * thread 0); with --heap-snapshot, simulate also writes a heap snapshot to DIR once every pod runs.
 */
const PROFILE_DIR = flag('--profile');
/** --log-dir DIR: everything each process writes goes to DIR/<process>.log too (e.g. with --node-flags --trace-gc). */
const LOG_DIR = flag('--log-dir');
if (LOG_DIR !== undefined) mkdirSync(LOG_DIR, { recursive: true });
/** The space-separated words of a flag's value (none when absent). */
const words = (name: string): string[] => (flag(name) ?? '').split(' ').filter((f) => f !== '');
/** --node-flags "...": flags for node itself in all three processes (e.g. V8 heap settings), to try them out. */
const NODE_FLAGS = words('--node-flags');
/** --server-node-flags "...": node flags for the server process alone, after --node-flags. */
const SERVER_NODE_FLAGS = words('--server-node-flags');
/** --server-flags "...": more `k8ts server` flags (e.g. --max-mutating-requests-inflight 0), to try them out. */
const SERVER_FLAGS = words('--server-flags');
const nodeFlagsOf = (name: string): string[] => name === 'server' ? [...NODE_FLAGS, ...SERVER_NODE_FLAGS] : NODE_FLAGS;
const profileArgs = (name: string): string[] => PROFILE_DIR === undefined ? nodeFlagsOf(name) : [...nodeFlagsOf(name), '--cpu-prof', '--cpu-prof-dir', join(PROFILE_DIR, name), '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${PROFILE_DIR}`];
const TARGET_CREATE_RATE = 500;
const NAMESPACE = 'default';
const root = new URL('../..', import.meta.url).pathname;

/**
 * A kubeconfig for the simulated kubelets: as nodes (O=system:nodes), as real kubelets are, not as
 * the admin (system:masters), whose requests the API server never makes wait for a seat.
 */
async function nodesKubeconfig(dataDir: string): Promise<string> {
  const tls = join(dataDir, 'tls');
  const ca = { certPem: readFileSync(join(tls, 'cluster-ca.crt'), 'utf8'), keyPem: readFileSync(join(tls, 'cluster-ca.key'), 'utf8') };
  const admin = await loadKubeconfig(join(dataDir, 'kubeconfig.yaml'));
  const path = join(dataDir, 'cred', 'simulated-nodes.kubeconfig');
  await writeClientKubeconfig(path, ca, admin.server, 'simulated-nodes', { commonName: 'system:node:simulated', organizations: ['system:nodes'] });
  return path;
}

const deadline = Date.now() + DEADLINE_MS;
const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const progress = (m: string): void => { process.stderr.write(`${new Date().toISOString()} bench/controllers: ${m}\n`); };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;
const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;
const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;
const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps', namespaced: true } as const;

interface Deployment extends KubeObject {
  status?: { observedGeneration?: number; replicas?: number; updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
}
interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; template?: { spec?: { containers?: Array<{ image?: string }> } } };
  status?: { replicas?: number; availableReplicas?: number };
}
interface Node extends KubeObject {
  status?: { conditions?: Array<{ type: string; status: string }> };
}

/** A child process of this benchmark, stopped by its PID. */
class Child {
  static readonly live = new Set<Child>();
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #output: { text(): string };

  /** `nice`: started through nice(1) with this niceness (every thread of the process has it, as its PID is the process's own). */
  constructor(name: string, args: readonly string[], nice = 0) {
    this.name = name;
    const command = [process.execPath, ...profileArgs(name), join(root, 'bin/k8ts.js'), ...args];
    this.#child = nice === 0
      ? spawn(command[0] as string, command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('nice', ['-n', String(nice), ...command], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.#output = keepOutput(this.#child, 4000, LOG_DIR === undefined ? undefined : join(LOG_DIR, `${name}.log`));
    this.#exited = new Promise((resolve) => this.#child.once('close', () => resolve()));
    Child.live.add(this);
  }

  get pid(): number { return this.#child.pid ?? -1; }
  get log(): string { return this.#output.text(); }
  get running(): boolean { return this.#child.exitCode === null && this.#child.signalCode === null; }
  /** How it ended: "exit code N" or "signal S". */
  get ending(): string { return this.#child.signalCode === null ? `exit code ${this.#child.exitCode}` : `signal ${this.#child.signalCode}`; }

  async stop(): Promise<void> {
    if (this.running) {
      kill(this.pid, 'SIGTERM');
      // Writing a CPU profile at exit takes a while.
      const timer = setTimeout(() => kill(this.pid, 'SIGKILL'), PROFILE_DIR === undefined ? 10_000 : 60_000);
      await this.#exited;
      clearTimeout(timer);
    }
    Child.live.delete(this);
  }
}

/** User + system CPU seconds of a process so far (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s); NaN once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Waits until no event has been written for EVENTS_QUIET_MS (at most EVENTS_SETTLE_MAX_MS); returns
 * the seconds events went on being written. A kubelet writes its events one at a time, as
 * upstream's does, so after a burst of pods its recorder still has some queued: without this
 * wait they would be written during the next phase and counted there.
 */
async function eventsSettled(session: Session): Promise<number> {
  const written = async (): Promise<number> => {
    const counts = await requestCounts(session);
    return (counts.get('CREATE events') ?? 0) + (counts.get('PATCH events') ?? 0);
  };
  const start = performance.now();
  let last = await written();
  let lastChange = start;
  while (performance.now() - start < EVENTS_SETTLE_MAX_MS && performance.now() - lastChange < EVENTS_QUIET_MS) {
    await sleep(250);
    const now = await written();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
  }
  return (lastChange - start) / 1000;
}

/** apiserver_request_total summed by verb and resource[/subresource], from the server's /metrics. */
async function requestCounts(session: Session): Promise<Map<string, number>> {
  const reply = await session.request('GET', '/metrics');
  const counts = new Map<string, number>();
  for (const line of reply.body.toString('utf8').split('\n')) {
    if (!line.startsWith('apiserver_request_total{')) continue;
    const label = (name: string): string => new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1] ?? '';
    const sub = label('subresource');
    const key = `${label('verb')} ${label('resource')}${sub === '' ? '' : `/${sub}`}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return counts;
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}
process.once('exit', () => { for (const child of Child.live) if (child.running) kill(child.pid, 'SIGKILL'); });

/** Polls `probe` until it returns true; throws when `count()` stops changing for STALL_MS or the deadline passes. */
async function until(what: string, probe: () => Promise<{ done: boolean; count: number; note: string }>, children: readonly Child[]): Promise<void> {
  let last = Number.NaN;
  let lastChange = Date.now();
  let lastReport = 0;
  for (;;) {
    const state = await probe();
    if (state.done) return;
    if (state.count !== last) { last = state.count; lastChange = Date.now(); }
    if (Date.now() - lastReport > 2000) { lastReport = Date.now(); progress(`${what}: ${state.note}`); }
    for (const child of children) if (!child.running) throw new Error(`${child.name} exited (${child.ending}) during ${what}:\n${child.log}`);
    if (Date.now() - lastChange > STALL_MS) throw new Error(`${what}: no progress for ${STALL_MS / 1000} s (${state.note})`);
    if (Date.now() > deadline) throw new Error(`overall deadline of ${DEADLINE_MS / 1000} s passed during ${what} (${state.note})`);
    await sleep(250);
  }
}

function deploymentObject(name: string, replicas: number): KubeObject & Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.10' }], terminationGracePeriodSeconds: 0 },
      },
    },
  };
}

interface Result { label: string; seconds: number; count: number; note: string }

const server = await ServerProcess.start({
  serverArgs: ['--disable', 'controller-manager', ...SERVER_FLAGS], nodeArgs: profileArgs('server'),
  ...(LOG_DIR === undefined ? {} : { logFile: join(LOG_DIR, 'server.log') }),
});
const children: Child[] = [];
const results: Result[] = [];
const rss = { managerIdle: Number.NaN, managerPeak: 0, managerEnd: Number.NaN, serverPeak: 0, simulatePeak: 0 };
/** CPU seconds (user + system) of each process at the start and end of each phase. */
const cpuRows: Array<{ phase: string; server: number; manager: number; simulate: number }> = [];
let sampler: NodeJS.Timeout | undefined;
let metrics: Session | undefined;
let report = '';
const client = new RestClient({ ...(await loadKubeconfig(join(server.dataDir, 'kubeconfig.yaml'))), timeoutMs: 120_000 });
try {
  progress(`server pid ${server.pid}`);
  const manager = new Child('controller-manager', ['controller-manager', '--kubeconfig', join(server.dataDir, 'cred', 'controller-manager.kubeconfig'),
    '--kube-api-qps', String(MANAGER_QPS), '--kube-api-burst', String(MANAGER_BURST)]);
  children.push(manager);
  const simulator = new Child('simulate', ['simulate', '--kubeconfig', await nodesKubeconfig(server.dataDir), '--nodes', String(SIM_NODES)], SIMULATE_NICE);
  children.push(simulator);
  progress(`controller-manager pid ${manager.pid}, simulate pid ${simulator.pid} (${SIM_NODES} nodes)`);
  sampler = setInterval(() => {
    rss.managerPeak = Math.max(rss.managerPeak, statusBytes(manager.pid, 'VmRSS') || 0);
    rss.serverPeak = Math.max(rss.serverPeak, server.rssBytes() || 0);
    rss.simulatePeak = Math.max(rss.simulatePeak, statusBytes(simulator.pid, 'VmRSS') || 0);
  }, 500);
  const cpuNow = (): { server: number; manager: number; simulate: number } => ({ server: cpuSeconds(server.pid), manager: cpuSeconds(manager.pid), simulate: cpuSeconds(simulator.pid) });
  let cpuMark = cpuNow();
  const cpuPhase = (phase: string): void => {
    const now = cpuNow();
    cpuRows.push({ phase, server: now.server - cpuMark.server, manager: now.manager - cpuMark.manager, simulate: now.simulate - cpuMark.simulate });
    cpuMark = cpuNow();
  };

  const nodes = client.resource<Node>(NODES);
  await until('nodes Ready', async () => {
    const ready = (await nodes.list()).items.filter((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true).length;
    return { done: ready >= SIM_NODES, count: ready, note: `${ready} of ${SIM_NODES} nodes Ready` };
  }, children);
  await sleep(3000);
  rss.managerIdle = statusBytes(manager.pid, 'VmRSS');
  cpuMark = cpuNow();

  // 1. A Deployment of REPLICAS: every pod created, then every pod Running (available).
  const deployments = client.resource<Deployment>(DEPLOYMENTS).namespace(NAMESPACE);
  const name = 'bench';
  progress(`deployment of ${fmt.int(REPLICAS)} replicas`);
  metrics = await Session.connect(server.credentials);
  const requestsBefore = await requestCounts(metrics);
  const t0 = performance.now();
  await deployments.create(deploymentObject(name, REPLICAS));
  let createdAt = Number.NaN;
  await until('scale-up', async () => {
    const s = (await deployments.get(name)).status ?? {};
    if (Number.isNaN(createdAt) && (s.replicas ?? 0) >= REPLICAS) createdAt = performance.now();
    return { done: (s.availableReplicas ?? 0) >= REPLICAS, count: (s.replicas ?? 0) + (s.availableReplicas ?? 0), note: `${s.replicas ?? 0} pods created, ${s.availableReplicas ?? 0} available` };
  }, children);
  const runningAt = performance.now();
  cpuPhase('scale-up to Running');
  const requestsAfter = await requestCounts(metrics);
  const scaleUpRequests = [...requestsAfter].map(([key, n]) => [key, n - (requestsBefore.get(key) ?? 0)] as const)
    .filter(([, n]) => n >= REPLICAS / 100).sort((a, b) => b[1] - a[1]);
  const eventsAfter: Array<{ phase: string; seconds: number }> = [];
  eventsAfter.push({ phase: 'scale-up', seconds: await eventsSettled(metrics) });
  cpuPhase('events still queued after the scale-up');
  if (PROFILE_DIR !== undefined && argv.includes('--heap-snapshot')) {
    kill(simulator.pid, 'SIGUSR2');
    progress(`heap snapshot of simulate requested (${PROFILE_DIR})`);
    await sleep(20_000);
    cpuMark = cpuNow();
  }
  const createSeconds = (createdAt - t0) / 1000;
  const runSeconds = (runningAt - t0) / 1000;
  results.push({ label: `pods created (Deployment status.replicas = ${fmt.int(REPLICAS)})`, seconds: createSeconds, count: REPLICAS, note: `target ≥ ${TARGET_CREATE_RATE} pods/s (${REPLICAS / createSeconds >= TARGET_CREATE_RATE ? 'meets' : 'below'})` });
  results.push({ label: 'pods Running (availableReplicas = replicas)', seconds: runSeconds, count: REPLICAS, note: 'created + scheduled + started by the simulated kubelets' });

  let made = { perSecond: Number.NaN };
  if (STOP_AFTER !== 'running') {
    // 2. A full rolling update: the image patched; done when updated == available == replicas, no old pods left.
    progress('rolling update');
    const before = await deployments.get(name);
    const generation = (before.metadata?.generation ?? 1) + 1;
    // What holds the rollout back, from a LIST of its ReplicaSets at each poll (rollout-room.ts):
    // either the deployment controller has room left under maxSurge/maxUnavailable that it has
    // not used yet (it is behind), or it is at those bounds and the rollout waits for pods: for
    // the ReplicaSet controller to create or delete them, or for them to start and be available.
    // maxSurge rounds up, maxUnavailable down (upstream).
    const NEW_IMAGE = 'registry.k8s.io/pause:3.9';
    const bounds = { replicas: REPLICAS, maxSurge: Math.ceil(REPLICAS / 4), maxUnavailable: Math.floor(REPLICAS / 4) };
    const slack = Math.ceil(REPLICAS / 100); // a status lags its pods by up to a sync
    const samples = { all: 0, controllerRoom: 0, podsPending: 0, podsStarting: 0 };
    const replicaSets = client.resource<ReplicaSet>(REPLICASETS).namespace(NAMESPACE);
    const stateOf = (rs: ReplicaSet): ReplicaSetState => ({ spec: rs.spec?.replicas ?? 0, replicas: rs.status?.replicas ?? 0, available: rs.status?.availableReplicas ?? 0 });
    const t1 = performance.now();
    await deployments.patch(name, 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: NEW_IMAGE }]);
    await until('rollout', async () => {
      const s = (await deployments.get(name)).status ?? {};
      const done = (s.observedGeneration ?? 0) >= generation && s.updatedReplicas === REPLICAS && s.availableReplicas === REPLICAS && s.replicas === REPLICAS;
      if (!done) {
        const sets = (await replicaSets.list({ labelSelector: `app=${name}` })).items;
        const newSet = sets.find((rs) => rs.spec?.template?.spec?.containers?.[0]?.image === NEW_IMAGE);
        if (newSet !== undefined) {
          const room = rolloutRoom(bounds, stateOf(newSet), sets.filter((rs) => rs !== newSet).map(stateOf));
          samples.all++;
          if (room.scaleUp > slack || room.scaleDown > slack) samples.controllerRoom++;
          else if (room.podsPending > slack) samples.podsPending++;
          else samples.podsStarting++;
        }
      }
      return { done, count: (s.updatedReplicas ?? 0) * 3 + (s.availableReplicas ?? 0) - (s.replicas ?? 0), note: `replicas ${s.replicas ?? 0}, updated ${s.updatedReplicas ?? 0}, available ${s.availableReplicas ?? 0}` };
    }, children);
    const rolloutSeconds = (performance.now() - t1) / 1000;
    cpuPhase('rolling update');
    eventsAfter.push({ phase: 'rolling update', seconds: await eventsSettled(metrics) });
    cpuPhase('events still queued after the rolling update');
    const share = (n: number): string => `${samples.all === 0 ? 'NaN' : ((100 * n) / samples.all).toFixed(0)}%`;
    results.push({
      label: 'rolling update (maxSurge 25%, maxUnavailable 25%) to completion', seconds: rolloutSeconds, count: REPLICAS,
      note: `pods replaced/s; ${SIM_NODES} nodes × 110 pods = ${fmt.int(SIM_NODES * 110)} pod slots. Of ${samples.all} samples of the ReplicaSets, the deployment controller was at its maxSurge/maxUnavailable bounds in ${share(samples.podsPending + samples.podsStarting)} (the ReplicaSets creating or deleting pods ${share(samples.podsPending)}, pods starting ${share(samples.podsStarting)}) and had room it had not used in ${share(samples.controllerRoom)}`,
    });

    // 3. The garbage collector: one ConfigMap owner, DEPENDENTS ConfigMaps owned by it, owner deleted (background).
    const configmaps = client.resource<KubeObject & { data?: Record<string, string> }>(CONFIGMAPS).namespace(NAMESPACE);
    progress(`creating the owner and ${fmt.int(DEPENDENTS)} dependent ConfigMaps`);
    const owner = await configmaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gc-owner' } });
    const ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gc-owner', uid: owner.metadata?.uid ?? '' }];
    made = await runConcurrent(DEPENDENTS, 64, async (_w, i) => {
      if (i % 1000 === 0 && Date.now() > deadline) throw new Error('overall deadline passed while creating dependents');
      await configmaps.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `gc-dep-${i}`, labels: { bench: 'gc' }, ownerReferences }, data: { i: String(i) } });
    });
    progress(`dependents created (${fmt.int(made.perSecond)}/s); deleting the owner`);
    cpuMark = cpuNow();
    const t2 = performance.now();
    await configmaps.delete('gc-owner', { body: { propagationPolicy: 'Background' } });
    await until('garbage collection', async () => {
      const left = (await configmaps.list({ labelSelector: 'bench=gc' })).items.length;
      return { done: left === 0, count: left, note: `${left} dependents left` };
    }, children);
    const gcSeconds = (performance.now() - t2) / 1000;
    cpuPhase('GC of the ConfigMaps');
    results.push({ label: `GC: ${fmt.int(DEPENDENTS)} ConfigMap dependents of a deleted owner`, seconds: gcSeconds, count: DEPENDENTS, note: 'objects deleted/s, background propagation' });

    // 4. The Deployment itself deleted in the background: ReplicaSets and pods collected, pods stopped by the kubelets.
    progress('deleting the deployment (background)');
    const pods = client.resource<KubeObject>(PODS).namespace(NAMESPACE);
    const t3 = performance.now();
    await deployments.delete(name, { body: { propagationPolicy: 'Background' } });
    await until('deployment deletion', async () => {
      const left = (await pods.list({ labelSelector: `app=${name}` })).items.length;
      return { done: left === 0, count: left, note: `${left} pods left` };
    }, children);
    const deleteSeconds = (performance.now() - t3) / 1000;
    cpuPhase('Deployment deletion');
    results.push({ label: `GC: Deployment deleted (background) until its ${fmt.int(REPLICAS)} pods are gone`, seconds: deleteSeconds, count: REPLICAS, note: 'pods deleted/s (GC → ReplicaSet → pods → simulated kubelets)' });
  }
  rss.managerEnd = statusBytes(manager.pid, 'VmRSS');

  const lines = [
    `Machine: ${machine()}`,
    `Run: ${new Date().toISOString()}${quick ? ' (--quick)' : ''}; \`k8ts server --disable controller-manager\` (sqlite store; its scheduler on a thread of its own), \`k8ts controller-manager --kube-api-qps ${MANAGER_QPS} --kube-api-burst ${MANAGER_BURST}\` and \`k8ts simulate --nodes ${SIM_NODES}\` (as system:nodes; each node 50 qps, burst 100, the kubelet's defaults; ${SIMULATE_NICE === 0 ? 'at the same CPU priority' : `at nice ${SIMULATE_NICE}, as nodes apart from the control plane`}) each in its own process${NODE_FLAGS.length === 0 ? '' : ` (node flags: ${NODE_FLAGS.join(' ')})`}${SERVER_NODE_FLAGS.length === 0 ? '' : ` (the server's node flags: ${SERVER_NODE_FLAGS.join(' ')})`}${SERVER_FLAGS.length === 0 ? '' : ` (server flags: ${SERVER_FLAGS.join(' ')})`}, all on 127.0.0.1; load average at the start ${loadAtStart}.`,
    '',
    '| phase | objects | seconds | objects/s | note |',
    '|---|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.label} | ${fmt.int(r.count)} | ${r.seconds.toFixed(1)} | ${fmt.int(r.count / r.seconds)} | ${r.note} |`),
    '',
    `| process | RSS, MiB |`,
    '|---|---:|',
    `| controller-manager idle / peak / end | ${fmt.mib(rss.managerIdle)} / ${fmt.mib(rss.managerPeak)} / ${fmt.mib(rss.managerEnd)} |`,
    `| server (API + scheduler) peak | ${fmt.mib(rss.serverPeak)} |`,
    `| simulate (${SIM_NODES} nodes) peak | ${fmt.mib(rss.simulatePeak)} |`,
    '',
    '| phase | CPU s: server (API + scheduler) | controller-manager | simulate |',
    '|---|---:|---:|---:|',
    ...cpuRows.map((r) => `| ${r.phase} | ${r.server.toFixed(1)} | ${r.manager.toFixed(1)} | ${r.simulate.toFixed(1)} |`),
    '',
    `Events were still being written ${eventsAfter.map((e) => `${e.seconds.toFixed(1)} s after the ${e.phase}`).join(' and ')} (the kubelets write theirs one at a time, as upstream's do); each next phase started once none had been written for ${EVENTS_QUIET_MS / 1000} s.`,
    '',
    `API requests during the scale-up (at least ${fmt.int(REPLICAS / 100)} of a kind), per pod:`,
    '',
    '| verb resource | requests | per pod |',
    '|---|---:|---:|',
    ...scaleUpRequests.map(([key, n]) => `| ${key} | ${fmt.int(n)} | ${(n / REPLICAS).toFixed(2)} |`),
    ...(Number.isNaN(made.perSecond) ? [] : ['', `Dependent ConfigMaps were created at ${fmt.int(made.perSecond)}/s (64 concurrent requests; setup, not measured).`]),
  ];
  report = lines.join('\n');
} finally {
  if (sampler !== undefined) clearInterval(sampler);
  await metrics?.close();
  client.close();
  for (const child of children.reverse()) {
    progress(`stopping ${child.name} pid ${child.pid}`);
    await child.stop();
  }
  progress(`stopping server pid ${server.pid}`);
  await server.stop();
}
process.stdout.write(`${report}\n`);
