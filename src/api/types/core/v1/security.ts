// core/v1: Pod and container security contexts.

import { boolean, int64, list, opt, req, string, struct, type Infer } from '../../../schema/shape.ts';
import { AppArmorProfileType, PodFSGroupChangePolicy, ProcMountType, SeccompProfileType, SupplementalGroupsPolicy } from './enums.ts';

export const PodSecurityContext = struct('io.k8s.api.core.v1.PodSecurityContext', {
  seLinuxOptions: opt(1, () => SELinuxOptions, { description: 'The SELinux context for all containers.', omitEmpty: true, pointer: true }),
  windowsOptions: opt(8, () => WindowsSecurityContextOptions, { description: 'Windows-specific settings for all containers.', omitEmpty: true, pointer: true }),
  runAsUser: opt(2, int64, { description: 'The user ID containers run as.', omitEmpty: true, pointer: true }),
  runAsGroup: opt(6, int64, { description: 'The primary group ID containers run as.', omitEmpty: true, pointer: true }),
  runAsNonRoot: opt(3, boolean, { description: 'Refuse to start a container that would run as root.', omitEmpty: true, pointer: true }),
  supplementalGroups: opt(4, list(int64), { description: 'Extra group IDs for every container\'s first process.', listType: 'atomic', omitEmpty: true }),
  supplementalGroupsPolicy: opt(12, SupplementalGroupsPolicy, { description: 'How supplemental groups are computed: Merge or Strict.', omitEmpty: true, pointer: true }),
  fsGroup: opt(5, int64, { description: 'A group that owns supported volumes and is added to every container.', omitEmpty: true, pointer: true }),
  sysctls: opt(7, () => list(Sysctl), { description: 'Namespaced kernel parameters set for the pod.', listType: 'atomic', omitEmpty: true }),
  fsGroupChangePolicy: opt(9, PodFSGroupChangePolicy, { description: 'When volume ownership is changed to fsGroup: OnRootMismatch or Always.', omitEmpty: true, pointer: true }),
  seccompProfile: opt(10, () => SeccompProfile, { description: 'The seccomp profile for all containers.', omitEmpty: true, pointer: true }),
  appArmorProfile: opt(11, () => AppArmorProfile, { description: 'The AppArmor profile for all containers.', omitEmpty: true, pointer: true }),
  seLinuxChangePolicy: opt(13, string, { description: 'How the SELinux label is applied to volumes: Recursive or MountOption.', omitEmpty: true, pointer: true }),
}, { description: 'Security settings that apply to all of a pod\'s containers.' });
export type PodSecurityContext = Infer<typeof PodSecurityContext>;

export const SecurityContext = struct('io.k8s.api.core.v1.SecurityContext', {
  capabilities: opt(1, () => Capabilities, { description: 'Linux capabilities to add and drop.', omitEmpty: true, pointer: true }),
  privileged: opt(2, boolean, { description: 'Run the container privileged, close to root on the host.', omitEmpty: true, pointer: true }),
  seLinuxOptions: opt(3, () => SELinuxOptions, { description: 'The SELinux context of the container.', omitEmpty: true, pointer: true }),
  windowsOptions: opt(10, () => WindowsSecurityContextOptions, { description: 'Windows-specific settings of the container.', omitEmpty: true, pointer: true }),
  runAsUser: opt(4, int64, { description: 'The user ID the container runs as.', omitEmpty: true, pointer: true }),
  runAsGroup: opt(8, int64, { description: 'The primary group ID the container runs as.', omitEmpty: true, pointer: true }),
  runAsNonRoot: opt(5, boolean, { description: 'Refuse to start the container if it would run as root.', omitEmpty: true, pointer: true }),
  readOnlyRootFilesystem: opt(6, boolean, { description: 'Mount the container\'s root filesystem read-only.', omitEmpty: true, pointer: true }),
  allowPrivilegeEscalation: opt(7, boolean, { description: 'Whether a process may gain more privileges than its parent.', omitEmpty: true, pointer: true }),
  procMount: opt(9, ProcMountType, { description: 'The kind of /proc mount: Default or Unmasked.', omitEmpty: true, pointer: true }),
  seccompProfile: opt(11, () => SeccompProfile, { description: 'The seccomp profile of the container.', omitEmpty: true, pointer: true }),
  appArmorProfile: opt(12, () => AppArmorProfile, { description: 'The AppArmor profile of the container.', omitEmpty: true, pointer: true }),
}, { description: 'Security settings for one container, overriding the pod\'s.' });
export type SecurityContext = Infer<typeof SecurityContext>;

export const Capabilities = struct('io.k8s.api.core.v1.Capabilities', {
  add: opt(1, list(string), { description: 'Capabilities to add.', listType: 'atomic', omitEmpty: true }),
  drop: opt(2, list(string), { description: 'Capabilities to drop.', listType: 'atomic', omitEmpty: true }),
}, { description: 'Linux capabilities to add to or drop from a container.' });
export type Capabilities = Infer<typeof Capabilities>;

export const SELinuxOptions = struct('io.k8s.api.core.v1.SELinuxOptions', {
  user: opt(1, string, { description: 'The SELinux user.', omitEmpty: true }),
  role: opt(2, string, { description: 'The SELinux role.', omitEmpty: true }),
  type: opt(3, string, { description: 'The SELinux type.', omitEmpty: true }),
  level: opt(4, string, { description: 'The SELinux level.', omitEmpty: true }),
}, { description: 'An SELinux context.' });
export type SELinuxOptions = Infer<typeof SELinuxOptions>;

export const WindowsSecurityContextOptions = struct('io.k8s.api.core.v1.WindowsSecurityContextOptions', {
  gmsaCredentialSpecName: opt(1, string, { description: 'Which GMSA credential spec to use, by name.', omitEmpty: true, pointer: true }),
  gmsaCredentialSpec: opt(2, string, { description: 'The GMSA credential spec itself, filled in by a webhook.', omitEmpty: true, pointer: true }),
  runAsUserName: opt(3, string, { description: 'The Windows user the container runs as.', omitEmpty: true, pointer: true }),
  hostProcess: opt(4, boolean, { description: 'Run as a Windows host process container.', omitEmpty: true, pointer: true }),
}, { description: 'Windows-specific security settings.' });
export type WindowsSecurityContextOptions = Infer<typeof WindowsSecurityContextOptions>;

export const SeccompProfile = struct('io.k8s.api.core.v1.SeccompProfile', {
  type: req(1, SeccompProfileType, { description: 'RuntimeDefault, Unconfined or Localhost.' }),
  localhostProfile: opt(2, string, { description: 'The profile file on the node, for type Localhost.', omitEmpty: true, pointer: true }),
}, { description: 'A seccomp profile.' });
export type SeccompProfile = Infer<typeof SeccompProfile>;

export const AppArmorProfile = struct('io.k8s.api.core.v1.AppArmorProfile', {
  type: req(1, AppArmorProfileType, { description: 'RuntimeDefault, Unconfined or Localhost.' }),
  localhostProfile: opt(2, string, { description: 'The profile loaded on the node, for type Localhost.', omitEmpty: true, pointer: true }),
}, { description: 'An AppArmor profile.' });
export type AppArmorProfile = Infer<typeof AppArmorProfile>;

export const Sysctl = struct('io.k8s.api.core.v1.Sysctl', {
  name: req(1, string, { description: 'The parameter name.' }),
  value: req(2, string, { description: 'The value to set.' }),
}, { description: 'A kernel parameter to set.' });
export type Sysctl = Infer<typeof Sysctl>;
