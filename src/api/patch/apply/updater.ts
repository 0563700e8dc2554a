// The core of field management (upstream's merge.Updater): who owns what after a write.
// - Any write: fields it changes (added or modified) are taken from every other manager that
//   owned them, which is a conflict unless forced; fields it removes are dropped from everyone.
// - Update (PUT, PATCH, POST): the writer then owns the fields it changed, plus what it owned.
// - Apply: the merged object is the live object with the configuration merged in, minus what
//   the applier stopped applying (prune); the applier owns exactly its configuration's fields.
// Comparisons run on Go views (go-view.ts); merging and pruning on the plain objects.

import { jsonEqual } from '../../json-equal.ts';
import type { Result } from '../../result.ts';
import { compare, type Comparison } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { objectView } from './go-view.ts';
import type { VersionedSet } from './managed-fields.ts';
import { merge } from './merge.ts';
import { prune } from './prune.ts';
import { toFieldSet } from './to-field-set.ts';
import type { StructNode } from './type-node.ts';

export interface UpdaterContext {
  readonly root: StructNode;
  /** The version of the request; new and updated entries get it. */
  readonly apiVersion: string;
  /** Versions whose entries are read with this schema (apiVersion included); others are dropped. */
  readonly versions: ReadonlySet<string>;
  /** Fields the strategy resets (upstream's resetFields): never owned, never compared. */
  readonly resetFields: FieldSet | undefined;
}

export type Managers = Map<string, VersionedSet>;

/**
 * Entries at versions this schema cannot read are dropped, as upstream drops managers at
 * versions it can no longer convert to.
 */
export function dropUnknownVersions(ctx: UpdaterContext, managers: Managers): void {
  for (const [id, vs] of managers) if (!ctx.versions.has(vs.apiVersion)) managers.delete(id);
}

function filtered(ctx: UpdaterContext, set: FieldSet): FieldSet {
  return ctx.resetFields === undefined || ctx.resetFields.isEmpty() ? set : set.recursiveDifference(ctx.resetFields);
}

/** A comparison without the fields the strategy resets. */
export function withoutResetFields(ctx: UpdaterContext, c: Comparison): Comparison {
  return { added: filtered(ctx, c.added), modified: filtered(ctx, c.modified), removed: filtered(ctx, c.removed) };
}

/** What changed between two Go views, reset fields left out. */
export function compareViews(ctx: UpdaterContext, oldView: unknown, newView: unknown): Comparison {
  return withoutResetFields(ctx, compare(ctx.root, oldView, newView));
}

/** Conflicting fields by manager identifier. */
export type ConflictSets = Map<string, FieldSet>;

/**
 * Takes changed fields (`comparison`, from compareViews) from every manager but `writer`
 * (conflicts unless `force`) and drops removed fields from them; managers left with nothing
 * are deleted.
 */
export function updateOthers(comparison: Comparison, managers: Managers, writer: string, force: boolean): Result<Comparison, ConflictSets> {
  const changed = comparison.modified.union(comparison.added);
  const conflicts: ConflictSets = new Map();
  for (const [id, vs] of managers) {
    if (id === writer) continue;
    const taken = vs.set.intersection(changed);
    if (!taken.isEmpty()) conflicts.set(id, taken);
  }
  if (!force && conflicts.size > 0) return { ok: false, error: conflicts };
  const removed = comparison.removed;
  for (const [id, vs] of managers) {
    if (id === writer) continue;
    let set = vs.set;
    const taken = conflicts.get(id);
    if (taken !== undefined) set = set.difference(taken);
    if (!removed.isEmpty()) set = set.difference(removed);
    if (set.isEmpty()) managers.delete(id);
    else if (set !== vs.set) managers.set(id, { ...vs, set });
  }
  return { ok: true, value: comparison };
}

/**
 * An Update by `writer`: it comes to own what it changed (`comparison`, from compareViews or
 * compareObjects without reset fields), on top of what it owned.
 */
export function updaterUpdate(ctx: UpdaterContext, comparison: Comparison, managers: Managers, writer: string): void {
  dropUnknownVersions(ctx, managers);
  const result = updateOthers(comparison, managers, writer, true);
  if (!result.ok) return;
  const c = result.value;
  const before = managers.get(writer)?.set ?? new FieldSet();
  const set = filtered(ctx, before.difference(c.removed).union(c.modified).union(c.added));
  if (set.isEmpty()) managers.delete(writer);
  else managers.set(writer, { set, apiVersion: ctx.apiVersion, applied: false });
}

export interface ApplyOutcome {
  /** The live object with the configuration merged in and dropped fields pruned. */
  readonly object: unknown;
  /** Whether it differs from the live object (upstream returns no object when it does not). */
  readonly changed: boolean;
}

export type ApplyFailure =
  | { readonly kind: 'conflicts'; readonly conflicts: ConflictSets }
  | { readonly kind: 'merge'; readonly errors: readonly string[] };

/** An Apply by `applier` of `config` onto the live object (`liveView` is its Go view). */
export function updaterApply(
  ctx: UpdaterContext, live: unknown, liveView: unknown, config: unknown,
  managers: Managers, applier: string, force: boolean,
): Result<ApplyOutcome, ApplyFailure> {
  dropUnknownVersions(ctx, managers);
  const merged = merge(ctx.root, live, config);
  if (!merged.ok) return { ok: false, error: { kind: 'merge', errors: merged.error } };
  const lastApplied = managers.get(applier)?.set;
  const applied = filtered(ctx, toFieldSet(ctx.root, config));
  managers.set(applier, { set: applied, apiVersion: ctx.apiVersion, applied: true });
  const owned = [...managers.values()].map((vs) => vs.set);
  const object = prune(ctx.root, merged.value ?? {}, lastApplied, applied, owned);
  const newView = objectView(ctx.root, object);
  const result = updateOthers(compareViews(ctx, liveView, newView), managers, applier, force);
  if (!result.ok) return { ok: false, error: { kind: 'conflicts', conflicts: result.error } };
  return { ok: true, value: { object, changed: !jsonEqual(liveView, newView) } };
}
