// A pod's resource requests as upstream's resource helpers compute them: the larger of the app
// containers' sum (plus restartable init containers, "sidecars", which keep running) and the
// peak of the init containers run one after another, plus the pod overhead. CPU is counted in
// millicores, everything else in its base unit. Non-zero requests (100m CPU, 200Mi memory for a
// container that asks for none) are used only for scoring, so best-effort pods still spread.
// Quantities are parsed once per pod object: API objects are never mutated in place (informers
// replace them), so the sums are memoized by object identity and frozen.

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
  const parsed = parseQuantity(raw);
  if (!parsed.ok) return 0;
  return Number(name === CPU ? parsed.value.milliValue() : parsed.value.value());
}

export function resourceList(list: Readonly<Record<string, string>> | undefined): Resources {
  const out: Resources = {};
  for (const [name, raw] of Object.entries(list ?? {})) out[name] = quantityValue(name, raw);
  return out;
}

function add(into: Resources, from: Resources): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function max(into: Resources, from: Resources): void {
  for (const [k, v] of Object.entries(from)) into[k] = Math.max(into[k] ?? 0, v);
}

function containerRequests(c: Container, nonZero: boolean): Resources {
  const r = resourceList(c.resources?.requests as Record<string, string> | undefined);
  if (nonZero) {
    if (!r[CPU]) r[CPU] = DEFAULT_MILLI_CPU_REQUEST;
    if (!r[MEMORY]) r[MEMORY] = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

const memo = new WeakMap<Pod, Readonly<Resources>>();
const memoNonZero = new WeakMap<Pod, Readonly<Resources>>();

/** The pod's effective requests (frozen); `nonZero` applies the scoring defaults per container. */
export function podRequests(pod: Pod, nonZero = false): Readonly<Resources> {
  const cache = nonZero ? memoNonZero : memo;
  let r = cache.get(pod);
  if (r === undefined) {
    r = Object.freeze(computeRequests(pod, nonZero));
    cache.set(pod, r);
  }
  return r;
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
