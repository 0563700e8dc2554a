// The seams between the kubelet's parts, so each can be built and tested alone and the agent
// (src/kubelet/kubelet.ts) composes them:
//
//   pod workers (pods/) ──► RuntimeService/ImageService (cri/: containerd; fakeruntime/: memory)
//        │  ├─► VolumeManager (volumes/): host directories for the pod's volumes
//        │  └─► ProbeManager (prober/): liveness/readiness/startup results per container
//        └─ the kubelet server (server/) finds containers only through the runtime, by the
//           CRI labels below, so it needs nothing from the pod workers.
//
// The label and annotation names are upstream's (pkg/kubelet/types/labels.go and
// kuberuntime/labels.go): other CRI tools (crictl) show them, and a restarted agent finds its
// sandboxes and containers by them.

import type { Container, Pod } from '../api/types/core/v1/index.ts';

/** Labels the kubelet puts on every sandbox and container it creates. */
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
/** On containers only. */
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';

/**
 * Where the runtime writes a container's log (CRI format), as upstream lays it out:
 * `<podLogsRoot>/<namespace>_<pod>_<uid>/` is the sandbox's logDirectory, and each container
 * writes `<container>/<attempt>.log` under it, attempt = the container's restart count.
 */
export function podLogDirectory(podLogsRoot: string, namespace: string, podName: string, uid: string): string {
  return `${podLogsRoot}/${namespace}_${podName}_${uid}`;
}
export function containerLogPath(containerName: string, attempt: number): string {
  return `${containerName}/${attempt}.log`;
}

/** A volume of the pod, made ready on the host. */
export interface HostVolume {
  /** Directory (or, for hostPath of a file/socket/device type, the file) on the host. */
  readonly hostPath: string;
  /** Mounts of this volume are read-only whatever volumeMounts say (configMap, secret, projected, downwardAPI). */
  readonly readOnly: boolean;
}

/** Why a pod's volumes are not ready yet; the pod worker reports it (event FailedMount) and retries. */
export class VolumeNotReadyError extends Error {
  override readonly name = 'VolumeNotReadyError';
  readonly volume: string;
  constructor(volume: string, message: string) {
    super(message);
    this.volume = volume;
  }
}

/**
 * The kubelet's volume manager. setUpPod is called before the sandbox is run, and again on
 * every sync of a running pod (cheap when nothing changed). Contents of configMap, secret,
 * downwardAPI and projected volumes follow their sources while the pod runs (run(signal)),
 * written atomically (the `..data` symlink swap). Concurrent calls for different pods are
 * allowed; for one pod the caller serializes.
 */
export interface VolumeManager {
  /** Host volumes by volume name; rejects with VolumeNotReadyError while a source is missing. */
  setUpPod(pod: Pod, signal: AbortSignal): Promise<ReadonlyMap<string, HostVolume>>;
  /** Removes everything set up for the pod (emptyDirs included). Idempotent. */
  tearDownPod(podUid: string): Promise<void>;
  /** UIDs of pods that have volumes on this host (for cleanup after an agent restart). */
  podsOnDisk(): Promise<readonly string[]>;
  /** Keeps configMap/secret/downwardAPI/projected/token volumes current until aborted. */
  run(signal: AbortSignal): Promise<void>;
}

/** The result of a container's probes, as the pod status reports it. */
export interface ProbeState {
  /** Readiness: false until the readiness probe first succeeds; true when there is none (once started). */
  readonly ready: boolean;
  /** Startup: false until the startup probe succeeds; true when there is none. */
  readonly started: boolean;
}

/** What the prober tells the pod workers. */
export interface ProbeEvents {
  /** Liveness or startup failed failureThreshold times: the container must be killed and restarted. */
  unhealthy(pod: Pod, containerName: string, containerId: string, message: string): void;
  /** A ready/started result changed: the pod's status should be recomputed. */
  changed(podUid: string): void;
}

/**
 * The kubelet's prober. Pod workers add each container once it is running (with its CRI id and
 * start time) and remove it when it stops; probes run on their own timers (per container, with
 * initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold).
 */
export interface ProbeManager {
  addContainer(pod: Pod, container: Container, containerId: string, startedAt: Date): void;
  removeContainer(containerId: string): void;
  removePod(podUid: string): void;
  /** undefined for a container the prober does not know. */
  state(containerId: string): ProbeState | undefined;
}
