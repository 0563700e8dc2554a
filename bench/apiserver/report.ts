// The Markdown report: one table per measure, a row per backend, and the target each is held to.

import { fmt } from '../storage/measure.ts';
import type { CpuShare } from './cpu.ts';
import type { GetResult, ListResult } from './reads.ts';
import type { WatchResult } from './watch.ts';
import type { CreateResult, OpenLoopResult } from './writes.ts';

export interface BackendResult {
  readonly name: string;
  /** Cores other processes used just before the backend started. */
  readonly othersAtStart: number;
  /** CPU from the server's readiness to the end of the last measure. */
  readonly cpu: CpuShare;
  readonly creates: readonly CreateResult[];
  readonly slo: OpenLoopResult;
  readonly gets: readonly GetResult[];
  readonly list: ListResult;
  readonly watch: WatchResult;
  readonly memory: {
    /** 2 s after the server is ready, and later (V8 gives memory back after a while idle). */
    readonly idleRss: number;
    readonly idleRssLater: number;
    readonly idleLaterSeconds: number;
    readonly configMaps: number;
    readonly loadedRss: number;
    readonly peakRss: number;
    /** The etcd member's RSS, idle and loaded (etcd backend only). */
    readonly etcd?: { readonly idleRss: number; readonly loadedRss: number };
  };
}

