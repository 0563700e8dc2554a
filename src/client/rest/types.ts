// The shapes the REST client speaks: API objects as plain JSON, lists, watch events, and the
// description of a resource that locates it on the server (upstream's GroupVersionResource plus
// its scope).

import type { Status } from '../../api/status.ts';
import type { DeleteOptions, ListMeta, ObjectMeta } from '../../api/types/meta/v1/index.ts';

/** Any API object as it travels: plain JSON whose identity lives in `metadata`. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A list response: items plus the resourceVersion it was read at and the next page's token. */
export interface ObjectList<T> {
  apiVersion?: string;
  kind?: string;
  metadata?: ListMeta;
  items: T[];
}

/**
 * One event of a watch stream. ERROR carries a Status (a 410 Expired once the requested
 * resourceVersion is too old); BOOKMARK carries an object of the watched kind holding only
 * `metadata.resourceVersion` (and annotations).
 */
export type WatchEvent<T> =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; readonly object: T }
  | { readonly type: 'ERROR'; readonly object: Status };

/** Where a resource lives: `/api/v1/...` for the core group, `/apis/{group}/{version}/...` otherwise. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  /** The plural, lower-case resource name ("configmaps"). */
  readonly resource: string;
  readonly namespaced: boolean;
}

export type QueryValue = string | number | boolean | undefined;
/** Extra query parameters; undefined values are left out. */
export type Query = Readonly<Record<string, QueryValue>>;

/** What every call accepts. */
export interface CallOptions {
  /** Aborting ends the request (a watch ends cleanly instead of failing). */
  readonly signal?: AbortSignal;
  /** Overrides the client's request timeout (ms); 0 means none. */
  readonly timeoutMs?: number;
  /** Parameters not covered by the typed options. */
  readonly query?: Query;
}

export interface GetOptions extends CallOptions {
  readonly resourceVersion?: string;
  /** status, scale, ...: the call goes to `.../{name}/{subresource}`. */
  readonly subresource?: string;
}

export interface ListOptions extends CallOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  readonly limit?: number;
  readonly continue?: string;
}

export interface WatchOptions extends CallOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'NotOlderThan' | 'Exact';
  /** The server ends the stream after this long (upstream's default is 30-60 minutes). */
  readonly timeoutSeconds?: number;
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
  /**
   * Client-side, not sent: the events' objects come without metadata.managedFields, which are
   * then never decoded (for a cache that drops them anyway).
   */
  readonly dropManagedFields?: boolean;
}

export interface WriteOptions extends CallOptions {
  readonly dryRun?: 'All';
  readonly fieldManager?: string;
  readonly fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
  readonly subresource?: string;
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take ownership of conflicting fields. */
  readonly force?: boolean;
}

export interface DeleteCallOptions extends CallOptions {
  /** Sent as the request body (propagationPolicy, gracePeriodSeconds, preconditions, dryRun). */
  readonly body?: DeleteOptions;
}

/** json: RFC 6902; merge: RFC 7386; strategic: Kubernetes strategic merge; apply: server-side apply. */
export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};
