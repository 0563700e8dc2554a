// The path element of an associative-list item: its key fields (with defaults for missing ones)
// for lists of maps, its value for sets of scalars. Error texts are upstream's.

import { goQuote } from '../../go-format.ts';
import type { Result } from '../../result.ts';
import { isObject, type JsonValue } from './go-json.ts';
import { keyElement, valueElement, type KeyField, type PathElement } from './path-element.ts';
import type { ListNode } from './type-node.ts';

export function listItemElement(list: ListNode, item: unknown): Result<PathElement, string> {
  if (list.keys.length > 0) {
    if (item === null || item === undefined) return { ok: false, error: 'associative list with keys may not have a null element' };
    if (!isObject(item)) return { ok: false, error: 'associative list with keys may not have non-map elements' };
    const fields: KeyField[] = [];
    for (const name of list.keys) {
      if (name in item && item[name] !== undefined) {
        fields.push({ name, value: item[name] as JsonValue });
        continue;
      }
      const def = list.keyDefaults.get(name);
      if (def === undefined) return { ok: false, error: `associative list with keys has an element that omits key field ${goQuote(name)} (and doesn't have default value)` };
      fields.push({ name, value: def });
    }
    return { ok: true, value: keyElement(fields) };
  }
  if (isObject(item)) return { ok: false, error: 'associative list without keys has an element that\'s a map type' };
  if (Array.isArray(item)) return { ok: false, error: 'not supported: associative list with lists as elements' };
  if (item === null || item === undefined) return { ok: false, error: 'associative list without keys has an element that\'s an explicit null' };
  return { ok: true, value: valueElement(item as JsonValue) };
}
