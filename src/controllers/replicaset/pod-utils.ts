// Facts about pods and owners that the workload controllers share (upstream's
// pkg/controller/controller_utils.go and pkg/api/v1/pod): which pods count, which are ready
// or available, and who controls an object.

import { fromLabelSelector, type LabelSelector, type Selector } from '../../api/labels/selector.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { KubeObject } from '../../client/rest/types.ts';

/** Not finished and not being deleted (upstream's IsPodActive). */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && pod.metadata?.deletionTimestamp === undefined;
}

export function filterActivePods(pods: readonly Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/** The Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true;
}

/** When the pod last became ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(pod: Pod): number | undefined {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (ready?.lastTransitionTime === undefined) return undefined;
  const t = Date.parse(ready.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Ready for at least minReadySeconds (upstream's IsPodAvailable): with minReadySeconds 0 any
 * ready pod is available; otherwise the Ready condition must have turned True long enough ago.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs;
}

/** The same label set, in whatever key order (upstream's reflect.DeepEqual of two label maps; absent = empty). */
export function labelsEqual(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  let size = 0;
  for (const key in a) {
    if (!Object.hasOwn(a, key)) continue;
    if (b === undefined || !Object.hasOwn(b, key) || a[key] !== b[key]) return false;
    size++;
  }
  let other = 0;
  for (const key in b) if (Object.hasOwn(b, key)) other++;
  return size === other;
}

/** The owner reference with controller: true, if any. */
export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((ref) => ref.controller === true);
}

/** An owner reference marking `owner` as the controller of a dependent (upstream's NewControllerRef). */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion, kind, name: owner.metadata?.name ?? '', uid: owner.metadata?.uid ?? '',
    controller: true, blockOwnerDeletion: true,
  };
}

/** The largest restart count among the pod's containers (init containers included). */
export function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
    max = Math.max(max, s.restartCount ?? 0);
  }
  return max;
}

export function creationMs(obj: KubeObject): number | undefined {
  const t = obj.metadata?.creationTimestamp;
  if (t === undefined) return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An object's spec.selector as a Selector, or undefined when invalid. The API type holds the
 * operator as a plain string; fromLabelSelector rejects unknown operators itself.
 */
export function selectorOf(selector: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): Selector | undefined {
  if (selector === undefined || selector === null) return selectorFrom(selector);
  // Every sync of a ReplicaSet or Deployment parses its selector, each time from a new version
  // of the object: parsing validates every key and value, the text is one short stringify.
  const text = JSON.stringify(selector);
  let parsed = parsedSelectors.get(text);
  if (parsed === undefined) {
    if (parsedSelectors.size >= MAX_PARSED_SELECTORS) parsedSelectors.clear();
    parsedSelectors.set(text, parsed = { selector: selectorFrom(selector) });
  }
  return parsed.selector;
}

function selectorFrom(selector: unknown): Selector | undefined {
  const parsed = fromLabelSelector(selector as LabelSelector | undefined);
  return parsed.ok ? parsed.value : undefined;
}

/** Selector JSON → its parse (Selectors are read-only data, safe to share); bounded, as objects come and go. */
const parsedSelectors = new Map<string, { readonly selector: Selector | undefined }>();
const MAX_PARSED_SELECTORS = 1024;
