// Validation of where and how a pod is placed: tolerations, affinity, topology spread,
// scheduling and readiness gates, DNS settings and host aliases (upstream's
// ValidateTolerations, validateAffinity, validateTopologySpreadConstraints and kin).

import { duplicate, forbidden, invalid, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type {
  Affinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodAffinityTerm, PodSpec, Toleration, TopologySpreadConstraint,
} from '../../../../api/types/core/v1/index.ts';
import type { LabelSelector } from '../../../../api/labels/selector.ts';
import { validateLabelSelector } from '../../../../api/validation/label-selector.ts';
import { isDNS1123Label, isDNS1123Subdomain, isValidLabelValue, regexError, validateLabelName } from '../../../../api/validation/names.ts';
import { validateDNSSubdomain, validateIP, validateQualifiedName } from './validation-common.ts';

const SEARCH_LABEL = '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SEARCH_DOMAIN_FORMAT = `${SEARCH_LABEL}(\\.${SEARCH_LABEL})*`;
const SEARCH_DOMAIN = new RegExp(`^${SEARCH_DOMAIN_FORMAT}$`);
const SEARCH_DOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character";

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A taint or toleration effect; empty is allowed where it means "every effect". */
export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, at: Path): FieldError[] {
  if (!allowEmpty && (effect ?? '') === '') return [required(at)];
  return TAINT_EFFECTS.includes(effect ?? '') ? [] : [notSupported(at, effect ?? '', TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: readonly Toleration[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((toleration, i) => {
    const here = at.index(i);
    const key = toleration.key ?? '';
    const operator = toleration.operator ?? '';
    if (key !== '') errs.push(...validateLabelName(key, here.child('key')));
    if (key === '' && operator !== 'Exists') {
      errs.push(invalid(here.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (toleration.tolerationSeconds !== undefined && toleration.effect !== 'NoExecute') {
      errs.push(invalid(here.child('effect'), toleration.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    const value = toleration.value ?? '';
    if (operator === 'Equal' || operator === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length > 0) errs.push(invalid(here.child('operator'), value, msgs.join(';')));
    } else if (operator === 'Exists') {
      if (value !== '') errs.push(invalid(here.child('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(here.child('operator'), operator, ['Equal', 'Exists']));
    }
    if ((toleration.effect ?? '') !== '') errs.push(...validateTaintEffect(toleration.effect, true, here.child('effect')));
  });
  return errs;
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, allowInvalidValues: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(at.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(at.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(at.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(at.child('operator'), rq.operator, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key, at.child('key')));
  if (!allowInvalidValues) {
    values.forEach((value, i) => errs.push(...isValidLabelValue(value).map((m) => invalid(at.child('values').index(i), value, m))));
  }
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, allowInvalidValues: boolean, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((rq, j) => errs.push(...validateNodeSelectorRequirement(rq, allowInvalidValues, at.child('matchExpressions').index(j))));
  (term.matchFields ?? []).forEach((rq, j) => {
    const here = at.child('matchFields').index(j);
    if (rq.operator === 'In' || rq.operator === 'NotIn') {
      if ((rq.values ?? []).length !== 1) errs.push(required(here.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
      errs.push(invalid(here.child('operator'), rq.operator, 'not a valid selector operator'));
    }
    if (rq.key !== 'metadata.name') errs.push(invalid(here.child('key'), rq.key, 'not a valid field selector key'));
    else (rq.values ?? []).forEach((v, i) => errs.push(...isDNS1123Subdomain(v).map((m) => invalid(here.child('values').index(i), v, m))));
  });
  return errs;
}

export function validateNodeSelector(selector: NodeSelector, at: Path): FieldError[] {
  const terms = at.child('nodeSelectorTerms');
  if ((selector.nodeSelectorTerms ?? []).length === 0) return [required(terms, 'must have at least one node selector term')];
  return selector.nodeSelectorTerms.flatMap((term, i) => validateNodeSelectorTerm(term, false, terms.index(i)));
}

function validatePodAffinityTerm(term: PodAffinityTerm, at: Path): FieldError[] {
  const errs = validateSelector(term.labelSelector, at.child('labelSelector'));
  errs.push(...validateSelector(term.namespaceSelector, at.child('namespaceSelector')));
  // Upstream reports a bad namespace at "namespace", singular.
  for (const ns of term.namespaces ?? []) errs.push(...isDNS1123Label(ns).map((m) => invalid(at.child('namespace'), ns, m)));
  if ((term.topologyKey ?? '') === '') errs.push(required(at.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(term.topologyKey ?? '', at.child('topologyKey')));
  return errs;
}

/** Stored selectors may carry any operator text; the validator reports unknown ones. */
function validateSelector(selector: { matchExpressions?: Array<{ operator: string }> } | undefined, at: Path): FieldError[] {
  return validateLabelSelector(selector as LabelSelector | undefined, {}, at);
}

function validateWeight(weight: number, at: Path): FieldError[] {
  return weight <= 0 || weight > 100 ? [invalid(at, weight, 'must be in the range 1-100')] : [];
}

export function validateAffinity(affinity: Affinity | undefined, at: Path): FieldError[] {
  if (affinity === undefined) return [];
  const errs: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (node?.requiredDuringSchedulingIgnoredDuringExecution !== undefined) {
    errs.push(...validateNodeSelector(node.requiredDuringSchedulingIgnoredDuringExecution, at.child('nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution')));
  }
  (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
    const here = at.child('nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errs.push(...validateWeight(term.weight, here.child('weight')));
    // Preferred terms may name label values no node has; they simply never match.
    errs.push(...validateNodeSelectorTerm(term.preference, true, here.child('preference')));
  });
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const rules = affinity[kind];
    (rules?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      errs.push(...validatePodAffinityTerm(term, at.child(kind, 'requiredDuringSchedulingIgnoredDuringExecution').index(i)));
    });
    (rules?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      const here = at.child(kind, 'preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...validateWeight(term.weight, here.child('weight')));
      errs.push(...validatePodAffinityTerm(term.podAffinityTerm, here.child('podAffinityTerm')));
    });
  }
  return errs;
}

export function validateTopologySpread(constraints: readonly TopologySpreadConstraint[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const list = constraints ?? [];
  list.forEach((c, i) => {
    const here = at.index(i);
    if (c.maxSkew <= 0) errs.push(invalid(here.child('maxSkew'), c.maxSkew, 'must be greater than zero'));
    if ((c.topologyKey ?? '') === '') errs.push(required(here.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(here.child('whenUnsatisfiable'), c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (list.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(here.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(invalid(here.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(here.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    for (const field of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const policy = c[field];
      if (policy !== undefined && policy !== 'Honor' && policy !== 'Ignore') errs.push(notSupported(here.child(field), policy, ['Honor', 'Ignore']));
    }
    errs.push(...validateSelector(c.labelSelector, here.child('labelSelector')));
  });
  return errs;
}

export function validateDNSConfig(spec: PodSpec, at: Path): FieldError[] {
  const config = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (config === undefined) return [required(at, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((config.nameservers ?? []).length === 0) return [required(at.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (config === undefined) return [];
  const errs: FieldError[] = [];
  const nameservers = config.nameservers ?? [];
  if (nameservers.length > 3) errs.push(invalid(at.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => errs.push(...validateIP(ns, at.child('nameservers').index(i))));
  const searches = config.searches ?? [];
  if (searches.length > 32) errs.push(invalid(at.child('searches'), searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(invalid(at.child('searches'), searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((search, i) => {
    // Relaxed search validation (on by default): "." and underscores are allowed.
    if (search === '.') return;
    const trimmed = search.replace(/\.$/, '');
    const here = at.child('searches').index(i);
    if (trimmed.length > 253) errs.push(invalid(here, trimmed, 'must be no more than 253 characters'));
    if (!SEARCH_DOMAIN.test(trimmed)) errs.push(invalid(here, trimmed, regexError(SEARCH_DOMAIN_MESSAGE, SEARCH_DOMAIN_FORMAT, 'example.com')));
  });
  (config.options ?? []).forEach((option, i) => {
    if ((option.name ?? '') === '') errs.push(required(at.child('options').index(i), 'must not be empty'));
  });
  return errs;
}

export function validateGatesAndAliases(spec: PodSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  (spec.readinessGates ?? []).forEach((gate, i) => errs.push(...validateQualifiedName(gate.conditionType, at.child('readinessGates').index(i).child('conditionType'))));
  const gates = new Set<string>();
  (spec.schedulingGates ?? []).forEach((gate, i) => {
    errs.push(...validateQualifiedName(gate.name, at.child('schedulingGates').index(i)));
    if (gates.has(gate.name)) errs.push(duplicate(at.child('schedulingGates').index(i), gate.name));
    gates.add(gate.name);
  });
  (spec.hostAliases ?? []).forEach((alias, i) => {
    errs.push(...validateIP(alias.ip, at.child('hostAliases').index(i).child('ip')));
    (alias.hostnames ?? []).forEach((h, j) => errs.push(...validateDNSSubdomain(h, at.child('hostAliases').index(i).child('hostnames').index(j))));
  });
  (spec.imagePullSecrets ?? []).forEach((secret, i) => {
    if (Object.keys(secret).some((k) => k !== 'name')) errs.push(invalid(at.child('imagePullSecrets').index(i), secret, 'only name may be set'));
  });
  return errs;
}
