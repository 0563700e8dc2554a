import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QueuedPodInfo } from '../../framework/types.ts';
import { makePod } from '../../testing.fixture.ts';
import { prioritySort } from './priority-sort.ts';

const queued = (priority: number | undefined, timestamp: number): QueuedPodInfo => ({
  pod: makePod('p', priority === undefined ? {} : { priority }), initialAttemptTimestamp: 0, timestamp, attempts: 0, unschedulablePlugins: new Set(),
});

test('PrioritySort: higher priority first, then the earlier queued', () => {
  const cases: { name: string; a: QueuedPodInfo; b: QueuedPodInfo; want: boolean }[] = [
    { name: 'a has the lower priority', a: queued(1, 1), b: queued(10, 5), want: false },
    { name: 'a has the higher priority, though queued later', a: queued(10, 5), b: queued(1, 1), want: true },
    { name: 'equal priority, a queued earlier', a: queued(1, 1), b: queued(1, 2), want: true },
    { name: 'equal priority, a queued later', a: queued(1, 2), b: queued(1, 1), want: false },
    { name: 'equal priority and time: not less', a: queued(1, 1), b: queued(1, 1), want: false },
    { name: 'no priority counts as 0', a: queued(undefined, 1), b: queued(-1, 0), want: true },
  ];
  const sort = prioritySort();
  for (const c of cases) assert.equal(sort.less(c.a, c.b), c.want, c.name);
});
