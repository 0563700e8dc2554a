// Stopping one container as the kubelet does (kuberuntime_container.go killContainer): a
// Killing event, the preStop hook (which uses up part of the grace period), then StopContainer
// with what is left of it, never less than two seconds.

import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import { containerFieldPath, type SyncDeps, MIN_GRACE_SECONDS } from './deps.ts';
import { runHook } from './hooks.ts';
import type { ContainerView } from './runtime-view.ts';

export async function killContainer(deps: SyncDeps, pod: Pod, spec: Container | undefined, c: ContainerView,
  graceSeconds: number, message: string, podIP: string, signal: AbortSignal): Promise<void> {
  deps.recorder.event(pod, 'Normal', 'Killing', message, containerFieldPath(pod, c.name));
  let grace = graceSeconds;
  const preStop = spec?.lifecycle?.preStop;
  if (preStop !== undefined && spec !== undefined && grace > 0) {
    const started = deps.clock.now();
    const failure = await runHook(preStop, { runtime: deps.runtime, clock: deps.clock, containerId: c.id, container: spec, podIP, timeoutSeconds: grace, signal });
    if (failure !== undefined) deps.recorder.event(pod, 'Warning', 'FailedPreStopHook', `PreStopHook failed: ${failure}`, containerFieldPath(pod, c.name));
    grace -= Math.floor((deps.clock.now() - started) / 1000);
  }
  await deps.runtime.stopContainer(c.id, Math.max(grace, MIN_GRACE_SECONDS));
  deps.prober.removeContainer(c.id);
}
