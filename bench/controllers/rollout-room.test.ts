// The benchmark's reading of a rollout sample, on states seen in runs of 10,000 replicas at
// maxSurge 25 % / maxUnavailable 25 %.
//   node --import tsx --test bench/controllers/rollout-room.test.ts

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rolloutRoom } from './rollout-room.ts';

const bounds = { replicas: 10_000, maxSurge: 2500, maxUnavailable: 2500 };

test('right after the template change: the whole surge to add, the whole maxUnavailable to take', () => {
  assert.deepEqual(rolloutRoom(bounds, { spec: 0, replicas: 0, available: 0 }, [{ spec: 10_000, replicas: 10_000, available: 10_000 }]),
    { scaleUp: 2500, scaleDown: 2500, podsPending: 0 });
});

test('old pods not yet gone count toward the surge', () => {
  // The old ReplicaSet was cut to 7,500 but 9,903 of its pods still exist: 2,557 + 9,903 = 12,460.
  const room = rolloutRoom(bounds, { spec: 2557, replicas: 0, available: 0 }, [{ spec: 7500, replicas: 9903, available: 9903 }]);
  assert.equal(room.scaleUp, 40);
  assert.equal(room.scaleDown, 0);
  assert.equal(room.podsPending, 2557 + 2403);
});

test('no scale-down while an old ReplicaSet reports more available pods than its spec', () => {
  const room = rolloutRoom(bounds, { spec: 4721, replicas: 2000, available: 1415 }, [{ spec: 7500, replicas: 7735, available: 7735 }]);
  assert.equal(room.scaleDown, 0);
});

test('once the old ReplicaSet caught up, new available pods open room to scale it down', () => {
  // Available: min(1,518, 5,000) + min(7,500, 7,500) = 9,018, 1,518 above the 7,500 that must stay.
  const room = rolloutRoom(bounds, { spec: 5000, replicas: 2000, available: 1518 }, [{ spec: 7500, replicas: 7500, available: 7500 }]);
  assert.equal(room.scaleUp, 0);
  assert.equal(room.scaleDown, 1518);
});

test('only available pods above the floor may go', () => {
  // 2,000 new and 7,000 old available: 1,500 above the 7,500 that must stay.
  const room = rolloutRoom(bounds, { spec: 5000, replicas: 5000, available: 2000 }, [{ spec: 7500, replicas: 7500, available: 7000 }]);
  assert.equal(room.scaleDown, 1500);
  // At the floor: nothing.
  assert.equal(rolloutRoom(bounds, { spec: 5000, replicas: 5000, available: 1000 }, [{ spec: 6500, replicas: 6500, available: 6500 }]).scaleDown, 0);
});

test('done: nothing to move', () => {
  assert.deepEqual(rolloutRoom(bounds, { spec: 10_000, replicas: 10_000, available: 10_000 }, [{ spec: 0, replicas: 0, available: 0 }]),
    { scaleUp: 0, scaleDown: 0, podsPending: 0 });
});
