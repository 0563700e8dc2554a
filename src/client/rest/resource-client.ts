// The verbs of one resource (upstream's dynamic ResourceInterface, typed by T): paths built from
// {group, version, resource, namespaced}, options turned into query parameters, answers decoded
// as T. A client is bound to a namespace with namespace(ns); without one, list and watch of a
// namespaced resource span all namespaces, and create/update use the object's own namespace.

import type { ApiCall, RestClient } from './client.ts';
import {
  PATCH_CONTENT_TYPES, type CallOptions, type DeleteCallOptions, type GetOptions, type KubeObject, type ListOptions,
  type ObjectList, type PatchOptions, type PatchType, type Query, type ResourceType, type WatchEvent, type WatchOptions,
  type WriteOptions,
} from './types.ts';

/** `/api/v1` for the core group, `/apis/{group}/{version}` otherwise. */
export function groupVersionPath(type: ResourceType): string {
  return type.group === '' ? `/api/${type.version}` : `/apis/${type.group}/${type.version}`;
}

/** The path of a collection, an object, or an object's subresource. */
export function resourcePath(type: ResourceType, namespace: string | undefined, name?: string, subresource?: string): string {
  let path = groupVersionPath(type);
  if (type.namespaced && namespace !== undefined && namespace !== '') path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${type.resource}`;
  if (name !== undefined) {
    if (name === '') throw new TypeError(`${type.resource}: a name is required`);
    path += `/${encodeURIComponent(name)}`;
    if (subresource !== undefined && subresource !== '') path += `/${subresource}`;
  }
  return path;
}

function listQuery(o: ListOptions | WatchOptions): Query {
  return {
    labelSelector: o.labelSelector, fieldSelector: o.fieldSelector,
    resourceVersion: o.resourceVersion, resourceVersionMatch: o.resourceVersionMatch, ...o.query,
  };
}

function writeQuery(o: PatchOptions): Query {
  return { dryRun: o.dryRun, fieldManager: o.fieldManager, fieldValidation: o.fieldValidation, force: o.force, ...o.query };
}

export class ResourceClient<T extends KubeObject> {
  readonly type: ResourceType;
  readonly #client: RestClient;
  readonly #namespace: string | undefined;

  constructor(client: RestClient, type: ResourceType, namespace?: string) {
    this.type = type;
    this.#client = client;
    this.#namespace = namespace;
  }

  /** The same verbs, bound to a namespace (ignored for cluster-scoped resources). */
  namespace(namespace: string): ResourceClient<T> {
    return new ResourceClient<T>(this.#client, this.type, namespace);
  }

  get(name: string, options: GetOptions = {}): Promise<T> {
    return this.#call({ method: 'GET', path: this.#path(this.#namespace, name, options.subresource), name,
      query: { resourceVersion: options.resourceVersion, ...options.query } }, options);
  }

  list(options: ListOptions = {}): Promise<ObjectList<T>> {
    return this.#call({ method: 'GET', path: this.#path(this.#namespace),
      query: { ...listQuery(options), limit: options.limit, continue: options.continue } }, options);
  }

  create(object: T, options: WriteOptions = {}): Promise<T> {
    const namespace = this.#namespace ?? object.metadata?.namespace;
    // A subresource create (pods/binding, serviceaccounts/token) posts to the parent object.
    const path = options.subresource === undefined
      ? this.#path(namespace)
      : this.#path(namespace, object.metadata?.name ?? '', options.subresource);
    return this.#call({ method: 'POST', path, body: object, query: writeQuery(options), name: object.metadata?.name ?? '' }, options);
  }

  /** Replaces the object; metadata.resourceVersion, when set, makes it a compare-and-swap. */
  update(object: T, options: WriteOptions = {}): Promise<T> {
    const name = object.metadata?.name ?? '';
    return this.#call({ method: 'PUT', path: this.#path(this.#namespace ?? object.metadata?.namespace, name, options.subresource),
      body: object, query: writeQuery(options), name }, options);
  }

  /** `patch` is the body: an operation list for json, an object for merge/strategic/apply. */
  patch(name: string, type: PatchType, patch: unknown, options: PatchOptions = {}): Promise<T> {
    return this.#call({ method: 'PATCH', path: this.#path(this.#namespace, name, options.subresource), body: patch,
      contentType: PATCH_CONTENT_TYPES[type], query: writeQuery(options), name }, options);
  }

  async delete(name: string, options: DeleteCallOptions = {}): Promise<void> {
    await this.#call<unknown>({ method: 'DELETE', path: this.#path(this.#namespace, name), name,
      ...(options.body === undefined ? {} : { body: options.body }), ...(options.query === undefined ? {} : { query: options.query }) }, options);
  }

  async deleteCollection(options: ListOptions & DeleteCallOptions = {}): Promise<void> {
    await this.#call<unknown>({ method: 'DELETE', path: this.#path(this.#namespace), query: listQuery(options),
      ...(options.body === undefined ? {} : { body: options.body }) }, options);
  }

  /** A watch from `resourceVersion` (or "now" when absent); see RestClient.watch for how it ends. */
  watch(options: WatchOptions = {}): AsyncGenerator<WatchEvent<T>, void, undefined> {
    return this.#client.watch<T>({
      path: this.#path(this.#namespace),
      query: { ...listQuery(options), watch: true, timeoutSeconds: options.timeoutSeconds,
        allowWatchBookmarks: options.allowWatchBookmarks, sendInitialEvents: options.sendInitialEvents },
      resource: { group: this.type.group, resource: this.type.resource },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.dropManagedFields === true ? { dropManagedFields: true } : {}),
    });
  }

  #path(namespace: string | undefined, name?: string, subresource?: string): string {
    return resourcePath(this.type, namespace, name, subresource);
  }

  #call<R>(call: Omit<ApiCall, 'signal' | 'timeoutMs' | 'resource'>, options: CallOptions): Promise<R> {
    return this.#client.request<R>({
      ...call,
      resource: { group: this.type.group, resource: this.type.resource },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  }
}
