// The generic store: create, read, update and delete for every resource alike, on top of the
// Store (writes, consistent snapshots) and the watch cache (watches and current-state reads).
// It alone decides the order in which a resource's strategy hooks run (upstream's
// registry/generic/registry/store.go); resources only supply the rules.

import { randomUUID } from 'node:crypto';
import { realClock, type Clock } from '../../api/clock.ts';
import { path } from '../../api/field-errors.ts';
import { formatTime } from '../../api/schema/decode.ts';
import { alreadyExists, badRequest, conflict, generateNameConflict, invalid, notFound, StatusError } from '../../api/status.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../api/validation/object-meta.ts';
import { nameFromGenerateName } from '../../api/validation/names.ts';
import { jsonClone, jsonEqual } from '../../api/json-equal.ts';
import { copyOf } from '../../storage/cache/object-json.ts';
import type { WatchCache } from '../../storage/cache/watch-cache.ts';
import { isStorageError } from '../../storage/errors.ts';
import type { KeyValue, Store } from '../../storage/store.ts';
import { applyDeletion } from './deletion.ts';
import { decodeStored, encodeStored } from './stored.ts';
import { toStatusError } from './storage-errors.ts';
import { apiVersionOf, keys, type ApiObject, type DeleteOptionsLike, type ResourceDef } from './resource.ts';
import { updatedObject } from './updated-object.ts';

export interface RequestScope {
  /** The namespace from the URL ("" for cluster-scoped resources or all namespaces). */
  readonly namespace: string;
  readonly dryRun: boolean;
}

/** Admission checks that need other objects (NamespaceLifecycle). */
export interface Admission {
  admitCreate(def: ResourceDef, object: ApiObject): Promise<void>;
  admitDelete?(def: ResourceDef, object: ApiObject): Promise<void>;
}

export interface GenericStoreDeps {
  readonly store: Store;
  readonly cache: WatchCache;
  readonly clock?: Clock;
  readonly admission?: Admission;
}

/**
 * `JSON.stringify(object)` for an object a write returns, made from the value it stored
 * (cheaper than walking the object), or undefined when the object does not encode as stored.
 * Valid while the object is left as returned.
 */
export type WrittenJson = (() => string) | undefined;

export type DeleteOutcome = { readonly object: ApiObject; readonly deleted: boolean; readonly json?: WrittenJson };

const GENERATE_NAME_ATTEMPTS = 8;

export class GenericStore<T extends ApiObject = ApiObject> {
  readonly def: ResourceDef<T>;
  readonly #store: Store;
  readonly #cache: WatchCache;
  readonly #clock: Clock;
  readonly #admission: Admission | undefined;

  constructor(def: ResourceDef<T>, deps: GenericStoreDeps) {
    this.def = def;
    this.#store = deps.store;
    this.#cache = deps.cache;
    this.#clock = deps.clock ?? realClock;
    this.#admission = deps.admission;
    if (def.watchCache === false) this.#cache.exclude(keys.bucket(def));
  }

  /** Whether the watch cache holds this resource (else the Store serves every read). */
  get watchCached(): boolean {
    return this.def.watchCache !== false;
  }

