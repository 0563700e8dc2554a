// The FieldsV1 format of managedFields: a field set as a JSON trie. Each key is a serialized path
// element (`f:`, `k:`, `v:`, `i:`); its value holds the paths below it, with `"."` marking the
// element itself when it is also a member; a member without children is `{}`.
//
// Writing matches upstream byte for byte: keys in upstream's element order, `"."` first, no
// whitespace, keys escaped as json-iterator escapes them. Reading drops keys of unknown kinds,
// as upstream does, and fails on malformed ones.

import type { Result } from '../../result.ts';
import { FieldSet, type FieldSetChild } from './field-set.ts';
import { goJsonString, isObject, type JsonValue } from './go-json.ts';
import { compareElements, parseElement, type PathElement } from './path-element.ts';

/** Reads FieldsV1, given as parsed JSON or as its text. */
export function parseFieldsV1(fields: unknown): Result<FieldSet, string> {
  const read = readFieldsV1(fields);
  return read.ok ? { ok: true, value: read.value.set } : read;
}

/**
 * parseFieldsV1, also telling whether parsed JSON was already in the form fieldsV1Object
 * writes (so JSON.stringify of it is the set's text): keys in upstream's order and spelling,
 * `"."` first and only beside other keys, every value `{}` or an object, no unknown kinds.
 * Text input is never called canonical.
 */
export function readFieldsV1(fields: unknown): Result<{ set: FieldSet; canonical: boolean }, string> {
  let value = fields;
  const state = { canonical: typeof fields !== 'string' };
  if (typeof fields === 'string') {
    try {
      value = JSON.parse(fields);
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  if (value === null || value === undefined) return { ok: true, value: { set: new FieldSet(), canonical: false } };
  if (!isObject(value)) return { ok: false, error: 'managedFields parsing: expected a JSON object' };
  const read = readNode(value, state, false);
  if (!read.ok) return read;
  return { ok: true, value: { set: read.value.children ?? new FieldSet(), canonical: state.canonical } };
}

interface ReadNode {
  /** The paths below this node, when there are any. */
  readonly children: FieldSet | undefined;
  /** Whether the node is itself a member of its parent. */
  readonly member: boolean;
}

function isEmptyObject(v: unknown): boolean {
  return isObject(v) && Object.keys(v).length === 0;
}

function readNode(obj: Record<string, unknown>, state: { canonical: boolean }, selfAllowed: boolean): Result<ReadNode, string> {
  let children: FieldSet | undefined;
  let member = false;
  let previous: PathElement | undefined;
  let index = 0;
  for (const [key, sub] of Object.entries(obj)) {
    if (key === '.') {
      member = true;
      if (index !== 0 || !selfAllowed || !isEmptyObject(sub)) state.canonical = false;
      index++;
      continue;
    }
    index++;
    const parsed = parseElement(key);
    if (!parsed.ok) return { ok: false, error: `parsing key as path element: ${parsed.error}` };
    const pe = parsed.value;
    if (pe === undefined) {
      state.canonical = false;
      continue;
    }
    if (state.canonical) {
      if (pe.token !== key || (previous !== undefined && compareElements(previous, pe) >= 0)) state.canonical = false;
      previous = pe;
    }
    let inner: ReadNode = { children: undefined, member: true };
    if (sub !== null && sub !== undefined) {
      if (!isObject(sub)) return { ok: false, error: `managedFields parsing: expected an object under ${goJsonString(key, false)}` };
      const read = readNode(sub, state, true);
      if (!read.ok) return read;
      inner = read.value;
    } else {
      state.canonical = false;
    }
    children ??= new FieldSet();
    if (inner.member) children.insertMember(pe);
    if (inner.children !== undefined) children.setChild(pe, inner.children);
  }
  // A node with nothing below it is a member: `{}` is a leaf (and `{".":{}}` is not how it is written).
  if (children === undefined) {
    if (member) state.canonical = false;
    member = true;
  }
  return { ok: true, value: { children, member } };
}

interface Entry {
  readonly pe: PathElement;
  readonly member: boolean;
  readonly set: FieldSet | undefined;
}

/** A node's members and children merged in upstream's order. */
function entries(set: FieldSet): Entry[] {
  const members = set.sortedMembers();
  const children = set.sortedChildren();
  const out: Entry[] = [];
  let mi = 0;
  let ci = 0;
  for (;;) {
    const m = members[mi];
    const c = children[ci];
    if (m === undefined && c === undefined) return out;
    const order = m === undefined ? 1 : c === undefined ? -1 : compareElements(m, c.pe);
    if (order < 0) {
      out.push({ pe: m as PathElement, member: true, set: undefined });
      mi++;
    } else if (order === 0) {
      out.push({ pe: (c as FieldSetChild).pe, member: true, set: (c as FieldSetChild).set });
      mi++;
      ci++;
    } else {
      out.push({ pe: (c as FieldSetChild).pe, member: false, set: (c as FieldSetChild).set });
      ci++;
    }
  }
}

/** FieldsV1 text, byte for byte as upstream writes it. */
export function fieldsV1Json(set: FieldSet): string {
  return '{' + contentsJson(set, false) + '}';
}

function contentsJson(set: FieldSet, includeSelf: boolean): string {
  const parts: string[] = [];
  if (includeSelf && (set.memberCount > 0 || set.childCount > 0)) parts.push('".":{}');
  for (const e of entries(set)) {
    const key = goJsonString(e.pe.token, false);
    parts.push(e.set === undefined ? `${key}:{}` : `${key}:{${contentsJson(e.set, e.member)}}`);
  }
  return parts.join(',');
}

/**
 * FieldsV1 as a JSON object, keys in upstream's order, for storing in a ManagedFieldsEntry:
 * JSON.stringify of it gives fieldsV1Json's text (element keys never look like array indexes,
 * so JavaScript keeps their insertion order).
 */
export function fieldsV1Object(set: FieldSet): { [key: string]: JsonValue } {
  return contentsObject(set, false);
}

function contentsObject(set: FieldSet, includeSelf: boolean): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  if (includeSelf && (set.memberCount > 0 || set.childCount > 0)) out['.'] = {};
  for (const e of entries(set)) out[e.pe.token] = e.set === undefined ? {} : contentsObject(e.set, e.member);
  return out;
}
