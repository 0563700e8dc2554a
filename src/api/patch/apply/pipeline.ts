// The steps upstream's field manager wraps around the core updater, shared by Apply and Update:
// the scope of a request, manager identifiers, stripping metadata fields that nobody owns, the
// "current operation" bookkeeping that stamps times, and the cap on Update entries.

import type { StructShape } from '../../schema/shape.ts';
import { formatTime } from '../../schema/decode.ts';
import type { Comparison } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { capUpdateManagers, managerIdentifier, type Managed } from './managed-fields.ts';
import { fieldElement } from './path-element.ts';
import { typeNode, type StructNode } from './type-node.ts';
import { updaterUpdate, type UpdaterContext } from './updater.ts';

/** What a field manager is set up with: the resource's schema and the request's version. */
export interface FieldManagerScope {
  /** The kind's declared shape, e.g. Deployment. */
  readonly shape: StructShape;
  /** The group/version of the request, e.g. "apps/v1". */
  readonly apiVersion: string;
  /** The subresource written through ("status", "scale"), if any. */
  readonly subresource?: string | undefined;
  /** Fields the resource's strategy resets for this endpoint (e.g. status on the main resource). */
  readonly resetFields?: FieldSet | undefined;
  /**
   * Other served versions whose field paths are the same as this one's: their entries are read
   * as they are. Entries at any other version are dropped, as upstream drops the ones it cannot
   * convert.
   */
  readonly equivalentVersions?: readonly string[] | undefined;
}

export interface ScopeContext extends UpdaterContext {
  readonly subresource: string;
}

/** Upstream's DefaultMaxUpdateManagers. */
export const MAX_UPDATE_MANAGERS = 10;

export function scopeContext(scope: FieldManagerScope): ScopeContext {
  const node = typeNode(scope.shape);
  return {
    root: node as StructNode,
    apiVersion: scope.apiVersion,
    versions: new Set([scope.apiVersion, ...(scope.equivalentVersions ?? [])]),
    resetFields: scope.resetFields,
    subresource: scope.subresource ?? '',
  };
}

const f = fieldElement;

/** Fields no manager owns: type meta and the metadata the server sets. */
const STRIPPED = FieldSet.of(
  [f('apiVersion')],
  [f('kind')],
  [f('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion']
    .map((name) => [f('metadata'), f(name)]),
);

export function stripMeta(managed: Managed, id: string): void {
  const vs = managed.fields.get(id);
  if (vs === undefined) return;
  const set = vs.set.difference(STRIPPED);
  if (set.isEmpty()) managed.fields.delete(id);
  else managed.fields.set(id, { ...vs, set });
}

export function updateIdentifier(ctx: ScopeContext, manager: string): string {
  return managerIdentifier({ manager: manager === '' ? 'unknown' : manager, operation: 'Update', apiVersion: ctx.apiVersion, subresource: ctx.subresource });
}

export function applyIdentifier(ctx: ScopeContext, manager: string): string {
  return managerIdentifier({ manager: manager === '' ? 'unknown' : manager, operation: 'Apply', subresource: ctx.subresource });
}

/** The placeholder upstream records an update under before merging it into the manager's entry. */
const CURRENT_OPERATION = 'current-operation';

/**
 * An Update through upstream's chain below the "skip non-applied" step: the manager comes to
 * own what changed, merged into its existing entry with a new time, and Update entries are
 * capped. `comparison` is what the write changed, reset fields left out (compareViews of the
 * objects' Go views, or compareObjects); `managed` is changed in place.
 */
export function trackedUpdate(ctx: ScopeContext, comparison: Comparison, managed: Managed, manager: string, now: number): void {
  const id = updateIdentifier(ctx, manager);
  updaterUpdate(ctx, comparison, managed.fields, CURRENT_OPERATION);
  stripMeta(managed, CURRENT_OPERATION);
  const current = managed.fields.get(CURRENT_OPERATION);
  if (current !== undefined) {
    managed.fields.delete(CURRENT_OPERATION);
    const previous = managed.fields.get(id);
    // A writer that changed only fields it owned keeps its set as it was (and so its encoding).
    const set = previous === undefined ? current.set : previous.set.includes(current.set) ? previous.set : current.set.union(previous.set);
    managed.fields.set(id, { ...current, set });
    managed.times.set(id, formatTime(now));
  }
  capUpdateManagers(managed, MAX_UPDATE_MANAGERS);
}
