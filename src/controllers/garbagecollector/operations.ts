// The API calls the garbage collector makes on objects it knows only by identity: resolve the
// kind to a resource through discovery, read, delete with preconditions, and rewrite
// ownerReferences or finalizers with a JSON merge patch that carries the resourceVersion read,
// so a concurrent change fails with a conflict instead of being overwritten (upstream falls
// back to the same kind of patch for resources without strategic merge).

import { isConflict, isNotFound } from '../../api/status-predicates.ts';
import type { OwnerReference } from '../../api/types/meta/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import type { KubeObject } from '../../client/rest/types.ts';
import { resourceForKind, type DiscoveredResource } from '../manager/discovery.ts';
import type { ObjectIdentity } from './graph.ts';

const CONFLICT_RETRIES = 5;

export class UnknownKindError extends Error {}

export class ObjectOperations {
  readonly #client: RestClient;
  /** Replaced as discovery is refreshed. */
  resources: readonly DiscoveredResource[] = [];

  constructor(client: RestClient) {
    this.#client = client;
  }

  /** The resource of an identity's kind, or undefined when the server does not serve it. */
  resourceOf(identity: Pick<ObjectIdentity, 'apiVersion' | 'kind'>): DiscoveredResource | undefined {
    return resourceForKind(this.resources, identity.apiVersion, identity.kind);
  }

  #rc(identity: ObjectIdentity): ResourceClient<KubeObject> {
    const r = this.resourceOf(identity);
    if (r === undefined) throw new UnknownKindError(`no resource serves ${identity.kind} in ${identity.apiVersion}`);
    const rc = this.#client.resource<KubeObject>(r);
    return r.namespaced ? rc.namespace(identity.namespace) : rc;
  }

  /** The live object, or undefined when absent. */
  async get(identity: ObjectIdentity, signal: AbortSignal): Promise<KubeObject | undefined> {
    try {
      return await this.#rc(identity).get(identity.name, { signal });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Deletes exactly the object read (uid and resourceVersion preconditions); absence is success. */
  async delete(identity: ObjectIdentity, resourceVersion: string | undefined, policy: string, signal: AbortSignal): Promise<void> {
    try {
      await this.#rc(identity).delete(identity.name, {
        signal, body: { propagationPolicy: policy, preconditions: { uid: identity.uid, ...(resourceVersion === undefined ? {} : { resourceVersion }) } },
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Rewrites the object's ownerReferences with `change` (read-modify-write, retried on conflict). */
  async updateOwnerReferences(identity: ObjectIdentity, change: (refs: OwnerReference[]) => OwnerReference[], signal: AbortSignal): Promise<void> {
    await this.#patchMeta(identity, signal, (obj) => {
      const refs = obj.metadata?.ownerReferences ?? [];
      const next = change(refs);
      return JSON.stringify(next) === JSON.stringify(refs) ? undefined : { ownerReferences: next.length === 0 ? null : next };
    });
  }

  /** Removes one finalizer (read-modify-write, retried on conflict); absence is success. */
  async removeFinalizer(identity: ObjectIdentity, finalizer: string, signal: AbortSignal): Promise<void> {
    await this.#patchMeta(identity, signal, (obj) => {
      const finalizers = obj.metadata?.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return undefined;
      const rest = finalizers.filter((f) => f !== finalizer);
      return { finalizers: rest.length === 0 ? null : rest };
    });
  }

  async #patchMeta(identity: ObjectIdentity, signal: AbortSignal, build: (obj: KubeObject) => Record<string, unknown> | undefined): Promise<void> {
    const rc = this.#rc(identity);
    for (let attempt = 0; ; attempt++) {
      const obj = await this.get(identity, signal);
      if (obj === undefined || obj.metadata?.uid !== identity.uid) return;
      const change = build(obj);
      if (change === undefined) return;
      try {
        await rc.patch(identity.name, 'merge', { metadata: { ...change, uid: identity.uid, resourceVersion: obj.metadata.resourceVersion } }, { signal });
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || attempt >= CONFLICT_RETRIES) throw err;
      }
    }
  }
}
