// Validation of the three container lists of a PodSpec (upstream's validateContainers,
// validateInitContainers, validateEphemeralContainers and validateContainerCommon). Names
// are unique across all three lists; each kind has its own allowed fields.

import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { Container, ContainerPort, EphemeralContainer, PodSpec, Volume } from '../../../../api/types/core/v1/index.ts';
import { isValidPortName, isValidPortNum, sorted, validateDNSLabel } from './validation-common.ts';
import { validateEnv, validateEnvFrom } from './validation-env.ts';
import { validateLifecycle, validateLivenessProbe, validateReadinessProbe, validateStartupProbe } from './validation-probes.ts';
import { validateResourceRequirements } from './validation-resources.ts';
import { validateContainerSecurityContext } from './validation-security.ts';
import { validateVolumeDevices, validateVolumeMounts } from './validation-volumes.ts';

/** What the container validators need to know about the pod around them. */
export interface ContainerContext {
  readonly volumes: ReadonlyMap<string, Volume>;
  readonly claimNames: ReadonlySet<string>;
  readonly gracePeriod: number | undefined;
  readonly restartPolicy: string;
  readonly hostUsers: boolean;
}

const PROTOCOLS = sorted(['TCP', 'UDP', 'SCTP']);
const PULL_POLICIES = sorted(['Always', 'IfNotPresent', 'Never']);

function validatePorts(ports: readonly ContainerPort[] | undefined, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (ports ?? []).forEach((port, i) => {
    const here = at.index(i);
    const name = port.name ?? '';
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(here.child('name'), name, m)));
      else if (names.has(name)) errs.push(duplicate(here.child('name'), name));
      else names.add(name);
    }
    if ((port.containerPort ?? 0) === 0) errs.push(required(here.child('containerPort')));
    else errs.push(...isValidPortNum(port.containerPort).map((m) => invalid(here.child('containerPort'), port.containerPort, m)));
    if ((port.hostPort ?? 0) !== 0) errs.push(...isValidPortNum(port.hostPort ?? 0).map((m) => invalid(here.child('hostPort'), port.hostPort, m)));
    const protocol = port.protocol ?? '';
    if (protocol === '') errs.push(required(here.child('protocol')));
    else if (!PROTOCOLS.includes(protocol)) errs.push(notSupported(here.child('protocol'), protocol, PROTOCOLS));
  });
  return errs;
}

