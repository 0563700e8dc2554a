// Merging an applied configuration into the live object (upstream's TypedValue.Merge with the
// "keep the right-hand side" rule): leaves (scalars, atomic containers, containers empty on
// both sides) take the config's value when it has one; maps and structs merge key by key;
// associative lists merge item by item by key, keeping the live order for items the config
// does not mention and the config's order for the items it lists.
//
// The inputs are never changed; the result shares untouched leaf values with them.

import type { Result } from '../../result.ts';
import { isObject } from './go-json.ts';
import { listItemElement } from './list-items.ts';
import { elementToString, type PathElement } from './path-element.ts';
import { childNode, DEDUCED, type ListNode, type MapNode, type StructNode, type TypeNode } from './type-node.ts';

/** The merged value (undefined when both sides are absent), or upstream's merge errors. */
export function merge(node: TypeNode, lhs: unknown, rhs: unknown): Result<unknown, string[]> {
  const w = new MergeWalker();
  const value = w.merge(node, lhs, rhs, '');
  return w.errors.length > 0 ? { ok: false, error: w.errors } : { ok: true, value };
}

interface Indexed {
  readonly pes: PathElement[];
  /** Items by key token; an lhs key seen twice maps to null (upstream merges those as empty). */
  readonly observed: Map<string, unknown>;
}

class MergeWalker {
  readonly errors: string[] = [];

  merge(node: TypeNode, lhs: unknown, rhs: unknown, path: string): unknown {
    if (lhs === undefined && rhs === undefined) return undefined;
    switch (node.kind) {
      case 'scalar':
        return rhs !== undefined ? rhs : lhs;
      case 'deduced':
        if ((lhs === undefined || isObject(lhs)) && (rhs === undefined || isObject(rhs))) return this.#map(undefined, lhs, rhs, path);
        return rhs !== undefined ? rhs : lhs;
      case 'list':
        return this.#list(node, lhs, rhs, path);
      case 'map':
      case 'struct':
        return this.#map(node, lhs, rhs, path);
    }
  }

  #map(node: StructNode | MapNode | undefined, lhs: unknown, rhs: unknown, path: string): unknown {
    const l = isObject(lhs) ? lhs : undefined;
    const r = isObject(rhs) ? rhs : undefined;
    const lEmpty = l === undefined || Object.keys(l).length === 0;
    const rEmpty = r === undefined || Object.keys(r).length === 0;
    if (node?.atomic === true || (lEmpty && rEmpty)) return rhs !== undefined ? rhs : lhs;
    const out: Record<string, unknown> = {};
    const visit = (key: string, lv: unknown, rv: unknown): void => {
      const child = node === undefined ? DEDUCED : childNode(node, key);
      // Unknown fields (never in validated input) are kept as they are.
      const merged = child === undefined ? (rv !== undefined ? rv : lv) : this.merge(child, lv, rv, `${path}.${key}`);
      if (merged !== undefined) out[key] = merged;
    };
    if (l !== undefined) for (const key of Object.keys(l)) visit(key, l[key], r?.[key]);
    if (r !== undefined) for (const key of Object.keys(r)) if (l === undefined || !(key in l)) visit(key, undefined, r[key]);
    return Object.keys(out).length > 0 ? out : undefined;
  }

  #index(node: ListNode, items: readonly unknown[], allowDuplicates: boolean, path: string): Indexed | undefined {
    const pes: PathElement[] = [];
    const observed = new Map<string, unknown>();
    let failed = false;
    items.forEach((item, i) => {
      const pe = listItemElement(node, item);
      if (!pe.ok) {
        this.errors.push(`${path}: element ${i}: ${pe.error}`);
        failed = true;
        return;
      }
      const token = pe.value.token;
      if (observed.has(token)) {
        if (!allowDuplicates) {
          this.errors.push(`${path}: duplicate entries for key ${elementToString(pe.value)}`);
          failed = true;
          return;
        }
        observed.set(token, null);
      } else {
        observed.set(token, item);
      }
      pes.push(pe.value);
    });
    return failed ? undefined : { pes, observed };
  }

  #list(node: ListNode, lhs: unknown, rhs: unknown, path: string): unknown {
    const l = Array.isArray(lhs) ? lhs : undefined;
    const r = Array.isArray(rhs) ? rhs : undefined;
    if (node.atomic || ((l === undefined || l.length === 0) && (r === undefined || r.length === 0))) {
      return rhs !== undefined ? rhs : lhs;
    }
    const right = this.#index(node, r ?? [], false, path);
    const left = this.#index(node, l ?? [], true, path);
    if (right === undefined || left === undefined) return undefined;
    return this.#mergeItems(node, l ?? [], left, right, path);
  }

  // Upstream's ordering: walk both lists; an item in both comes out where the config puts it
  // among the shared items; live-only items stay where they were; config-only items come out
  // in the config's order.
  #mergeItems(node: ListNode, lItems: readonly unknown[], left: Indexed, right: Indexed, path: string): unknown {
    const out: unknown[] = [];
    const push = (pe: PathElement, lv: unknown, rv: unknown): void => {
      const merged = this.merge(node.item, lv, rv, path + elementToString(pe));
      if (merged !== undefined) out.push(merged);
    };
    const shared = right.pes.filter((pe) => left.observed.has(pe.token));
    let nextShared: PathElement | undefined = shared.shift();
    const mergedRight = new Set<string>();
    const lLen = left.pes.length;
    const rLen = right.pes.length;
    for (let lI = 0, rI = 0; lI < lLen || rI < rLen;) {
      if (lI < lLen && rI < rLen) {
        const pe = left.pes[lI] as PathElement;
        if (pe.token === (right.pes[rI] as PathElement).token) {
          mergedRight.add(pe.token);
          push(pe, left.observed.get(pe.token), right.observed.get(pe.token));
          lI++;
          rI++;
          nextShared = shared.shift();
          continue;
        }
        if (right.observed.has(pe.token) && nextShared !== undefined && nextShared.token !== pe.token) {
          lI++;
          continue;
        }
      }
      if (lI < lLen) {
        const pe = left.pes[lI] as PathElement;
        if (!right.observed.has(pe.token)) {
          push(pe, lItems[lI], undefined);
          lI++;
          continue;
        } else if (mergedRight.has(pe.token)) {
          lI++;
        }
      }
      if (rI < rLen) {
        const pe = right.pes[rI] as PathElement;
        mergedRight.add(pe.token);
        push(pe, left.observed.get(pe.token), right.observed.get(pe.token));
        rI++;
        if (nextShared !== undefined && nextShared.token === pe.token) nextShared = shared.shift();
      }
    }
    return out.length > 0 ? out : undefined;
  }
}
