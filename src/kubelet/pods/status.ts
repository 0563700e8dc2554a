// The pod status the kubelet reports (kubelet_pods.go generateAPIPodStatus, getPhase and
// pkg/kubelet/status's conditions), computed purely from the pod, what the runtime holds
// (runtime-view.ts), the waiting reasons of the last sync, and the prober's results.

import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../../api/types/core/v1/index.ts';
import type { ProbeState } from '../seams.ts';
import { qosClass } from './qos.ts';
import type { ContainerView, PodRuntimeView } from './runtime-view.ts';

export interface Waiting {
  readonly reason: string;
  readonly message?: string;
}

export interface StatusInput {
  readonly pod: Pod;
  readonly view: PodRuntimeView;
  /** Why a container is not running, from the last sync (ErrImagePull, CrashLoopBackOff, …). */
  readonly waiting: ReadonlyMap<string, Waiting>;
  /** The prober's result for a running container; undefined for one it does not know. */
  readonly probe: (containerId: string) => ProbeState | undefined;
  readonly hostIPs: readonly string[];
  /** `containerd`: container IDs are reported as `<runtimeName>://<id>`. */
  readonly runtimeName: string;
  readonly now: number;
  /**
   * The status the kubelet generated for this pod last time (upstream's status manager cache),
   * if any. The transition times of the conditions the kubelet owns, startTime and a terminal
   * phase are carried from it rather than from `pod`: the cached pod may not show our last write
   * yet, and taking "now" again for a condition that did not change would only make a new status
   * to write.
   */
  readonly previous?: CarriedStatus | undefined;
}

/** What a status carries into the next one (StatusInput.previous); the rest is computed afresh. */
export interface CarriedStatus {
  readonly phase?: PodStatus['phase'] | undefined;
  readonly startTime?: string | undefined;
  readonly conditions?: PodStatus['conditions'] | undefined;
}

/** The parts of `status` the next generateStatus needs, sharing its objects. */
export function carried(status: PodStatus): CarriedStatus {
  return { phase: status.phase, startTime: status.startTime, conditions: status.conditions };
}

let lastSecond = Number.NaN;
let lastText = '';

/**
 * RFC 3339 in whole seconds (the API's metav1.Time). The last answer is kept: the kubelet
 * formats the same second over and over (every condition and startTime of a status, every pod
 * started within that second).
 */
export function formatTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastSecond = second;
  }
  return lastText;
}

function terminated(c: ContainerView, runtimeName: string, message: string | undefined): ContainerState {
  return {
    terminated: {
      exitCode: c.exitCode, reason: c.reason === '' ? (c.exitCode === 0 ? 'Completed' : 'Error') : c.reason,
      ...(message === undefined || message === '' ? {} : { message }),
      startedAt: formatTime(c.startedAt === 0 ? c.createdAt : c.startedAt),
      finishedAt: formatTime(c.finishedAt === 0 ? c.createdAt : c.finishedAt),
      containerID: `${runtimeName}://${c.id}`,
    },
  };
}

/** The runtime's image name (`docker.io/library/busybox:1.36`) or the spec's. */
function imageName(spec: Container, c: ContainerView | undefined): string {
  const fromRuntime = c?.image ?? '';
  return fromRuntime !== '' && !fromRuntime.startsWith('sha256:') ? fromRuntime : spec.image ?? '';
}

