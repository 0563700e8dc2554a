// Removing what an applier stopped applying (upstream's Updater.prune): a field, map entry or
// list item goes when the applier applied it last time, does not apply it now, and no other
// manager (nor the applier's new configuration) owns it. Ported step by step from upstream:
// remove everything applied last time, add back what anyone owns, then add back whatever the
// last applied set did not cover.

import { FieldSet } from './field-set.ts';
import { removeItems } from './remove.ts';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.ts';
import type { TypeNode } from './type-node.ts';

/**
 * `merged` is the live object with the new configuration merged in; `lastApplied` the applier's
 * previous set; `newApplied` its set now; `owned` every manager's set, the new one included.
 */
export function prune(root: TypeNode, merged: unknown, lastApplied: FieldSet | undefined, newApplied: FieldSet, owned: readonly FieldSet[]): unknown {
  if (lastApplied === undefined || lastApplied.isEmpty()) return merged;
  // Nothing can go when the applier still applies everything it applied before (its items and
  // the fields above them stay owned); this skips the work for the common re-apply.
  if (lastApplied.difference(newApplied).isEmpty()) return merged;
  const last = ensureNamedFieldsAreMembers(lastApplied, root);
  const pruned = removeItems(root, merged, last);

  const ensuredSet = (v: unknown): FieldSet => ensureNamedFieldsAreMembers(toFieldSet(root, v), root);
  let managed = new FieldSet();
  for (const set of owned) managed = managed.union(set);
  const mergedSet = ensuredSet(merged);
  const keep = ensuredSet(pruned).union(ensureNamedFieldsAreMembers(managed, root));
  const withOwned = removeItems(root, merged, mergedSet.difference(keep));

  const dropped = mergedSet.difference(ensuredSet(withOwned)).intersection(last);
  return removeItems(root, merged, dropped);
}
