// Upstream's IgnoreManagedFieldsTimestampsTransformer, run by the write handlers after field
// tracking: when a write changes nothing but managedFields times (an apply of the same
// configuration a second later), the old times are kept, so the object, and its
// resourceVersion, stay as they were.

import { jsonEqual } from '../../json-equal.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { isObject } from './go-json.ts';
import { managedFieldsOf } from './update-tracking.ts';

function withoutTime(e: ManagedFieldsEntry): ManagedFieldsEntry {
  const { time: _time, ...rest } = e;
  return rest;
}

function withEntries(obj: Record<string, unknown>, entries: ManagedFieldsEntry[]): Record<string, unknown> {
  const meta = isObject(obj['metadata']) ? obj['metadata'] : {};
  return { ...obj, metadata: { ...meta, managedFields: entries } };
}

/** `newObj`, with `oldObj`'s managedFields times when nothing else differs. */
export function ignoreManagedFieldsTimestamps(newObj: Record<string, unknown>, oldObj: Record<string, unknown>): Record<string, unknown> {
  const oldEntries = managedFieldsOf(oldObj) ?? [];
  const newEntries = managedFieldsOf(newObj) ?? [];
  if (oldEntries.length !== newEntries.length || newEntries.length === 0) return newObj;
  if (newEntries.every((e, i) => e.time === oldEntries[i]?.time)) return newObj;
  if (!newEntries.every((e, i) => jsonEqual(withoutTime(e), withoutTime(oldEntries[i] as ManagedFieldsEntry)))) return newObj;
  const reverted = newEntries.map((e, i) => {
    const time = oldEntries[i]?.time;
    const rest = withoutTime(e);
    // Keep the entry's key order (time sits between apiVersion and fieldsType).
    const out: ManagedFieldsEntry = {};
    if (rest.manager !== undefined) out.manager = rest.manager;
    if (rest.operation !== undefined) out.operation = rest.operation;
    if (rest.apiVersion !== undefined) out.apiVersion = rest.apiVersion;
    if (time !== undefined) out.time = time;
    return { ...out, ...rest };
  });
  const candidate = withEntries(newObj, reverted);
  return jsonEqual(candidate, oldObj) ? candidate : newObj;
}
