// The field set of a value (upstream's TypedValue.ToFieldSet): every scalar and every atomic
// list, map or struct is a leaf; every associative-list item is a member (with its fields below
// it); a map entry is a member, a struct field only when it is null or an empty object. An empty
// granular list owns nothing. Items with duplicate keys are owned as one opaque member.

import { FieldSet } from './field-set.ts';
import { isObject } from './go-json.ts';
import { listItemElement } from './list-items.ts';
import { fieldElement, type PathElement } from './path-element.ts';
import { DEDUCED, type ListNode, type MapNode, type StructNode, type TypeNode } from './type-node.ts';

/** The set of fields a value sets, relative to the value. */
export function toFieldSet(node: TypeNode, value: unknown): FieldSet {
  const set = new FieldSet();
  walk(node, value, set);
  return set;
}

/** Adds the paths below a value to `set`, which holds the paths relative to the value. */
function walk(node: TypeNode, value: unknown, set: FieldSet): void {
  switch (node.kind) {
    case 'scalar':
      return;
    case 'deduced':
      if (isObject(value)) walkMap(undefined, value, set);
      return;
    case 'list':
      if (!node.atomic && Array.isArray(value)) walkList(node, value, set);
      return;
    case 'map':
    case 'struct':
      if (!node.atomic && isObject(value)) walkMap(node, value, set);
      return;
  }
}

/** Whether a node is a leaf for this value: scalars, atomic containers, deduced non-objects. */
function isLeaf(node: TypeNode, value: unknown): boolean {
  switch (node.kind) {
    case 'scalar': return true;
    case 'deduced': return !isObject(value);
    default: return node.atomic;
  }
}

function walkList(node: ListNode, items: readonly unknown[], set: FieldSet): void {
  const elements: (PathElement | undefined)[] = items.map((item) => {
    const pe = listItemElement(node, item);
    return pe.ok ? pe.value : undefined;
  });
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const pe of elements) {
    if (pe === undefined) continue;
    if (seen.has(pe.token)) {
      if (!duplicates.has(pe.token)) {
        set.insertMember(pe);
        duplicates.add(pe.token);
      }
    } else {
      seen.add(pe.token);
    }
  }
  elements.forEach((pe, i) => {
    if (pe === undefined || duplicates.has(pe.token)) return;
    set.insertMember(pe);
    visitChild(node.item, items[i], set, pe);
  });
}

function walkMap(node: StructNode | MapNode | undefined, obj: Record<string, unknown>, set: FieldSet): void {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (v === undefined) continue;
    let child: TypeNode | undefined;
    let pe: PathElement;
    if (node === undefined) {
      child = DEDUCED;
      pe = fieldElement(key);
    } else if (node.kind === 'struct') {
      const field = node.field(key);
      child = field?.node;
      pe = field?.element ?? fieldElement(key);
    } else {
      child = node.values;
      pe = fieldElement(key);
    }
    if (child === undefined || v === null || (isObject(v) && Object.keys(v).length === 0) || node?.kind !== 'struct') {
      set.insertMember(pe);
    }
    if (child !== undefined) visitChild(child, v, set, pe);
  }
}

function visitChild(node: TypeNode, value: unknown, set: FieldSet, pe: PathElement): void {
  if (isLeaf(node, value)) {
    set.insertMember(pe);
    return;
  }
  // Only descend (and so create the child set) when there is something below.
  const below = new FieldSet();
  walk(node, value, below);
  if (below.memberCount > 0 || below.childCount > 0) set.setChild(pe, below);
}

/**
 * Upstream's EnsureNamedFieldsAreMembers: every declared struct field that has paths below it
 * becomes a member too, so that removing the set removes those fields as a whole.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, node: TypeNode | undefined): FieldSet {
  const out = new FieldSet();
  for (const pe of set.members()) out.insertMember(pe);
  for (const c of set.children()) {
    let childNode: TypeNode | undefined;
    if (c.pe.kind === 'field' && node !== undefined && (node.kind === 'struct' || node.kind === 'map' || node.kind === 'deduced')) {
      if (node.kind === 'struct') {
        const field = node.field(c.pe.name);
        if (field !== undefined) out.insertMember(c.pe);
        childNode = field?.node;
      } else {
        childNode = node.kind === 'map' ? node.values : node;
      }
    } else if (c.pe.kind === 'key' && node !== undefined && node.kind === 'list') {
      childNode = node.item;
    }
    out.setChild(c.pe, ensureNamedFieldsAreMembers(c.set, childNode));
  }
  return out;
}
