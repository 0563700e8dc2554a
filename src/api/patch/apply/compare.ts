// What changed between two values (upstream's TypedValue.Compare): the paths added, modified
// and removed. A leaf (scalar, atomic container, or a container empty on both sides) is
// compared as a whole; otherwise a node counts as added or removed itself when it exists on one
// side only (absent is not null: `null` -> `[..]` adds items but not the list). Associative
// lists are compared item by item by key, whatever their order; items with duplicate keys are
// compared as one opaque block.

import { jsonEqual } from '../../json-equal.ts';
import { FieldSet } from './field-set.ts';
import { isObject } from './go-json.ts';
import { listItemElement } from './list-items.ts';
import type { PathElement } from './path-element.ts';
import { childElement, childNode, DEDUCED, type ListNode, type MapNode, type StructNode, type TypeNode } from './type-node.ts';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

/** Compares `lhs` (before) with `rhs` (after); `undefined` means absent. */
export function compare(node: TypeNode, lhs: unknown, rhs: unknown): Comparison {
  const w = new CompareWalker();
  w.compare(node, lhs, rhs);
  return { added: w.added, modified: w.modified, removed: w.removed };
}

/** Whether a comparison found no change at all. */
export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

class CompareWalker {
  readonly added = new FieldSet();
  readonly modified = new FieldSet();
  readonly removed = new FieldSet();
  readonly #path: PathElement[] = [];

  compare(node: TypeNode, lhs: unknown, rhs: unknown): void {
    if (lhs === undefined && rhs === undefined) return;
    let leaf = false;
    switch (node.kind) {
      case 'scalar':
        leaf = true;
        break;
      case 'deduced':
        // Deduced from the values: objects are granular maps, anything else a leaf.
        leaf = (lhs === undefined || isObject(lhs)) && (rhs === undefined || isObject(rhs)) ? this.#map(undefined, lhs, rhs) : true;
        break;
      case 'list':
        leaf = this.#list(node, lhs, rhs);
        break;
      case 'map':
      case 'struct':
        leaf = this.#map(node, lhs, rhs);
        break;
    }
    if (leaf) {
      this.#leaf(lhs, rhs);
      return;
    }
    if (lhs === undefined) this.added.insert(this.#path);
    else if (rhs === undefined) this.removed.insert(this.#path);
  }

  #leaf(lhs: unknown, rhs: unknown): void {
    if (lhs === undefined) this.added.insert(this.#path);
    else if (rhs === undefined) this.removed.insert(this.#path);
    else if (!jsonEqual(lhs, rhs)) this.modified.insert(this.#path);
  }

  #descend(pe: PathElement, node: TypeNode, lhs: unknown, rhs: unknown): void {
    this.#path.push(pe);
    this.compare(node, lhs, rhs);
    this.#path.pop();
  }

  /** Compares a map or struct; returns true when it is to be compared as a leaf instead. */
  #map(node: StructNode | MapNode | undefined, lhs: unknown, rhs: unknown): boolean {
    const l = isObject(lhs) ? lhs : undefined;
    const r = isObject(rhs) ? rhs : undefined;
    const lEmpty = l === undefined || Object.keys(l).length === 0;
    const rEmpty = r === undefined || Object.keys(r).length === 0;
    if (node?.atomic === true || (lEmpty && rEmpty)) return true;
    const visit = (key: string, lv: unknown, rv: unknown): void => {
      const child = node === undefined ? DEDUCED : childNode(node, key);
      if (child !== undefined) this.#descend(childElement(node ?? DEDUCED, key), child, lv, rv);
    };
    if (l !== undefined) for (const key of Object.keys(l)) visit(key, l[key], r?.[key]);
    if (r !== undefined) for (const key of Object.keys(r)) if (l === undefined || !(key in l)) visit(key, undefined, r[key]);
    return false;
  }

  #list(node: ListNode, lhs: unknown, rhs: unknown): boolean {
    const l = Array.isArray(lhs) ? lhs : undefined;
    const r = Array.isArray(rhs) ? rhs : undefined;
    if (node.atomic || ((l === undefined || l.length === 0) && (r === undefined || r.length === 0))) return true;
    const byKey = new Map<string, { pe: PathElement; l: unknown[]; r: unknown[] }>();
    const gather = (items: readonly unknown[] | undefined, side: 'l' | 'r'): void => {
      for (const item of items ?? []) {
        const pe = listItemElement(node, item);
        if (!pe.ok) continue;
        let entry = byKey.get(pe.value.token);
        if (entry === undefined) {
          entry = { pe: pe.value, l: [], r: [] };
          byKey.set(pe.value.token, entry);
        }
        entry[side].push(item);
      }
    };
    gather(l, 'l');
    gather(r, 'r');
    for (const { pe, l: ls, r: rs } of byKey.values()) {
      if (ls.length <= 1 && rs.length <= 1) {
        this.#descend(pe, node.item, ls[0], rs[0]);
      } else if (ls.length >= 2 && rs.length >= 2) {
        if (!jsonEqual(ls, rs)) this.#insert(this.modified, pe);
      } else if (ls.length >= 2) {
        if (rs.length > 0) this.#descend(pe, node.item, undefined, rs[0]);
        this.#insert(this.removed, pe);
      } else {
        if (ls.length > 0) this.#descend(pe, node.item, ls[0], undefined);
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