/** Two containers may not claim the same host port for the same protocol and address. */
function checkHostPortConflicts(containers: readonly Container[], at: Path, taken = new Set<string>()): FieldError[] {
  const errs: FieldError[] = [];
  containers.forEach((container, ci) => {
    (container.ports ?? []).forEach((port, pi) => {
      if ((port.hostPort ?? 0) === 0) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort ?? 0}`;
      if (taken.has(key)) errs.push(duplicate(at.index(ci).child('ports').index(pi).child('hostPort'), key));
      else taken.add(key);
    });
  });
  return errs;
}

function validateResizePolicy(container: Container, restartPolicy: string, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (container.resizePolicy ?? []).forEach((policy, i) => {
    if (seen.has(policy.resourceName)) errs.push(duplicate(at.index(i), policy.resourceName));
    seen.add(policy.resourceName);
    if ((policy.resourceName ?? '') === '') errs.push(required(at));
    else if (policy.resourceName !== 'cpu' && policy.resourceName !== 'memory') errs.push(notSupported(at, policy.resourceName, ['cpu', 'memory']));
    if ((policy.restartPolicy ?? '') === '') errs.push(required(at));
    else if (policy.restartPolicy !== 'NotRequired' && policy.restartPolicy !== 'RestartContainer') {
      errs.push(notSupported(at, policy.restartPolicy, ['NotRequired', 'RestartContainer']));
    }
    if (restartPolicy === 'Never' && policy.restartPolicy !== 'NotRequired') {
      errs.push(invalid(at, policy.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
    }
  });
  return errs;
}

/** The checks every kind of container gets. */
function validateContainerCommon(container: Container, ctx: ContainerContext, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  if ((container.name ?? '') === '') errs.push(required(at.child('name')));
  else errs.push(...validateDNSLabel(container.name, at.child('name')));
  // Whitespace-only images pass here on purpose: some tools use " " as a placeholder in templates.
  if ((container.image ?? '') === '') errs.push(required(at.child('image')));
  const messagePolicy = container.terminationMessagePolicy ?? '';
  if (messagePolicy === '') errs.push(required(at.child('terminationMessagePolicy')));
  else if (messagePolicy !== 'File' && messagePolicy !== 'FallbackToLogsOnError') {
    errs.push(notSupported(at.child('terminationMessagePolicy'), messagePolicy, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(container.ports, at.child('ports')));
  errs.push(...validateEnv(container.env, at.child('env')));
  errs.push(...validateEnvFrom(container.envFrom, at.child('envFrom')));
  errs.push(...validateVolumeMounts(container, ctx.volumes, at.child('volumeMounts')));
  errs.push(...validateVolumeDevices(container, ctx.volumes, at.child('volumeDevices')));
  const pull = container.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(at.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(at.child('imagePullPolicy'), pull, PULL_POLICIES));
  errs.push(...validateResourceRequirements(container.resources, ctx.claimNames, at.child('resources')));
  errs.push(...validateResizePolicy(container, ctx.restartPolicy, at.child('resizePolicy')));
  errs.push(...validateContainerSecurityContext(container.securityContext, ctx.hostUsers, at.child('securityContext')));
  return errs;
}

function validateProbesAndHooks(container: Container, ctx: ContainerContext, at: Path): FieldError[] {
  const errs = container.lifecycle === undefined ? [] : validateLifecycle(container.lifecycle, ctx.gracePeriod, at.child('lifecycle'));
  errs.push(...validateLivenessProbe(container.livenessProbe, ctx.gracePeriod, at.child('livenessProbe')));
  errs.push(...validateReadinessProbe(container.readinessProbe, ctx.gracePeriod, at.child('readinessProbe')));
  errs.push(...validateStartupProbe(container.startupProbe, ctx.gracePeriod, at.child('startupProbe')));
  return errs;
}

export function validateContainers(containers: readonly Container[] | undefined, ctx: ContainerContext, at: Path): FieldError[] {
  if ((containers ?? []).length === 0) return [required(at)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (containers ?? []).forEach((container, i) => {
    const here = at.index(i);
    errs.push(...validateContainerCommon(container, ctx, here));
    if (names.has(container.name)) errs.push(duplicate(here.child('name'), container.name));
    else names.add(container.name);
    errs.push(...validateProbesAndHooks(container, ctx, here));
    if (container.restartPolicy !== undefined) errs.push(forbidden(here.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers ?? [], at));
  return errs;
}

/** Init containers run one by one; those with restartPolicy Always (sidecars) keep running. */
export function validateInitContainers(spec: PodSpec, ctx: ContainerContext, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((spec.containers ?? []).map((c) => c.name));
  (spec.initContainers ?? []).forEach((container, i) => {
    const here = at.index(i);
    errs.push(...validateContainerCommon(container, ctx, here));
    const sidecar = container.restartPolicy === 'Always';
    if (container.restartPolicy !== undefined && !sidecar) errs.push(notSupported(here.child('restartPolicy'), container.restartPolicy, ['Always']));
    if (names.has(container.name)) errs.push(duplicate(here.child('name'), container.name));
    else if (container.name) names.add(container.name);
    // Init containers run one at a time, so only conflicts within one container matter.
    errs.push(...checkHostPortConflicts([container], at));
    if (sidecar) {
      errs.push(...validateProbesAndHooks(container, ctx, here));
    } else {
      for (const field of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        if (container[field] !== undefined) errs.push(forbidden(here.child(field), 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/** Fields an ephemeral (debugging) container may not set: it must not be part of the workload. */
const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

export function validateEphemeralContainers(spec: PodSpec, ctx: ContainerContext, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name));
  const all = new Set(others);
  (spec.ephemeralContainers ?? []).forEach((container: EphemeralContainer, i) => {
    const here = at.index(i);
    errs.push(...validateContainerCommon(container, ctx, here));
    errs.push(...validateImageWhitespace(container, here));
    if (all.has(container.name)) errs.push(duplicate(here.child('name'), container.name));
    else all.add(container.name);
    if (container.targetContainerName && !others.has(container.targetContainerName)) {
      errs.push(notFound(here.child('targetContainerName'), container.targetContainerName));
    }
    for (const field of EPHEMERAL_FORBIDDEN) {
      if (container[field] !== undefined) errs.push(forbidden(here.child(field), 'cannot be set for an Ephemeral Container'));
    }
    (container.volumeMounts ?? []).forEach((mount, m) => {
      if (mount.subPath) errs.push(forbidden(here.child('volumeMounts').index(m).child('subPath'), 'cannot be set for an Ephemeral Container'));
      if (mount.subPathExpr) errs.push(forbidden(here.child('volumeMounts').index(m).child('subPathExpr'), 'cannot be set for an Ephemeral Container'));
    });
  });
  return errs;
}

/** Pods (unlike templates) may not have images with surrounding whitespace. */
export function validateImageWhitespace(container: Container, at: Path): FieldError[] {
  const image = container.image ?? '';
  return image !== image.trim() ? [invalid(at.child('image'), image, 'must not have leading or trailing whitespace')] : [];
}
