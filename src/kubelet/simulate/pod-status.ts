// The status a simulated kubelet reports for a pod it "runs", as the kubelet's status manager
// would (pkg/kubelet/status, generateAPIPodStatus): every container started at once, no
// probes, so the pod is Running and Ready as soon as it is seen; a pod whose only command
// exits at once (`true`, `sh -c "exit 0"`) runs to completion and Succeeded. Pure.

import { createHash } from 'node:crypto';
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '../../api/types/core/v1/index.ts';
import { formatTime } from './resources.ts';

/** Whether the simulated runtime treats the container as exiting 0 at once. */
export function exitsAtOnce(container: Container): boolean {
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  const text = JSON.stringify(argv);
  return text === '["true"]' || text === '["/bin/true"]' || text === '["sh","-c","exit 0"]' || text === '["/bin/sh","-c","exit 0"]';
}

/** A pod completes when every main container exits at once and the restart policy lets it stay exited. */
export function completes(pod: Pod): boolean {
  const containers = pod.spec?.containers ?? [];
  return (pod.spec?.restartPolicy ?? 'Always') !== 'Always' && containers.length > 0 && containers.every(exitsAtOnce);
}

/** `busybox:1.36` → `docker.io/library/busybox:1.36`, as containerd reports images. */
export function normalizeImage(image: string): string {
  let ref = image;
  const slash = ref.indexOf('/');
  const first = slash === -1 ? '' : ref.slice(0, slash);
  if (slash === -1) ref = `docker.io/library/${ref}`;
  else if (!first.includes('.') && !first.includes(':') && first !== 'localhost') ref = `docker.io/${ref}`;
  const lastPart = ref.slice(ref.lastIndexOf('/') + 1);
  if (!lastPart.includes(':') && !lastPart.includes('@')) ref += ':latest';
  return ref;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function containerStatus(pod: Pod, container: Container, startedAt: string, done: boolean): ContainerStatus {
  const image = normalizeImage(container.image ?? '');
  const repo = image.replace(/[:@][^/]*$/, '');
  const containerID = `containerd://${sha256(`${pod.metadata?.uid ?? ''}/${container.name}`)}`;
  return {
    name: container.name,
    state: done
      ? { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt, containerID } }
      : { running: { startedAt } },
    ready: !done,
    restartCount: 0,
    image,
    imageID: `${repo}@sha256:${sha256(image)}`,
    containerID,
    started: !done,
  };
}

function condition(type: string, ok: boolean, at: string, previous: readonly PodCondition[] | undefined, reason?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous?.find((c) => c.type === type);
  const lastTransitionTime = old !== undefined && old.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : at;
  return { type, status, lastTransitionTime, ...(reason === undefined ? {} : { reason }) };
}

export interface PodPlacement {
  readonly hostIP: string;
  readonly podIP: string;
}

/**
 * The status to post for `pod` at `now`: Running and Ready, or Succeeded when it completes.
 * startTime and transition times already on the pod are kept.
 */
export function runningStatus(pod: Pod, placement: PodPlacement, now: number): PodStatus {
  const old = pod.status;
  const at = formatTime(now);
  const startTime = old?.startTime ?? at;
  const done = completes(pod);
  const previous = old?.conditions;
  const scheduled = previous?.find((c) => c.type === 'PodScheduled');
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', !done, at, previous),
    condition('Initialized', true, at, previous),
    condition('Ready', !done, at, previous, done ? 'PodCompleted' : undefined),
    condition('ContainersReady', !done, at, previous, done ? 'PodCompleted' : undefined),
    scheduled ?? condition('PodScheduled', true, at, previous),
  ];
  const ip = placement.podIP;
  return {
    ...old,
    phase: done ? 'Succeeded' : 'Running',
    conditions,
    hostIP: placement.hostIP,
    hostIPs: [{ ip: placement.hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime,
    ...(pod.spec?.initContainers === undefined || pod.spec.initContainers.length === 0 ? {}
      : { initContainerStatuses: pod.spec.initContainers.map((c) => containerStatus(pod, c, startTime, true)) }),
    containerStatuses: (pod.spec?.containers ?? []).map((c) => containerStatus(pod, c, startTime, done)),
  };
}

/** Whether the pod already shows what runningStatus would post (so nothing needs writing). */
export function statusIsCurrent(pod: Pod, podIP: string | undefined): boolean {
  const status = pod.status;
  if (status === undefined || podIP === undefined || status.podIP !== podIP) return false;
  const want = completes(pod) ? 'Succeeded' : 'Running';
  if (status.phase !== want) return false;
  // A controller may have marked the pod not Ready (its node looked unreachable): post again.
  const readyStatus = status.conditions?.find((c) => c.type === 'Ready')?.status;
  if (readyStatus !== (want === 'Running' ? 'True' : 'False')) return false;
  const names = (pod.spec?.containers ?? []).map((c) => c.name).join(',');
  return (status.containerStatuses ?? []).map((c) => c.name).join(',') === names;
}
