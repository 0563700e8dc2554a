// The scheduler's view of the cluster (upstream's internal cache): nodes and the pods placed on
// them, including pods "assumed" onto a node while their binding is in flight, so the next cycle
// already counts them. An assumed pod is confirmed when the informer reports it bound, and
// dropped (forgotten) when the binding fails. updateSnapshot() brings the scheduler's one
// long-lived snapshot up to date by copying only the nodes that changed since the last call
// (upstream's UpdateSnapshot with per-node generations), so a cycle over 5,000 nodes copies one
// or two of them, not all.

import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { NodeInfo, podInfo, podKey } from './node-info.ts';
import { Snapshot } from './snapshot.ts';

interface PodState {
  pod: Pod;
  assumed: boolean;
}

export class Cache {
  readonly #nodes = new Map<string, Node>();
  /** Node name → NodeInfo of its pods; kept even before the Node arrives. */
  readonly #infos = new Map<string, NodeInfo>();
  readonly #pods = new Map<string, PodState>();
  /** Nodes whose NodeInfo changed since the last updateSnapshot. */
  readonly #dirty = new Set<string>();
  /** Nodes were added or removed since the last updateSnapshot: the list is rebuilt. */
  #membershipChanged = true;
  #sortedNames: string[] | undefined;
  /** The snapshot the dirty set is relative to; any other snapshot is rebuilt in full. */
  #current: Snapshot | undefined;

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const known = this.#nodes.has(name);
    this.#nodes.set(name, node);
    const old = this.#infos.get(name);
    this.#infos.set(name, old === undefined ? new NodeInfo(node) : old.withNode(node));
    if (known) {
      this.#dirty.add(name);
    } else {
      this.#membershipChanged = true;
      this.#sortedNames = undefined;
    }
  }

  removeNode(name: string): void {
    if (!this.#nodes.delete(name)) return;
    this.#membershipChanged = true;
    this.#sortedNames = undefined;
  }

  /** Adds a bound pod, or confirms an assumed one. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.#pods.get(key);
    this.#pods.set(key, { pod, assumed: false });
    const name = pod.spec?.nodeName ?? '';
    // A new version on the same node (a status write, the confirmation of an assumed pod) takes the old one's place.
    if (state !== undefined && (state.pod.spec?.nodeName ?? '') === name && this.#infos.get(name)?.replacePod(podInfo(pod)) === true) {
      this.#dirty.add(name);
      return;
    }
    if (state !== undefined) this.#remove(state.pod);
    this.#add(pod);
  }

  updatePod(pod: Pod): void {
    this.addPod(pod);
  }

  removePod(pod: Pod): void {
    const state = this.#pods.get(podKey(pod));
    if (state === undefined) return;
    this.#remove(state.pod);
    this.#pods.delete(podKey(pod));
  }

  /** Counts `pod` (with spec.nodeName set) on its node until it is confirmed or forgotten. */
  assumePod(pod: Pod): void {
    const key = podKey(pod);
    if (this.#pods.has(key)) return;
    this.#pods.set(key, { pod, assumed: true });
    this.#add(pod);
  }

  /** Drops an assumed pod whose binding failed; a confirmed pod is left alone. */
  forgetPod(pod: Pod): void {
    const state = this.#pods.get(podKey(pod));
    if (state === undefined || !state.assumed) return;
    this.#remove(state.pod);
    this.#pods.delete(podKey(pod));
  }

  isAssumed(pod: Pod): boolean {
    return this.#pods.get(podKey(pod))?.assumed === true;
  }

  nodeCount(): number {
    return this.#nodes.size;
  }

  /** A fresh snapshot: copies of every known node's info, in name order. */
  snapshot(): Snapshot {
    const infos: NodeInfo[] = [];
    for (const name of this.#names()) {
      const info = this.#infos.get(name);
      if (info !== undefined) infos.push(info.clone());
    }
    return new Snapshot(infos);
  }

  /**
   * Brings `snap` up to date. Meant for one long-lived snapshot: the nodes that changed since
   * the previous call are copied into it in place; a different snapshot, or added or removed
   * nodes, rebuild the node list (reusing the copies of unchanged nodes).
   */
  updateSnapshot(snap: Snapshot): void {
    if (snap !== this.#current || this.#membershipChanged) {
      const reuse = snap === this.#current;
      const infos: NodeInfo[] = [];
      for (const name of this.#names()) {
        const info = this.#infos.get(name);
        if (info === undefined) continue;
        const kept = reuse && !this.#dirty.has(name) ? snap.get(name) : undefined;
        infos.push(kept ?? info.clone());
      }
      snap.reset(infos);
    } else {
      for (const name of this.#dirty) {
        const info = this.#infos.get(name);
        if (info !== undefined && this.#nodes.has(name)) snap.replace(info.clone());
      }
    }
    this.#dirty.clear();
    this.#membershipChanged = false;
    this.#current = snap;
  }

  #names(): readonly string[] {
    this.#sortedNames ??= [...this.#nodes.keys()].sort();
    return this.#sortedNames;
  }

  #add(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    let info = this.#infos.get(name);
    if (info === undefined) {
      info = new NodeInfo({ metadata: { name } });
      this.#infos.set(name, info);
    }
    info.addPod(podInfo(pod));
    this.#dirty.add(name);
  }

  #remove(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    if (this.#infos.get(name)?.removePod(pod) === true) this.#dirty.add(name);
  }
}
