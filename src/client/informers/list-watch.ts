// What a reflector lists and watches (client-go's ListerWatcher), and the pager that reads a
// list in pages as client-go's tools/pager does.

import { isResourceExpired } from '../../api/status-predicates.ts';
import type { ResourceClient } from '../rest/resource-client.ts';
import type { KubeObject, ListOptions, ObjectList, WatchEvent, WatchOptions } from '../rest/types.ts';

export interface ListerWatcher<T> {
  list(options: ListOptions): Promise<ObjectList<T>>;
  /** Events from options.resourceVersion; a failed start throws; see RestClient.watch. */
  watch(options: WatchOptions): AsyncIterable<WatchEvent<T>>;
}

export interface ListWatchFilter {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Watched objects come without metadata.managedFields, which are never decoded (WatchOptions.dropManagedFields). */
  readonly dropManagedFields?: boolean;
}

/** Lists and watches `client` (bound to a namespace or not), narrowed by selectors. */
export function listWatchFromClient<T extends KubeObject>(client: ResourceClient<T>, filter: ListWatchFilter = {}): ListerWatcher<T> {
  const narrow = {
    ...(filter.labelSelector === undefined ? {} : { labelSelector: filter.labelSelector }),
    ...(filter.fieldSelector === undefined ? {} : { fieldSelector: filter.fieldSelector }),
  };
  return {
    list: (options) => client.list({ ...options, ...narrow }),
    watch: filter.dropManagedFields === true
      ? (options) => client.watch({ ...options, ...narrow, dropManagedFields: true })
      : (options) => client.watch({ ...options, ...narrow }),
  };
}

/** client-go's default page size. */
export const DEFAULT_PAGE_SIZE = 500;

export interface ListResult<T> {
  readonly items: T[];
  readonly resourceVersion: string;
  /** True when the server answered in more than one page. */
  readonly paginated: boolean;
}

/**
 * Reads a whole list, `pageSize` items at a time (0: in one request). Later pages carry only
 * the continue token (a resourceVersion with continue is refused). When a continue token has
 * expired (410), the whole list is read again in one request, as the pager's FullListIfExpired.
 */
export async function listAllPages<T>(lw: ListerWatcher<T>, options: ListOptions, pageSize: number): Promise<ListResult<T>> {
  let opts: ListOptions = pageSize > 0 && options.limit === undefined ? { ...options, limit: pageSize } : options;
  const items: T[] = [];
  let paginated = false;
  for (;;) {
    let page: ObjectList<T>;
    try {
      page = await lw.list(opts);
    } catch (err) {
      if (!isResourceExpired(err) || opts.continue === undefined) throw err;
      const { continue: _token, limit: _limit, ...rest } = opts;
      const full = await lw.list(rest);
      return { items: full.items, resourceVersion: full.metadata?.resourceVersion ?? '', paginated };
    }
    items.push(...page.items);
    const token = page.metadata?.continue ?? '';
    if (token === '') return { items, resourceVersion: page.metadata?.resourceVersion ?? '', paginated };
    const { resourceVersion: _rv, resourceVersionMatch: _match, ...rest } = opts;
    opts = { ...rest, continue: token };
    paginated = true;
  }
}
