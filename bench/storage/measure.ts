// Small measuring helpers for the benchmarks: percentiles, timing, sizes, the machine.

import { cpus, totalmem } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function summarize(samples: number[]): { p50: number; p99: number; max: number } {
  const sorted = samples.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Runs `work(worker, i)` for `total` items spread over `concurrency` workers; returns per-item latencies (ms) and the rate. */
export async function runConcurrent(
  total: number,
  concurrency: number,
  work: (worker: number, i: number) => Promise<void>,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, worker) => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await work(worker, i);
      latencies.push(performance.now() - t0);
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: total / seconds, latencies };
}

/** Total size of the files under `path` (a file or a directory), in bytes. */
export function diskBytes(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + diskBytes(join(path, name)), 0);
}

export const fmt = {
  int: (n: number): string => Math.round(n).toLocaleString('en-US'),
  ms: (n: number): string => (n < 10 ? n.toFixed(2) : n.toFixed(1)),
  mib: (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1),
};

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node.js ${process.version}, ${process.platform}/${process.arch}`;
}

export async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
}
