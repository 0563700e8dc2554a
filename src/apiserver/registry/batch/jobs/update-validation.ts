// What an update may change in a Job (upstream's ValidateJobSpecUpdate): most of the spec is
// fixed at creation. Indexed Jobs may change completions together with parallelism (elastic
// Indexed Jobs), and a suspended Job that never started may change where its pods schedule.

import { duplicate, invalid, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { Job, JobSpec, JobStatus } from '../../../../api/types/batch/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { goLabelSelector } from '../../apps/replicasets/go-values.ts';
import { nonNegative } from '../../apps/replicasets/int-or-percent.ts';
import { semanticEqual } from '../../apps/replicasets/semantic-equal.ts';

const IMMUTABLE = 'field is immutable';

function immutable(next: unknown, old: unknown, at: Path): FieldError[] {
  return semanticEqual(next, old) ? [] : [invalid(at, next ?? null, IMMUTABLE)];
}

function validateCompletions(spec: JobSpec, old: JobSpec, at: Path): FieldError[] {
  if (spec.completionMode !== 'Indexed') return immutable(spec.completions, old.completions, at);
  // A missing completions is already an error of the spec itself.
  if (spec.completions === old.completions || spec.completions === undefined) return [];
  return spec.completions === spec.parallelism ? [] : [invalid(at, spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

/**
 * The stored template, with the scheduling directives of the new one: node affinity, node
 * selector, tolerations, labels, annotations and scheduling gates may change while a
 * suspended Job has never started.
 */
function withSchedulingDirectives(old: PodTemplateSpec, next: PodTemplateSpec): PodTemplateSpec {
  const merged = jsonClone(old);
  const spec = (merged.spec ??= { containers: [] });
  const nextAffinity = next.spec?.affinity;
  if (nextAffinity === undefined && spec.affinity !== undefined) {
    delete spec.affinity.nodeAffinity;
    if (Object.keys(spec.affinity).length === 0) delete spec.affinity;
  } else if (nextAffinity !== undefined) {
    spec.affinity = { ...spec.affinity };
    if (nextAffinity.nodeAffinity === undefined) delete spec.affinity.nodeAffinity;
    else spec.affinity.nodeAffinity = nextAffinity.nodeAffinity;
  }
  const copy = <K extends 'nodeSelector' | 'tolerations' | 'schedulingGates'>(key: K): void => {
    const value = next.spec?.[key];
    if (value === undefined) delete spec[key];
    else spec[key] = value;
  };
  copy('nodeSelector');
  copy('tolerations');
  copy('schedulingGates');
  const meta = (merged.metadata ??= {});
  if (next.metadata?.labels === undefined) delete meta.labels;
  else meta.labels = next.metadata.labels;
  if (next.metadata?.annotations === undefined) delete meta.annotations;
  else meta.annotations = next.metadata.annotations;
  return merged;
}

export function validateJobSpecUpdate(job: Job, old: Job, at: Path): FieldError[] {
  const spec = job.spec ?? ({} as JobSpec);
  const oldSpec = old.spec ?? ({} as JobSpec);
  const template = (spec.template as PodTemplateSpec | undefined) ?? {};
  let oldTemplate = (oldSpec.template as PodTemplateSpec | undefined) ?? {};
  if (oldSpec.suspend === true && old.status?.startTime === undefined) oldTemplate = withSchedulingDirectives(oldTemplate, template);
  return [
    ...validateCompletions(spec, oldSpec, at.child('completions')),
    ...(semanticEqual(spec.selector, oldSpec.selector) ? [] : [invalid(at.child('selector'), goLabelSelector(spec.selector), IMMUTABLE)]),
    ...immutable(template, oldTemplate, at.child('template')),
    ...immutable(spec.completionMode, oldSpec.completionMode, at.child('completionMode')),
    ...immutable(spec.podFailurePolicy, oldSpec.podFailurePolicy, at.child('podFailurePolicy')),
    ...immutable(spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, at.child('backoffLimitPerIndex')),
    ...immutable(spec.managedBy, oldSpec.managedBy, at.child('managedBy')),
    ...immutable(spec.successPolicy, oldSpec.successPolicy, at.child('successPolicy')),
  ];
}

/** The counters of a Job's status, and the pods it has yet to count (upstream's basic checks). */
export function validateJobStatus(status: JobStatus | undefined, at: Path): FieldError[] {
  const errs = [
    ...nonNegative(status?.active ?? 0, at.child('active')),
    ...nonNegative(status?.succeeded ?? 0, at.child('succeeded')),
    ...nonNegative(status?.failed ?? 0, at.child('failed')),
    ...nonNegative(status?.ready, at.child('ready')),
    ...nonNegative(status?.terminating, at.child('terminating')),
  ];
  const uncounted = status?.uncountedTerminatedPods;
  if (uncounted !== undefined) {
    const seen = new Set<string>();
    for (const kind of ['succeeded', 'failed'] as const) {
      (uncounted[kind] ?? []).forEach((uid, i) => {
        const here = at.child('uncountedTerminatedPods', kind).index(i);
        if (uid === '') errs.push(invalid(here, uid, 'must not be empty'));
        else if (seen.has(uid)) errs.push(duplicate(here, uid));
        else seen.add(uid);
      });
    }
  }
  return errs;
}
