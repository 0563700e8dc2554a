// One pod's placement decision (upstream's schedulePod): PreFilter, Filter over a rotating sample
// of nodes until enough feasible ones are found, then PreScore/Score and the best node, ties
// broken at random. The caller turns a FitError into PostFilter, events and a requeue.

import type { Pod } from '../../api/types/core/v1/index.ts';
import { CycleState } from './cycle-state.ts';
import { notSatisfied, type Framework } from './framework.ts';
import { podInfo, type NodeInfo } from './node-info.ts';
import { isSuccess, type Status } from './status.ts';

const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/** How many feasible nodes to look for before scoring (upstream's numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES || percentage >= 100) return numAllNodes;
  let adaptive = percentage;
  if (adaptive <= 0) {
    adaptive = 50 - Math.trunc(numAllNodes / 125);
    if (adaptive < MIN_FEASIBLE_PERCENTAGE) adaptive = MIN_FEASIBLE_PERCENTAGE;
  }
  const n = Math.trunc((numAllNodes * adaptive) / 100);
  return n < MIN_FEASIBLE_NODES ? MIN_FEASIBLE_NODES : n;
}

/**
 * Filter, counting the pods nominated to the node with at least the pod's priority as if they
 * were there (upstream's RunFilterPluginsWithNominatedPods): the pod must fit with them, and,
 * since they may yet go elsewhere, without them too.
 */
export function filterWithNominatedPods(fwk: Framework, state: CycleState, pod: Pod, node: NodeInfo,
  nominatedPods: ((nodeName: string) => readonly Pod[]) | undefined): Status {
  const nominated = nominatedPods?.(node.name);
  if (nominated !== undefined && nominated.length > 0) {
    const priority = pod.spec?.priority ?? 0;
    const uid = pod.metadata?.uid;
    const ahead = nominated.filter((p) => (p.spec?.priority ?? 0) >= priority && (uid === undefined || p.metadata?.uid !== uid));
    if (ahead.length > 0) {
      const withNominated = node.clone();
      for (const p of ahead) withNominated.addPod(podInfo(p));
      // PreFilter again over the what-if snapshot: spread and affinity counts include them.
      const s = fwk.runPreFilterAndFilter(new CycleState(state.snapshot.withNode(withNominated)), pod, withNominated);
      if (!isSuccess(s)) return s;
    }
  }
  return fwk.runFilter(state, pod, node);
}

export interface Diagnosis {
  /** Why each rejected node was rejected. */
  readonly statuses: Map<string, Status>;
  /** Set when PreFilter rejected the pod outright. */
  preFilterMessage: string;
  postFilterMessage: string;
}

/** The pod fits nowhere; `message()` is upstream's summary ("0/5 nodes are available: ..."). */
export class FitError extends Error {
  readonly numAllNodes: number;
  readonly diagnosis: Diagnosis;

  constructor(numAllNodes: number, diagnosis: Diagnosis) {
    super(fitErrorMessage(numAllNodes, diagnosis));
    this.name = 'FitError';
    this.numAllNodes = numAllNodes;
    this.diagnosis = diagnosis;
  }

