// The scheduler's view of the cluster (upstream's internal cache): nodes and the pods placed on
// them, including pods "assumed" onto a node while their binding is in flight, so the next cycle
// already counts them. An assumed pod is confirmed when the informer reports it bound, and
// dropped (forgotten) when the binding fails. snapshot() copies what a cycle needs.

import type { Node, Pod } from '../../api/types/core/v1/index.ts';
import { NodeInfo, podInfo, podKey, Snapshot } from './node-info.ts';

interface PodState {
  pod: Pod;
  assumed: boolean;
}

export class Cache {
  readonly #nodes = new Map<string, Node>();
  /** Node name → NodeInfo of its pods; kept even before the Node arrives. */
  readonly #infos = new Map<string, NodeInfo>();
  readonly #pods = new Map<string, PodState>();

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    this.#nodes.set(name, node);
    const old = this.#infos.get(name);
    const info = new NodeInfo(node);
    for (const p of old?.pods ?? []) info.addPod(p);
    this.#infos.set(name, info);
  }

  removeNode(name: string): void {
    this.#nodes.delete(name);
  }

  /** Adds a bound pod, or confirms an assumed one. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const state = this.#pods.get(key);
    if (state !== undefined) this.#remove(state.pod);
    this.#pods.set(key, { pod, assumed: false });
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

  /** Copies of every known node's info, in name order. */
  snapshot(): Snapshot {
    const infos: NodeInfo[] = [];
    for (const name of [...this.#nodes.keys()].sort()) {
      const info = this.#infos.get(name);
      if (info !== undefined) infos.push(info.clone());
    }
    return new Snapshot(infos);
  }

  #add(pod: Pod): void {
    const name = pod.spec?.nodeName ?? '';
    let info = this.#infos.get(name);
    if (info === undefined) {
      info = new NodeInfo({ metadata: { name } });
      this.#infos.set(name, info);
    }
    info.addPod(podInfo(pod));
  }

  #remove(pod: Pod): void {
    this.#infos.get(pod.spec?.nodeName ?? '')?.removePod(pod);
  }
}
