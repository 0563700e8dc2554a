// Field ownership for non-apply writes (POST, PUT, and JSON/merge/strategic PATCH), as
// upstream's FieldManager.Update does it: the writer comes to own every field its write added or
// changed, other managers lose those fields, and removed fields leave every manager.
//
// managedFields given in the request replace the stored ones (that is how clients rewrite them,
// e.g. kubectl's client-side-to-server-side migration); an empty list, or a single empty entry,
// resets tracking. Writes through a subresource always start from the stored entries. An object
// that has no entries and already exists is not tracked until it is applied to.

import { utf8Length } from '../../go-format.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { isObject } from './go-json.ts';
import { decodeManagedFields, emptyManaged, encodeManagedFields, isResetManagedFields, type Managed } from './managed-fields.ts';
import { scopeContext, trackedUpdate, type FieldManagerScope } from './pipeline.ts';
import { withoutResetFields } from './updater.ts';
import { compareObjects } from './view-compare.ts';

export interface TrackUpdateOptions extends FieldManagerScope {
  /** The stored object; undefined for a create. */
  readonly before: unknown;
  /** The object about to be stored (after patching, defaulting and the strategy's changes). */
  readonly after: unknown;
  /** The field manager: use managerOrUserAgent() for requests without ?fieldManager=. */
  readonly manager: string;
  readonly operation?: 'Update';
  /** Milliseconds since the epoch, for the entry's time. */
  readonly now: number;
}

function metadataOf(obj: unknown): Record<string, unknown> | undefined {
  if (!isObject(obj)) return undefined;
  const meta = obj['metadata'];
  return isObject(meta) ? meta : undefined;
}

export function managedFieldsOf(obj: unknown): ManagedFieldsEntry[] | undefined {
  const entries = metadataOf(obj)?.['managedFields'];
  return Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : undefined;
}

function decodeOrEmpty(entries: readonly ManagedFieldsEntry[] | undefined): Managed {
  const decoded = decodeManagedFields(entries);
  return decoded.ok ? decoded.value : emptyManaged();
}

/** Upstream's decodeLiveOrNew: which managedFields an update starts from. */
function startingEntries(before: unknown, after: unknown, subresource: string): Managed {
  const live = managedFieldsOf(before);
  if (subresource !== '') return decodeOrEmpty(live);
  const requested = managedFieldsOf(after);
  if (isResetManagedFields(requested)) return emptyManaged();
  const decoded = decodeManagedFields(requested);
  // Clients that know nothing of managedFields send none (or broken ones): keep the stored ones.
  return decoded.ok && decoded.value.fields.size > 0 ? decoded.value : decodeOrEmpty(live);
}

/**
 * The managedFields to store with `after`; undefined when the object is to carry none.
 * Never fails: malformed entries are treated as upstream treats them (ignored or reset).
 */
export function trackUpdate(o: TrackUpdateOptions): ManagedFieldsEntry[] | undefined {
  const ctx = scopeContext(o);
  const managed = startingEntries(o.before, o.after, ctx.subresource);
  const uid = metadataOf(o.before)?.['uid'];
  const isCreate = typeof uid !== 'string' || uid === '';
  if (managed.fields.size === 0 && !isCreate) return undefined;
  // The comparison of the objects' Go views, without building them (view-compare.ts).
  trackedUpdate(ctx, withoutResetFields(ctx, compareObjects(ctx.root, o.before, o.after)), managed, o.manager, o.now);
  return encodeManagedFields(managed);
}

/** Upstream's FieldManagerMaxLength. */
const MAX_MANAGER_LENGTH = 128;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/**
 * The manager of a write: ?fieldManager= when given (kubectl sends kubectl-client-side-apply,
 * kubectl-edit, ...), else the User-Agent up to its first "/" without unprintable characters,
 * cut to 128 bytes ("kubectl/v1.33.1 (linux/amd64) ..." gives "kubectl").
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager !== undefined && fieldManager !== '') return fieldManager;
  const prefix = (userAgent ?? '').split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!PRINTABLE.test(ch)) continue;
    const size = utf8Length(ch);
    if (bytes + size > MAX_MANAGER_LENGTH) break;
    out += ch;
    bytes += size;
  }
  return out;
}
