// compare() of two objects' Go views (go-view.ts) without building the views: the same
// Comparison as compare(root, objectView(root, before), objectView(root, after)), computed on
// the plain objects. Every write of a non-apply request runs this, so it
// - asks fieldInput, one field at a time, what the view holds (the same code structView uses);
// - skips a subtree whose two inputs are the same value (a view of the same value is the same,
//   and compare finds nothing in equal subtrees), e.g. the shared empty struct of absent fields;
// - builds a view only where compare looks at a value as a whole (leaves: atomic containers,
//   containers empty on both sides, duplicate list items), and only of that value.
//
// Walker values: undefined is absent; for a struct node, an object (raw, viewed lazily) or
// null (a nil pointer); for any other node, the input goView turns into the view.

import { jsonEqual } from '../../json-equal.ts';
import type { Comparison } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { isObject } from './go-json.ts';
import { fieldInput, OMITTED, viewFields, viewOf, type ViewField } from './go-view.ts';
import { listItemElement } from './list-items.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import { DEDUCED, type ListNode, type MapNode, type StructNode, type TypeNode } from './type-node.ts';

/** How a struct's fields are read: metadata.managedFields is never compared (objectView drops it). */
const Mode = { Plain: 0, Root: 1, Metadata: 2 } as const;
type Mode = (typeof Mode)[keyof typeof Mode];

const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** compare() of objectView(root, before ?? {}) and objectView(root, after). */
export function compareObjects(root: StructNode, before: unknown, after: unknown): Comparison {
  const w = new ViewCompareWalker();
  w.fields(root, isObject(before) ? before : EMPTY, isObject(after) ? after : EMPTY, Mode.Root);
  return { added: w.added, modified: w.modified, removed: w.removed };
}

/** A list item's or map value's input: structs view any non-object as the zero struct. */
function elementInput(node: TypeNode, v: unknown): unknown {
  return node.kind === 'struct' && !isObject(v) ? EMPTY : v;
}

function fieldInputOf(f: ViewField, obj: Record<string, unknown> | undefined, mode: Mode): unknown {
  if (obj === undefined || (mode === Mode.Metadata && f.name === 'managedFields')) return OMITTED;
  return fieldInput(f, obj[f.name]);
}

/**
 * Whether two inputs are the same JSON, keys with undefined values included (a map of structs
 * views such a key as the zero struct): then their views are equal and compare finds nothing.
 */