  /** The summary as it stands now (PostFilter adds its message after the error is made). */
  summary(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMessage !== '') {
    msg += ` ${d.preFilterMessage}.`;
  } else {
    const counts = new Map<string, number>();
    for (const s of d.statuses.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const parts = [...counts].map(([reason, n]) => `${n} ${reason}`).sort();
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (d.postFilterMessage !== '') msg += ` ${d.postFilterMessage}.`;
  return msg;
}

export interface ScheduleResult {
  readonly nodeName: string;
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
}

export class PodScheduler {
  #nextStartIndex = 0;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /**
   * Throws FitError when no node fits; an Error status from a plugin throws an Error.
   * `nominated` tells the pods nominated to a node (by preemption), whose room is kept for them.
   */
  schedule(fwk: Framework, state: CycleState, pod: Pod, nominated?: (nodeName: string) => readonly Pod[]): ScheduleResult {
    const all = state.snapshot.nodes;
    if (all.length === 0) throw new Error('no nodes available to schedule pods');
    const diagnosis: Diagnosis = { statuses: new Map(), preFilterMessage: '', postFilterMessage: '' };
    const feasible = this.#findFeasible(fwk, state, pod, diagnosis, nominated);
    if (feasible.length === 0) throw new FitError(all.length, diagnosis);
    const only = feasible[0];
    if (feasible.length === 1 && only !== undefined) return { nodeName: only.name, evaluatedNodes: 1 + diagnosis.statuses.size, feasibleNodes: 1 };
    const totals = fwk.runScore(state, pod, feasible);
    if (!Array.isArray(totals)) throw new Error(`running score plugins: ${totals.reasons.join(', ')}`);
    return { nodeName: this.#selectHost(feasible, totals), evaluatedNodes: feasible.length + diagnosis.statuses.size, feasibleNodes: feasible.length };
  }

  #findFeasible(fwk: Framework, state: CycleState, pod: Pod, diagnosis: Diagnosis, nominatedPods: ((nodeName: string) => readonly Pod[]) | undefined): NodeInfo[] {
    const all = state.snapshot.nodes;
    const pre = fwk.runPreFilter(state, pod);
    if (!isSuccess(pre.status)) {
      if (pre.status.code === 'Error') throw new Error(`running PreFilter plugin ${pre.status.plugin ?? ''}: ${pre.status.reasons.join(', ')}`);
      diagnosis.preFilterMessage = pre.status.reasons.join(', ');
      for (const n of all) diagnosis.statuses.set(n.name, pre.status);
      return [];
    }
    // A nominated node (set by preemption) is tried first: its victims were removed for this pod.
    const nominated = pod.status?.nominatedNodeName ?? '';
    if (nominated !== '') {
      const node = state.snapshot.get(nominated);
      if (node !== undefined && isSuccess(filterWithNominatedPods(fwk, state, pod, node, nominatedPods))) return [node];
    }
    let candidates = all;
    if (pre.nodeNames !== undefined) {
      const names = pre.nodeNames;
      const absent = notSatisfied(pre.plugins);
      candidates = all.filter((n) => names.has(n.name));
      for (const n of all) {
        if (!names.has(n.name)) diagnosis.statuses.set(n.name, { code: 'UnschedulableAndUnresolvable', reasons: [absent] });
      }
    }
    const want = numFeasibleNodesToFind(fwk.profile.percentageOfNodesToScore ?? 0, candidates.length);
    const feasible: NodeInfo[] = [];
    const start = candidates.length === 0 ? 0 : this.#nextStartIndex % candidates.length;
    let examined = 0;
    for (let i = 0; i < candidates.length && feasible.length < want; i++) {
      const node = candidates[(start + i) % candidates.length];
      if (node === undefined) continue;
      examined++;
      const s = filterWithNominatedPods(fwk, state, pod, node, nominatedPods);
      if (isSuccess(s)) feasible.push(node);
      else if (s.code === 'Error') throw new Error(`running Filter plugin ${s.plugin ?? ''}: ${s.reasons.join(', ')}`);
      else diagnosis.statuses.set(node.name, s);
    }
    this.#nextStartIndex = candidates.length === 0 ? 0 : (start + examined) % candidates.length;
    return feasible;
  }

  /** The node with the highest total; ties broken uniformly at random (reservoir sampling, as upstream). */
  #selectHost(nodes: readonly NodeInfo[], totals: readonly number[]): string {
    let best = '';
    let bestScore = -Infinity;
    let ties = 0;
    for (let i = 0; i < nodes.length; i++) {
      const score = totals[i] as number;
      if (score > bestScore) {
        best = (nodes[i] as NodeInfo).name;
        bestScore = score;
        ties = 1;
      } else if (score === bestScore) {
        ties++;
        if (this.#random() * ties < 1) best = (nodes[i] as NodeInfo).name;
      }
    }
    return best;
  }
}
