// Starting one container (kuberuntime_container.go startContainer): ensure the image, build the
// environment and config, create, start, then run the postStart hook. Each failure is reported
// as upstream does: a waiting reason on the container (ErrImagePull, ImagePullBackOff,
// CreateContainerConfigError, CreateContainerError, RunContainerError) and a Warning event.

import { join } from 'node:path';
import type { Container, Pod } from '../../api/types/core/v1/index.ts';
import type { PodSandboxConfig } from '../cri/types.ts';
import type { HostVolume } from '../seams.ts';
import { flat } from '../flat-string.ts';
import { containerConfig } from './container-config.ts';
import { containerFieldPath, type SyncDeps, MIN_GRACE_SECONDS } from './deps.ts';
import { ContainerConfigError, containerEnv } from './env.ts';
import { runHook } from './hooks.ts';
import { ensureImage } from './image-puller.ts';
import { runAsNonRootViolation } from './non-root.ts';
import { wakeBy, type PodState } from './pod-state.ts';

export interface StartContext {
  readonly pod: Pod;
  readonly state: PodState;
  readonly sandboxId: string;
  readonly sandboxConfig: PodSandboxConfig;
  readonly podIP: string;
  readonly volumes: ReadonlyMap<string, HostVolume>;
  readonly etcHostsPath: string | undefined;
  readonly signal: AbortSignal;
}

/** Retry interval for configuration errors (a ConfigMap that may appear). */
const CONFIG_RETRY_MS = 10_000;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The host file behind a container's terminationMessagePath. */
export function terminationLogPath(podsDir: string, uid: string, name: string, attempt: number): string {
  return join(podsDir, uid, 'containers', name, `${attempt}-termination-log`);
}

/** Starts `spec` as attempt `attempt`; answers whether it is now running. */
export async function startContainer(deps: SyncDeps, ctx: StartContext, spec: Container, attempt: number): Promise<boolean> {
  const { pod, state } = ctx;
  const now = deps.clock.now();
  const pulled = await ensureImage(pod, spec, { images: deps.images, backoff: deps.pullBackoff, recorder: deps.recorder, clock: deps.clock, pullSecrets: deps.pullSecrets });
  if (!pulled.ok) {
    state.waiting.set(spec.name, { reason: pulled.reason, message: pulled.message });
    // Right after a failed pull, look again soon (the pod then shows ImagePullBackOff, as
    // upstream's relist makes it do); during the back-off, look again when it ends.
    const key = `${pod.metadata?.uid ?? ''}_${spec.image ?? ''}`;
    wakeBy(state, pulled.reason === 'ErrImagePull' ? now + 1000 : pulled.reason === 'ImagePullBackOff' ? deps.pullBackoff.readyAtSinceUpdate(key) : now + CONFIG_RETRY_MS);
    return false;
  }
  const refused = runAsNonRootViolation(pod, spec, await deps.images.imageStatus({ image: spec.image ?? '' }));
  if (refused !== undefined) {
    state.waiting.set(spec.name, { reason: 'CreateContainerConfigError', message: refused });
    deps.recorder.event(pod, 'Warning', 'Failed', `Error: ${refused}`, containerFieldPath(pod, spec.name));
    wakeBy(state, now + CONFIG_RETRY_MS);
    return false;
  }
  let config;
  try {
    const env = await containerEnv(pod, spec, ctx.podIP === '' ? [] : [ctx.podIP], deps.hostIPs(), deps.envSources);
    const uid = pod.metadata?.uid ?? '';
    const termLog = flat(terminationLogPath(deps.podsDir, uid, spec.name, attempt));
    await deps.files.write(termLog, '');
    config = containerConfig({ pod, container: spec, attempt, env, volumes: ctx.volumes, etcHostsPath: ctx.etcHostsPath, terminationLogPath: termLog });
  } catch (err) {
    if (!(err instanceof ContainerConfigError)) throw err;
    state.waiting.set(spec.name, { reason: 'CreateContainerConfigError', message: err.message });
    deps.recorder.event(pod, 'Warning', 'Failed', `Error: ${err.message}`, containerFieldPath(pod, spec.name));
    wakeBy(state, now + CONFIG_RETRY_MS);
    return false;
  }
  let id: string;
  try {
    id = await deps.runtime.createContainer(ctx.sandboxId, config, ctx.sandboxConfig);
  } catch (err) {
    state.waiting.set(spec.name, { reason: 'CreateContainerError', message: message(err) });
    deps.recorder.event(pod, 'Warning', 'Failed', `Error: ${message(err)}`, containerFieldPath(pod, spec.name));
    wakeBy(state, now + CONFIG_RETRY_MS);
    return false;
  }
  deps.recorder.event(pod, 'Normal', 'Created', `Created container: ${spec.name}`, containerFieldPath(pod, spec.name));
  try {
    await deps.runtime.startContainer(id);
  } catch (err) {
    state.waiting.set(spec.name, { reason: 'RunContainerError', message: message(err) });
    deps.recorder.event(pod, 'Warning', 'Failed', `Error: failed to start container "${spec.name}": ${message(err)}`, containerFieldPath(pod, spec.name));
    await deps.runtime.removeContainer(id).catch(() => undefined);
    wakeBy(state, now + CONFIG_RETRY_MS);
    return false;
  }
  deps.recorder.event(pod, 'Normal', 'Started', `Started container ${spec.name}`, containerFieldPath(pod, spec.name));
  const postStart = spec.lifecycle?.postStart;
  if (postStart !== undefined) {
    const grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
    const failure = await runHook(postStart, { runtime: deps.runtime, clock: deps.clock, containerId: id, container: spec, podIP: ctx.podIP, timeoutSeconds: grace, signal: ctx.signal });
    if (failure !== undefined) {
      deps.recorder.event(pod, 'Warning', 'FailedPostStartHook', failure, containerFieldPath(pod, spec.name));
      deps.recorder.event(pod, 'Normal', 'Killing', `FailedPostStartHook`, containerFieldPath(pod, spec.name));
      await deps.runtime.stopContainer(id, Math.max(grace, MIN_GRACE_SECONDS)).catch(() => undefined);
      return false;
    }
  }
  return true;
}
