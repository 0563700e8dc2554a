// A pod's resource requests as upstream's resource helpers compute them: the larger of the app
// containers' sum (plus restartable init containers, "sidecars", which keep running) and the
// peak of the init containers run one after another, plus the pod overhead. CPU is counted in
// millicores, everything else in its base unit. Non-zero requests (100m CPU, 200Mi memory for a
// container that asks for none) are used only for scoring, so best-effort pods still spread.
// API objects are never mutated in place (informers replace them), so a pod object's sums never
// change: the last pod's are kept, since a cycle asks for the same pod's several times. (A
// WeakMap over every pod object cost more than the sums: each of a pod's versions is new.)
// Quantity strings repeat across pods ("100m", "128Mi") and are parsed once.

import { parseQuantity } from '../../api/quantity.ts';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';

export type Resources = Record<string, number>;

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const EPHEMERAL_STORAGE = 'ephemeral-storage';
export const PODS = 'pods';
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** A quantity as a number: millicores for cpu, the rounded-up value otherwise; 0 if unparsable. */
export function quantityValue(name: string, raw: string | undefined): number {
  if (raw === undefined) return 0;
  const memo = name === CPU ? milliValues : values;
  let v = memo.get(raw);
  if (v === undefined) {
    const parsed = parseQuantity(raw);
    v = !parsed.ok ? 0 : Number(name === CPU ? parsed.value.milliValue() : parsed.value.value());
    // Bounded: a cluster uses a handful of quantities, but nothing stops it from using more.
    if (memo.size >= MAX_MEMOIZED_QUANTITIES) memo.clear();
    memo.set(raw, v);
  }
  return v;
}

const MAX_MEMOIZED_QUANTITIES = 1024;
/** Quantity string → millicores (cpu) or value (anything else). */
const milliValues = new Map<string, number>();
const values = new Map<string, number>();

export function resourceList(list: Readonly<Record<string, string>> | undefined): Resources {
  const out: Resources = {};
  // for-in rather than Object.entries: the same (insertion) order without an array per entry;
  // these run for every version of every pod.
  for (const name in list) out[name] = quantityValue(name, list[name]);
  return out;
}

function add(into: Resources, from: Resources): void {
  for (const k in from) into[k] = (into[k] ?? 0) + (from[k] as number);
}

function max(into: Resources, from: Resources): void {
  for (const k in from) into[k] = Math.max(into[k] ?? 0, from[k] as number);
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = resourceList(c.resources?.requests as Record<string, string> | undefined);
  if (nonZero) {
    if (!r[CPU]) r[CPU] = DEFAULT_MILLI_CPU_REQUEST;
    if (!r[MEMORY]) r[MEMORY] = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** The last pod asked about, and its sums (one pair for each `nonZero`). */
let lastPod: Pod | undefined;
let lastRequests: Readonly<Resources> | undefined;
let lastNonZeroPod: Pod | undefined;
let lastNonZero: Readonly<Resources> | undefined;

/** The pod's effective requests (frozen); `nonZero` applies the scoring defaults per container. */
export function podRequests(pod: Pod, nonZero = false): Readonly<Resources> {
  if (nonZero) {
    if (lastNonZeroPod !== pod || lastNonZero === undefined) {
      lastNonZero = Object.freeze(computeRequests(pod, true));
      lastNonZeroPod = pod;
    }
    return lastNonZero;
  }
  if (lastPod !== pod || lastRequests === undefined) {
    lastRequests = Object.freeze(computeRequests(pod, false));
    lastPod = pod;
  }
  return lastRequests;
}

function computeRequests(pod: Pod, nonZero: boolean): Resources {
  const spec = pod.spec;
  const reqs: Resources = {};
  for (const c of spec?.containers ?? []) add(reqs, containerRequests(c, nonZero));
  const sidecars: Resources = {};
  const initPeak: Resources = {};
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      add(reqs, r);
      add(sidecars, r);
      max(initPeak, sidecars);
    } else {
      const tmp = { ...r };
      add(tmp, sidecars);
      max(initPeak, tmp);
    }
  }
  max(reqs, initPeak);
  add(reqs, resourceList(spec?.overhead as Record<string, string> | undefined));
  return reqs;
}
