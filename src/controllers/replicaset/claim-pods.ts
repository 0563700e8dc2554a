// A ReplicaSet's claim of its pods (upstream's ClaimPods) over the pod tally: pods it controls
// are kept or released a label set at a time, orphans go one by one through claimObjects. The
// decisions are claimObjects' own; only the pods it controls that still match are not walked.

import { matches, type Selector } from '../../api/labels/selector.ts';
import type { ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { claimObjects, type ClaimActions } from './claim.ts';
import type { ActivePods } from './manage.ts';
import type { LabelGroup } from './pod-tally.ts';
import { addCounts, countGroups, countPods, type PodCounts } from './status.ts';

export interface ClaimedPods {
  /** The status counts of the claimed pods, as they were when the claim began. */
  readonly counts: PodCounts;
  /** Their number (that of `counts`) and, on demand, the pods as the cache holds them then. */
  readonly pods: ActivePods;
}

function* activePodsOf(groups: readonly LabelGroup[]): Generator<Pod> {
  for (const group of groups) {
    if (group.active === 0) continue;
    for (const facts of group.facts()) if (facts.active) yield facts.pod;
  }
}

/**
 * Claims for `rs` the active pods it controls (`owned`, its label groups in the tally) and the
 * active `orphans` of its namespace: those it controls and that match are kept, those that
 * stopped matching released, matching orphans adopted. Failures are claimObjects'.
 */
export async function claimPods(rs: ReplicaSet, selector: Selector, owned: readonly LabelGroup[], orphans: readonly Pod[], actions: ClaimActions<Pod>): Promise<ClaimedPods> {
  const kept: LabelGroup[] = [];
  const stray: Pod[] = [];
  for (const group of owned) {
    if (matches(selector, group.labels)) kept.push(group);
    else for (const pod of activePodsOf([group])) stray.push(pod);
  }
  // Counted before any write: events that arrive while patches are in flight wait for the next
  // sync, as they would with upstream's list of pods taken at the start.
  const keptCounts = countGroups(rs, kept);
  // Pods it controls that do not match are only released (or ignored), never kept, so what
  // claimObjects returns is the adopted orphans.
  const adopted = stray.length + orphans.length === 0 ? [] : await claimObjects(rs, selector, [...stray, ...orphans], actions);
  const counts = adopted.length === 0 ? keptCounts : addCounts(keptCounts, countPods(rs, adopted));
  return { counts, pods: { count: counts.replicas, list: () => [...activePodsOf(kept), ...adopted] } };
}
