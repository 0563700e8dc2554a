// DefaultPreemption (PostFilter): when a pod fits nowhere, find a node where evicting
// lower-priority pods would make room, delete those victims and nominate the node (the
// scheduler writes status.nominatedNodeName). Nodes rejected as UnschedulableAndUnresolvable
// are not tried: "Preemption is not helpful for scheduling".

import type { Pod } from '../../../api/types/core/v1/index.ts';
import { fitErrorMessage } from '../../framework/schedule-pod.ts';
import { success, unschedulable, type Status } from '../../framework/status.ts';
import type { Handle, PostFilterPlugin } from '../../framework/types.ts';
import { podPriority } from '../queue-sort/priority-sort.ts';
import { pickCandidate, selectVictimsOnNode, type Victims } from './victims.ts';

export const DEFAULT_PREEMPTION = 'DefaultPreemption';
export const REASON_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

/** Why the pod may not preempt, or undefined if it may. */
export function ineligibleReason(pod: Pod, nodePods: (name: string) => readonly Pod[]): string | undefined {
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated = pod.status?.nominatedNodeName ?? '';
  if (nominated !== '') {
    const terminating = nodePods(nominated).some((p) => p.metadata?.deletionTimestamp && podPriority(p) < podPriority(pod));
    if (terminating) return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

export function defaultPreemption(_args: unknown, handle: Handle): PostFilterPlugin {
  return {
    name: DEFAULT_PREEMPTION,
    async postFilter(state, pod, statuses) {
      const snapshot = state.snapshot;
      const why = ineligibleReason(pod, (name) => snapshot.get(name)?.pods.map((p) => p.pod) ?? []);
      if (why !== undefined) return { status: unschedulable(`preemption: ${why}`) };
      const pdbs = handle.pdbs(pod.metadata?.namespace ?? '');
      const results = new Map<string, Status>();
      const candidates: Victims[] = [];
      for (const node of snapshot.nodes) {
        const s = statuses.get(node.name);
        if (s?.code === 'UnschedulableAndUnresolvable') {
          results.set(node.name, { code: 'UnschedulableAndUnresolvable', reasons: [REASON_NOT_HELPFUL] });
          continue;
        }
        const v = selectVictimsOnNode(handle, snapshot, pod, node, pdbs);
        if ('code' in v) results.set(node.name, v);
        else candidates.push(v);
      }
      const best = pickCandidate(candidates);
      if (best === undefined) {
        const msg = fitErrorMessage(snapshot.nodes.length, { statuses: results, preFilterMessage: '', postFilterMessage: '' });
        return { status: unschedulable(`preemption: ${msg.slice(0, -1)}`) };
      }
      const ref = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
      for (const victim of best.pods) {
        handle.api.event(victim, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata?.uid ?? ref} on node ${best.nodeName}`);
        await handle.api.deletePod(victim);
      }
      return { status: success(), nominatedNodeName: best.nodeName };
    },
  };
}
