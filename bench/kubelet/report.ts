// The kubelet benchmark's Markdown report: the figures beside issue 7's targets, each with a
// verdict, and a machine-readable comment line for comparisons across runs.

import { fmt, summarize } from '../storage/measure.ts';
import type { BatchResult } from './pod-runner.ts';

export interface Rss {
  readonly idle: number;
  /** After the batch started and its statuses settled. */
  readonly busy: number;
  readonly peak: number;
}

export interface Figures {
  readonly floor: { readonly single: number[]; readonly batch: number[]; readonly batchWallMs: number };
  readonly single: number[];
  /** Per single pod, ms from its create request to seen bound. */
  readonly singleBound: number[];
  readonly batch: BatchResult;
  readonly server: Rss;
  /** `cpuMs`: the agent's CPU time (user + system) from the batch's first create to its RSS reading after the settle. */
  readonly standalone?: Rss & { readonly batch: BatchResult; readonly cpuMs: number };
}

export interface RunFacts {
  readonly machine: string;
  readonly date: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly load: readonly number[];
  readonly quick: boolean;
  readonly single: number;
  readonly batchSize: number;
  readonly rounds: number;
  /** How k8ts ran (compiled or from source). */
  readonly k8ts: string;
  /** Node flags the standalone agent ran with (--agent-node-args), if any. */
  readonly agentNodeArgs: readonly string[];
}

/** Issue 7's targets. */
export const TARGETS = { singleP99Ms: 1000, batchP99Ms: 5000, batchOverFloor: 1.5, agentRssMiB: 80 } as const;

const SETTLE_NOTE = 'the RSS reading 5 s after the last start';
const verdict = (ok: boolean): string => (ok ? 'meets' : '**misses**');
const triple = (s: { p50: number; p99: number; max: number }): string => `${fmt.ms(s.p50)} / ${fmt.ms(s.p99)} / ${fmt.ms(s.max)}`;
const mib = (bytes: number): number => bytes / 2 ** 20;

export function renderReport(f: Figures, run: RunFacts): string {
  const single = summarize([...f.single]);
  const batch = summarize([...f.batch.latencies]);
  const floorSingle = summarize([...f.floor.single]);
  const floorBatch = summarize([...f.floor.batch]);
  const overFloor = batch.p99 / floorBatch.p99;
  const n = run.batchSize;
  const agent = f.standalone;
  const agentBatch = agent === undefined ? undefined : summarize([...agent.batch.latencies]);
  const rows = [
    `| 1 pod at a time (${run.single} pods), create → all containers started, p50 / p99 / max, ms | ${triple(single)} | p99 ≤ ${TARGETS.singleP99Ms} | ${verdict(single.p99 <= TARGETS.singleP99Ms)} |`,
    `| … of which create → bound to the node (API server + scheduler), p50 / p99 / max, ms | ${triple(summarize([...f.singleBound]))} | | |`,
    `| CRI floor, 1 pod at a time (${run.single}), RunPodSandbox → container running, p50 / p99 / max, ms | ${triple(floorSingle)} | | |`,
    `| 1 pod: end to end over the floor, p50 | ${(single.p50 / floorSingle.p50).toFixed(2)}× | | |`,
    `| ${n} pods created at once (${run.rounds} rounds pooled), create → started, p50 / p99 / max, ms | ${triple(batch)} | p99 ≤ ${TARGETS.batchP99Ms} (upstream SLO) | ${verdict(batch.p99 <= TARGETS.batchP99Ms)} |`,
    `| … of which create → bound to the node, p50 / p99 / max, ms | ${triple(summarize([...f.batch.bound]))} | | |`,
    `| ${n} pods at once: first create → last started, worst round, ms | ${fmt.ms(f.batch.wallMs)} | | |`,
    `| CRI floor, ${n} sandboxes at once (${run.rounds} rounds pooled), RunPodSandbox → running, p50 / p99 / max, ms | ${triple(floorBatch)} | | |`,
    `| ${n} pods at once: end-to-end p99 over the floor's p99 | ${overFloor.toFixed(2)}× | ≤ ${TARGETS.batchOverFloor}× | ${verdict(overFloor <= TARGETS.batchOverFloor)} |`,
    `| \`k8ts server\` RSS (API server, scheduler, controllers and agent in one process): idle / with ${n} pods / peak, MiB | ${fmt.mib(f.server.idle)} / ${fmt.mib(f.server.busy)} / ${fmt.mib(f.server.peak)} | | |`,
    ...(agent === undefined || agentBatch === undefined
      ? [`| standalone \`k8ts agent\` RSS | not measured (--no-agent) | < ${TARGETS.agentRssMiB} MiB with ${n} pods | |`]
      : [
        `| standalone \`k8ts agent\`${run.agentNodeArgs.length === 0 ? '' : ` (node ${run.agentNodeArgs.join(' ')})`} RSS (Node process only): idle / with ${n} pods / peak, MiB | ${fmt.mib(agent.idle)} / ${fmt.mib(agent.busy)} / ${fmt.mib(agent.peak)} | < ${TARGETS.agentRssMiB} with ${n} pods | ${verdict(mib(agent.busy) < TARGETS.agentRssMiB && mib(agent.peak) < TARGETS.agentRssMiB)} |`,
        `| ${n} pods at once on the standalone agent, p50 / p99 / max, ms | ${triple(agentBatch)} | | |`,
        `| … the agent's CPU time (user + system) from the first create to ${SETTLE_NOTE}, ms | ${fmt.ms(agent.cpuMs)} | | |`,
      ]),
  ];
  const values = [
    `single=${run.single}`, `batch=${n}`, `rounds=${run.rounds}`, `single_p50_ms=${single.p50.toFixed(1)}`, `single_p99_ms=${single.p99.toFixed(1)}`,
    `batch_p50_ms=${batch.p50.toFixed(1)}`, `batch_p99_ms=${batch.p99.toFixed(1)}`, `floor_single_p50_ms=${floorSingle.p50.toFixed(1)}`,
    `floor_batch_p99_ms=${floorBatch.p99.toFixed(1)}`, `batch_over_floor=${overFloor.toFixed(2)}`,
    `server_rss_busy_mib=${fmt.mib(f.server.busy)}`, ...(agent === undefined ? [] : [`agent_rss_idle_mib=${fmt.mib(agent.idle)}`, `agent_rss_busy_mib=${fmt.mib(agent.busy)}`, `agent_rss_peak_mib=${fmt.mib(agent.peak)}`,
      `agent_batch_p99_ms=${agentBatch?.p99.toFixed(1) ?? ''}`, `agent_batch_cpu_ms=${agent.cpuMs.toFixed(0)}`]),
  ];
  return [
    `Machine: ${run.machine}`,
    `Run: ${run.date}${run.quick ? ' (--quick)' : ''}, load average at start ${run.load.map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min); ` +
      `\`k8ts server\` (${run.k8ts}) with its agent in its own process (sqlite store, real containerd, runc, CNI bridge), one node; busybox already imported (no pulls); ` +
      'each pod one container, timed from just before its create request to the watch event showing every container running and `started`; ' +
      `pods deleted and gone between single-pod measurements; the CRI floor on a separate containerd of its own with the same images and a CNI network configured like the agent's, measured in turns with the end-to-end path (a floor pod before each single pod, a floor batch before each batch) so both see the same machine load.`,
    '',
    '| metric | value | target | verdict |',
    '|---|---:|---|---|',
    ...rows,
    '',
    `<!-- bench/kubelet ${values.join(' ')} -->`,
  ].join('\n');
}