export interface Targets {
  /** The SLO row: p99 of mutations under this, in ms, at `sloRate` writes/s. */
  readonly mutationP99Ms: number;
  readonly sloRate: number;
  readonly listMs: number;
  readonly idleRssBytes: number;
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const rule = (columns: number): string => `|---|${'---:|'.repeat(columns - 2)}---|`;
const verdict = (met: boolean): string => (met ? 'met' : '**missed**');
const ms2 = (p50: number, p99: number): string => `${fmt.ms(p50)} / ${fmt.ms(p99)}`;
const mib = (bytes: number): string => fmt.mib(bytes);
/** The upstream SLO for single-object API calls (mutating, and reads): p99 ≤ 1 s. */
const UPSTREAM_MS = 1000;

export function renderReport(header: readonly string[], rows: readonly BackendResult[], t: Targets): string {
  const first = rows[0];
  if (first === undefined) return `${header.join('\n')}\n`;
  const out: string[] = [...header, ''];

  out.push(`**ConfigMap creates, closed loop** (each client sends its next create when the last one is answered): creates/s · p50 / p99 ms`, '');
  const createHeads = first.creates.map((c) => `${c.clients} client${c.clients === 1 ? '' : 's'}${c.sessions === 1 ? '' : `, ${c.sessions} sessions`}`);
  out.push(row(['backend', ...createHeads, `target: p99 ≤ ${fmt.int(UPSTREAM_MS)} ms (upstream SLO)`]), rule(createHeads.length + 2));
  for (const r of rows) {
    const worst = Math.max(...r.creates.map((c) => c.p99));
    out.push(row([r.name, ...r.creates.map((c) => `${fmt.int(c.perSecond)}/s · ${ms2(c.p50, c.p99)}`), verdict(worst <= UPSTREAM_MS)]));
  }

  const s = first.slo;
  out.push('', `**Mutations at a fixed ${fmt.int(t.sloRate)}/s** (open loop for ${s.seconds} s; create, merge-patch, delete in turn; latency from the scheduled send)`, '');
  out.push(row(['backend', 'offered/s', 'answered/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'CPU, cores: server / etcd / clients / other processes', `target: p99 < ${t.mutationP99Ms} ms`]), rule(9));
  for (const r of rows) {
    const o = r.slo;
    out.push(row([r.name, fmt.int(o.offeredPerSecond), fmt.int(o.achievedPerSecond), fmt.ms(o.p50), fmt.ms(o.p99), fmt.ms(o.max), errorsCell(o),
      cpuCell(o.cpu), verdict(o.p99 < t.mutationP99Ms && o.errors === 0)]));
  }

  out.push('', '**GET one ConfigMap** (one session): GETs/s · p50 / p99 ms', '');
  const getHeads = first.gets.map((g) => `${g.clients} client${g.clients === 1 ? '' : 's'}`);
  out.push(row(['backend', ...getHeads, `target: p99 ≤ ${fmt.int(UPSTREAM_MS)} ms (upstream SLO)`]), rule(getHeads.length + 2));
  for (const r of rows) {
    out.push(row([r.name, ...r.gets.map((g) => `${fmt.int(g.perSecond)}/s · ${ms2(g.p50, g.p99)}`), verdict(Math.max(...r.gets.map((g) => g.p99)) <= UPSTREAM_MS)]));
  }

  const l = first.list;
  out.push('', `**LIST ${fmt.int(l.pods)} pods** in one namespace (JSON; p50 of 5, to the last byte), once the server settled after the creates (the hosted scheduler tries each pod once; no nodes here)`, '');
  out.push(row(['backend', 'pod creates/s (setup)', 'settled after, s', 'LIST ms (max)', 'response MiB', 'server RSS growth, MiB', `paged LIST, limit=500 (${l.pages} pages), p50 ms`, `target: LIST < ${t.listMs} ms`]), rule(8));
  for (const r of rows) {
    const x = r.list;
    out.push(row([r.name, fmt.int(x.podCreatesPerSecond), x.settleSeconds.toFixed(0), `${fmt.ms(x.fullP50)} (${fmt.ms(x.fullMax)})`, mib(x.fullBytes), mib(x.rssGrowth), fmt.ms(x.pagedP50), verdict(x.fullP50 < t.listMs)]));
  }

  const w = first.watch;
  out.push('', `**Watch delivery**: ${fmt.int(w.watchers)} watchers of one namespace's ConfigMaps on ${w.sessions} sessions; ${w.updates} updates, one at a time; from sending the PATCH to each watcher's MODIFIED event`, '');
  out.push(row(['backend', 'delivered', 'first ms', 'p50 ms', 'p99 ms', 'max ms', 'target']), rule(7));
  for (const r of rows) {
    const x = r.watch;
    out.push(row([r.name, `${fmt.int(x.delivered)} of ${fmt.int(x.watchers * x.updates)}`, fmt.ms(x.min), fmt.ms(x.p50), fmt.ms(x.p99), fmt.ms(x.max), 'none set']));
  }

  const m = first.memory;
  out.push('', `**Server memory** (VmRSS of the server process; etcd's own process apart)`, '');
  out.push(row(['backend', 'idle RSS 2 s after start, MiB', `after ${m.idleLaterSeconds} s idle, MiB`, `RSS with ${fmt.int(m.configMaps)} ConfigMaps + ${fmt.int(l.pods)} pods, MiB`, 'peak RSS (VmHWM), MiB', 'etcd RSS idle / loaded, MiB', `target: idle (after ${m.idleLaterSeconds} s) < ${fmt.int(t.idleRssBytes / 1e6)} MB`]), rule(7));
  for (const r of rows) {
    const x = r.memory;
    out.push(row([r.name, mib(x.idleRss), mib(x.idleRssLater), mib(x.loadedRss), mib(x.peakRss), x.etcd === undefined ? '—' : `${mib(x.etcd.idleRss)} / ${mib(x.etcd.loadedRss)}`, verdict(x.idleRssLater < t.idleRssBytes)]));
  }

  out.push('', '**CPU during the whole run of each backend** (average cores; the machine has 2, and this benchmark does not own it)', '');
  out.push(row(['backend', 'server', 'etcd', 'clients (this process)', 'other processes', 'other processes just before the start']), rule(6));
  for (const r of rows) {
    out.push(row([r.name, cores(r.cpu.processes[0]), cores(r.cpu.processes[1]), cores(r.cpu.self), cores(r.cpu.others), cores(r.othersAtStart)]));
  }
  return `${out.join('\n')}\n`;
}

const errorsCell = (o: BackendResult['slo']): string =>
  o.errors === 0 ? '0' : `${fmt.int(o.errors)} (${[...o.errorKinds].map(([kind, count]) => `${kind}: ${fmt.int(count)}`).join('; ')})`;
const cores = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(2));
const cpuCell = (c: CpuShare): string => [c.processes[0], c.processes[1], c.self, c.others].map(cores).join(' / ');
