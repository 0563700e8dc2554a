// Removing a set of fields from a value (upstream's TypedValue.RemoveItems, v4.6): a member of
// the set removes that field, map entry or list item with everything below it; children of the
// set lead further down. A map or list left with nothing becomes absent (undefined here; a null
// item when it is a list item, as upstream). Atomic containers met on the way are removed whole.
//
// The input is never changed; untouched subtrees are shared with it.

import type { FieldSet } from './field-set.ts';
import { isObject } from './go-json.ts';
import { listItemElement } from './list-items.ts';
import { childElement, childNode, DEDUCED, type TypeNode } from './type-node.ts';

export function removeItems(node: TypeNode, value: unknown, toRemove: FieldSet): unknown {
  switch (node.kind) {
    case 'scalar':
      return value;
    case 'deduced':
      return isObject(value) ? removeFromMap(undefined, value, toRemove) : value;
    case 'list': {
      if (!Array.isArray(value) || value.length === 0 || node.atomic) return undefined;
      const out: unknown[] = [];
      for (const item of value) {
        const pe = listItemElement(node, item);
        if (!pe.ok) {
          out.push(item);
          continue;
        }
        if (toRemove.hasMember(pe.value)) continue;
        const below = toRemove.child(pe.value);
        const kept = below !== undefined && !below.isEmpty() ? removeItems(node.item, item, below) : item;
        out.push(kept === undefined ? null : kept);
      }
      return out.length > 0 ? out : undefined;
    }
    case 'map':
    case 'struct':
      if (!isObject(value) || Object.keys(value).length === 0 || node.atomic) return undefined;
      return removeFromMap(node, value, toRemove);
  }
}

function removeFromMap(node: Exclude<TypeNode, { kind: 'scalar' | 'list' }> | undefined, value: Record<string, unknown>, toRemove: FieldSet): unknown {
  const out: Record<string, unknown> = {};
  const owner = node ?? DEDUCED;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined) continue;
    const pe = childElement(owner, key);
    if (toRemove.hasMember(pe)) continue;
    const below = toRemove.child(pe);
    if (below === undefined || below.isEmpty()) {
      out[key] = v;
      continue;
    }
    const child = owner.kind === 'deduced' ? DEDUCED : childNode(owner, key);
    const kept = child === undefined ? v : removeItems(child, v, below);
    // Upstream keeps the key with a null value; for a struct field that means "not set".
    if (kept !== undefined) out[key] = kept;
    else if (owner.kind !== 'struct') out[key] = null;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
