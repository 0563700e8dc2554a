// Choosing victims on one node (upstream's SelectVictimsOnNode): remove every lower-priority
// pod; if the preemptor still does not fit, the node is no candidate. Otherwise add pods back,
// highest priority first and PDB-protected ones before the others, keeping each that still
// leaves room. What remains are the victims.

import { matches, fromLabelSelector } from '../../../api/labels/selector.ts';
import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { PodDisruptionBudget } from '../../../api/types/policy/v1/index.ts';
import { CycleState } from '../../framework/cycle-state.ts';
import type { NodeInfo, PodInfo } from '../../framework/node-info.ts';
import type { Snapshot } from '../../framework/snapshot.ts';
import { isSuccess, unresolvable, type Status } from '../../framework/status.ts';
import type { Handle } from '../../framework/types.ts';
import { podPriority } from '../queue-sort/priority-sort.ts';

export interface Victims {
  readonly nodeName: string;
  readonly pods: Pod[];
  readonly pdbViolations: number;
}

function startTime(p: Pod): number {
  const t = p.status?.startTime ?? p.metadata?.creationTimestamp;
  return t === undefined ? 0 : Date.parse(t);
}

/** Splits pods into those whose eviction would break a budget and the rest (budgets counted down). */
export function splitByPdb(pods: readonly Pod[], pdbs: readonly PodDisruptionBudget[]): { violating: Pod[]; ok: Pod[] } {
  const allowed = new Map(pdbs.map((p) => [p, p.status?.disruptionsAllowed ?? 0]));
  const violating: Pod[] = [];
  const ok: Pod[] = [];
  for (const pod of pods) {
    let violates = false;
    for (const pdb of pdbs) {
      if ((pdb.metadata?.namespace ?? '') !== (pod.metadata?.namespace ?? '')) continue;
      const sel = fromLabelSelector(pdb.spec?.selector as Parameters<typeof fromLabelSelector>[0]);
      if (!sel.ok || sel.value.kind === 'nothing' || !matches(sel.value, pod.metadata?.labels ?? {})) continue;
      if (pdb.status?.disruptedPods?.[pod.metadata?.name ?? ''] !== undefined) continue;
      const left = (allowed.get(pdb) ?? 0) - 1;
      allowed.set(pdb, left);
      if (left < 0) violates = true;
    }
    (violates ? violating : ok).push(pod);
  }
  return { violating, ok };
}

export function selectVictimsOnNode(handle: Handle, snapshot: Snapshot, pod: Pod, original: NodeInfo,
  pdbs: readonly PodDisruptionBudget[]): Victims | Status {
  const node = original.clone();
  const priority = podPriority(pod);
  const lower: PodInfo[] = node.pods.filter((p) => podPriority(p.pod) < priority);
  if (lower.length === 0) return unresolvable('No preemption victims found for incoming pod');
  for (const p of lower) node.removePod(p.pod);
  const fits = (): Status => handle.runFilters(new CycleState(snapshot.withNode(node)), pod, node);
  const first = fits();
  if (!isSuccess(first)) return first;
  const sorted = lower.map((p) => p.pod).sort((a, b) => podPriority(b) - podPriority(a) || startTime(a) - startTime(b));
  const { violating, ok } = splitByPdb(sorted, pdbs);
  const victims: Pod[] = [];
  let violations = 0;
  const reprieve = (p: Pod, violates: boolean): void => {
    const info = lower.find((l) => l.pod === p);
    if (info === undefined) return;
    node.addPod(info);
    if (isSuccess(fits())) return;
    node.removePod(p);
    victims.push(p);
    if (violates) violations++;
  };
  for (const p of violating) reprieve(p, true);
  for (const p of ok) reprieve(p, false);
  if (victims.length === 0) return unresolvable('No preemption victims found for incoming pod');
  return { nodeName: node.name, pods: victims, pdbViolations: violations };
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * upstream's pickOneNodeForPreemption, its first criteria in order: fewest PDB violations,
 * lowest highest-victim priority, lowest sum of priorities, fewest victims; then the first.
 */
export function pickCandidate(candidates: readonly Victims[]): Victims | undefined {
  const key = (v: Victims): number[] => {
    const prios = v.pods.map(podPriority);
    return [v.pdbViolations, Math.max(...prios), prios.reduce((a, b) => a + b, 0), v.pods.length];
  };
  let best: Victims | undefined;
  let bestKey: number[] = [];
  for (const c of candidates) {
    const k = key(c);
    if (best === undefined || lexLess(k, bestKey)) {
      best = c;
      bestKey = k;
    }
  }
  return best;
}
