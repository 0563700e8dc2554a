// metadata.managedFields in and out (upstream's internal/managedfields.go): entries become a map
// from manager identifier to the manager's field set, and back.
//
// The identifier is the entry as JSON without time, fields and fieldsType, and without the API
// version for appliers: so an Apply entry is one per (manager, subresource) whatever the version,
// and Update entries are one per (manager, apiVersion, subresource). Entries with the same
// identifier collapse on decoding, the last one winning, as upstream's map assignment does.
// Encoding sorts entries as upstream: Apply before Update, then by time (seconds), manager,
// apiVersion and subresource.

import { compareGoStrings, goQuote } from '../../go-format.ts';
import type { Result } from '../../result.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import type { FieldSet } from './field-set.ts';
import { decodeFieldsV1, encodeFieldsV1 } from './fields-cache.ts';
import { goJsonString, isObject } from './go-json.ts';

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  /** True for an Apply entry. */
  readonly applied: boolean;
}

/** Field sets and last-change times by manager identifier (upstream's ManagedInterface). */
export interface Managed {
  readonly fields: Map<string, VersionedSet>;
  /** RFC 3339 times; undefined for entries written without one. */
  readonly times: Map<string, string | undefined>;
}

export function emptyManaged(): Managed {
  return { fields: new Map(), times: new Map() };
}

export function cloneManaged(m: Managed): Managed {
  return { fields: new Map(m.fields), times: new Map(m.times) };
}

export interface ManagerInfo {
  readonly manager?: string | undefined;
  readonly operation?: string | undefined;
  readonly apiVersion?: string | undefined;
  readonly subresource?: string | undefined;
}

/** Upstream's BuildManagerIdentifier: the JSON of the entry's identifying fields. */
export function managerIdentifier(info: ManagerInfo): string {
  const parts: string[] = [];
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') parts.push(`"${name}":${goJsonString(value, true)}`);
  };
  add('manager', info.manager);
  add('operation', info.operation);
  if (info.operation !== 'Apply') add('apiVersion', info.apiVersion);
  add('subresource', info.subresource);
  return '{' + parts.join(',') + '}';
}

export function parseIdentifier(id: string): ManagerInfo | undefined {
  try {
    const parsed: unknown = JSON.parse(id);
    if (!isObject(parsed)) return undefined;
    const str = (k: string): string | undefined => (typeof parsed[k] === 'string' ? parsed[k] : undefined);
    return { manager: str('manager'), operation: str('operation'), apiVersion: str('apiVersion'), subresource: str('subresource') };
  } catch {
    return undefined;
  }
}

/** How a conflict message names a manager: `"kubectl"`, `"x" using apps/v1`, `... with subresource "status"`. */
export function printManager(id: string): string {
  const info = parseIdentifier(id);
  if (info === undefined) return goQuote(id);
  let text = goQuote(info.manager ?? '');
  if (info.subresource !== undefined && info.subresource !== '') text += ` with subresource ${goQuote(info.subresource)}`;
  if (info.operation !== 'Update') return text;
  text += ` using ${info.apiVersion ?? ''}`;
  // Identifiers never carry a time; upstream still prints one when given one.
  const time = (JSON.parse(id) as { time?: unknown }).time;
  return typeof time === 'string' ? `${text} at ${new Date(Date.parse(time)).toISOString().replace(/\.\d{3}Z$/, 'Z')}` : text;
}

function describe(entry: ManagedFieldsEntry): string {
  return JSON.stringify({ ...entry, fieldsV1: undefined });
}

/** Reads managedFields; fails on entries upstream rejects (bad operation, version or fieldsType). */
export function decodeManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): Result<Managed, string> {
  const managed = emptyManaged();
  for (const [i, entry] of (entries ?? []).entries()) {
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') return { ok: false, error: 'operation must be `Apply` or `Update`' };
    if (entry.apiVersion === undefined || entry.apiVersion === '') return { ok: false, error: 'apiVersion must not be empty' };
    if (entry.fieldsType === undefined || entry.fieldsType === '') return { ok: false, error: `missing fieldsType in managed fields entry ${i}` };
    if (entry.fieldsType !== 'FieldsV1') return { ok: false, error: `invalid fieldsType ${goQuote(entry.fieldsType)} in managed fields entry ${i}` };
    const set = decodeFieldsV1(entry.fieldsV1);
    if (!set.ok) return { ok: false, error: `error decoding versioned set from ${describe(entry)}: error decoding set: ${set.error}` };
    const id = managerIdentifier(entry);
    managed.fields.set(id, { set: set.value, apiVersion: entry.apiVersion, applied: entry.operation === 'Apply' });
    managed.times.set(id, entry.time);
  }
  return { ok: true, value: managed };
}