function sameInput(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameInput(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  if (keys.length !== Object.keys(bo).length) return false;
  for (const key of keys) if (!Object.hasOwn(bo, key) || !sameInput(ao[key], bo[key])) return false;
  return true;
}

class ViewCompareWalker {
  readonly added = new FieldSet();
  readonly modified = new FieldSet();
  readonly removed = new FieldSet();
  readonly #path: PathElement[] = [];

  compare(node: TypeNode, l: unknown, r: unknown, mode: Mode): void {
    // Equal inputs view equally; the objects compared are mostly equal copies of each other.
    if (sameInput(l, r)) return;
    let leaf: boolean;
    switch (node.kind) {
      case 'scalar':
        leaf = true;
        break;
      case 'deduced':
        leaf = (l === undefined || isObject(l)) && (r === undefined || isObject(r)) ? this.#map(undefined, l, r) : true;
        break;
      case 'list':
        leaf = this.#list(node, l, r);
        break;
      case 'map':
        leaf = this.#map(node, l, r);
        break;
      case 'struct':
        leaf = this.#struct(node, l, r, mode);
        break;
    }
    if (leaf) {
      if (l === undefined) this.added.insert(this.#path);
      else if (r === undefined) this.removed.insert(this.#path);
      else if (!jsonEqual(viewOf(node, l), viewOf(node, r))) this.modified.insert(this.#path);
      return;
    }
    if (l === undefined) this.added.insert(this.#path);
    else if (r === undefined) this.removed.insert(this.#path);
  }

  #descend(pe: PathElement, node: TypeNode, l: unknown, r: unknown, mode: Mode): void {
    this.#path.push(pe);
    this.compare(node, l, r, mode);
    this.#path.pop();
  }

  /** Whether a struct's view has any field. */
  #hasField(node: StructNode, obj: Record<string, unknown> | undefined, mode: Mode): boolean {
    if (obj === undefined) return false;
    for (const f of viewFields(node)) if (fieldInputOf(f, obj, mode) !== OMITTED) return true;
    return false;
  }

  #struct(node: StructNode, l: unknown, r: unknown, mode: Mode): boolean {
    if (node.atomic) return true;
    const lo = isObject(l) ? l : undefined;
    const ro = isObject(r) ? r : undefined;
    if (!this.#hasField(node, lo, mode) && !this.#hasField(node, ro, mode)) return true;
    this.fields(node, lo, ro, mode);
    return false;
  }

  /** Compares the fields of two struct views (undefined: a view without fields). */
  fields(node: StructNode, lo: Record<string, unknown> | undefined, ro: Record<string, unknown> | undefined, mode: Mode): void {
    for (const f of viewFields(node)) {
      const lc = fieldInputOf(f, lo, mode);
      const rc = fieldInputOf(f, ro, mode);
      if (lc === rc) continue;
      const childMode = mode === Mode.Root && f.name === 'metadata' ? Mode.Metadata : Mode.Plain;
      this.#descend(f.element, f.node, lc === OMITTED ? undefined : lc, rc === OMITTED ? undefined : rc, childMode);
    }
  }

  /** A granular map, or an object of a deduced value; true when it is a leaf instead. */
  #map(node: MapNode | undefined, l: unknown, r: unknown): boolean {
    const lo = isObject(l) ? l : undefined;
    const ro = isObject(r) ? r : undefined;
    const lEmpty = lo === undefined || Object.keys(lo).length === 0;
    const rEmpty = ro === undefined || Object.keys(ro).length === 0;
    if (node?.atomic === true || (lEmpty && rEmpty)) return true;
    const values = node === undefined ? DEDUCED : node.values;
    // Views of maps are built by assignment, where "__proto__" sets the prototype: never a key.
    // A name missing from one side reads what the view would (an inherited property), as compare does.
    const skipProto = node !== undefined;
    if (lo !== undefined) {
      for (const key of Object.keys(lo)) {
        if (skipProto && key === '__proto__') continue;
        const lc = node === undefined ? lo[key] : elementInput(values, lo[key]);
        const rc = ro === undefined ? undefined : node === undefined || !Object.hasOwn(ro, key) ? ro[key] : elementInput(values, ro[key]);
        if (lc !== rc) this.#descend(fieldElement(key), values, lc, rc, Mode.Plain);
      }
    }
    if (ro !== undefined) {
      for (const key of Object.keys(ro)) {
        if ((skipProto && key === '__proto__') || (lo !== undefined && key in lo)) continue;
        const rc = node === undefined ? ro[key] : elementInput(values, ro[key]);
        if (rc !== undefined) this.#descend(fieldElement(key), values, undefined, rc, Mode.Plain);
      }
    }
    return false;
  }

  /** The path element of a list item given as its input (its key fields read from its view). */
  #itemElement(node: ListNode, input: unknown): PathElement | undefined {
    let item = input;
    if (node.keys.length > 0 && isObject(input)) {
      const itemNode = node.item;
      if (itemNode.kind === 'struct') {
        const keyView: Record<string, unknown> = {};
        for (const f of viewFields(itemNode)) {
          if (!node.keys.includes(f.name)) continue;
          const v = fieldInput(f, input[f.name]);
          if (v !== OMITTED) keyView[f.name] = viewOf(f.node, v);
        }
        item = keyView;
      } else {
        item = viewOf(itemNode, input);
      }
    }
    const pe = listItemElement(node, item);
    return pe.ok ? pe.value : undefined;
  }

  #list(node: ListNode, l: unknown, r: unknown): boolean {
    const la = Array.isArray(l) ? l : undefined;
    const ra = Array.isArray(r) ? r : undefined;
    if (node.atomic || ((la === undefined || la.length === 0) && (ra === undefined || ra.length === 0))) return true;
    const byKey = new Map<string, { pe: PathElement; l: unknown[]; r: unknown[] }>();
    for (let side = 0; side < 2; side++) {
      const items = side === 0 ? la : ra;
      if (items === undefined) continue;
      for (const raw of items) {
        const input = elementInput(node.item, raw);
        const pe = this.#itemElement(node, input);
        if (pe === undefined) continue;
        let entry = byKey.get(pe.token);
        if (entry === undefined) {
          entry = { pe, l: [], r: [] };
          byKey.set(pe.token, entry);
        }
        (side === 0 ? entry.l : entry.r).push(input);
      }
    }
    const view = (inputs: unknown[]): unknown[] => inputs.map((input) => viewOf(node.item, input));
    for (const { pe, l: ls, r: rs } of byKey.values()) {
      if (ls.length <= 1 && rs.length <= 1) {
        this.#descend(pe, node.item, ls[0], rs[0], Mode.Plain);
      } else if (ls.length >= 2 && rs.length >= 2) {
        if (!jsonEqual(view(ls), view(rs))) this.#insert(this.modified, pe);
      } else if (ls.length >= 2) {
        if (rs.length > 0) this.#descend(pe, node.item, undefined, rs[0], Mode.Plain);
        this.#insert(this.removed, pe);
      } else {
        if (ls.length > 0) this.#descend(pe, node.item, ls[0], undefined, Mode.Plain);
        this.#insert(this.added, pe);
      }
    }
    return false;
  }

  #insert(set: FieldSet, pe: PathElement): void {
    this.#path.push(pe);
    set.insert(this.#path);
    this.#path.pop();
  }
}
