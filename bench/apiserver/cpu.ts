// Where the machine's CPU went: the benchmark's own processes (this client, the server, etcd)
// and everything else. On a shared 2-core machine other work skews latency; the report says
// how much there was, and the run waits (a bounded time) for a quiet machine before each backend.

import { readFileSync } from 'node:fs';
import { runConcurrent } from '../storage/measure.ts';

/** USER_HZ: the unit of /proc CPU times, 100 on every Linux architecture Node.js runs on. */
const TICKS = 100;

/** CPU time a process has used (user + system), in seconds; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Busy CPU time of the whole machine (every core; not idle, iowait or steal), in seconds. */
function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq) / TICKS;
}

export interface CpuSample {
  readonly at: number;
  readonly machine: number;
  /** This process (the clients). */
  readonly self: number;
  /** The watched processes, in the order asked for. */
  readonly processes: readonly number[];
}

export function sampleCpu(pids: readonly number[] = []): CpuSample {
  const usage = process.cpuUsage();
  return { at: performance.now(), machine: machineBusySeconds(), self: (usage.user + usage.system) / 1e6, processes: pids.map(cpuSeconds) };
}

export interface CpuShare {
  /** Average cores each used between two samples (1 = one core busy throughout). */
  readonly self: number;
  readonly processes: readonly number[];
  /** Everything else on the machine. */
  readonly others: number;
}

export function cpuBetween(a: CpuSample, b: CpuSample): CpuShare {
  const seconds = Math.max(1e-3, (b.at - a.at) / 1000);
  const self = (b.self - a.self) / seconds;
  const processes = b.processes.map((p, i) => (p - (a.processes[i] ?? 0)) / seconds);
  const ours = self + processes.reduce((sum, p) => sum + (Number.isNaN(p) ? 0 : p), 0);
  return { self, processes, others: Math.max(0, (b.machine - a.machine) / seconds - ours) };
}

/**
 * Waits until processes other than this one and `pids` use less than `cores` for a whole second,
 * or `maxMs` have passed; returns what they used in the last second looked at.
 */
export async function waitForQuiet(cores: number, maxMs: number, pids: readonly number[], onWait: (others: number) => void): Promise<number> {
  const deadline = performance.now() + maxMs;
  for (let warned = false; ; warned = true) {
    const a = sampleCpu(pids);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { others } = cpuBetween(a, sampleCpu(pids));
    if (others < cores || performance.now() > deadline) return others;
    if (!warned) onWait(others);
  }
}

/**
 * Waits until the `pids` together use less than `cores` for two seconds in a row (the server
 * done with what a burst of writes set off: the hosted scheduler's attempts, events, …), or
 * `maxMs` have passed; returns how long it waited, in seconds.
 */
export async function waitForSettled(pids: readonly number[], cores: number, maxMs: number): Promise<number> {
  const started = performance.now();
  let calm = 0;
  while (calm < 2 && performance.now() - started < maxMs) {
    const a = sampleCpu(pids);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const used = cpuBetween(a, sampleCpu(pids)).processes.reduce((sum, p) => sum + (Number.isNaN(p) ? 0 : p), 0);
    calm = used < cores ? calm + 1 : 0;
  }
  return (performance.now() - started) / 1000;
}

/**
 * Server CPU milliseconds per call of `body`, over `count` calls by `clients` concurrent loops:
 * CPU seconds the process `pid` used meanwhile (user + system, /proc ticks of 10 ms; the totals
 * are large enough that rounding stays under 1 %), divided by `count`.
 */
export async function cpuMsPerCall(pid: number, count: number, clients: number, body: (client: number, i: number) => Promise<void>): Promise<number> {
  const before = cpuSeconds(pid);
  await runConcurrent(count, clients, body);
  return ((cpuSeconds(pid) - before) * 1000) / count;
}
