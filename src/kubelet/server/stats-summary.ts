// /stats/summary in the shape of upstream's statsapi.Summary (k8s.io/kubelet/pkg/apis/stats/
// v1alpha1): the node's CPU and memory (from /proc, through NodeUsage) and, per pod, its
// containers' CPU and memory from CRI ContainerStats, summed for the pod. Metrics-server and
// `kubectl top` read these fields.

import { readFile } from 'node:fs/promises';
import type { RuntimeService } from '../cri/runtime.ts';
import type { ContainerStats } from '../cri/types.ts';
import { LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID } from '../seams.ts';

export interface CpuStats { time: string; usageNanoCores?: number; usageCoreNanoSeconds?: number }
export interface MemoryStats { time: string; availableBytes?: number; usageBytes?: number; workingSetBytes?: number; rssBytes?: number; pageFaults?: number; majorPageFaults?: number }
export interface ContainerSummary { name: string; startTime: string; cpu?: CpuStats; memory?: MemoryStats }
export interface PodSummary {
  podRef: { name: string; namespace: string; uid: string };
  startTime: string;
  containers: ContainerSummary[];
  cpu?: CpuStats;
  memory?: MemoryStats;
}
export interface Summary {
  node: { nodeName: string; startTime: string; cpu?: CpuStats; memory?: MemoryStats };
  pods: PodSummary[];
}

/** The node's usage now: cumulative CPU time and memory figures, from the kernel. */
export interface NodeUsage {
  readonly usageCoreNanoSeconds: number;
  readonly memory: { availableBytes: number; usageBytes: number; workingSetBytes: number };
  /** When the node booted (ms since the epoch). */
  readonly bootTimeMs: number;
}

/** Reads /proc/stat and /proc/meminfo (Linux); USER_HZ is 100 on every Linux we run on. */
export async function procNodeUsage(): Promise<NodeUsage> {
  const [stat, meminfo] = await Promise.all([readFile('/proc/stat', 'utf8'), readFile('/proc/meminfo', 'utf8')]);
  const cpu = (/^cpu\s+(.*)$/m.exec(stat)?.[1] ?? '').trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal: busy time is all but idle and iowait.
  const busyJiffies = cpu.reduce((sum, v, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + v), 0);
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0) * 1024;
  const total = kb('MemTotal');
  const usage = total - kb('MemFree');
  const bootSeconds = Number(/^btime\s+(\d+)/m.exec(stat)?.[1] ?? 0);
  return {
    usageCoreNanoSeconds: busyJiffies * 10_000_000,
    memory: { availableBytes: kb('MemAvailable'), usageBytes: usage, workingSetBytes: Math.max(0, usage - kb('Inactive\\(file\\)')) },
    bootTimeMs: bootSeconds * 1000,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const nsToIso = (ns: number): string => iso(Math.floor(ns / 1e6));

function containerCpu(stats: ContainerStats): CpuStats | undefined {
  if (stats.cpu === null) return undefined;
  return {
    time: nsToIso(stats.cpu.timestamp),
    ...(stats.cpu.usageNanoCores === null ? {} : { usageNanoCores: stats.cpu.usageNanoCores.value }),
    ...(stats.cpu.usageCoreNanoSeconds === null ? {} : { usageCoreNanoSeconds: stats.cpu.usageCoreNanoSeconds.value }),
  };
}

function containerMemory(stats: ContainerStats): MemoryStats | undefined {
  if (stats.memory === null) return undefined;
  return {
    time: nsToIso(stats.memory.timestamp),
    ...(stats.memory.usageBytes === null ? {} : { usageBytes: stats.memory.usageBytes.value }),
    ...(stats.memory.workingSetBytes === null ? {} : { workingSetBytes: stats.memory.workingSetBytes.value }),
    ...(stats.memory.rssBytes === null ? {} : { rssBytes: stats.memory.rssBytes.value }),
  };
}

function sum<T extends object>(items: ReadonlyArray<T | undefined>, keys: ReadonlyArray<keyof T>, time: string): T | undefined {
  const present = items.filter((i): i is T => i !== undefined);
  if (present.length === 0) return undefined;
  const out: Record<string, unknown> = { time };
  for (const key of keys) {
    const values = present.map((p) => p[key]).filter((v): v is T[keyof T] & number => typeof v === 'number');
    if (values.length > 0) out[key as string] = values.reduce((a, b) => a + b, 0);
  }
  return out as T;
}

/**
 * Samples CPU usage between calls to turn cumulative CPU time into a rate (usageNanoCores),
 * as cAdvisor does for the node.
 */
export class SummaryProvider {
  readonly #runtime: RuntimeService;
  readonly #nodeName: string;
  readonly #usage: () => Promise<NodeUsage>;
  readonly #now: () => number;
  #lastCpu: { atMs: number; usage: number } | undefined;

  constructor(options: { runtime: RuntimeService; nodeName: string; nodeUsage?: () => Promise<NodeUsage>; now: () => number }) {
    this.#runtime = options.runtime;
    this.#nodeName = options.nodeName;
    this.#usage = options.nodeUsage ?? procNodeUsage;
    this.#now = options.now;
  }

  async summary(): Promise<Summary> {
    const nowMs = this.#now();
    const time = iso(nowMs);
    const usage = await this.#usage();
    const last = this.#lastCpu;
    this.#lastCpu = { atMs: nowMs, usage: usage.usageCoreNanoSeconds };
    const rate = last !== undefined && nowMs > last.atMs ? Math.round((usage.usageCoreNanoSeconds - last.usage) / ((nowMs - last.atMs) / 1000)) : undefined;
    const node = {
      nodeName: this.#nodeName,
      startTime: iso(usage.bootTimeMs),
      cpu: { time, usageCoreNanoSeconds: usage.usageCoreNanoSeconds, ...(rate === undefined ? {} : { usageNanoCores: Math.max(0, rate) }) },
      memory: { time, ...usage.memory },
    };
    const sandboxes = await this.#runtime.listPodSandbox({ state: { state: 'SANDBOX_READY' } });
    const containers = await this.#runtime.listContainers({ state: { state: 'CONTAINER_RUNNING' } });
    const pods: PodSummary[] = [];
    for (const sandbox of sandboxes) {
      const name = sandbox.labels[LABEL_POD_NAME];
      const namespace = sandbox.labels[LABEL_POD_NAMESPACE];
      if (name === undefined || namespace === undefined) continue; // not a kubelet's pod
      const own = containers.filter((c) => c.podSandboxId === sandbox.id);
      const entries: ContainerSummary[] = [];
      for (const c of own) {
        const stats = await this.#runtime.containerStats(c.id).catch(() => undefined);
        const cpu = stats === undefined ? undefined : containerCpu(stats);
        const memory = stats === undefined ? undefined : containerMemory(stats);
        entries.push({ name: c.labels[LABEL_CONTAINER_NAME] ?? c.metadata?.name ?? '', startTime: nsToIso(c.createdAt), ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) });
      }
      const cpu = sum<CpuStats>(entries.map((e) => e.cpu), ['usageNanoCores', 'usageCoreNanoSeconds'], time);
      const memory = sum<MemoryStats>(entries.map((e) => e.memory), ['usageBytes', 'workingSetBytes', 'rssBytes'], time);
      pods.push({
        podRef: { name, namespace, uid: sandbox.labels[LABEL_POD_UID] ?? '' },
        startTime: nsToIso(sandbox.createdAt),
        containers: entries,
        ...(cpu === undefined ? {} : { cpu }),
        ...(memory === undefined ? {} : { memory }),
      });
    }
    return { node, pods };
  }
}
