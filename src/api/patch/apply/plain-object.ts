// Turning a merged value back into a k8ts object: a fresh deep copy (the merge shares leaves with
// its inputs) in which struct fields holding null are left out, since null there means "not set"
// (Go decodes it to the zero value). Map values and list items keep their nulls; decoding the
// object gives them their zero values, as Go's decoder would.

import { isObject } from './go-json.ts';
import type { TypeNode } from './type-node.ts';

function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyJson);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = copyJson(x);
    return out;
  }
  return v;
}

export function plainObject(node: TypeNode, value: unknown): unknown {
  switch (node.kind) {
    case 'struct': {
      if (!isObject(value)) return copyJson(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === null || v === undefined) continue;
        const field = node.field(k);
        out[k] = field === undefined ? copyJson(v) : plainObject(field.node, v);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((item) => plainObject(node.item, item)) : copyJson(value);
    case 'map': {
      if (!isObject(value)) return copyJson(value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = plainObject(node.values, v);
      return out;
    }
    default:
      return copyJson(value);
  }
}
