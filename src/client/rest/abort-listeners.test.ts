import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { AbortListeners } from './abort-listeners.ts';

test('abort listeners: one listener on the signal; on abort the callbacks still added run once, in order', () => {
  const listeners = new AbortListeners();
  const controller = new AbortController();
  const calls: number[] = [];
  const callbacks = Array.from({ length: 100 }, (_, i) => () => { calls.push(i); });
  // A callback may remove one that has not run yet: it then does not run.
  listeners.add(controller.signal, () => { listeners.remove(controller.signal, callbacks[99] as () => void); });
  for (const callback of callbacks) listeners.add(controller.signal, callback);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  listeners.remove(controller.signal, callbacks[1] as () => void);
  controller.abort();
  assert.deepEqual(calls, Array.from({ length: 99 }, (_, i) => i).filter((i) => i !== 1));
  controller.abort();
  assert.equal(calls.length, 98, 'once');
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
});

test('abort listeners: signals are apart; removing from a signal never added to does nothing', () => {
  const listeners = new AbortListeners();
  const [a, b] = [new AbortController(), new AbortController()];
  const calls: string[] = [];
  listeners.add(a.signal, () => calls.push('a'));
  listeners.add(b.signal, () => calls.push('b'));
  listeners.remove(new AbortController().signal, () => undefined);
  b.abort();
  assert.deepEqual(calls, ['b']);
  a.abort();
  assert.deepEqual(calls, ['b', 'a']);
});
