// PrioritySort: higher spec.priority first; equal priorities in the order they were queued.

import type { Pod } from '../../../api/types/core/v1/index.ts';
import type { QueueSortPlugin, QueuedPodInfo } from '../../framework/types.ts';

export const PRIORITY_SORT = 'PrioritySort';

export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

export function prioritySort(): QueueSortPlugin {
  return {
    name: PRIORITY_SORT,
    less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
      const pa = podPriority(a.pod);
      const pb = podPriority(b.pod);
      return pa > pb || (pa === pb && a.timestamp < b.timestamp);
    },
  };
}
