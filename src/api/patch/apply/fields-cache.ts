// FieldsV1 in and out of managedFields, remembered by text. Every write decodes every entry of
// the object and encodes them all again, while most entries are the same from one write to the
// next (other managers' entries are untouched; objects made from one template share entries).
// So decoded sets are kept by their JSON text in a bounded cache, and a set written once keeps
// the text written, so writing it again is parsing that text, cheaper than walking the set.
// An entry written by one write and read back by the next is a hit both ways. Results are
// exactly parseFieldsV1's and fieldsV1Object's.
//
// Sets are immutable once built (field-set.ts), so one set may serve many objects; the objects
// returned are always new.

import type { Result } from '../../result.ts';
import type { FieldSet } from './field-set.ts';
import { fieldsV1Object, parseFieldsV1, readFieldsV1 } from './fields-v1.ts';
import type { JsonValue } from './go-json.ts';

/**
 * At most this much FieldsV1 text is remembered. Its sets take about 17 times as much heap
 * (measured on pod entries: ~15 KB for ~900 characters), so at most ~17 MB: about a thousand
 * objects' own entries, plus the entries many objects share.
 */
const MAX_CACHED_CHARS = 1_000_000;
/** Larger texts are not remembered: they would push out many ordinary entries. */
const MAX_ENTRY_CHARS = 64_000;

const byText = new Map<string, FieldSet>();
let cachedChars = 0;
/** The canonical FieldsV1 text of sets read or written, the one fieldsV1Object gives. */
const textOf = new WeakMap<FieldSet, string>();

function remember(text: string, set: FieldSet): void {
  if (text.length > MAX_ENTRY_CHARS || byText.has(text)) return;
  byText.set(text, set);
  cachedChars += text.length;
  // Oldest first: a Map iterates in insertion order, and hits are re-inserted.
  for (const [old] of byText) {
    if (cachedChars <= MAX_CACHED_CHARS) break;
    byText.delete(old);
    cachedChars -= old.length;
  }
}

/**
 * parseFieldsV1, remembered by the value's JSON text. The value is JSON as a request or the
 * store decodes it (an in-memory object with undefined members would be keyed by the text
 * JSON.stringify gives, which leaves those members out).
 */
export function decodeFieldsV1(fields: unknown): Result<FieldSet, string> {
  if (fields === null || fields === undefined) return parseFieldsV1(fields);
  let text: string;
  try {
    text = typeof fields === 'string' ? fields : JSON.stringify(fields);
  } catch {
    return parseFieldsV1(fields);
  }
  const hit = byText.get(text);
  if (hit !== undefined) {
    byText.delete(text);
    byText.set(text, hit);
    return { ok: true, value: hit };
  }
  const parsed = readFieldsV1(fields);
  if (!parsed.ok) return parsed;
  const set = parsed.value.set;
  // Written as it was read (upstream's form): writing it back unchanged is parsing this text.
  if (parsed.value.canonical) textOf.set(set, text);
  remember(text, set);
  return { ok: true, value: set };
}

/** fieldsV1Object of a set: a new object, keys in upstream's order. */
export function encodeFieldsV1(set: FieldSet): { [key: string]: JsonValue } {
  const known = textOf.get(set);
  if (known !== undefined) return JSON.parse(known) as { [key: string]: JsonValue };
  const object = fieldsV1Object(set);
  const text = JSON.stringify(object);
  textOf.set(set, text);
  remember(text, set);
  return object;
}
