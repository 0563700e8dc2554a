// SchedulingGates: a pod with spec.schedulingGates is not queued for scheduling until its gates
// are all removed.

import { success, unresolvable } from '../../framework/status.ts';
import type { PreEnqueuePlugin } from '../../framework/types.ts';

export const SCHEDULING_GATES = 'SchedulingGates';

export function schedulingGates(): PreEnqueuePlugin {
  return {
    name: SCHEDULING_GATES,
    preEnqueue(pod) {
      const gates = (pod.spec?.schedulingGates ?? []).map((g) => g.name);
      return gates.length === 0 ? success() : unresolvable(`waiting for scheduling gates: [${gates.join(' ')}]`);
    },
  };
}
