// Validation of a Job and of the job spec a CronJob templates (upstream's ValidateJob,
// ValidateJobSpec and validateJobSpec).

import { invalid, notSupported, path, required, tooLong, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { matches } from '../../../../api/labels/selector.ts';
import type { Job, JobSpec } from '../../../../api/types/batch/v1/index.ts';
import type { PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { isDNS1123Label, isDNS1123Subdomain, regexError } from '../../../../api/validation/names.ts';
import { validatePodTemplateSpec } from '../../core/pods/validation.ts';
import { goStringMap } from '../../apps/replicasets/go-values.ts';
import { nonNegative } from '../../apps/replicasets/int-or-percent.ts';
import { asSelectorSpec, selectorFor } from '../../apps/replicasets/pod-controller.ts';
import { validatePodFailurePolicy, validateSuccessPolicy } from './policy-validation.ts';
import { validateGeneratedSelector } from './selector.ts';

const MAX_INDEXED_PARALLELISM = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS = 10_000;
const MAX_MANAGED_BY_LENGTH = 63;
const HTTP_PATH = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/** Upstream's IsDomainPrefixedPath: "acme.io/path". */
function validateDomainPrefixedPath(value: string, at: Path): FieldError[] {
  if (value === '') return [required(at)];
  const slash = value.indexOf('/');
  const host = slash < 0 ? value : value.slice(0, slash);
  const rest = slash < 0 ? '' : value.slice(slash + 1);
  if (slash < 0 || host === '' || rest === '') return [invalid(at, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const errs = isDNS1123Subdomain(host).map((m) => invalid(at, host, m));
  if (!new RegExp(`^${HTTP_PATH}$`).test(rest)) errs.push(invalid(at, rest, regexError('Invalid path', HTTP_PATH)));
  return errs;
}

function validateCompletionMode(spec: JobSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mode: string | undefined = spec.completionMode;
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(at.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
  const { completions, parallelism, maxFailedIndexes, backoffLimitPerIndex } = spec;
  if (mode === 'Indexed') {
    if (completions === undefined) errs.push(required(at.child('completions'), 'when completion mode is Indexed'));
    if (parallelism !== undefined && parallelism > MAX_INDEXED_PARALLELISM) {
      errs.push(invalid(at.child('parallelism'), parallelism, `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
    }
    if (completions !== undefined && maxFailedIndexes !== undefined && maxFailedIndexes > completions) {
      errs.push(invalid(at.child('maxFailedIndexes'), maxFailedIndexes, 'must be less than or equal to completions'));
    }
    if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES) {
      errs.push(invalid(at.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
    }
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && backoffLimitPerIndex !== undefined) {
      const why = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (maxFailedIndexes === undefined) errs.push(required(at.child('maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
      if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS) {
        errs.push(invalid(at.child('parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} ${why}`));
      }
      if (maxFailedIndexes !== undefined && maxFailedIndexes > MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS) {
        errs.push(invalid(at.child('maxFailedIndexes'), maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES_FOR_HIGH_COMPLETIONS} ${why}`));
      }
    }
  } else if (mode === undefined || mode === 'NonIndexed') {
    if (backoffLimitPerIndex !== undefined) errs.push(invalid(at.child('backoffLimitPerIndex'), backoffLimitPerIndex, 'requires indexed completion mode'));
    if (maxFailedIndexes !== undefined) errs.push(invalid(at.child('maxFailedIndexes'), maxFailedIndexes, 'requires indexed completion mode'));
  }
  return errs;
}

function validateRestartPolicy(spec: JobSpec, at: Path): FieldError[] {
  const policy: string = spec.template?.spec?.restartPolicy ?? '';
  // The pod defaults turn an unset policy into Always, so both mean "not chosen".
  if (policy === 'Always' || policy === '') return [required(at, 'valid values: "OnFailure", "Never"')];
  if (policy !== 'OnFailure' && policy !== 'Never') return [notSupported(at, policy, ['OnFailure', 'Never'])];
  if (spec.podFailurePolicy !== undefined && policy !== 'Never') return [invalid(at, policy, 'only "Never" is supported when podFailurePolicy is specified')];
  return [];
}

/** The rules any job spec follows, in a Job or in a CronJob's template (upstream's validateJobSpec). */
export function validateJobSpecFields(spec: JobSpec, at: Path): FieldError[] {
  const errs = [
    ...nonNegative(spec.parallelism, at.child('parallelism')),
    ...nonNegative(spec.completions, at.child('completions')),
    ...nonNegative(spec.activeDeadlineSeconds, at.child('activeDeadlineSeconds')),
    ...nonNegative(spec.backoffLimit, at.child('backoffLimit')),
    ...nonNegative(spec.ttlSecondsAfterFinished, at.child('ttlSecondsAfterFinished')),
    ...nonNegative(spec.backoffLimitPerIndex, at.child('backoffLimitPerIndex')),
  ];
  if (spec.maxFailedIndexes !== undefined) {
    errs.push(...nonNegative(spec.maxFailedIndexes, at.child('maxFailedIndexes')));
    if (spec.backoffLimitPerIndex === undefined) errs.push(required(at.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) {
    errs.push(...validateDomainPrefixedPath(spec.managedBy, at.child('managedBy')));
    if (Buffer.byteLength(spec.managedBy) > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(at.child('managedBy'), MAX_MANAGED_BY_LENGTH));
  }
  errs.push(...validateCompletionMode(spec, at));
  if (spec.podFailurePolicy !== undefined) errs.push(...validatePodFailurePolicy(spec, at.child('podFailurePolicy')));
  if (spec.successPolicy !== undefined) {
    if (spec.completionMode !== 'Indexed') errs.push(invalid(at.child('successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, at.child('successPolicy')));
  }
  const replacement: string | undefined = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    const allowed = spec.podFailurePolicy === undefined ? ['Failed', 'TerminatingOrFailed'] : ['Failed'];
    if (!allowed.includes(replacement)) errs.push(notSupported(at.child('podReplacementPolicy'), replacement, allowed));
  }
  errs.push(...validatePodTemplateSpec((spec.template as PodTemplateSpec | undefined) ?? {}, at.child('template')));
  errs.push(...validateRestartPolicy(spec, at.child('template', 'spec', 'restartPolicy')));
  return errs;
}

/** A Job's spec: the common rules, a required selector, and a template it selects. */
export function validateJobSpec(spec: JobSpec, at: Path): FieldError[] {
  const errs = validateJobSpecFields(spec, at);
  if (spec.selector === undefined) errs.push(required(at.child('selector')));
  else errs.push(...validateLabelSelector(asSelectorSpec(spec.selector), {}, at.child('selector')));
  const selector = selectorFor(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector !== undefined && !matches(selector, labels)) {
    errs.push(invalid(at.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  return errs;
}

/** A whole Job; `prefixedLabels` as validateGeneratedSelector takes it. */
export function validateJob(job: Job, prefixedLabels: boolean): FieldError[] {
  const spec = job.spec ?? ({} as JobSpec);
  const errs = [...validateGeneratedSelector(job, prefixedLabels), ...validateJobSpec(spec, path('spec'))];
  const name = job.metadata?.name ?? '';
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    // Pods are named <job>-<index>, and their hostnames must be DNS labels.
    const hostname = `${name}-${spec.completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid(path('metadata', 'name'), name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}