function containerStatus(input: StatusInput, spec: Container, defaultWaiting: string, messages: ReadonlyMap<string, string>): ContainerStatus {
  const runs = input.view.containers.get(spec.name) ?? [];
  const latest = runs[0];
  const previous = runs[1];
  const waiting = input.waiting.get(spec.name);
  let state: ContainerState;
  let lastState: ContainerState = {};
  let ready = false;
  let started = false;
  if (latest === undefined) {
    state = { waiting: { reason: waiting?.reason ?? defaultWaiting, ...(waiting?.message === undefined ? {} : { message: waiting.message }) } };
  } else if (latest.state === 'CONTAINER_RUNNING') {
    state = { running: { startedAt: formatTime(latest.startedAt) } };
    const probe = input.probe(latest.id);
    started = probe?.started ?? spec.startupProbe === undefined;
    ready = probe?.ready ?? (started && spec.readinessProbe === undefined);
    if (previous !== undefined && previous.state === 'CONTAINER_EXITED') lastState = terminated(previous, input.runtimeName, messages.get(previous.id));
  } else if (latest.state === 'CONTAINER_EXITED' && waiting !== undefined) {
    // Exited and to be restarted (e.g. CrashLoopBackOff): waiting, with the run that ended as lastState.
    state = { waiting: { reason: waiting.reason, ...(waiting.message === undefined ? {} : { message: waiting.message }) } };
    lastState = terminated(latest, input.runtimeName, messages.get(latest.id));
  } else if (latest.state === 'CONTAINER_EXITED') {
    state = terminated(latest, input.runtimeName, messages.get(latest.id));
    if (previous !== undefined && previous.state === 'CONTAINER_EXITED') lastState = terminated(previous, input.runtimeName, messages.get(previous.id));
  } else {
    state = { waiting: { reason: waiting?.reason ?? 'ContainerCreating' } };
  }
  return {
    name: spec.name, state, lastState, ready,
    restartCount: latest?.attempt ?? 0,
    image: imageName(spec, latest),
    imageID: latest?.imageRef ?? '',
    ...(latest === undefined ? {} : { containerID: `${input.runtimeName}://${latest.id}` }),
    started,
  };
}

function condition(type: string, ok: boolean, now: number, previous: readonly PodCondition[] | undefined, reason?: string, message?: string): PodCondition {
  const status = ok ? 'True' : 'False';
  const old = previous?.find((c) => c.type === type);
  const lastTransitionTime = old?.status === status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : formatTime(now);
  return { type, status, lastTransitionTime,
    ...(reason === undefined ? {} : { reason }), ...(message === undefined ? {} : { message }) };
}

/** A sidecar counts as started once it has run: running now, or restarting after a run. */
function sidecarStarted(s: ContainerStatus): boolean {
  return s.state?.running !== undefined || s.lastState?.terminated !== undefined || s.state?.terminated !== undefined;
}

/**
 * upstream getPhase, for regular (non-sidecar) init containers. `terminal`: the kubelet has
 * stopped the pod for good (deleted): it then ends Succeeded or Failed whatever its policy.
 */
export function podPhase(pod: Pod, init: readonly ContainerStatus[], main: readonly ContainerStatus[], terminal = false): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const phase = phaseOf(pod, init, main, terminal);
  return terminal && (phase === 'Pending' || phase === 'Running') ? 'Failed' : phase;
}

function phaseOf(pod: Pod, init: readonly ContainerStatus[], main: readonly ContainerStatus[], terminal: boolean): 'Pending' | 'Running' | 'Succeeded' | 'Failed' {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = false;
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  for (const s of init) {
    const t = s.state?.terminated;
    if (t !== undefined && t.exitCode === 0) continue;
    if (sidecars.has(s.name) && sidecarStarted(s)) continue;
    if (t !== undefined || s.lastState?.terminated !== undefined) failedInit = failedInit || (t !== undefined && t.exitCode !== 0);
    pendingInit++;
  }
  if (pendingInit > 0) return failedInit && policy === 'Never' ? 'Failed' : 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of main) {
    if (s.state?.running !== undefined) running++;
    else if (s.state?.terminated !== undefined) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting !== undefined) {
      if (s.lastState?.terminated !== undefined) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always' && !terminal) return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never' || terminal) return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The status to report; `messages` maps a container id to its termination message, when it left one. */
