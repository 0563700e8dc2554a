// Reading a Deployment's ReplicaSets (upstream's deployment/util and controller_utils): which
// one runs the current template, orderings, and sums of their counts.

import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { PodTemplateSpec } from '../../api/types/core/v1/index.ts';
import { creationMs } from '../replicaset/pod-utils.ts';
import { POD_TEMPLATE_HASH_LABEL, replicasOf } from './annotations.ts';
import { canonicalJson } from './hash.ts';

function withoutHash(t: PodTemplateSpec | undefined): unknown {
  const copy = structuredClone(t ?? {});
  const labels = copy.metadata?.labels;
  if (labels !== undefined) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length === 0) delete copy.metadata?.labels;
  }
  return copy;
}

/**
 * Each template's canonical form without the hash label, computed once per template object.
 * Templates of cached objects are never changed (the cache is read-only, copies are made to
 * write), so the form stays true; a sync compares the Deployment's with every ReplicaSet's
 * several times, and the ReplicaSets' are the same objects from one sync to the next.
 */
const canonicalForms = new WeakMap<PodTemplateSpec, string>();

function canonicalIgnoringHash(t: PodTemplateSpec | undefined): string {
  if (t === undefined) return canonicalJson(withoutHash(t));
  let form = canonicalForms.get(t);
  if (form === undefined) {
    // A ReplicaSet's status writes bring new objects with the same template: its JSON text,
    // a fraction of the canonical form's cost (a deep copy, then sorted keys), finds the form.
    const text = JSON.stringify(t);
    form = formsByText.get(text);
    if (form === undefined) {
      form = canonicalJson(withoutHash(t));
      if (formsByText.size >= MAX_FORMS_BY_TEXT) formsByText.clear();
      formsByText.set(text, form);
    }
    canonicalForms.set(t, form);
  }
  return form;
}

/** Template JSON → canonical form without the hash; bounded, as templates come and go. */
const formsByText = new Map<string, string>();
const MAX_FORMS_BY_TEXT = 256;

/** Upstream's EqualIgnoreHash: equal templates once the pod-template-hash label is dropped. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return canonicalIgnoringHash(a) === canonicalIgnoringHash(b);
}

/** Older first; equal times by name (upstream's ReplicaSetsByCreationTimestamp). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = creationMs(a) ?? 0;
  const tb = creationMs(b) ?? 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Larger first; equal sizes newer first (ReplicaSetsBySizeNewer, used when scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(a) === replicasOf(b) ? byCreation(b, a) : replicasOf(b) - replicasOf(a);
}

/** Larger first; equal sizes older first (ReplicaSetsBySizeOlder, used when scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(a) === replicasOf(b) ? byCreation(a, b) : replicasOf(b) - replicasOf(a);
}

/** The oldest ReplicaSet whose template equals the Deployment's (upstream's FindNewReplicaSet). */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export function findOldReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet[] {
  const current = findNewReplicaSet(d, rss);
  return rss.filter((rs) => rs.metadata?.uid !== current?.metadata?.uid);
}

/** Those asked for pods (upstream's FilterActiveReplicaSets). */
export function activeReplicaSets(rss: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

type Counted = 'replicas' | 'readyReplicas' | 'availableReplicas';

function sumStatus(rss: readonly (ReplicaSet | undefined)[], field: Counted): number {
  return rss.reduce((sum, rs) => sum + (rs?.status?.[field] ?? 0), 0);
}

export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]): number => rss.reduce((sum, rs) => sum + replicasOf(rs), 0);
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]): number => sumStatus(rss, 'replicas');
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]): number => sumStatus(rss, 'readyReplicas');
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]): number => sumStatus(rss, 'availableReplicas');

/**
 * Available pods for deciding how far old ReplicaSets may shrink: a ReplicaSet just scaled
 * down still reports the pods it is deleting as available, so none counts above its spec.
 */
export function availableForScaleDown(rss: readonly (ReplicaSet | undefined)[]): number {
  return rss.reduce((sum, rs) => sum + Math.min(rs?.status?.availableReplicas ?? 0, replicasOf(rs)), 0);
}
