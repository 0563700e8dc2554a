// Defaults of pods and pod specs. defaultPodSpec is what every PodSpec gets (upstream's
// SetDefaults_PodSpec and the defaulters of what it holds); defaultPod adds what only a Pod
// gets (SetDefaults_Pod) and what upstream's admission plugins fill in when a pod is
// written: the ServiceAccount plugin's service account, the Priority plugin's priority and
// the DefaultTolerationSeconds plugin's tolerations.

import type { Pod, PodSpec, PodTemplateSpec, Toleration } from '../../../../api/types/core/v1/index.ts';
import { defaultContainer, defaultRequestsFromLimits, defaultResourceList } from './defaults-containers.ts';
import { defaultVolume } from './defaults-volumes.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** Marks a static pod's mirror; the ServiceAccount plugin leaves those alone. */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

/** The priority classes every cluster has, with their fixed values. */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** How long a pod stays on a node that became NotReady or unreachable before it is evicted. */
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;
export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';

/** Defaults every PodSpec gets, in pods and in templates alike. Mutates spec. */
export function defaultPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= DEFAULT_SCHEDULER_NAME;
  // serviceAccount is the deprecated spelling of serviceAccountName; the new one wins and
  // the old one always mirrors it on the way out.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  mirrorServiceAccount(spec);
  for (const volume of spec.volumes ?? []) defaultVolume(volume);
  for (const container of spec.initContainers ?? []) defaultContainer(container);
  for (const container of spec.containers ?? []) defaultContainer(container);
  for (const container of spec.ephemeralContainers ?? []) defaultContainer(container);
  defaultResourceList(spec.overhead);
}

function mirrorServiceAccount(spec: PodSpec): void {
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
}

/** Defaults of the pods a workload creates from its template. Mutates template. */
export function defaultPodTemplateSpec(template: PodTemplateSpec): void {
  // A template without spec stands for an empty one, which gets the spec defaults.
  defaultPodSpec((template.spec ??= { containers: [] }));
}

/** Everything a Pod gets on create and update before validation. Mutates pod. */
export function defaultPod(pod: Pod): void {
  const spec = (pod.spec ??= { containers: [] });
  // Pod-only defaults: these would freeze a template's choices into every pod made from it.
  for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) defaultRequestsFromLimits(container);
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork === true) {
    for (const container of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const port of container.ports ?? []) port.hostPort ||= port.containerPort;
    }
  }
  defaultPodSpec(spec);
  admitServiceAccount(pod, spec);
  admitPriority(spec);
  admitDefaultTolerations(spec);
}

function admitServiceAccount(pod: Pod, spec: PodSpec): void {
  if (pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) return;
  spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT;
  mirrorServiceAccount(spec);
}

/**
 * The Priority plugin's result where no lookup is needed: no class means 0 (the admission step
 * replaces it when a global default class exists); the system classes have fixed values; other
 * classes are left to the admission step (admission-priority.ts), or keep what the pod already
 * has (the stored values, on update).
 */
function admitPriority(spec: PodSpec): void {
  const className = spec.priorityClassName ?? '';
  const fixed = className === '' ? 0 : SYSTEM_PRIORITY_CLASSES[className];
  if (fixed === undefined) return; // the Priority admission step looks the class up (admission-priority.ts)
  spec.priority ??= fixed;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}

function tolerates(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
}

/** Pods without their own say leave a NotReady or unreachable node after five minutes. */
function admitDefaultTolerations(spec: PodSpec): void {
  const tolerations = spec.tolerations ?? [];
  const added: Toleration[] = [];
  for (const key of [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]) {
    if (!tolerates(tolerations, key)) {
      added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_NOT_READY_TOLERATION_SECONDS });
    }
  }
  if (added.length > 0) spec.tolerations = [...tolerations, ...added];
}
