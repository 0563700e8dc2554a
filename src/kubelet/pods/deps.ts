// What the pod sync steps need from the kubelet, gathered once by PodLifecycle.

import type { Clock } from '../../api/clock.ts';
import type { Pod, Secret } from '../../api/types/core/v1/index.ts';
import type { EventRecorder } from '../../client/events/recorder.ts';
import type { ImageService, RuntimeService } from '../cri/runtime.ts';
import type { ProbeManager, VolumeManager } from '../seams.ts';
import type { Backoff } from './backoff.ts';
import type { EnvSources } from './env.ts';
import type { PodFiles } from './pod-files.ts';
import type { DnsContext } from './sandbox-config.ts';

export interface SyncDeps {
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  readonly volumes: VolumeManager;
  readonly prober: ProbeManager;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly podLogsRoot: string;
  readonly podsDir: string;
  /** Where the files under podsDir (/etc/hosts, termination logs) are kept. */
  readonly files: PodFiles;
  readonly dns: () => DnsContext;
  readonly hostIPs: () => readonly string[];
  readonly envSources: EnvSources;
  readonly pullSecrets: (pod: Pod) => Promise<readonly Secret[]>;
  /** `containerd`, from the runtime's Version. */
  readonly runtimeName: () => string;
  /** Crash-loop back-off (10 s doubling to 5 min). */
  readonly crashBackoff: Backoff;
  /** Image pull back-off (10 s doubling to 300 s). */
  readonly pullBackoff: Backoff;
  readonly log: (message: string) => void;
}

/** Upstream's minimum grace period when the kubelet kills a container (minimumGracePeriodInSeconds). */
export const MIN_GRACE_SECONDS = 2;

export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** upstream format.Pod: name_namespace(uid). */
export function podDescription(pod: Pod): string {
  return `${pod.metadata?.name ?? ''}_${pod.metadata?.namespace ?? ''}(${pod.metadata?.uid ?? ''})`;
}

/** The fieldPath of a container's events, as upstream: spec.containers{name} or spec.initContainers{name}. */
export function containerFieldPath(pod: Pod, name: string): string {
  return (pod.spec?.initContainers ?? []).some((c) => c.name === name) ? `spec.initContainers{${name}}` : `spec.containers{${name}}`;
}
