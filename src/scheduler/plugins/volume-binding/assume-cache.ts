// The binder's view of PVs and PVCs (upstream's PV/PVC assume caches): the informer's objects,
// overlaid with the versions Reserve "assumed" — a PV with the claimRef the scheduler is about to
// write, a PVC with its selected-node annotation — so the next scheduling cycles already treat
// that PV as taken, before the API server has seen the write. An assumed object gives way as
// soon as the informer reports a newer resourceVersion of it (the write, or someone else's),
// and Unreserve restores the informer's version.

import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core/v1/index.ts';
import type { VolumeListers } from '../../framework/types.ts';
import { versionOf } from './helpers.ts';

function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export class VolumeAssumeCache {
  readonly #listers: VolumeListers;
  readonly #pvs = new Map<string, PersistentVolume>();
  readonly #pvcs = new Map<string, PersistentVolumeClaim>();

  constructor(listers: VolumeListers) {
    this.#listers = listers;
  }

  /** The assumed version while the informer has nothing newer, else the informer's. */
  volume(name: string): PersistentVolume | undefined {
    return this.#current(this.#pvs, name, this.#listers.volume(name));
  }

  claim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.#current(this.#pvcs, claimKey(namespace, name), this.#listers.claim(namespace, name));
  }

  /** Every PV, assumed versions in place of the informer's. */
  volumes(): PersistentVolume[] {
    return this.#listers.volumes().map((pv) => this.volume(pv.metadata?.name ?? '') ?? pv);
  }

  /** Throws when the informer already has a newer version than the one assumed (it is out of sync). */
  assumeVolume(pv: PersistentVolume): void {
    const name = pv.metadata?.name ?? '';
    this.#assume(this.#pvs, name, pv, this.#listers.volume(name), `persistentvolume "${name}"`);
  }

  assumeClaim(pvc: PersistentVolumeClaim): void {
    const ns = pvc.metadata?.namespace ?? '';
    const name = pvc.metadata?.name ?? '';
    this.#assume(this.#pvcs, claimKey(ns, name), pvc, this.#listers.claim(ns, name), `persistentvolumeclaim "${ns}/${name}"`);
  }

  restoreVolume(name: string): void {
    this.#pvs.delete(name);
  }

  restoreClaim(namespace: string, name: string): void {
    this.#pvcs.delete(claimKey(namespace, name));
  }

  /** How many objects are assumed (for tests: Unreserve must leave none behind). */
  get size(): number {
    return this.#pvs.size + this.#pvcs.size;
  }

  #current<T extends PersistentVolume | PersistentVolumeClaim>(assumed: Map<string, T>, key: string, latest: T | undefined): T | undefined {
    const a = assumed.get(key);
    if (a === undefined) return latest;
    if (latest === undefined || versionOf(latest) > versionOf(a)) {
      // Deleted, or written since: the assumption has served its purpose.
      assumed.delete(key);
      return latest;
    }
    return a;
  }

  #assume<T extends PersistentVolume | PersistentVolumeClaim>(assumed: Map<string, T>, key: string, obj: T, latest: T | undefined, what: string): void {
    if (latest === undefined) throw new Error(`${what} not found`);
    const stored = versionOf(this.#current(assumed, key, latest) ?? latest);
    const next = versionOf(obj);
    if (next < stored) throw new Error(`${what} is out of sync (stored: ${stored}, assume: ${next})`);
    assumed.set(key, obj);
  }
}
