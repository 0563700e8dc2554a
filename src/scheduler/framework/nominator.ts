// Pods nominated to a node by preemption (upstream's PodNominator): a preemptor waits for its
// victims to leave, and meanwhile the room it freed must not go to pods of lower priority. The
// scheduler records nominations it makes, and the informer reports status.nominatedNodeName;
// a nomination ends when the pod is scheduled, bound or deleted, or names another node.

import type { Pod } from '../../api/types/core/v1/index.ts';
import { podKey } from './node-info.ts';

const NONE: readonly Pod[] = Object.freeze([]);

export class Nominator {
  readonly #byNode = new Map<string, Map<string, Pod>>();
  readonly #nodeOf = new Map<string, string>();

  /**
   * Records the pod's nomination: `nodeName` if given, else its status.nominatedNodeName. An
   * empty status leaves a nomination the scheduler made in place (the status write may lag).
   */
  set(pod: Pod, nodeName?: string): void {
    const target = nodeName ?? pod.status?.nominatedNodeName ?? '';
    const key = podKey(pod);
    if (target === '') {
      const current = this.#nodeOf.get(key);
      if (current !== undefined) this.#byNode.get(current)?.set(key, pod);
      return;
    }
    this.delete(pod);
    this.#nodeOf.set(key, target);
    let pods = this.#byNode.get(target);
    if (pods === undefined) {
      pods = new Map();
      this.#byNode.set(target, pods);
    }
    pods.set(key, pod);
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    const node = this.#nodeOf.get(key);
    if (node === undefined) return;
    this.#nodeOf.delete(key);
    const pods = this.#byNode.get(node);
    pods?.delete(key);
    if (pods?.size === 0) this.#byNode.delete(node);
  }

  /** The pods nominated to `nodeName`. */
  podsOn(nodeName: string): readonly Pod[] {
    const pods = this.#byNode.get(nodeName);
    return pods === undefined ? NONE : [...pods.values()];
  }

  get size(): number {
    return this.#nodeOf.size;
  }
}