export function generateStatus(input: StatusInput, messages: ReadonlyMap<string, string> = new Map(), terminal = false): PodStatus {
  const { pod, view, now } = input;
  const old = pod.status;
  const spec = pod.spec;
  const initSpecs = spec?.initContainers ?? [];
  const init = initSpecs.map((c) => containerStatus(input, c, 'PodInitializing', messages));
  const sidecarNames = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initialized = (s: ContainerStatus): boolean => s.state?.terminated?.exitCode === 0 || (sidecarNames.has(s.name) && sidecarStarted(s));
  const initDone = init.every(initialized);
  const main = (spec?.containers ?? []).map((c) => containerStatus(input, c, initDone ? 'ContainerCreating' : 'PodInitializing', messages));
  let phase = podPhase(pod, init, main, terminal);
  // Terminal phases are final, as the status manager enforces.
  if (old?.phase === 'Succeeded' || old?.phase === 'Failed') phase = old.phase;
  const ours = input.previous;
  if (ours?.phase === 'Succeeded' || ours?.phase === 'Failed') phase = ours.phase;
  const sandbox = view.sandboxes[0];
  const previous = old?.conditions;
  const ownPrevious = ours?.conditions ?? previous;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const notInit = init.filter((s) => !initialized(s)).map((s) => s.name);
  // Sidecars' readiness counts towards the pod's, as upstream's.
  const unready = [...init.filter((s) => sidecarNames.has(s.name)), ...main].filter((s) => !s.ready).map((s) => s.name);
  const containersReady = !finished && unready.length === 0;
  const gates = (spec?.readinessGates ?? []).map((g) => g.conditionType);
  const missingGate = gates.find((g) => previous?.find((c) => c.type === g)?.status !== 'True');
  let readyReason: string | undefined;
  let readyMessage: string | undefined;
  if (finished) readyReason = 'PodCompleted';
  else if (!containersReady) { readyReason = 'ContainersNotReady'; readyMessage = `containers with unready status: [${unready.join(' ')}]`; }
  else if (missingGate !== undefined) {
    readyReason = 'ReadinessGatesNotReady';
    readyMessage = previous?.some((c) => c.type === missingGate) === true
      ? `the status of pod readiness gate "${missingGate}" is not "True", but False`
      : `corresponding condition of pod readiness gate "${missingGate}" does not exist.`;
  }
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandbox?.ready === true, now, ownPrevious),
    condition('Initialized', notInit.length === 0 || finished && initDone, now, ownPrevious,
      notInit.length === 0 ? undefined : 'ContainersNotInitialized', notInit.length === 0 ? undefined : `containers with incomplete status: [${notInit.join(' ')}]`),
    condition('Ready', containersReady && missingGate === undefined, now, ownPrevious, readyReason, readyMessage),
    condition('ContainersReady', containersReady, now, ownPrevious, finished ? 'PodCompleted' : containersReady ? undefined : 'ContainersNotReady',
      finished || containersReady ? undefined : `containers with unready status: [${unready.join(' ')}]`),
  ];
  // Conditions other components own (PodScheduled, readiness gates, DisruptionTarget) are kept.
  for (const c of previous ?? []) if (!conditions.some((x) => x.type === c.type)) conditions.push(c);
  const podIP = spec?.hostNetwork === true ? input.hostIPs[0] ?? '' : sandbox?.ip ?? old?.podIP ?? '';
  return {
    ...(old?.nominatedNodeName === undefined ? {} : { nominatedNodeName: old.nominatedNodeName }),
    phase,
    conditions,
    ...(input.hostIPs.length === 0 ? {} : { hostIP: input.hostIPs[0] ?? '', hostIPs: input.hostIPs.map((ip) => ({ ip })) }),
    ...(podIP === '' ? {} : { podIP, podIPs: [{ ip: podIP }] }),
    startTime: ours?.startTime ?? old?.startTime ?? formatTime(now),
    qosClass: qosClass(pod),
    ...(init.length === 0 ? {} : { initContainerStatuses: init }),
    containerStatuses: main,
  };
}
