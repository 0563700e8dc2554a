// Kubelet benchmark (issue 7): pod startup latency as upstream's SLI defines it — pod creation
// to every container running with `started: true`, seen through a watch on the pod, images
// already present — end to end through API server + scheduler + kubelet + containerd, for one
// pod at a time and for a batch created at once on the one node; the raw CRI floor measured in
// the same run against a containerd of its own; the memory of the process running the agent.
// Markdown report on stdout, progress on stderr. Needs root and containerd, runc, the CNI
// plugins, catatonit and busybox-static. Leaves nothing behind, also on failure.
//
//   node --import tsx bench/kubelet/main.ts [--quick] [--single N] [--batch N] [--rounds N] [--no-agent] [--from-source] [--server-cpu-prof DIR] [--agent-node-args 'FLAGS'] [--agent-dump DIR]
//
// --quick: 5 single pods and one batch of 10. Defaults: 20 single pods, 3 batches of 30, and a
// standalone `k8ts agent` joined to the server for its own RSS (skipped with --no-agent).
// k8ts runs compiled, as `npm start` runs it (built into a temp dir first); --from-source runs
// the TypeScript sources through tsx instead. --agent-dump DIR: the standalone agent's
// /proc/<pid>/smaps when idle and with the batch (smaps-idle.txt, smaps-busy.txt), then a heap
// snapshot of it (taken after the RSS readings, since writing one grows the process).

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { RestClient } from '../../src/client/rest/client.ts';
import { nodeSkipReason } from '../../test/e2e/kubelet-host.ts';
import { fmt, machine, summarize } from '../storage/measure.ts';
import { compiled, fromSource, type K8tsCommand } from './build.ts';
import { CriFloor } from './cri-floor.ts';
import { onInterrupt } from './host.ts';
import { NodeProcess } from './node-processes.ts';
import { PodRunner } from './pod-runner.ts';
import { renderReport, type Figures } from './report.ts';
import { StartWatch } from './start-watch.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes('--quick');
const SINGLE = Number(flag('--single') ?? (quick ? 5 : 20));
const BATCH = Number(flag('--batch') ?? (quick ? 10 : 30));
/** Batches measured (each against a floor batch just before it); their latencies are pooled. */
const ROUNDS = Number(flag('--rounds') ?? (quick ? 1 : 3));
const withAgent = !argv.includes('--no-agent');
const profDir = flag('--server-cpu-prof');
const sourceMode = argv.includes('--from-source');
/** Node flags for the standalone agent's process, space-separated (e.g. V8 heap settings to compare). */
const agentNodeArgs = (flag('--agent-node-args') ?? '').split(' ').filter((a) => a !== '');
const dumpDir = flag('--agent-dump');
/** Our own CNI bridges and ranges (other tests on this machine use others). */
const SERVER_BRIDGE = 'k8tsb0';
const CLUSTER_CIDR = '10.244.192.0/18';
const FLOOR_BRIDGE = 'k8tsb1';
const FLOOR_SUBNET = '10.244.245.0/24';
/** Memory is read after a batch has started and its statuses have settled. */
const SETTLE_MS = 5000;

const progress = (m: string): void => { process.stderr.write(`${new Date().toISOString()} bench/kubelet: ${m}\n`); };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
if (![SINGLE, BATCH, ROUNDS].every((n) => Number.isInteger(n) && n >= 1) || BATCH > 100) {
  process.stderr.write('--single and --rounds take a count ≥ 1, --batch a count from 1 to 100\n');
  process.exit(2);
}
const missing = nodeSkipReason();
if (missing !== undefined) {
  process.stderr.write(`bench/kubelet ${missing}\n`);
  process.exit(2);
}

const loadAtStart = loadavg();
const startedAt = new Date();

/** Samples a process's RSS every 250 ms until stopped; returns the peak. */
function rssPeak(node: NodeProcess): () => number {
  let peak = node.rssBytes();
  const timer = setInterval(() => { peak = Math.max(peak, node.rssBytes()); }, 250);
  return () => {
    clearInterval(timer);
    return Math.max(peak, node.rssBytes());
  };
}

/** Waits (at most `timeoutMs`) until a heap snapshot file in `dir` has stopped growing for a second. */
async function snapshotWritten(dir: string, timeoutMs: number): Promise<void> {
  let last = -1;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    await sleep(1000);
    const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot'));
    const size = file === undefined ? -1 : statSync(join(dir, file)).size;
    if (size > 0 && size === last) return;
    last = size;
  }
  progress(`no complete heap snapshot in ${dir} after ${timeoutMs / 1000} s`);
}

/**
 * The floor and the end-to-end path measured in turns (a floor pod, then a pod through the API;
 * a floor batch, then a batch through the API), so that both see the same load on this shared
 * machine; the floor's containerd idles while the node works and the other way round.
 */
