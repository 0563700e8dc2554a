// The comparison behind the pod workers' relist (upstream's PLEG): what changed in the
// runtime's container list since the last one. Kept per container, updated in place, so a
// relist every second of a node whose containers all stay as they were allocates nothing per
// container; only the pods that changed get a fingerprint made.

import type { Container, ContainerState } from '../cri/types.ts';
import { LABEL_POD_UID } from '../seams.ts';
import { containersFingerprint } from './runtime-view.ts';

interface Known {
  readonly uid: string;
  state: ContainerState;
  /** The relist that last saw it. */
  round: number;
}

export class Relist {
  readonly #known = new Map<string, Known>();
  #round = 0;

  /**
   * The pods (by UID) whose containers appeared, changed state or went away since the previous
   * call, each with containersFingerprint of its containers now ('' when it has none left).
   * Containers without a pod UID label are not the kubelet's and are ignored.
   */
  changes(containers: readonly Container[]): Map<string, string> {
    const round = ++this.#round;
    const changed = new Set<string>();
    // Each container's pod UID, by position (undefined: not the kubelet's), for the second pass.
    const uids: (string | undefined)[] = new Array<string | undefined>(containers.length);
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i] as Container;
      // A container's labels never change: a known one's UID is the one it was first seen with.
      const known = this.#known.get(c.id);
      if (known === undefined) {
        const uid = c.labels[LABEL_POD_UID];
        uids[i] = uid;
        if (uid === undefined) continue;
        this.#known.set(c.id, { uid, state: c.state, round });
        changed.add(uid);
        continue;
      }
      uids[i] = known.uid;
      known.round = round;
      if (known.state !== c.state) {
        known.state = c.state;
        changed.add(known.uid);
      }
    }
    for (const [id, known] of this.#known) {
      if (known.round === round) continue;
      this.#known.delete(id);
      changed.add(known.uid);
    }
    const out = new Map<string, string>();
    if (changed.size === 0) return out;
    const byPod = new Map<string, Container[]>();
    for (let i = 0; i < containers.length; i++) {
      const c = containers[i] as Container;
      const uid = uids[i];
      if (uid === undefined || !changed.has(uid)) continue;
      const list = byPod.get(uid);
      if (list === undefined) byPod.set(uid, [c]);
      else list.push(c);
    }
    for (const uid of changed) out.set(uid, containersFingerprint(byPod.get(uid) ?? []));
    return out;
  }
}
