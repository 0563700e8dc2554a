// Upstream's Priority admission plugin, for pods being created: a pod's priorityClassName must
// name an existing PriorityClass (403 "no PriorityClass with name X was found"), whose value and
// preemptionPolicy become the pod's spec.priority and spec.preemptionPolicy — a pod that gives
// other values itself is refused (403), as upstream refuses it. A pod without a class gets the
// class marked globalDefault, if there is one. Classes are read from the watch cache.
//
// The pod defaults (core/pods/defaults.ts) already set priority 0 for a pod without a class and
// the fixed values of the system classes; since they run first, a pod without a class that sets
// spec.priority itself is not refused when a global default exists (its value is replaced).

import type { PriorityClass } from '../../api/types/scheduling/v1/index.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { forbidden } from '../../api/status.ts';
import type { WatchCache } from '../../storage/cache/watch-cache.ts';
import type { Admission } from './generic-store.ts';
import { SYSTEM_PRIORITY_CLASSES } from './core/pods/defaults.ts';
import { keys, type ApiObject, type ResourceDef } from './resource.ts';

const PRIORITY_CLASSES = { group: 'scheduling.k8s.io', resource: 'priorityclasses', namespaced: false } as const;
const PODS = { group: '', resource: 'pods' } as const;

export function priorityAdmission(cache: WatchCache): Admission {
  const globalDefault = (): PriorityClass | undefined => {
    let found: PriorityClass | undefined;
    for (const item of cache.list(keys.prefix(PRIORITY_CLASSES, undefined)).items) {
      const pc = item.object as PriorityClass;
      // Upstream picks the lowest value when several are marked (validation allows only one).
      if (pc.globalDefault === true && (found === undefined || pc.value < found.value)) found = pc;
    }
    return found;
  };
  return {
    async admitCreate(def: ResourceDef, object: ApiObject): Promise<void> {
      if (def.group !== '' || def.resource !== 'pods') return;
      const pod = object as Pod;
      const spec = pod.spec;
      if (spec === undefined) return;
      const name = pod.metadata?.name ?? '';
      const className = spec.priorityClassName ?? '';
      if (className === '') {
        const pc = globalDefault();
        if (pc === undefined) return; // the defaults' priority 0 stands
        spec.priorityClassName = pc.metadata?.name ?? '';
        spec.priority = pc.value;
        spec.preemptionPolicy = pc.preemptionPolicy ?? 'PreemptLowerPriority';
        return;
      }
      const stored = cache.get(keys.object(PRIORITY_CLASSES, undefined, className))?.object as PriorityClass | undefined;
      // The system classes are stored at bootstrap; until then their fixed values stand in.
      const fixed = SYSTEM_PRIORITY_CLASSES[className];
      const pc: PriorityClass | undefined = stored ?? (fixed === undefined ? undefined : { metadata: { name: className }, value: fixed });
      if (pc === undefined) throw forbidden(PODS, name, `no PriorityClass with name ${className} was found`);
      if (spec.priority !== undefined && spec.priority !== pc.value) {
        throw forbidden(PODS, name, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${pc.value} from the given PriorityClass name`);
      }
      const policy = pc.preemptionPolicy ?? 'PreemptLowerPriority';
      if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
        throw forbidden(PODS, name, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
      }
      spec.priority = pc.value;
      spec.preemptionPolicy = policy;
    },
  };
}