  get #resource(): { group: string; resource: string } {
    return { group: this.def.group, resource: this.def.resource };
  }

  key(namespace: string, name: string): string {
    return keys.object(this.def, namespace, name);
  }

  /** Turns a stored value into the object served: resourceVersion set from the revision. */
  decodeStored(kv: KeyValue): T {
    return this.fromStorage(decodeStored<ApiObject>(kv));
  }

  /** An object as kept in storage (and in the watch cache) as this resource serves it. */
  fromStorage(object: ApiObject): T {
    const storedAs = this.def.storedAs;
    if (storedAs === undefined) return object as T;
    const converted = storedAs.fromStored(object);
    converted.apiVersion = apiVersionOf(this.def);
    converted.kind = this.def.kind;
    return converted;
  }

  /**
   * Stores `object` with `write` (given the value to store) and sets its resourceVersion. Tells
   * the watch cache what the value decodes to (a copy made now) and its encoding, so that the
   * cache need not parse the value again nor stringify the object; when `object` as returned
   * encodes the same (resourceVersion last in its metadata), returns that encoding too.
   */
  async #put(key: string, object: T, write: (value: string) => Promise<KeyValue>, handedOver = false): Promise<WrittenJson> {
    const storedAs = this.def.storedAs;
    const { stored, value, jsonAt } = encodeStored(storedAs === undefined ? object : storedAs.toStored(object));
    // jsonClone gives what JSON.parse(value) gives, key order included; an object handed over
    // is that already, and the cache may keep its parts.
    this.#cache.expect(key, value, handedOver && storedAs === undefined ? () => stored : () => jsonClone(stored), jsonAt);
    let kv: KeyValue;
    try {
      kv = await write(value);
    } catch (error) {
      this.#cache.forget(key, value);
      throw error;
    }
    const meta = (object.metadata ??= {});
    meta.resourceVersion = String(kv.modRevision);
    return storedAs === undefined && lastKey(meta) === 'resourceVersion' ? () => jsonAt(kv.modRevision) : undefined;
  }

  /**
   * Replaces the stored object at `key` if its modRevision is `modRevision` (the Store's
   * errors as they are), for subresources that write storage directly (pods/binding). The
   * object is handed over: a JSON value as parsing gives it (no undefined members, no -0,
   * nothing with toJSON), e.g. a copy from readCopy() with strings set in it, not used after.
   */
  async replaceStored(key: string, object: T, modRevision: number): Promise<void> {
    await this.#put(key, object, (value) => this.#store.update(key, value, modRevision), true);
  }

  /**
   * Stores a new object made from `input` and returns it as stored. `input` is copied first,
   * unless the caller hands it over (`handedOver`: it is the caller's own, e.g. just decoded
   * from a request body, and not used afterwards); then it becomes the returned object.
   */
  async create(scope: RequestScope, input: T, handedOver = false): Promise<T> {
    return (await this.createWithJson(scope, input, handedOver)).object;
  }

  /** create(), and the returned object's encoding when known (see WrittenJson). */
  async createWithJson(scope: RequestScope, input: T, handedOver = false): Promise<{ object: T; json: WrittenJson }> {
    const object = handedOver ? input : jsonClone(input);
    const meta = (object.metadata ??= {});
    if (this.def.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== scope.namespace) {
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = scope.namespace;
    } else {
      delete meta.namespace;
    }
    object.apiVersion = apiVersionOf(this.def);
    object.kind = this.def.kind;
    const strategy = this.def.strategy;
    strategy.defaults?.(object);
    strategy.prepareForCreate?.(object);
    const generated = (meta.name ?? '') === '' && (meta.generateName ?? '') !== '';
    this.#fillCreateMeta(object);
    for (let attempt = 1; ; attempt++) {
      if (generated) meta.name = nameFromGenerateName(meta.generateName ?? '');
      this.#validate(object, [...validateObjectMeta(meta, this.#metaRules(), path('metadata')), ...(strategy.validate?.(object) ?? [])]);
      await this.#admission?.admitCreate(this.def as unknown as ResourceDef, object);
      const key = this.key(scope.namespace, meta.name ?? '');
      let exists: boolean;
      if (scope.dryRun) {
        exists = (await this.#read(() => this.#store.get(key), meta.name ?? '')) !== undefined;
        if (!exists) return { object, json: undefined };
      } else {
        try {
          const ttl = strategy.ttlSeconds;
          const json = await this.#put(key, object, (value) => this.#store.create(key, value, ttl === undefined ? {} : { ttlSeconds: ttl }));
          return { object, json };
        } catch (error) {
          if (!isStorageError(error, 'KeyExists')) throw toStatusError(error, this.#resource, meta.name ?? '');
        }
      }
      if (!generated) throw alreadyExists(this.#resource, meta.name ?? '');
      if (attempt >= GENERATE_NAME_ATTEMPTS) throw generateNameConflict(this.#resource, meta.name ?? '', 1);
    }
  }

  /** The stored object, read consistently (at least as new as every acknowledged write). */
  async get(scope: RequestScope, name: string): Promise<T> {
    const kv = await this.#read(() => this.#store.get(this.key(scope.namespace, name)), name);
    if (kv === undefined) throw notFound(this.#resource, name);
    return this.decodeStored(kv);
  }

  /**
   * Runs a read-modify-write first on the watch cache's copy of the object, as upstream's
   * GuaranteedUpdate starts from the cacher's object instead of reading storage: a fresh cache
   * saves the Store read, and the write, conditional on the copy's revision, cannot land on a
   * state the copy did not show. Whatever the attempt decided on a copy that may be stale (a
   * 4xx: a conflict, a failed precondition, a patch or validation error) is decided again on
   * the Store's object; so is everything when the cache lacks the object. `attempt` gets
   * undefined when the object does not exist, and `cached` says which kind of copy it got (pass
   * it to update() as `derived`, so a stale copy fails instead of being silently replaced).
   */
  async readModifyWrite<R>(scope: RequestScope, name: string, attempt: (current: T | undefined, cached: boolean) => Promise<R>): Promise<R> {
    const cached = scope.dryRun ? undefined : this.#cache.get(this.key(scope.namespace, name));
    if (cached !== undefined) {
      try {
        return await attempt(copyOf<T>(cached), true);
      } catch (error) {
        if (!(error instanceof StatusError && error.code < 500)) throw error;
      }
    }
    let current: T | undefined;
    try {
      current = await this.get(scope, name);
    } catch (error) {
      if (!(error instanceof StatusError && error.code === 404)) throw error;
    }
    return await attempt(current, false);
  }

  /**
   * Replaces an object. With metadata.resourceVersion, only if it is still the stored one
   * (409 otherwise). An update that changes nothing writes nothing.
   *
   * `options.current` is the object as the caller read it (get() or the watch cache), unmodified:
   * the first attempt starts from it instead of reading again, as upstream's GuaranteedUpdate
   * takes a cached object. The write is conditional on its revision, so when it turns out stale
   * (a conflict, a precondition or a no-op decided on it) the update reads the Store and decides
   * again — unless `options.derived` says the input itself was computed from `current` (a
   * patch): then a stale `current` is a 409 Conflict, for the caller to compute the input anew.
   */
  async update(scope: RequestScope, name: string, input: T, options: { subresource?: string; current?: T; derived?: boolean } = {}): Promise<{ object: T; created: boolean; json?: WrittenJson }> {
    const inputMeta = input.metadata ?? {};
    if (inputMeta.name !== undefined && inputMeta.name !== '' && inputMeta.name !== name) {
      throw badRequest(`the name of the object (${inputMeta.name}) does not match the name on the URL (${name})`);
    }
    const strategy = this.def.strategy;
    let hint = scope.dryRun ? undefined : options.current;
    for (;;) {
      const key = this.key(scope.namespace, name);
      const fromHint = hint !== undefined && /^\d+$/.test(hint.metadata?.resourceVersion ?? '');
      let old: T;
      let modRevision: number;
      if (fromHint) {
        old = hint as T;
        modRevision = Number(old.metadata?.resourceVersion);
      } else {
        const existing = await this.#read(() => this.#store.get(key), name);
        if (existing === undefined) {
          if (options.subresource === undefined && strategy.allowCreateOnUpdate === true) {
            return { ...(await this.createWithJson(scope, { ...input, metadata: { ...inputMeta, name } })), created: true };
          }
          throw notFound(this.#resource, name);
        }
        old = this.decodeStored(existing);
        modRevision = existing.modRevision;
      }
      hint = undefined;
      const requested = inputMeta.resourceVersion ?? '';
      if (requested !== '' && requested !== String(modRevision)) {
        if (fromHint && options.derived !== true) continue;
        throw this.#modified(name);
      }
      if (requested === '' && strategy.allowUnconditionalUpdate === false) {
        this.#validate(input, [{ type: 'FieldValueInvalid', field: 'metadata.resourceVersion', badValue: 0, detail: 'must be specified for an update' }]);
      }
      const object = updatedObject(this.def, input, old, options.subresource);
      const errors = validateObjectMetaUpdate(object.metadata ?? {}, old.metadata ?? {}, this.#metaRules(), path('metadata'));
      errors.push(...(options.subresource === 'status' ? (this.def.status?.validateUpdate?.(object, old) ?? []) : (strategy.validateUpdate?.(object, old) ?? [])));
      this.#validate(object, errors);
      if (jsonEqual(object, old)) {
        if (fromHint && options.derived === true) throw this.#modified(name); // the caller decides again on the Store's state
        if (fromHint) continue; // answered from the Store's state, not the caller's
        return { object: old, created: false };
      }
      if (scope.dryRun) return { object, created: false };
      let json: WrittenJson;
      try {
        const ttl = strategy.ttlSeconds;
        json = await this.#put(key, object, (value) => this.#store.update(key, value, modRevision, ttl === undefined ? {} : { ttlSeconds: ttl }));
      } catch (error) {
        if (fromHint && (isStorageError(error, 'Conflict') || isStorageError(error, 'KeyNotFound'))) {
          if (options.derived === true) throw this.#modified(name);
          continue;
        }
        if (isStorageError(error, 'Conflict') && requested === '') continue;
        if (isStorageError(error, 'Conflict')) throw this.#modified(name);
        if (isStorageError(error, 'KeyNotFound')) throw notFound(this.#resource, name);
        throw toStatusError(error, this.#resource, name);
      }
      // The last finalizer of an object being deleted is gone: now it goes.
      const meta = object.metadata ?? {};
      const released = (meta.finalizers ?? []).length === 0 && (meta.deletionGracePeriodSeconds ?? 0) === 0 && strategy.holdsDeletion?.(object) !== true;
      if (meta.deletionTimestamp !== undefined && released) {
        try {
          await this.#destroy(key, object, Number(meta.resourceVersion));
        } catch (error) {
          // Written again since: whoever wrote it decides (their write deletes it if still released).
          if (!isStorageError(error, 'Conflict')) throw error;
        }
      }
      return { object, created: false, json };
    }
  }

  /**
   * Deletes an object: at once, or by setting deletionTimestamp when finalizers (including
   * the orphan/foregroundDeletion ones a propagation policy adds) or a grace period hold it.
   */
  async delete(scope: RequestScope, name: string, options: DeleteOptionsLike): Promise<DeleteOutcome> {
    const key = this.key(scope.namespace, name);
    // The first attempt starts from the watch cache's copy (see readModifyWrite); the write is
    // conditional on its revision, and whatever was decided on a copy that may be stale is
    // decided again on the Store's object.
    let tryCache = !scope.dryRun;
    for (;;) {
      const copy = await this.readCopy(scope, name, tryCache);
      tryCache = false;
      if (copy === undefined) throw notFound(this.#resource, name);
      const { object: current, modRevision, cached: fromCache } = copy;
      const meta = current.metadata ?? {};
      const pre = options.preconditions ?? {};
      if (pre.uid !== undefined && pre.uid !== meta.uid) {
        if (fromCache) continue;
        throw conflict(this.#resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta.uid ?? ''}`);
      }
      if (pre.resourceVersion !== undefined && pre.resourceVersion !== meta.resourceVersion) {
        if (fromCache) continue;
        throw conflict(this.#resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`);
      }
      try {
        await this.#admission?.admitDelete?.(this.def as unknown as ResourceDef, current);
      } catch (error) {
        if (fromCache) continue;
        throw error;
      }
      const plan = applyDeletion(current, options, this.def.strategy, this.#now());
      if (scope.dryRun) return { object: plan.object, deleted: plan.kind === 'delete' };
      if (plan.kind === 'unchanged') {
        if (fromCache) continue; // answered from the Store's state
        return { object: current, deleted: false };
      }
      try {
        if (plan.kind === 'delete') {
          await this.#destroy(key, current, modRevision, fromCache);
          return { object: current, deleted: true };
        }
        const json = await this.#put(key, plan.object, (value) => this.#store.update(key, value, modRevision));
        return { object: plan.object, deleted: false, json };
      } catch (error) {
        if (isStorageError(error, 'Conflict')) continue;
        if (isStorageError(error, 'KeyNotFound')) {
          if (fromCache) continue;
          throw notFound(this.#resource, name);
        }
        throw toStatusError(error, this.#resource, name);
      }
    }
  }

  /**
   * An object and its revision, to modify: a private copy of the watch cache's when `fromCache`
   * and the cache holds it (`cached` says so), else read from the Store; undefined when it does
   * not exist.
   */
  async readCopy(scope: RequestScope, name: string, fromCache: boolean): Promise<{ object: T; modRevision: number; cached: boolean } | undefined> {
    const key = this.key(scope.namespace, name);
    const inCache = fromCache ? this.#cache.get(key) : undefined;
    if (inCache !== undefined) return { object: copyOf<T>(inCache), modRevision: inCache.revision, cached: true };
    const stored = await this.#read(() => this.#store.get(key), name);
    return stored === undefined ? undefined : { object: this.decodeStored(stored), modRevision: stored.modRevision, cached: false };
  }

  /**
   * Deletes the stored object; a Conflict is left as it is, for the caller's retry loop, and so
   * is KeyNotFound when the caller's copy may be stale (`reportMissing`); otherwise an object
   * already gone counts as deleted.
   */
  async #destroy(key: string, object: T, modRevision: number, reportMissing = false): Promise<void> {
    try {
      await this.#store.delete(key, { modRevision });
    } catch (error) {
      if (isStorageError(error, 'KeyNotFound') && !reportMissing) return;
      if (isStorageError(error, 'KeyNotFound')) throw error;
      if (isStorageError(error, 'Conflict')) throw error;
      throw toStatusError(error, this.#resource, object.metadata?.name ?? '');
    }
  }

  async #read<R>(read: () => Promise<R>, name: string): Promise<R> {
    try {
      return await read();
    } catch (error) {
      throw toStatusError(error, this.#resource, name);
    }
  }

  #fillCreateMeta(object: T): void {
    const meta = (object.metadata ??= {});
    meta.uid = randomUUID();
    meta.creationTimestamp = this.#now();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (this.def.strategy.tracksGeneration === true) meta.generation = 1;
    else delete meta.generation;
  }

  #validate(object: T, errors: ReturnType<NonNullable<ResourceDef['strategy']['validate']>>): void {
    if (errors.length > 0) throw invalid({ group: this.def.group, kind: this.def.kind }, object.metadata?.name ?? object.metadata?.generateName ?? '', errors);
  }

  #metaRules(): { namespaced: boolean; validateName: ResourceDef['strategy']['validateName'] } {
    return { namespaced: this.def.namespaced, validateName: this.def.strategy.validateName };
  }

  #modified(name: string): Error {
    return conflict(this.#resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
  }

  #now(): string {
    return formatTime(this.#clock.now());
  }

  /** The watch cache this store reads through (lists, watches). */
  get cache(): WatchCache {
    return this.#cache;
  }

  get store(): Store {
    return this.#store;
  }
}

/** The last member of an object, without making an array of its keys. */
function lastKey(object: object): string | undefined {
  let last: string | undefined;
  for (const key in object) last = key;
  return last;
}
