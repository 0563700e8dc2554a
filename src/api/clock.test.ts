import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from './clock.ts';

test('FakeClock fires timers in time order and only when due', () => {
  const clock = new FakeClock(1000);
  const fired: string[] = [];
  clock.after(50, () => fired.push(`once@${clock.now()}`));
  const ticking = clock.every(20, () => fired.push(`tick@${clock.now()}`));
  clock.advance(10);
  assert.deepEqual(fired, []);
  clock.advance(50);
  assert.deepEqual(fired, ['tick@1020', 'tick@1040', 'once@1050', 'tick@1060']);
  ticking.cancel();
  clock.advance(100);
  assert.equal(fired.length, 4);
  assert.equal(clock.now(), 1160);
});
