// Validation of pods, pod specs and pod templates (upstream's ValidatePodSpec,
// ValidatePodTemplateSpec and ValidatePodCreate). Metadata (name, labels, owner references)
// is validated by the generic store; these check what is particular to pods.

import { duplicate, forbidden, invalid, notSupported, path, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { Pod, PodSpec, PodTemplateSpec } from '../../../../api/types/core/v1/index.ts';
import { validateAnnotations, validateLabels } from '../../../../api/validation/names.ts';
import { MIRROR_POD_ANNOTATION } from './defaults.ts';
import { inclusiveRangeError, validateDNSLabel, validateDNSSubdomain } from './validation-common.ts';
import {
  validateContainers, validateEphemeralContainers, validateImageWhitespace, validateInitContainers, type ContainerContext,
} from './validation-containers.ts';
import { validateResourceRequirements } from './validation-resources.ts';
import { validateAffinity, validateDNSConfig, validateGatesAndAliases, validateTolerations, validateTopologySpread } from './validation-scheduling.ts';
import { validateHostUsers, validatePodSecurityContext } from './validation-security.ts';
import { validateVolumes } from './validation-volumes.ts';

export interface PodSpecValidationOptions {
  /** The spec belongs to a Pod rather than a template (hostPort must then equal containerPort on the host network). */
  readonly resourceIsPod?: boolean;
}

const MAX_INT32 = 2147483647;
export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

function validateClaims(spec: PodSpec, at: Path): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  (spec.resourceClaims ?? []).forEach((claim, i) => {
    const here = at.index(i);
    if ((claim.name ?? '') === '') errs.push(required(here.child('name')));
    else if (names.has(claim.name)) errs.push(duplicate(here.child('name'), claim.name));
    else {
      errs.push(...validateDNSLabel(claim.name, here.child('name')));
      names.add(claim.name);
    }
    const byName = claim.resourceClaimName !== undefined;
    const byTemplate = claim.resourceClaimTemplateName !== undefined;
    if (byName && byTemplate) errs.push(invalid(here, claim, 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
    if (!byName && !byTemplate) errs.push(invalid(here, claim, 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
    if (byName) errs.push(...validateDNSSubdomain(claim.resourceClaimName ?? '', here.child('resourceClaimName')));
    if (byTemplate) errs.push(...validateDNSSubdomain(claim.resourceClaimTemplateName ?? '', here.child('resourceClaimTemplateName')));
  });
  return { names, errs };
}

function validateHostNetworkPorts(spec: PodSpec, at: Path, resourceIsPod: boolean): FieldError[] {
  if (spec.hostNetwork !== true) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((container, i) => {
    (container.ports ?? []).forEach((port, p) => {
      const hostPort = port.hostPort ?? 0;
      // A template may leave hostPort out: it is defaulted when the pod is created.
      if ((resourceIsPod || hostPort !== 0) && hostPort !== port.containerPort) {
        errs.push(invalid(at.child('containers').index(i).child('ports').index(p).child('hostPort'), hostPort, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

export function validatePodSpec(spec: PodSpec, at: Path, options: PodSpecValidationOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(at.child('terminationGracePeriodSeconds')));
  const volumes = validateVolumes(spec.volumes, at.child('volumes'));
  errs.push(...volumes.errs);
  const claims = validateClaims(spec, at.child('resourceClaims'));
  errs.push(...claims.errs);
  const ctx: ContainerContext = {
    volumes: volumes.valid, claimNames: claims.names, gracePeriod: spec.terminationGracePeriodSeconds,
    restartPolicy: spec.restartPolicy ?? '', hostUsers: spec.hostUsers !== false,
  };
  errs.push(...validateContainers(spec.containers, ctx, at.child('containers')));
  errs.push(...validateInitContainers(spec, ctx, at.child('initContainers')));
  errs.push(...validateEphemeralContainers(spec, ctx, at.child('ephemeralContainers')));
  errs.push(...validateHostNetworkPorts(spec, at, options.resourceIsPod === true));
  const restart = spec.restartPolicy ?? '';
  if (restart === '') errs.push(required(at.child('restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(at.child('restartPolicy'), restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy ?? '';
  if (dns === '') errs.push(required(at.child('dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(at.child('dnsPolicy'), dns, DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, at.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(spec, at.child('securityContext')));
  errs.push(...validateAffinity(spec.affinity, at.child('affinity')));
  errs.push(...validateDNSConfig(spec, at.child('dnsConfig')));
  errs.push(...validateGatesAndAliases(spec, at));
  errs.push(...validateTopologySpread(spec.topologySpreadConstraints, at.child('topologySpreadConstraints')));
  errs.push(...validateHostUsers(spec, at));
  for (const field of ['serviceAccountName', 'nodeName', 'priorityClassName', 'runtimeClassName'] as const) {
    if (spec[field]) errs.push(...validateDNSSubdomain(spec[field] ?? '', at.child(field)));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && (deadline < 1 || deadline > MAX_INT32)) {
    errs.push(invalid(at.child('activeDeadlineSeconds'), deadline, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) errs.push(...validateDNSLabel(spec.hostname, at.child('hostname')));
  if (spec.subdomain) errs.push(...validateDNSLabel(spec.subdomain, at.child('subdomain')));
  errs.push(...validateTolerations(spec.tolerations, at.child('tolerations')));
  const preemption = spec.preemptionPolicy;
  if (preemption !== undefined && preemption !== 'PreemptLowerPriority' && preemption !== 'Never') {
    errs.push(notSupported(at.child('preemptionPolicy'), preemption, ['PreemptLowerPriority', 'Never']));
  }
  if (spec.overhead !== undefined) errs.push(...validateResourceRequirements({ limits: spec.overhead }, new Set(), at.child('overhead')));
  if (spec.os !== undefined) {
    if ((spec.os.name ?? '') === '') errs.push(required(at.child('os', 'name'), 'cannot be empty'));
    else if (spec.os.name !== 'linux' && spec.os.name !== 'windows') errs.push(notSupported(at.child('os'), spec.os.name, ['linux', 'windows']));
  }
  return errs;
}

/** Annotations with a meaning for pods: the mirror marker and the deletion cost. */
export function validatePodAnnotations(annotations: Readonly<Record<string, string>> | undefined, spec: PodSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mirror = annotations?.[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(invalid(at.key(MIRROR_POD_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = annotations?.[POD_DELETION_COST_ANNOTATION];
  if (cost !== undefined && !isInt32(cost)) errs.push(invalid(at.key(POD_DELETION_COST_ANNOTATION), cost, 'must be a 32bit integer'));
  return errs;
}

function isInt32(text: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(text)) return false;
  const value = Number(text);
  return value >= -2147483648 && value <= MAX_INT32;
}

/** A template in a workload (or a PodTemplate); `at` is where the template sits, e.g. spec.template. */
export function validatePodTemplateSpec(template: PodTemplateSpec, at: Path, options: PodSpecValidationOptions = {}): FieldError[] {
  const meta = template.metadata ?? {};
  // Upstream reports template labels at <template>.labels, without "metadata".
  const errs = [...validateLabels(meta.labels, at.child('labels')), ...validateAnnotations(meta.annotations, at.child('annotations'))];
  const spec = template.spec ?? { containers: [] };
  errs.push(...validatePodAnnotations(meta.annotations, spec, at.child('annotations')));
  errs.push(...validatePodSpec(spec, at.child('spec'), options));
  if ((spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(at.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  return errs;
}

/** What a pod must satisfy whenever it is written (create and update alike). */
export function validatePodMetadataAndSpec(pod: Pod): FieldError[] {
  const spec = pod.spec ?? { containers: [] };
  const errs = validatePodAnnotations(pod.metadata?.annotations, spec, path('metadata', 'annotations'));
  errs.push(...validatePodSpec(spec, path('spec'), { resourceIsPod: true }));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((volume, vi) => {
      (volume.projected?.sources ?? []).forEach((source, si) => {
        if (source.serviceAccountToken === undefined) return;
        const at = path('spec', 'volumes').index(vi).child('projected', 'sources').index(si).child('serviceAccountToken');
        errs.push(forbidden(at, 'must not be specified when serviceAccountName is not set'));
      });
    });
  }
  for (const list of ['containers', 'initContainers'] as const) {
    (spec[list] ?? []).forEach((container, i) => errs.push(...validateImageWhitespace(container, path('spec', list).index(i))));
  }
  return errs;
}

/** A new pod: ephemeral containers come only through their subresource, and gates precede binding. */
export function validatePod(pod: Pod): FieldError[] {
  const errs = validatePodMetadataAndSpec(pod);
  if ((pod.spec?.ephemeralContainers ?? []).length > 0) errs.push(forbidden(path('spec', 'ephemeralContainers'), 'cannot be set on create'));
  if (pod.spec?.nodeName && (pod.spec.schedulingGates ?? []).length > 0) {
    errs.push(forbidden(path('spec', 'nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}
