// Which pods a ReplicaSet deletes first when it has too many (upstream 1.33's
// ActivePodsWithRanks with the PodDeletionCost and LogarithmicScaleDown gates on). The pods
// earliest in the order are the cheapest to lose: not yet scheduled, not yet running, not
// ready, cheaper by annotation, doubled up on a node, ready for less time, restarting more,
// newer.

import type { Pod } from '../../api/types/core/v1/index.ts';
import { creationMs, isPodActive, isPodReady, maxContainerRestarts, podReadyTime } from './pod-utils.ts';

/** The annotation users set to steer scale-down (lower goes first). */
export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

function phaseOrdinal(pod: Pod): number {
  return PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;
}

function deletionCost(pod: Pod): number {
  const text = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (text === undefined || !/^[-+]?\d+$/.test(text.trim())) return 0;
  return Number(text.trim());
}

/** floor(log2(age in ns)), or -1 for no age: timestamps a factor of two apart rank apart. */
function logRank(t: number, nowMs: number): number {
  const ns = (nowMs - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** A time and, when the order is taken at a known instant, its logRank then. */
interface Stamp {
  readonly ms: number | undefined;
  readonly log: number | undefined;
}

function stamp(ms: number | undefined, nowMs: number | undefined): Stamp {
  return { ms, log: ms === undefined || nowMs === undefined ? undefined : logRank(ms, nowMs) };
}

/** Negative when a's time should go first: unset < later < earlier (upstream's afterOrZero). */
function compareTimes(a: Stamp, b: Stamp, uidA: string, uidB: string): number {
  if (a.ms === b.ms) return 0;
  if (a.ms === undefined) return -1;
  if (b.ms === undefined) return 1;
  if (a.log === undefined || b.log === undefined) return a.ms > b.ms ? -1 : 1;
  const diff = a.log - b.log;
  if (diff === 0) return uidA < uidB ? -1 : uidA > uidB ? 1 : 0;
  return diff;
}

/** What the order compares of a pod, whatever its rank and the time: read once per pod object. */
interface OrderFacts {
  readonly node: string;
  readonly phase: number;
  readonly ready: boolean;
  readonly cost: number;
  readonly uid: string;
  readonly readyMs: number | undefined;
  readonly restarts: number;
  readonly createdMs: number | undefined;
}

/** Informer objects are replaced on change, never mutated: facts of a pod object stay true. */
const orderFacts = new WeakMap<Pod, OrderFacts>();

function factsOf(pod: Pod): OrderFacts {
  let facts = orderFacts.get(pod);
  if (facts === undefined) {
    const ready = isPodReady(pod);
    facts = {
      node: pod.spec?.nodeName ?? '', phase: phaseOrdinal(pod), ready, cost: deletionCost(pod), uid: pod.metadata?.uid ?? '',
      readyMs: ready ? podReadyTime(pod) : undefined, restarts: maxContainerRestarts(pod), createdMs: creationMs(pod),
    };
    orderFacts.set(pod, facts);
  }
  return facts;
}

/**
 * A pod with what the deletion order compares, read once: a scale-down sorts thousands of pods,
 * and parsing timestamps and annotations inside the comparator did it O(n log n) times. With
 * `nowMs` times compare by logarithmic age (upstream's LogarithmicScaleDown), else as times.
 */
export interface RankedPod {
  readonly pod: Pod;
  /** How many related active pods share the pod's node; more goes first. */
  readonly rank: number;
  readonly facts: OrderFacts;
  readonly readySince: Stamp;
  readonly created: Stamp;
}

export function rankedPod(pod: Pod, rank: number, nowMs?: number): RankedPod {
  const facts = factsOf(pod);
  return { pod, rank, facts, readySince: stamp(facts.readyMs, nowMs), created: stamp(facts.createdMs, nowMs) };
}

/** A comparator over ranked pods: negative when `a` should be deleted before `b`. */
export function compareForDeletion(a: RankedPod, b: RankedPod): number {
  const fa = a.facts;
  const fb = b.facts;
  if (fa.node !== fb.node && (fa.node === '' || fb.node === '')) return fa.node === '' ? -1 : 1;
  if (fa.phase !== fb.phase) return fa.phase - fb.phase;
  if (fa.ready !== fb.ready) return fa.ready ? 1 : -1;
  if (fa.cost !== fb.cost) return fa.cost - fb.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (fa.ready && fb.ready) {
    const c = compareTimes(a.readySince, b.readySince, fa.uid, fb.uid);
    if (c !== 0) return c;
  }
  if (fa.restarts !== fb.restarts) return fb.restarts - fa.restarts;
  return compareTimes(a.created, b.created, fa.uid, fb.uid);
}

/**
 * Ranks each pod by the number of active `related` pods on its node (upstream's
 * getPodsRankedByRelatedPodsOnSameNode): related pods are those of every ReplicaSet of the
 * same owner, so scale-down spreads what remains across nodes.
 */
export function rankByRelatedPodsOnSameNode(pods: readonly Pod[], related: readonly Pod[], nowMs?: number): RankedPod[] {
  const onNode = new Map<string, number>();
  for (const pod of related) {
    if (!isPodActive(pod)) continue;
    const node = pod.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return pods.map((pod) => rankedPod(pod, onNode.get(pod.spec?.nodeName ?? '') ?? 0, nowMs));
}

/**
 * The `count` pods to delete first (upstream's getPodsToDelete), in deletion order: the first
 * `count` of a stable sort by compareForDeletion. A scale-down takes a few pods of thousands, so
 * rather than sorting them all, one pass keeps the `count` first in a max-heap: most pods lose
 * to the heap's last one in a single comparison. Equal pods keep their list order (as the
 * stable sort): ties are broken by position, which makes the order total and the choice unique.
 */
export function podsToDelete(pods: readonly Pod[], related: readonly Pod[], count: number, nowMs?: number): Pod[] {
  if (count >= pods.length) return [...pods];
  if (count <= 0) return [];
  const ranked = rankByRelatedPodsOnSameNode(pods, related, nowMs);
  const before = (i: number, j: number): boolean => {
    const c = compareForDeletion(ranked[i] as RankedPod, ranked[j] as RankedPod);
    return c < 0 || (c === 0 && i < j);
  };
  // heap[0] is the position of the last of the pods kept so far.
  const heap: number[] = [];
  const siftDown = (at: number): void => {
    const n = heap.length;
    for (let i = at; ;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && before(heap[l] as number, heap[r] as number) ? r : l;
      if (!before(heap[i] as number, heap[child] as number)) return;
      [heap[i], heap[child]] = [heap[child] as number, heap[i] as number];
      i = child;
    }
  };
  for (let i = 0; i < ranked.length; i++) {
    if (heap.length < count) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0;) {
        const parent = (c - 1) >> 1;
        if (!before(heap[parent] as number, heap[c] as number)) break;
        [heap[parent], heap[c]] = [heap[c] as number, heap[parent] as number];
        c = parent;
      }
    } else if (before(i, heap[0] as number)) {
      heap[0] = i;
      siftDown(0);
    }
  }
  heap.sort((i, j) => (before(i, j) ? -1 : 1));
  return heap.map((i) => (ranked[i] as RankedPod).pod);
}
