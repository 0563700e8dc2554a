// Validation of container environment: env, envFrom, and the downward API and key
// selectors values come from (upstream's ValidateEnv, ValidateEnvFrom and the selectors).

import { invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import { parseQuantity } from '../../../../api/quantity.ts';
import type { EnvFromSource, EnvVar, ObjectFieldSelector, ResourceFieldSelector } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Subdomain } from '../../../../api/validation/names.ts';
import { validateDataKey } from '../configmaps/data-keys.ts';
import { isEnvVarName, sorted, validateQualifiedName } from './validation-common.ts';

/** Pod fields a container may read into an environment variable. */
const ENV_FIELD_PATHS = sorted([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);
/** Pod fields a downward API volume may project into a file. */
export const VOLUME_FIELD_PATHS = sorted(['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid']);
/** Every field label the v1 downward API understands at all; others fail conversion. */
const CONVERTIBLE_FIELD_PATHS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs',
  'status.podIP', 'status.podIPs',
]);
export const RESOURCE_FIELD_PATHS = sorted([
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
]);
const HUGEPAGE_FIELD_PREFIXES = ['requests.hugepages-', 'limits.hugepages-'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_DIVISORS_TEXT = BYTE_DIVISORS.join(', ');

export function validateEnv(vars: readonly EnvVar[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  (vars ?? []).forEach((variable, i) => {
    const here = at.index(i);
    if ((variable.name ?? '') === '') errs.push(required(here.child('name')));
    else errs.push(...isEnvVarName(variable.name).map((m) => invalid(here.child('name'), variable.name, m)));
    errs.push(...validateValueFrom(variable, here.child('valueFrom')));
  });
  return errs;
}

function validateValueFrom(variable: EnvVar, at: Path): FieldError[] {
  const from = variable.valueFrom;
  if (from === undefined) return [];
  const errs: FieldError[] = [];
  let sources = 0;
  if (from.fieldRef !== undefined) {
    sources++;
    errs.push(...validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, at.child('fieldRef')));
  }
  if (from.resourceFieldRef !== undefined) {
    sources++;
    errs.push(...validateResourceFieldSelector(from.resourceFieldRef, false, at.child('resourceFieldRef')));
  }
  for (const [field, selector] of [['configMapKeyRef', from.configMapKeyRef], ['secretKeyRef', from.secretKeyRef]] as const) {
    if (selector === undefined) continue;
    sources++;
    const name = selector.name ?? '';
    errs.push(...isDNS1123Subdomain(name).map((m) => invalid(at.child(field, 'name'), name, m)));
    if ((selector.key ?? '') === '') errs.push(required(at.child(field, 'key')));
    else errs.push(...validateDataKey(selector.key, at.child(field, 'key')));
  }
  if (sources === 0) errs.push(invalid(at, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if ((variable.value ?? '') !== '') errs.push(invalid(at, '', 'may not be specified when `value` is not empty'));
  else if (sources > 1) errs.push(invalid(at, '', 'may not have more than one field specified at a time'));
  return errs;
}

/** A field path, possibly subscripted as metadata.labels['key'], split into path and key. */
function splitSubscript(fieldPath: string): { path: string; key: string | undefined } {
  const match = /^([^[]+)\['(.*)'\]$/.exec(fieldPath);
  return match === null ? { path: fieldPath, key: undefined } : { path: match[1] ?? '', key: match[2] ?? '' };
}

export function validateObjectFieldSelector(selector: ObjectFieldSelector, allowed: readonly string[], at: Path): FieldError[] {
  if ((selector.apiVersion ?? '') === '') return [required(at.child('apiVersion'))];
  if ((selector.fieldPath ?? '') === '') return [required(at.child('fieldPath'))];
  const { path, key } = splitSubscript(selector.fieldPath);
  if (selector.apiVersion !== 'v1' || !CONVERTIBLE_FIELD_PATHS.has(path)) {
    const reason = selector.apiVersion !== 'v1' ? `unsupported pod version: ${selector.apiVersion}` : `field label not supported: ${path}`;
    return [invalid(at.child('fieldPath'), selector.fieldPath, `error converting fieldPath: ${reason}`)];
  }
  if (key !== undefined) {
    if (path === 'metadata.annotations') return validateQualifiedName(key.toLowerCase(), at);
    if (path === 'metadata.labels') return validateQualifiedName(key, at);
    return [invalid(at, path, 'does not support subscript')];
  }
  return allowed.includes(path) ? [] : [notSupported(at.child('fieldPath'), path, allowed)];
}

export function validateResourceFieldSelector(selector: ResourceFieldSelector, forVolume: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const resource = selector.resource ?? '';
  if (forVolume && (selector.containerName ?? '') === '') errs.push(required(at.child('containerName')));
  else if (resource === '') errs.push(required(at.child('resource')));
  else if (!RESOURCE_FIELD_PATHS.includes(resource) && !HUGEPAGE_FIELD_PREFIXES.some((p) => resource.startsWith(p))) {
    errs.push(notSupported(at.child('resource'), resource, RESOURCE_FIELD_PATHS));
  }
  errs.push(...validateDivisor(resource, selector.divisor, at));
  return errs;
}

function validateDivisor(resource: string, divisor: string | undefined, at: Path): FieldError[] {
  if (divisor === undefined) return [];
  const parsed = parseQuantity(divisor);
  if (!parsed.ok || parsed.value.isZero()) return [];
  const text = parsed.value.toString();
  const here = at.child('divisor');
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    return text === '1m' || text === '1' ? [] : [invalid(here, resource, "only divisor's values 1m and 1 are supported with the cpu resource")];
  }
  const kind = resource.endsWith('.memory') ? 'memory' : resource.endsWith('.ephemeral-storage') ? 'local ephemeral storage'
    : HUGEPAGE_FIELD_PREFIXES.some((p) => resource.startsWith(p)) ? 'hugepages' : undefined;
  if (kind === undefined || BYTE_DIVISORS.includes(text)) return [];
  return [invalid(here, resource, `only divisor's values ${BYTE_DIVISORS_TEXT} are supported with the ${kind} resource`)];
}

export function validateEnvFrom(sources: readonly EnvFromSource[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  (sources ?? []).forEach((source, i) => {
    const here = at.index(i);
    if ((source.prefix ?? '') !== '') errs.push(...isEnvVarName(source.prefix ?? '').map((m) => invalid(here.child('prefix'), source.prefix, m)));
    let count = 0;
    for (const [field, ref] of [['configMapRef', source.configMapRef], ['secretRef', source.secretRef]] as const) {
      if (ref === undefined) continue;
      count++;
      const name = ref.name ?? '';
      if (name === '') errs.push(required(here.child(field, 'name')));
      else errs.push(...isDNS1123Subdomain(name).map((m) => invalid(here.child(field, 'name'), name, m)));
    }
    // Upstream reports these two at the list, not at the entry.
    if (count === 0) errs.push(invalid(at, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (count > 1) errs.push(invalid(at, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
