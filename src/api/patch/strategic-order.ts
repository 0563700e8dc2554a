// The order of a merged list. Precedence, as upstream: $setElementOrder, then the order of the
// patch list, then the order of the live list. Items the patch names are sorted by the patch
// order, items only the live list has keep their live order, and the two sequences are
// interleaved by live position (see design proposal "preserve order in strategic merge patch").
//
// Items are identified by the value of their merge key (lists of objects) or by value (lists
// of scalars, mergeKey '').

import { goSortStable } from './go-sort.ts';
import { isObject, PATCH, SET_ELEMENT_ORDER } from './strategic-directives.ts';
import { errBadArgType, errNoMergeKey, goPrint, StrategicMergeError } from './strategic-errors.ts';

/** What identifies an item: its merge-key value, or the item itself for scalars. */
function identity(item: unknown, mergeKey: string): unknown {
  if (mergeKey === '') return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

/** The position of the first item of `list` with the identity of `item`, or -1. */
export function indexOfItem(list: readonly unknown[], item: unknown, mergeKey: string): number {
  const id = identity(item, mergeKey);
  return list.findIndex((v) => identity(v, mergeKey) === id);
}

/** Whether every item of the lists is an object holding the merge key. */
function validateMergeKeys(mergeKey: string, ...lists: readonly unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw errBadArgType(false, item);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/**
 * `items` sorted by their position in `order` (stable among items `order` names). For objects,
 * merge keys are required and `$patch: delete` items go to the very end.
 */
export function normalizeSliceOrder(items: readonly unknown[], order: readonly unknown[], mergeKey: string, objects: boolean): unknown[] {
  let toSort = [...items];
  let deletes: unknown[] = [];
  if (objects) {
    validateMergeKeys(mergeKey, toSort, [...order]);
    deletes = toSort.filter((v) => isObject(v) && v[PATCH] === 'delete');
    toSort = toSort.filter((v) => !(isObject(v) && v[PATCH] === 'delete'));
  }
  // Upstream's less is true whenever either item is missing from `order`, so such items move
  // forward in ways only Go's SliceStable reproduces.
  const at = new Map<unknown, number>();
  for (const item of toSort) at.set(item, indexOfItem(order, item, mergeKey));
  goSortStable(toSort, (x, y) => {
    const i = at.get(x) ?? -1;
    const j = at.get(y) ?? -1;
    return i >= 0 && j >= 0 ? i < j : true;
  });
  return [...toSort, ...deletes];
}

/**
 * Interleaves `serverOnly` (in live order) into `patchItems`: a server-only item goes before
 * the next patch item when both are in the live list and it comes first there.
 */
function mergeSorted(serverOnly: readonly unknown[], patchItems: readonly unknown[], liveOrder: readonly unknown[], mergeKey: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patchItems[j++]);
    else {
      const li = indexOfItem(liveOrder, serverOnly[i], mergeKey);
      const ri = indexOfItem(liveOrder, patchItems[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/** The final order of a merged list (upstream's normalizeElementOrder). */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  liveOrder: readonly unknown[],
  mergeKey: string,
  objects: boolean,
): unknown[] {
  const patchSorted = normalizeSliceOrder(patchItems, patchOrder, mergeKey, objects);
  const serverSorted = normalizeSliceOrder(serverOnly, liveOrder, mergeKey, objects);
  return mergeSorted(serverSorted, patchSorted, liveOrder, mergeKey);
}

/**
 * The position of the first object of `list` whose merge key holds `value`, or -1 (upstream's
 * findMapInSliceBasedOnKeyValue: every item looked at must be an object).
 */
export function findByMergeKey(list: readonly unknown[], mergeKey: string, value: unknown): number {
  for (let k = 0; k < list.length; k++) {
    const item = list[k];
    if (!isObject(item)) throw new StrategicMergeError(`value for key ${k} is not a map`);
    if (mergeKey in item && item[mergeKey] === value) return k;
  }
  return -1;
}

/** Splits `merged` into the items `by` names (by merge key, or by value for scalars) and the others. */
export function partitionByPresence(merged: readonly unknown[], by: readonly unknown[], mergeKey: string): [unknown[], unknown[]] {
  const named: unknown[] = [];
  const others: unknown[] = [];
  for (const item of merged) {
    let present: boolean;
    if (mergeKey === '') {
      present = by.includes(item);
    } else {
      if (!isObject(item)) throw errBadArgType(false, item);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      present = findByMergeKey(by, mergeKey, item[mergeKey]) >= 0;
    }
    (present ? named : others).push(item);
  }
  return [named, others];
}

/**
 * Checks that the patch list names its items in the relative order of the $setElementOrder
 * list, and names no item that list lacks ($patch items are not checked).
 */
export function validateSetElementOrder(patchList: readonly unknown[], order: readonly unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  let items = [...patchList];
  if (mergeKey !== '') {
    for (const item of items) if (!isObject(item)) throw errBadArgType(false, item);
    items = items.filter((v) => !(isObject(v) && v[PATCH] === 'delete'));
  }
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p];
    if (isObject(item) && PATCH in item) {
      p++;
      continue;
    }
    if (sameItem(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length) {
    throw new StrategicMergeError(`The order in patch list:\n${goPrint(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goPrint(order)}\n`);
  }
}

/** Whether two items have the same identity; objects must hold the merge key. */
export function sameItem(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isObject(left)) throw errBadArgType(false, left);
  if (!isObject(right)) throw errBadArgType(false, right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}
