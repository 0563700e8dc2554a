// Why a container has no log to show yet, from the pod's status as the kubelet reported it
// (upstream's validateContainerLogStatus): the kubelet answers these with 400 and the API
// server passes the text on, e.g. `container "c" in pod "p" is waiting to start: ContainerCreating`.

import type { ContainerStatus, Pod } from '../../api/types/core/v1/index.ts';

/** undefined when the status allows reading the log, or has no container statuses yet. */
export function logStatusError(pod: Pod, container: string, previous: boolean): string | undefined {
  const name = pod.metadata?.name ?? '';
  const statuses: readonly ContainerStatus[] = [
    ...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  // A pod whose status has not been reported yet says nothing: the runtime decides.
  if (statuses.length === 0) return undefined;
  const status = statuses.find((s) => s.name === container);
  if (status === undefined) return `container "${container}" in pod "${name}" is not available`;
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) return last === undefined || (last.containerID ?? '') === '' ? `previous terminated container "${container}" in pod "${name}" not found` : undefined;
  if (running !== undefined) return undefined;
  if (terminated !== undefined) {
    if ((terminated.containerID ?? '') !== '' || (last !== undefined && (last.containerID ?? '') !== '')) return undefined;
    return `container "${container}" in pod "${name}" is terminated`;
  }
  if (last !== undefined) return (last.containerID ?? '') === '' ? `container "${container}" in pod "${name}" is terminated` : undefined;
  if (waiting !== undefined) {
    const reason = waiting.reason ?? '';
    if (reason === 'ErrImagePull') return `container "${container}" in pod "${name}" is waiting to start: image can't be pulled`;
    if (reason === 'ImagePullBackOff') return `container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image`;
    return `container "${container}" in pod "${name}" is waiting to start: ${reason}`;
  }
  return `container "${container}" in pod "${name}" is waiting to start - no logs yet`;
}
