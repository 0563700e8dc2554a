// PriorityClasses: named pod priorities, cluster-scoped. User classes are capped at one
// billion; names starting "system-" belong to the two classes the server creates at start.
// Value and preemption policy never change.

import { forbidden, invalid, notSupported, path, required, type FieldError } from '../../../../api/field-errors.ts';
import { PriorityClass, PriorityClassList } from '../../../../api/types/scheduling/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { semanticEqual } from '../../apps/replicasets/semantic-equal.ts';
import { priorityClassPrinter } from './printer.ts';

export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;
export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';

/** The classes the API server creates at start (upstream's bootstrap priority classes). */
export const systemPriorityClasses: readonly PriorityClass[] = [
  {
    metadata: { name: 'system-node-critical' },
    value: SYSTEM_CRITICAL_PRIORITY + 1000,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    metadata: { name: 'system-cluster-critical' },
    value: SYSTEM_CRITICAL_PRIORITY,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** Why a system- name is refused, or undefined for a system class exactly as defined. */
function systemClassError(pc: PriorityClass): string | undefined {
  const name = pc.metadata?.name ?? '';
  const known = systemPriorityClasses.find((s) => s.metadata?.name === name);
  if (known === undefined) return `${name} is not a known system priority class`;
  if (known.value !== pc.value) return `value of ${name} PriorityClass must be ${known.value}`;
  if ((pc.globalDefault ?? false) !== false) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validatePriorityClass(pc: PriorityClass): FieldError[] {
  const errs: FieldError[] = [];
  if ((pc.metadata?.name ?? '').startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const error = systemClassError(pc);
    if (error !== undefined) {
      errs.push(forbidden(path('metadata', 'name'), `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${error}`));
    }
  } else if ((pc.value ?? 0) > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(path('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const policy: string | undefined = pc.preemptionPolicy;
  if (policy === '') errs.push(required(path('preemptionPolicy')));
  else if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
    errs.push(notSupported(path('preemptionPolicy'), policy, ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

export const priorityclasses: ResourceDef<PriorityClass> = {
  group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', singular: 'priorityclass', kind: 'PriorityClass',
  listKind: 'PriorityClassList', namespaced: false, shortNames: ['pc'], shape: PriorityClass, listShape: PriorityClassList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    defaults(pc) {
      pc.preemptionPolicy ??= 'PreemptLowerPriority';
    },
    validate: validatePriorityClass,
    validateUpdate(pc, old) {
      const errs = validatePriorityClass(pc);
      if (pc.value !== old.value) errs.push(forbidden(path('value'), 'may not be changed in an update.'));
      if (!semanticEqual(pc.preemptionPolicy, old.preemptionPolicy)) errs.push(invalid(path('preemptionPolicy'), pc.preemptionPolicy ?? null, 'field is immutable'));
      return errs;
    },
  },
  printer: priorityClassPrinter,
};
