// The volume manager of a simulated node (VolumeManager in ../seams.ts): nothing is written to
// disk, but a pod starts only once what its volumes name exists, as on a real node: a
// configMap or secret volume (or projected source) whose object is missing fails with
// VolumeNotReadyError (the pod worker reports FailedMount and retries) unless `optional`.
// Once a pod's volumes were found ready they are not checked again (contents are not kept, so
// there is nothing to refresh). Host paths are names under a directory that never exists.
// Objects found are remembered for a few seconds, so a burst of pods naming the same ConfigMap
// (every pod's kube-root-ca.crt) costs one read, not one each.

import type { Clock } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { Pod, Volume } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { VolumeNotReadyError, type HostVolume, type VolumeManager } from '../seams.ts';
import { flat } from '../flat-string.ts';

const CONFIGMAPS: ResourceType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const SECRETS: ResourceType = { group: '', version: 'v1', resource: 'secrets', namespaced: true };
/** Upstream's read-only volume types (their contents are the kubelet's to write). */
const READ_ONLY = new Set(['configMap', 'secret', 'downwardAPI', 'projected']);
/** How long an object seen to exist is taken to exist without asking again. */
const FOUND_TTL_MS = 10_000;

/** An object a volume needs: kind (configmap|secret), name, and whether it may be missing. */
interface Needed {
  readonly kind: 'configmap' | 'secret';
  readonly name: string;
  readonly optional: boolean;
}

/** What the volume needs to exist before the pod may start. */
export function neededObjects(volume: Volume): Needed[] {
  const out: Needed[] = [];
  if (volume.configMap != null) out.push({ kind: 'configmap', name: volume.configMap.name ?? '', optional: volume.configMap.optional === true });
  if (volume.secret != null) out.push({ kind: 'secret', name: volume.secret.secretName ?? '', optional: volume.secret.optional === true });
  for (const source of volume.projected?.sources ?? []) {
    if (source.configMap != null) out.push({ kind: 'configmap', name: source.configMap.name ?? '', optional: source.configMap.optional === true });
    if (source.secret != null) out.push({ kind: 'secret', name: source.secret.name ?? '', optional: source.secret.optional === true });
  }
  return out;
}

export class SimulatedVolumeManager implements VolumeManager {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #root: string;
  readonly #ready = new Map<string, ReadonlyMap<string, HostVolume>>();
  /** kind/namespace/name → when it was last seen to exist. */
  readonly #found = new Map<string, number>();

  /** `root`: the (never created) directory host paths are named under. */
  constructor(client: RestClient, clock: Clock, root: string) {
    this.#client = client;
    this.#clock = clock;
    this.#root = root;
  }

  async setUpPod(pod: Pod, signal: AbortSignal): Promise<ReadonlyMap<string, HostVolume>> {
    const uid = pod.metadata?.uid ?? '';
    const known = this.#ready.get(uid);
    if (known !== undefined) return known;
    const namespace = pod.metadata?.namespace ?? 'default';
    const volumes = new Map<string, HostVolume>();
    for (const volume of pod.spec?.volumes ?? []) {
      for (const need of neededObjects(volume)) {
        if (need.optional || await this.#exists(need, namespace, signal)) continue;
        throw new VolumeNotReadyError(volume.name, `${need.kind} ${JSON.stringify(need.name)} not found`);
      }
      const type = Object.keys(volume).find((k) => k !== 'name') ?? 'emptyDir';
      volumes.set(volume.name, { hostPath: flat(`${this.#root}/${uid}/volumes/${volume.name}`), readOnly: READ_ONLY.has(type) });
    }
    this.#ready.set(uid, volumes);
    return volumes;
  }

  async tearDownPod(podUid: string): Promise<void> {
    this.#ready.delete(podUid);
  }

  /** Nothing outlives the process. */
  async podsOnDisk(): Promise<readonly string[]> {
    return [];
  }

  /** Nothing to keep current; settles on abort. */
  run(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  async #exists(need: Needed, namespace: string, signal: AbortSignal): Promise<boolean> {
    const key = `${need.kind}/${namespace}/${need.name}`;
    const now = this.#clock.now();
    const seen = this.#found.get(key);
    if (seen !== undefined && now - seen < FOUND_TTL_MS) return true;
    try {
      await this.#client.resource(need.kind === 'configmap' ? CONFIGMAPS : SECRETS).namespace(namespace).get(need.name, { signal });
      if (this.#found.size > 10_000) this.#found.clear();
      this.#found.set(key, now);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}
