// What a DELETE does to an object (upstream's BeforeDelete and the garbage collector's
// finalizer rules): delete it now, or mark it with deletionTimestamp and let finalizers or a
// grace period hold it.

import { formatTime } from '../../api/schema/decode.ts';
import { jsonClone, jsonEqual } from '../../api/json-equal.ts';
import type { ApiObject, DeleteOptionsLike, Strategy } from './resource.ts';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export type DeletionPlan<T extends ApiObject> =
  | { readonly kind: 'delete'; readonly object: T }
  | { readonly kind: 'mark'; readonly object: T }
  | { readonly kind: 'unchanged'; readonly object: T };

/** The finalizers an object should carry for the propagation policy the request asked for. */
function finalizersFor(current: readonly string[], options: DeleteOptionsLike): string[] {
  let policy = options.propagationPolicy;
  if (policy === undefined && options.orphanDependents !== undefined) policy = options.orphanDependents ? 'Orphan' : 'Background';
  if (policy === undefined) return [...current];
  const rest = current.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') return [...rest, ORPHAN_FINALIZER];
  if (policy === 'Foreground') return [...rest, FOREGROUND_FINALIZER];
  return rest;
}

export function applyDeletion<T extends ApiObject>(current: T, options: DeleteOptionsLike, strategy: Strategy<T>, now: string): DeletionPlan<T> {
  const object = jsonClone(current);
  const meta = (object.metadata ??= {});
  const finalizers = finalizersFor(meta.finalizers ?? [], options);
  const grace = Math.max(0, strategy.gracePeriodSeconds?.(current, options) ?? 0);
  if (finalizers.length > 0) meta.finalizers = finalizers;
  else delete meta.finalizers;

  const held = strategy.holdsDeletion?.(object) === true;
  if (meta.deletionTimestamp !== undefined) {
    // Already being deleted: only a shorter grace period or new finalizers change anything.
    const pending = meta.deletionGracePeriodSeconds ?? 0;
    if (finalizers.length === 0 && !held && (grace === 0 || pending === 0)) return { kind: 'delete', object: current };
    if (grace < pending) {
      meta.deletionGracePeriodSeconds = grace;
      meta.deletionTimestamp = shiftTime(now, grace);
    }
    return jsonEqual(object, current) ? { kind: 'unchanged', object: current } : { kind: 'mark', object };
  }
  if (finalizers.length === 0 && grace === 0 && !held) return { kind: 'delete', object: current };
  meta.deletionTimestamp = shiftTime(now, grace);
  meta.deletionGracePeriodSeconds = grace;
  return { kind: 'mark', object };
}

function shiftTime(now: string, seconds: number): string {
  return formatTime(Date.parse(now) + seconds * 1000);
}
