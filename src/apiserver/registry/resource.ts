// What the API server knows about one resource: its names (for URLs and discovery), its
// schema, and its strategy (the rules). The generic store (generic-store.ts) runs every
// resource alike from this description; a resource's own folder holds only its rules.

import type { FieldError } from '../../api/field-errors.ts';
import type { StructShape } from '../../api/schema/shape.ts';
import type { MetaLike } from '../../api/validation/object-meta.ts';
import type { ValidateNameFunc } from '../../api/validation/names.ts';
import type { Printer } from '../printers/table.ts';

/** Any API object as the registry handles it: plain JSON with metadata. */
export interface ApiObject {
  apiVersion?: string;
  kind?: string;
  metadata?: MetaLike;
  [field: string]: unknown;
}

export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface DeleteOptionsLike {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  orphanDependents?: boolean;
  dryRun?: string[];
}

/** The rules of one resource, as upstream's strategy.go files hold them. Every hook is optional. */
export interface Strategy<T extends ApiObject = ApiObject> {
  /** How names are validated (most resources: DNS-1123 subdomain). */
  readonly validateName: ValidateNameFunc;
  /** Whether changes outside metadata and status bump metadata.generation. */
  readonly tracksGeneration?: boolean;
  /** Whether PUT of a missing object creates it. */
  readonly allowCreateOnUpdate?: boolean;
  /** Whether PUT without metadata.resourceVersion is allowed (last writer wins). */
  readonly allowUnconditionalUpdate?: boolean;
  /** Whether DELETE answers with the object (pods) rather than a Success Status. */
  readonly returnDeletedObject?: boolean;
  /** Seconds after which the stored keys expire (events: 1 hour). */
  readonly ttlSeconds?: number;
  /** Upstream's defaulters, run on every decoded object before anything else. */
  defaults?(object: T): void;
  /** Clears and sets what a create decides (e.g. status, phase). */
  prepareForCreate?(object: T): void;
  /** Carries over from the stored object what an update may not set. */
  prepareForUpdate?(object: T, old: T): void;
  validate?(object: T): FieldError[];
  validateUpdate?(object: T, old: T): FieldError[];
  /** Graceful deletion: seconds to wait before the object goes (undefined or 0: at once). */
  gracePeriodSeconds?(object: T, options: DeleteOptionsLike): number | undefined;
  /**
   * Whether something besides metadata.finalizers still holds a deleted object (a
   * namespace's spec.finalizers). On delete it may mark the object (phase Terminating).
   */
  holdsDeletion?(object: T): boolean;
  /** Extra field-selector fields beyond metadata.name and metadata.namespace. */
  selectableFields?(object: T): Record<string, string>;
}

/** How the status subresource updates an object (only the status changes). */
export interface StatusStrategy<T extends ApiObject = ApiObject> {
  prepareForUpdate?(object: T, old: T): void;
  validateUpdate?(object: T, old: T): FieldError[];
}

/** A subresource as discovery describes it (the handler that serves it lives elsewhere). */
export interface SubresourceDef {
  readonly name: string;
  /** The kind it answers with, and that kind's group/version when it differs (scale → autoscaling/v1 Scale). */
  readonly kind: string;
  readonly group?: string;
  readonly version?: string;
  readonly verbs: readonly Verb[] | readonly string[];
}

/** Where a scalable resource keeps its replica counts (the scale subresource reads these). */
export interface ScaleDef<T extends ApiObject = ApiObject> {
  specReplicas(object: T): number;
  withSpecReplicas(object: T, replicas: number): T;
  statusReplicas(object: T): number;
  /** The label selector of the pods, as a selector string ("app=web"). */
  selector(object: T): string;
}

/**
 * A resource served as a view of another resource's storage (events.k8s.io/v1 Events are
 * core/v1 Events in storage, as upstream keeps them): where it is stored, and the conversions.
 */
export interface StoredAs<T extends ApiObject = ApiObject> {
  readonly group: string;
  readonly resource: string;
  fromStored(object: ApiObject): T;
  toStored(object: T): ApiObject;
}

export interface ResourceDef<T extends ApiObject = ApiObject> {
  /** "" for the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural, lower-case URL name, e.g. "deployments". */
  readonly resource: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly verbs?: readonly Verb[];
  readonly shape: StructShape<T>;
  readonly listShape?: StructShape;
  readonly strategy: Strategy<T>;
  readonly status?: StatusStrategy<T>;
  /**
   * Subresources other than status that update one part of the object (a namespace's
   * finalize): given the request's object and the stored one, the object to store.
   */
  readonly partialUpdates?: Readonly<Record<string, (input: T, old: T) => T>>;
  /** Subresources besides status (listed in discovery when `status` is set). */
  readonly subresources?: readonly SubresourceDef[];
  /**
   * A create-only resource that is answered, not stored (access reviews): the object to answer
   * with, given the posted one and who asked.
   */
  readonly virtualCreate?: (object: T, context: { readonly namespace: string; readonly user: { readonly name: string; readonly groups: readonly string[] } }) => T;
  /** Storage shared with another resource, through conversions. */
  readonly storedAs?: StoredAs<T>;
  /**
   * false: lists, watches and reads are served by the Store, not the watch cache (upstream
   * stores events undecorated, without a cacher: there are many, they expire within the hour
   * and few watch them, so caching them costs memory that nobody reads back).
   */
  readonly watchCache?: false;
  /** The scale subresource (autoscaling/v1 Scale), for deployments, replicasets, statefulsets. */
  readonly scale?: ScaleDef<T>;
  /** The columns of `kubectl get` (upstream's printers); the default table otherwise. */
  readonly printer?: Printer<T>;
}

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function apiVersionOf(def: Pick<ResourceDef, 'group' | 'version'>): string {
  return def.group === '' ? def.version : `${def.group}/${def.version}`;
}

/** The storage key of an object, and the prefixes lists and watches read. */
export const keys = {
  bucket: (def: Pick<ResourceDef, 'group' | 'resource'> & { storedAs?: Pick<StoredAs, 'group' | 'resource'> | undefined }): string => {
    const where = def.storedAs ?? def;
    return `/registry/${where.group === '' ? 'core' : where.group}/${where.resource}/`;
  },
  prefix(def: Pick<ResourceDef, 'group' | 'resource' | 'namespaced' | 'storedAs'>, namespace: string | undefined): string {
    const bucket = keys.bucket(def);
    return def.namespaced && namespace !== undefined && namespace !== '' ? `${bucket}${namespace}/` : bucket;
  },
  object(def: Pick<ResourceDef, 'group' | 'resource' | 'namespaced' | 'storedAs'>, namespace: string | undefined, name: string): string {
    return def.namespaced ? `${keys.bucket(def)}${namespace ?? ''}/${name}` : `${keys.bucket(def)}${name}`;
  },
  /** The bucket of any registry key: "/registry/<group>/<resource>/". */
  bucketOf(key: string): string {
    // Up to the fourth "/" (called for every key the watch cache touches: no split).
    let at = -1;
    for (let n = 0; n < 4; n++) {
      at = key.indexOf('/', at + 1);
      if (at === -1) return `${key}/`;
    }
    return key.slice(0, at + 1);
  },
};
