// The ContainerConfig for one container (kuberuntime_container.go generateContainerConfig):
// command and args with $(VAR) expanded from the environment, working dir, mounts (volumes with
// subPath and readOnly, the kubelet's /etc/hosts, the termination-message file), resources,
// the security context, and the labels and annotations that let a restarted kubelet find it.

import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { ContainerConfig, Mount, MountPropagation } from '../cri/types.ts';
import { containerLogPath, LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID, type HostVolume } from '../seams.ts';
import { ContainerConfigError, expand } from './env.ts';
import { linuxResources } from './qos.ts';
import { namespaceOptions } from './sandbox-config.ts';

/** Annotations upstream puts on containers; the restart count is read back after an agent restart. */
export const ANNOTATION_RESTART_COUNT = 'io.kubernetes.container.restartCount';
export const ANNOTATION_TERMINATION_MESSAGE_PATH = 'io.kubernetes.container.terminationMessagePath';
export const ANNOTATION_TERMINATION_MESSAGE_POLICY = 'io.kubernetes.container.terminationMessagePolicy';
export const ANNOTATION_GRACE_PERIOD = 'io.kubernetes.pod.terminationGracePeriod';
export const ANNOTATION_HASH = 'io.kubernetes.container.hash';

/**
 * A hash of the container's spec without its resources (which may change in place), as
 * upstream's HashContainer: a running container whose hash differs from its spec's is replaced.
 */
export function containerHash(container: Container): string {
  const { resources: _resources, resizePolicy: _resize, ...rest } = container;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 8);
}

export interface ContainerConfigInput {
  readonly pod: Pod;
  readonly container: Container;
  readonly attempt: number;
  readonly env: readonly { key: string; value: string }[];
  readonly volumes: ReadonlyMap<string, HostVolume>;
  /** The kubelet's /etc/hosts for the pod; undefined on the host network. */
  readonly etcHostsPath: string | undefined;
  /** The host file mounted at terminationMessagePath. */
  readonly terminationLogPath: string;
}

const PROPAGATION: Record<string, MountPropagation> = {
  None: 'PROPAGATION_PRIVATE', HostToContainer: 'PROPAGATION_HOST_TO_CONTAINER', Bidirectional: 'PROPAGATION_BIDIRECTIONAL',
};

function mounts(input: ContainerConfigInput): Mount[] {
  const { container, volumes } = input;
  const out: Mount[] = [];
  let mountsEtcHosts = false;
  for (const m of container.volumeMounts ?? []) {
    const v = volumes.get(m.name);
    if (v === undefined) throw new ContainerConfigError(`cannot find volume "${m.name}" to mount into container "${container.name}"`);
    const sub = m.subPath ?? '';
    if (sub.startsWith('/') || sub.split('/').includes('..')) throw new ContainerConfigError(`invalid subPath "${sub}" for volume "${m.name}"`);
    if (m.mountPath === '/etc/hosts') mountsEtcHosts = true;
    out.push({
      containerPath: m.mountPath, hostPath: sub === '' ? v.hostPath : join(v.hostPath, sub),
      readonly: m.readOnly === true || v.readOnly, propagation: PROPAGATION[m.mountPropagation ?? 'None'] ?? 'PROPAGATION_PRIVATE',
    });
  }
  if (input.etcHostsPath !== undefined && !mountsEtcHosts) out.push({ containerPath: '/etc/hosts', hostPath: input.etcHostsPath, readonly: false });
  out.push({ containerPath: container.terminationMessagePath ?? '/dev/termination-log', hostPath: input.terminationLogPath, readonly: false });
  return out;
}

export function containerConfig(input: ContainerConfigInput): ContainerConfig {
  const { pod, container, attempt } = input;
  const meta = pod.metadata ?? {};
  const envMap = new Map(input.env.map((e) => [e.key, e.value]));
  const lookup = (name: string): string | undefined => envMap.get(name);
  const podSc = pod.spec?.securityContext;
  const sc = container.securityContext;
  const runAsUser = sc?.runAsUser ?? podSc?.runAsUser;
  const runAsGroup = sc?.runAsGroup ?? podSc?.runAsGroup;
  const supplementalGroups = [...podSc?.supplementalGroups ?? [], ...podSc?.fsGroup === undefined ? [] : [podSc.fsGroup]];
  const ns = namespaceOptions(pod);
  const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
  return {
    metadata: { name: container.name, attempt },
    image: { image: container.image ?? '' },
    ...(container.command === undefined ? {} : { command: container.command.map((s) => expand(s, lookup)) }),
    ...(container.args === undefined ? {} : { args: container.args.map((s) => expand(s, lookup)) }),
    ...(container.workingDir === undefined || container.workingDir === '' ? {} : { workingDir: container.workingDir }),
    envs: [...input.env],
    mounts: mounts(input),
    labels: {
      [LABEL_POD_NAME]: meta.name ?? '', [LABEL_POD_NAMESPACE]: meta.namespace ?? 'default', [LABEL_POD_UID]: meta.uid ?? '',
      [LABEL_CONTAINER_NAME]: container.name,
    },
    annotations: {
      [ANNOTATION_RESTART_COUNT]: String(attempt),
      [ANNOTATION_HASH]: containerHash(container),
      [ANNOTATION_TERMINATION_MESSAGE_PATH]: container.terminationMessagePath ?? '/dev/termination-log',
      [ANNOTATION_TERMINATION_MESSAGE_POLICY]: container.terminationMessagePolicy ?? 'File',
      [ANNOTATION_GRACE_PERIOD]: String(grace),
    },
    logPath: containerLogPath(container.name, attempt),
    stdin: container.stdin === true,
    stdinOnce: container.stdinOnce === true,
    tty: container.tty === true,
    linux: {
      resources: linuxResources(pod, container),
      securityContext: {
        namespaceOptions: { network: ns.network, pid: ns.pid, ipc: ns.ipc },
        privileged: sc?.privileged === true,
        ...(runAsUser === undefined ? {} : { runAsUser: { value: runAsUser } }),
        ...(runAsGroup === undefined ? {} : { runAsGroup: { value: runAsGroup } }),
        readonlyRootfs: sc?.readOnlyRootFilesystem === true,
        ...(supplementalGroups.length === 0 ? {} : { supplementalGroups }),
        noNewPrivs: sc?.allowPrivilegeEscalation === false,
        ...(sc?.capabilities === undefined ? {} : {
          capabilities: { addCapabilities: [...sc.capabilities.add ?? []], dropCapabilities: [...sc.capabilities.drop ?? []] },
        }),
      },
    },
  };
}
