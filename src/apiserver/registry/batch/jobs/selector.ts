// The selector the server generates for a Job (unless spec.manualSelector): it selects the
// Job's uid, and the template carries the labels it selects, so that only this Job's pods
// ever match. Upstream's generateSelector and validateGeneratedSelector.

import { invalid, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { Job } from '../../../../api/types/batch/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import type { ObjectMeta } from '../../../../api/types/meta/v1/index.ts';
import { matches } from '../../../../api/labels/selector.ts';
import { goLabelSelector, goStringMap } from '../../apps/replicasets/go-values.ts';
import { selectorFor } from '../../apps/replicasets/pod-controller.ts';
import { jsonEqual } from '../../../../api/json-equal.ts';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

/**
 * Adds the generated selector and template labels; labels already present are kept (a
 * conflicting value fails validation). Needs metadata.uid and is a no-op without it, so it
 * is idempotent and may run in more than one hook. A Job whose labels were its template's
 * (see defaultJob) gets the generated labels too, as upstream's shared label map does.
 */
export function generateSelector(job: Job): void {
  const uid = job.metadata?.uid ?? '';
  const spec = job.spec;
  if (spec === undefined || spec.manualSelector === true || uid === '') return;
  const name = job.metadata?.name ?? '';
  const template = (spec.template as PodTemplateSpec | undefined) ?? (spec.template = {});
  const templateMeta = (template.metadata ??= {});
  const before = { ...templateMeta.labels };
  const labels = (templateMeta.labels ??= {});
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!Object.hasOwn(labels, key)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!Object.hasOwn(labels, key)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!Object.hasOwn(matchLabels, CONTROLLER_UID_LABEL)) matchLabels[CONTROLLER_UID_LABEL] = uid;
  const meta = (job.metadata ??= {});
  if (Object.keys(meta.labels ?? {}).length === 0 || jsonEqual(meta.labels, before)) meta.labels = { ...labels };
}

function validateHasLabel(meta: ObjectMeta | undefined, at: Path, key: string, expected: string): FieldError[] {
  const labels = meta?.labels;
  const actual = labels?.[key];
  if (actual === undefined) return [required(at.child('labels').key(key), `must be '${expected}'`)];
  return actual === expected ? [] : [invalid(at.child('labels').key(key), goStringMap(labels), `must be '${expected}'`)];
}

/**
 * A generated selector must be what generateSelector makes. The prefixed labels are checked
 * only when `prefixedLabels` (always on create; on update if the stored Job had them).
 */
export function validateGeneratedSelector(job: Job, prefixedLabels: boolean): FieldError[] {
  const spec = job.spec;
  if (spec?.manualSelector === true || spec?.selector === undefined) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (uid === '') errs.push(required(path('metadata', 'uid')));
  const at = path('spec', 'template', 'metadata');
  const templateMeta = (spec.template as PodTemplateSpec | undefined)?.metadata;
  errs.push(...validateHasLabel(templateMeta, at, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(templateMeta, at, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (prefixedLabels) {
    errs.push(...validateHasLabel(templateMeta, at, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(templateMeta, at, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  const selector = selectorFor(spec.selector);
  if (selector !== undefined && !matches(selector, expected)) {
    errs.push(invalid(path('spec', 'selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}
