// Every controlled pod's facts, grouped by controller and by label set, kept up to date by the
// pod informer's events. A ReplicaSet's sync needs, of the pods it controls, how many are
// active, ready and fully labeled, and which stopped matching its selector; walking its pods
// for that made each sync O(pods) and the scale-up quadratic (a sync follows every few pod
// events). Pods stamped from one template share one label set, so the sync here evaluates
// selectors once per label set and reads counts kept as the events came in.
//
// Contract: after each informer event the tally holds exactly the controlled pods of the
// informer's cache (the informer tells every handler in the same task in which it updates its
// cache, so a reader never sees one without the other). Facts are computed when a pod object
// arrives; informer objects are replaced on change, never mutated, so they stay true.

import type { Labels } from '../../api/labels/selector.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import type { ResourceEventHandler, SharedInformer } from '../../client/informers/shared-informer.ts';
import { deletionHandlingKey, metaNamespaceKey } from '../../client/informers/store.ts';
import { controllerRefOf, isPodActive, isPodReady, labelsEqual, podReadyTime } from './pod-utils.ts';

/** What a ReplicaSet's sync reads of one pod, computed once per pod object. */
export interface PodFacts {
  readonly pod: Pod;
  /** isPodActive: not finished, not being deleted. */
  readonly active: boolean;
  /** isPodReady: the Ready condition is True. */
  readonly ready: boolean;
  /** podReadyTime: when it became ready (ms), if ready and known. */
  readonly readySinceMs: number | undefined;
}

export function podFacts(pod: Pod): PodFacts {
  const ready = isPodReady(pod);
  return { pod, active: isPodActive(pod), ready, readySinceMs: ready ? podReadyTime(pod) : undefined };
}

/** The pods of one controller that carry one label set, in the order they arrived. */
export class LabelGroup {
  readonly labels: Labels;
  readonly #pods = new Map<string, PodFacts>();
  #active = 0;
  #activeReady = 0;

  constructor(labels: Labels) {
    this.labels = labels;
  }

  /** Active pods. */
  get active(): number {
    return this.#active;
  }

  /** Active pods that are ready. */
  get activeReady(): number {
    return this.#activeReady;
  }

  get size(): number {
    return this.#pods.size;
  }

  /** Facts of every pod, active or not. */
  facts(): IterableIterator<PodFacts> {
    return this.#pods.values();
  }

  /** Adds or replaces a pod's facts; a replaced pod keeps its place in the order. */
  put(key: string, facts: PodFacts): void {
    this.#count(this.#pods.get(key), -1);
    this.#pods.set(key, facts);
    this.#count(facts, 1);
  }

  drop(key: string): void {
    this.#count(this.#pods.get(key), -1);
    this.#pods.delete(key);
  }

  #count(facts: PodFacts | undefined, sign: 1 | -1): void {
    if (facts === undefined || !facts.active) return;
    this.#active += sign;
    if (facts.ready) this.#activeReady += sign;
  }
}

interface Place {
  readonly namespace: string;
  readonly uid: string;
  readonly bucket: string;
  readonly signature: string;
  readonly group: LabelGroup;
}

export class PodTally {
  /** `namespace/controllerUID` → label-set signature → group. */
  readonly #buckets = new Map<string, Map<string, LabelGroup>>();
  /** Pod key → where its facts are. */
  readonly #places = new Map<string, Place>();

  /** The handler that keeps the tally; it must see every event of the informer. */
  handler(): ResourceEventHandler<Pod> {
    return {
      onAdd: (pod) => this.set(pod),
      onUpdate: (_old, cur) => this.set(cur),
      onDelete: (obj) => this.delete(deletionHandlingKey(obj)),
    };
  }

  /** Records the pod's current state (a pod without a controller is not kept). */
  set(pod: Pod): void {
    const key = metaNamespaceKey(pod);
    const uid = controllerRefOf(pod)?.uid ?? '';
    if (uid === '') {
      this.delete(key);
      return;
    }
    const namespace = pod.metadata?.namespace ?? '';
    const labels = pod.metadata?.labels ?? {};
    const place = this.#places.get(key);
    // Most updates leave the controller and the labels as they were (a binding, a status write):
    // the pod stays in its group, found without building its bucket key or label signature.
    if (place !== undefined && place.uid === uid && place.namespace === namespace && labelsEqual(place.group.labels, labels)) {
      place.group.put(key, podFacts(pod));
      return;
    }
    const bucket = `${namespace}/${uid}`;
    // Key order as the server sent it: equal sets in another order make two groups, still right.
    const signature = JSON.stringify(labels);
    if (place !== undefined) this.delete(key);
    let groups = this.#buckets.get(bucket);
    if (groups === undefined) this.#buckets.set(bucket, groups = new Map());
    let group = groups.get(signature);
    if (group === undefined) groups.set(signature, group = new LabelGroup(labels));
    group.put(key, podFacts(pod));
    this.#places.set(key, { namespace, uid, bucket, signature, group });
  }

  delete(key: string): void {
    const place = this.#places.get(key);
    if (place === undefined) return;
    this.#places.delete(key);
    place.group.drop(key);
    if (place.group.size > 0) return;
    const groups = this.#buckets.get(place.bucket);
    groups?.delete(place.signature);
    if (groups?.size === 0) this.#buckets.delete(place.bucket);
  }

  /** The groups of pods in `namespace` whose controller reference has `uid`. */
  groups(namespace: string, uid: string): LabelGroup[] {
    return uid === '' ? [] : [...this.#buckets.get(`${namespace}/${uid}`)?.values() ?? []];
  }
}

const tallies = new WeakMap<SharedInformer<Pod>, PodTally>();

/** The informer's tally, made and subscribed by whoever asks first. */
export function podTallyOf(informer: SharedInformer<Pod>): PodTally {
  let tally = tallies.get(informer);
  if (tally === undefined) {
    tally = new PodTally();
    tallies.set(informer, tally);
    informer.addEventHandler(tally.handler());
  }
  return tally;
}
