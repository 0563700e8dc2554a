// Validation of pod and container security contexts (upstream's
// validatePodSpecSecurityContext, ValidateSecurityContext, validateSysctls and the seccomp
// and AppArmor profile checks). Privileged containers are allowed, as k3s allows them.

import { duplicate, forbidden, invalid, notSupported, required, tooLong, type FieldError, type Path } from '../../../../api/field-errors.ts';
import type { AppArmorProfile, PodSpec, SeccompProfile, SecurityContext } from '../../../../api/types/core/v1/index.ts';
import { inclusiveRangeError, validateLocalDescendingPath } from './validation-common.ts';

const MAX_ID = 0xffffffff;
const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_PATTERN = `^(${SYSCTL_SEGMENT}[\\./])*${SYSCTL_SEGMENT}$`;
const SYSCTL_NAME = new RegExp(SYSCTL_PATTERN);
const SYSCTL_MAX_LENGTH = 253;
const PROFILE_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

function validateID(value: number | undefined, at: Path): FieldError[] {
  return value !== undefined && (value < 0 || value > MAX_ID) ? [invalid(at, value, inclusiveRangeError(0, MAX_ID))] : [];
}

export function validateSeccompProfile(profile: SeccompProfile | undefined, at: Path): FieldError[] {
  if (profile === undefined) return [];
  const errs: FieldError[] = [];
  const type: string = profile.type ?? '';
  if (type === '') errs.push(required(at.child('type'), 'type is required when seccompProfile is set'));
  else if (!PROFILE_TYPES.includes(type)) errs.push(notSupported(at.child('type'), type, PROFILE_TYPES));
  if (type === 'Localhost') {
    if (profile.localhostProfile === undefined) errs.push(required(at.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(profile.localhostProfile, at.child('localhostProfile')));
  } else if (profile.localhostProfile !== undefined) {
    errs.push(invalid(at.child('localhostProfile'), profile, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

export function validateAppArmorProfile(profile: AppArmorProfile | undefined, at: Path): FieldError[] {
  if (profile === undefined) return [];
  const local = profile.localhostProfile;
  switch ((profile.type ?? '') as string) {
    case 'Localhost': {
      const missing = required(at.child('localhostProfile'), 'must be set when AppArmor type is Localhost');
      if (local === undefined) return [missing];
      const errs: FieldError[] = [];
      if (local !== local.trim()) errs.push(invalid(at.child('localhostProfile'), local, 'must not be padded with whitespace'));
      else if (local === '') errs.push(missing);
      // PATH_MAX less the terminating NUL.
      if (local.length > 4095) errs.push(tooLong(at.child('localhostProfile'), 4095));
      return errs;
    }
    case 'RuntimeDefault':
    case 'Unconfined':
      return local === undefined ? [] : [invalid(at.child('localhostProfile'), local, 'can only be set when AppArmor type is Localhost')];
    case '':
      return [required(at.child('type'), 'type is required when appArmorProfile is set')];
    default:
      return [notSupported(at.child('type'), profile.type, PROFILE_TYPES)];
  }
}

/** Which kernel namespace a sysctl belongs to, for the ones a host namespace would expose. */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  const dotted = name.replaceAll('/', '.');
  if (dotted.startsWith('net.')) return 'net';
  if (dotted.startsWith('kernel.shm') || dotted.startsWith('kernel.msg') || dotted === 'kernel.sem' || dotted.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

function validateSysctls(spec: PodSpec, at: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  (spec.securityContext?.sysctls ?? []).forEach((sysctl, i) => {
    const here = at.index(i).child('name');
    if ((sysctl.name ?? '') === '') errs.push(required(here));
    else if (sysctl.name.length > SYSCTL_MAX_LENGTH || !SYSCTL_NAME.test(sysctl.name)) {
      errs.push(invalid(here, sysctl.name, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_PATTERN}`));
    } else if (names.has(sysctl.name)) errs.push(duplicate(here, sysctl.name));
    const ns = sysctlNamespace(sysctl.name ?? '');
    if (ns === 'net' && spec.hostNetwork === true) errs.push(invalid(here, sysctl.name, "may not be specified when 'hostNetwork' is true"));
    if (ns === 'ipc' && spec.hostIPC === true) errs.push(invalid(here, sysctl.name, "may not be specified when 'hostIPC' is true"));
    names.add(sysctl.name);
  });
  return errs;
}

/** The pod-wide security settings; `at` is spec.securityContext. */
export function validatePodSecurityContext(spec: PodSpec, at: Path): FieldError[] {
  const sc = spec.securityContext;
  if (sc === undefined) return [];
  const errs = [...validateID(sc.fsGroup, at.child('fsGroup')), ...validateID(sc.runAsUser, at.child('runAsUser')), ...validateID(sc.runAsGroup, at.child('runAsGroup'))];
  (sc.supplementalGroups ?? []).forEach((gid, i) => errs.push(...validateID(gid, at.child('supplementalGroups').index(i))));
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    errs.push(invalid(at.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  errs.push(...validateSysctls(spec, at.child('sysctls')));
  const policies = ['Always', 'OnRootMismatch'];
  if (sc.fsGroupChangePolicy !== undefined && !policies.includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(at.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, policies));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, at.child('seccompProfile')));
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, at.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) {
    errs.push(notSupported(at.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  if (sc.seLinuxChangePolicy !== undefined && !['MountOption', 'Recursive'].includes(sc.seLinuxChangePolicy)) {
    errs.push(notSupported(at.child('seLinuxChangePolicy'), sc.seLinuxChangePolicy, ['MountOption', 'Recursive']));
  }
  return errs;
}

/** A container's own security settings; hostUsers is whether the pod shares the host's user namespace. */
export function validateContainerSecurityContext(sc: SecurityContext | undefined, hostUsers: boolean, at: Path): FieldError[] {
  if (sc === undefined) return [];
  const errs = [...validateID(sc.runAsUser, at.child('runAsUser')), ...validateID(sc.runAsGroup, at.child('runAsGroup'))];
  if (sc.procMount !== undefined) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(notSupported(at.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (hostUsers && sc.procMount === 'Unmasked') errs.push(invalid(at.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, at.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(invalid(at, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    if ((sc.capabilities?.add ?? []).includes('CAP_SYS_ADMIN')) {
      errs.push(invalid(at, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfile(sc.appArmorProfile, at.child('appArmorProfile')));
  return errs;
}

/** A pod in its own user namespace may not share the host's other namespaces. */
export function validateHostUsers(spec: PodSpec, at: Path): FieldError[] {
  if (spec.hostUsers !== false) return [];
  const errs: FieldError[] = [];
  // Upstream spells the last two with capitals.
  if (spec.hostNetwork === true) errs.push(forbidden(at.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
  if (spec.hostPID === true) errs.push(forbidden(at.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
  if (spec.hostIPC === true) errs.push(forbidden(at.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  return errs;
}