/** Seconds since the epoch of an entry time, 0 when there is none (as upstream sorts). */
export function timeSeconds(time: string | undefined): number {
  if (time === undefined) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Identifiers seen by encodeManagedFields, read once: there are few (managers × versions). */
const infoCache = new Map<string, ManagerInfo>();
const MAX_CACHED_IDENTIFIERS = 1000;

function identifierInfo(id: string): ManagerInfo {
  let info = infoCache.get(id);
  if (info === undefined) {
    info = parseIdentifier(id) ?? {};
    if (infoCache.size >= MAX_CACHED_IDENTIFIERS) infoCache.clear();
    infoCache.set(id, info);
  }
  return info;
}

/**
 * The set each manager identifier was last encoded with (bounded like infoCache). Objects made
 * by one writer own the same fields (every event a kubelet records, its status writes, every
 * pod of a template), so a new set equal to the last one reuses it, and with it its known
 * FieldsV1 text.
 */
const lastEncoded = new Map<string, FieldSet>();

/** `set`, or the equal set `id` was last encoded with (its FieldsV1 text is known). */
function knownEqual(id: string, set: FieldSet): FieldSet {
  const candidate = lastEncoded.get(id);
  const chosen = candidate !== undefined && candidate !== set && candidate.equals(set) ? candidate : set;
  if (lastEncoded.size >= MAX_CACHED_IDENTIFIERS) lastEncoded.clear();
  lastEncoded.set(id, chosen);
  return chosen;
}

/** Writes managedFields: undefined when no manager is left, as upstream leaves the field nil. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const entries: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const info = identifierInfo(id);
    const time = managed.times.get(id);
    const entry: ManagedFieldsEntry = {};
    if (info.manager !== undefined && info.manager !== '') entry.manager = info.manager;
    entry.operation = vs.applied ? 'Apply' : info.operation ?? 'Update';
    if (vs.apiVersion !== '') entry.apiVersion = vs.apiVersion;
    if (time !== undefined) entry.time = time;
    entry.fieldsType = 'FieldsV1';
    entry.fieldsV1 = encodeFieldsV1(knownEqual(id, vs.set));
    if (info.subresource !== undefined && info.subresource !== '') entry.subresource = info.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return compareGoStrings(p.operation ?? '', q.operation ?? '')
    || Math.sign(timeSeconds(p.time) - timeSeconds(q.time))
    || compareGoStrings(p.manager ?? '', q.manager ?? '')
    || compareGoStrings(p.apiVersion ?? '', q.apiVersion ?? '')
    || compareGoStrings(p.subresource ?? '', q.subresource ?? '');
}

/**
 * Whether a request asks to reset managedFields: an empty (non-nil) list, or one empty entry.
 * Tracking then starts over from nothing.
 */
export function isResetManagedFields(entries: readonly ManagedFieldsEntry[] | undefined): boolean {
  if (entries === undefined) return false;
  if (entries.length === 0) return true;
  if (entries.length !== 1) return false;
  const e = entries[0] as ManagedFieldsEntry;
  return Object.values(e).every((v) => v === undefined || v === null || v === '');
}

/**
 * Upstream's cap on Update entries: past `max`, the oldest ones are merged, per API version,
 * into an "ancient-changes" entry (the first of a version stays on its own until a second one
 * joins it), until at most `max` Update entries remain.
 */
export function capUpdateManagers(managed: Managed, max: number): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => Math.sign(timeSeconds(managed.times.get(a)) - timeSeconds(managed.times.get(b))) || compareGoStrings(a, b));
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i] as string;
    const vs = managed.fields.get(id) as VersionedSet;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({ manager: 'ancient-changes', operation: 'Update', apiVersion: vs.apiVersion });
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first) as VersionedSet);
      managed.fields.delete(first);
    }
    const merged = (managed.fields.get(bucket) as VersionedSet).set;
    managed.fields.set(bucket, { set: vs.set.union(merged), apiVersion: vs.apiVersion, applied: vs.applied });
    managed.fields.delete(id);
    managed.times.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
}
