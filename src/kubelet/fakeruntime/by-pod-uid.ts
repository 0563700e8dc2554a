// An index of the fake runtime's sandboxes or containers by their pod UID label.

import type { Labels } from '../cri/types.ts';
import { LABEL_POD_UID } from '../seams.ts';

/**
 * Records by the pod UID label, so a list filtered by pod (what the kubelet asks on every sync
 * of a pod) looks at that pod's records only instead of every record of the node.
 */
export class ByPodUid<R extends { readonly id: string }> {
  readonly #ids = new Map<string, Set<string>>();

  add(uid: string | undefined, id: string): void {
    if (uid === undefined) return;
    let set = this.#ids.get(uid);
    if (set === undefined) this.#ids.set(uid, set = new Set());
    set.add(id);
  }

  remove(uid: string | undefined, id: string): void {
    const set = uid === undefined ? undefined : this.#ids.get(uid);
    if (set === undefined || uid === undefined) return;
    set.delete(id);
    if (set.size === 0) this.#ids.delete(uid);
  }

  /** The candidates for `selector`: that pod's records when it names a pod UID, else all. */
  candidates(all: ReadonlyMap<string, R>, selector: Labels | undefined): Iterable<R> {
    const uid = selector?.[LABEL_POD_UID];
    if (uid === undefined) return all.values();
    const out: R[] = [];
    for (const id of this.#ids.get(uid) ?? []) {
      const r = all.get(id);
      if (r !== undefined) out.push(r);
    }
    return out;
  }
}
