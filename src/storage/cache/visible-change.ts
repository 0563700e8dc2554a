// What one watcher sees of a change, given the part of the keyspace it watches and its
// selection: shared by the watch cache's watchers and the watches served from the Store.

import type { CachedObject, ChangeEvent } from './types.ts';

/**
 * A change as a watcher of `keyPrefix` with `filter` sees it: an object that stops passing the
 * filter is DELETED for it, one that starts passing is ADDED.
 */
export function visibleChange(event: ChangeEvent, keyPrefix: string, filter: ((object: Readonly<Record<string, unknown>>) => boolean) | undefined): ChangeEvent[] {
  if (!event.object.key.startsWith(keyPrefix)) return [];
  if (filter === undefined) return [event];
  const prev = event.type === 'ADDED' ? undefined : event.prev;
  const before = prev !== undefined && filter(prev.object);
  if (event.type === 'DELETED') return before || filter(event.object.object) ? [event] : [];
  const now = filter(event.object.object);
  if (now && before) return [event];
  if (now) return [{ type: 'ADDED', revision: event.revision, object: event.object }];
  if (before) {
    const last: CachedObject = { key: prev.key, object: prev.object, revision: event.revision };
    return [{ type: 'DELETED', revision: event.revision, object: last, prev }];
  }
  return [];
}