async function measure(k8ts: K8tsCommand): Promise<Figures> {
  progress(`CRI floor: containerd of its own (bridge ${FLOOR_BRIDGE}, ${FLOOR_SUBNET})`);
  let floor: CriFloor | undefined = await CriFloor.start({ bridge: FLOOR_BRIDGE, subnet: FLOOR_SUBNET, log: progress });
  let server: NodeProcess | undefined;
  let agent: NodeProcess | undefined;
  let client: RestClient | undefined;
  let watch: StartWatch | undefined;
  try {
    progress(`k8ts server with its agent (bridge ${SERVER_BRIDGE}, cluster CIDR ${CLUSTER_CIDR})`);
    const started = await NodeProcess.server({
      nodeName: 'k8ts-bench-node', bridge: SERVER_BRIDGE, k8ts, clusterCidr: CLUSTER_CIDR, log: progress,
      ...(profDir === undefined ? {} : { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] }),
    });
    server = started.node;
    client = await server.adminClient();
    await server.waitReady(client, 90_000);
    watch = new StartWatch('default', 'app=kbench', progress);
    const pods = new PodRunner(client, watch);
    await pods.waitServiceAccount(60_000);
    await watch.start(client);
    progress(`node ${server.nodeName} Ready (server pid ${server.pid}); settling`);
    await sleep(SETTLE_MS);
    const serverIdle = server.rssBytes();

    // Warm-up of both paths (first-use costs: image snapshots, code paths not yet optimized).
    await floor.startPods(1);
    await floor.removeAll();
    await pods.one('warmup');
    const floorSingle: number[] = [];
    const single: number[] = [];
    const singleBound: number[] = [];
    for (let i = 0; i < SINGLE; i++) {
      floorSingle.push(...await floor.startPods(1));
      await floor.removeAll();
      const { latency, bound } = await pods.one(`single-${i}`);
      single.push(latency);
      singleBound.push(bound);
    }
    progress(`1 pod: p50 ${fmt.ms(summarize([...single]).p50)} ms, floor ${fmt.ms(summarize([...floorSingle]).p50)} ms; now ${ROUNDS} × ${BATCH} at once`);

    const floorBatch: number[] = [];
    let floorWall = 0;
    const batch = { latencies: [] as number[], bound: [] as number[], wallMs: 0 };
    let serverBusy = Number.NaN;
    let serverPeak = Number.NaN;
    for (let round = 0; round < ROUNDS; round++) {
      const t0 = performance.now();
      floorBatch.push(...await floor.startPods(BATCH));
      floorWall = Math.max(floorWall, performance.now() - t0);
      await floor.removeAll();
      const peak = rssPeak(server);
      const result = await pods.batch(`batch${round}`, BATCH);
      batch.latencies.push(...result.latencies);
      batch.bound.push(...result.bound);
      batch.wallMs = Math.max(batch.wallMs, result.wallMs);
      if (round === ROUNDS - 1) {
        await sleep(SETTLE_MS);
        serverBusy = server.rssBytes();
      }
      serverPeak = Math.max(Number.isNaN(serverPeak) ? 0 : serverPeak, peak());
      await pods.deleteAll();
      progress(`round ${round + 1}: ${BATCH} pods p99 ${fmt.ms(summarize([...result.latencies]).p99)} ms`);
    }
    await floor.close();
    floor = undefined;

    let standalone: Figures['standalone'];
    if (withAgent) {
      progress(`standalone k8ts agent (bridge ${FLOOR_BRIDGE}, its pod CIDR from ${CLUSTER_CIDR})`);
      agent = await NodeProcess.agent({ nodeName: 'k8ts-bench-agent', bridge: FLOOR_BRIDGE, k8ts, nodeArgs: dumpDir === undefined ? agentNodeArgs : [...agentNodeArgs, '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dumpDir}`], serverPort: started.port, serverDataDir: server.dataDir, log: progress });
      await agent.waitReady(client, 90_000);
      await sleep(SETTLE_MS);
      const idle = agent.rssBytes();
      if (dumpDir !== undefined) writeFileSync(join(dumpDir, 'smaps-idle.txt'), readFileSync(`/proc/${agent.pid}/smaps`));
      const agentPeak = rssPeak(agent);
      const cpuBefore = agent.cpuMs();
      const onAgent = await pods.batch('agent', BATCH, agent.nodeName);
      await sleep(SETTLE_MS);
      const cpuMs = agent.cpuMs() - cpuBefore;
      standalone = { idle, busy: agent.rssBytes(), peak: agentPeak(), batch: onAgent, cpuMs };
      if (dumpDir !== undefined) {
        writeFileSync(join(dumpDir, 'smaps-busy.txt'), readFileSync(`/proc/${agent.pid}/smaps`));
        process.kill(agent.pid, 'SIGUSR2');
        await snapshotWritten(dumpDir, 60_000);
      }
      await pods.deleteAll();
    }
    return {
      floor: { single: floorSingle, batch: floorBatch, batchWallMs: floorWall },
      single, singleBound, batch, server: { idle: serverIdle, busy: serverBusy, peak: serverPeak },
      ...(standalone === undefined ? {} : { standalone }),
    };
  } finally {
    await watch?.stop();
    client?.close();
    progress('stopping the agent and the server, tearing their nodes down');
    await floor?.close();
    await agent?.stop();
    await server?.stop();
  }
}

const k8ts = sourceMode ? fromSource() : await compiled(progress);
const unregister = onInterrupt(async () => k8ts.dispose());
let report: string;
try {
  report = renderReport(await measure(k8ts), {
    machine: machine(), date: startedAt.toISOString(), load: loadAtStart, quick, single: SINGLE, batchSize: BATCH, rounds: ROUNDS, k8ts: k8ts.description, agentNodeArgs,
  });
} finally {
  unregister();
  k8ts.dispose();
}
process.stdout.write(`${report}\n`);
