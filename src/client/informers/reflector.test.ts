import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { resourceExpired, gone, tooManyRequestsError, internalError } from '../../api/status.ts';
import { cm, FakeListerWatcher, settle, type ConfigMap } from './fake-lister-watcher.fixture.ts';
import { Reflector, type ReflectorStore } from './reflector.ts';
import { ExponentialBackoff, REFLECTOR_BACKOFF } from './wait.ts';

class RecordingStore implements ReflectorStore<ConfigMap> {
  readonly ops: string[] = [];
  replace(items: ConfigMap[], rv: string): void {
    this.ops.push(`replace@${rv} ${items.map((i) => i.metadata?.name).join(',')}`);
  }
  add(obj: ConfigMap): void { this.ops.push(`add ${obj.metadata?.name}`); }
  update(obj: ConfigMap): void { this.ops.push(`update ${obj.metadata?.name}`); }
  delete(obj: ConfigMap): void { this.ops.push(`delete ${obj.metadata?.name}`); }
}

function setup(random = 0): { clock: FakeClock; lw: FakeListerWatcher<ConfigMap>; store: RecordingStore; reflector: Reflector<ConfigMap>; stop: AbortController; errors: unknown[] } {
  const clock = new FakeClock();
  const lw = new FakeListerWatcher<ConfigMap>();
  const store = new RecordingStore();
  const errors: unknown[] = [];
  const reflector = new Reflector(lw, store, { clock, random: () => random, watchTimeoutSeconds: 60, onError: (e) => errors.push(e) });
  return { clock, lw, store, reflector, stop: new AbortController(), errors };
}

test('backoff: 800 ms doubling to 30 s, jittered up to 2x, reset after 2 quiet minutes', () => {
  const clock = new FakeClock();
  const plain = new ExponentialBackoff(REFLECTOR_BACKOFF, clock, () => 0);
  assert.deepEqual(Array.from({ length: 8 }, () => plain.next()), [800, 1600, 3200, 6400, 12800, 25600, 30000, 30000]);
  clock.advance(120_001);
  assert.equal(plain.next(), 800);
  const jittered = new ExponentialBackoff(REFLECTOR_BACKOFF, clock, () => 1);
  assert.deepEqual([jittered.next(), jittered.next()], [1600, 3200]);
});

test('lists at "0" in pages, then watches from the list\'s version with bookmarks; events move the version', async () => {
  const { lw, store, reflector, stop, clock } = setup();
  lw.listAnswers.push({ metadata: { resourceVersion: '10', continue: 'c1' }, items: [cm('a', '5')] });
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('b', '6')] });
  const running = reflector.run(stop.signal);
  await settle();
  assert.deepEqual(lw.lists, [{ resourceVersion: '0', limit: 500 }, { limit: 500, continue: 'c1' }]);
  assert.deepEqual(store.ops, ['replace@10 a,b']);
  const watch = lw.lastWatch();
  assert.equal(watch.options.resourceVersion, '10');
  assert.equal(watch.options.allowWatchBookmarks, true);
  assert.equal(watch.options.timeoutSeconds, 60);
  watch.push({ type: 'ADDED', object: cm('c', '11') });
  watch.push({ type: 'MODIFIED', object: cm('a', '12') });
  watch.push({ type: 'DELETED', object: cm('b', '13') });
  watch.push({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '20' } } });
  await settle();
  assert.deepEqual(store.ops.slice(1), ['add c', 'update a', 'delete b']);
  assert.equal(reflector.lastSyncResourceVersion(), '20');
  // The server's timeout ends the watch normally: it resumes from the last version, no relist.
  clock.advance(5000);
  watch.end();
  await settle();
  assert.equal(lw.watches.length, 2);
  assert.equal(lw.lastWatch().options.resourceVersion, '20');
  assert.equal(lw.lists.length, 2);
  stop.abort();
  await running;
  assert.ok(lw.lastWatch().stopped, 'the watch is closed on abort');
});

test('410 Expired on the watch: relist at the last version (one request), then "" if that is gone too', async () => {
  const { lw, store, reflector, stop, clock } = setup();
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [cm('a', '5')] });
  const running = reflector.run(stop.signal);
  await settle();
  lw.lastWatch().push({ type: 'ADDED', object: cm('b', '15') });
  lw.lastWatch().push({ type: 'ERROR', object: resourceExpired('too old resource version: 15 (30)').status });
  lw.listAnswers.push(gone('the resourceVersion is gone'));
  lw.listAnswers.push({ metadata: { resourceVersion: '30' }, items: [cm('b', '15')] });
  await settle();
  assert.equal(lw.lists.length, 1, 'waits for the backoff before listing again');
  clock.advance(800);
  await settle();
  assert.deepEqual(lw.lists.slice(1), [{ resourceVersion: '15' }, { resourceVersion: '' }], 'no pages when listing at a known version');
  assert.deepEqual(store.ops.at(-1), 'replace@30 b');
  assert.equal(lw.lastWatch().options.resourceVersion, '30');
  stop.abort();
  await running;
});

test('a watch that cannot start (connection refused, 429) is retried after a backoff, without a relist', async () => {
  const { lw, reflector, stop, clock } = setup();
  lw.listAnswers.push({ metadata: { resourceVersion: '10' }, items: [] });
  const refused = Object.assign(new Error('stream cancelled', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), {});
  lw.watchErrors.push(refused, tooManyRequestsError('slow down'));
  const running = reflector.run(stop.signal);
  await settle();
  assert.equal(lw.watches.length, 1);
  clock.advance(800);
  await settle();
  assert.equal(lw.watches.length, 2);
  clock.advance(1599);
  await settle();
  assert.equal(lw.watches.length, 2, 'the second wait is twice as long');
  clock.advance(1);
  await settle();
  assert.equal(lw.watches.length, 3);
  assert.equal(lw.lastWatch().options.resourceVersion, '10');
  assert.equal(lw.lists.length, 1);
  stop.abort();
  await running;
});

test('list failures back off exponentially and are reported; other watch errors relist', async () => {
  const { lw, reflector, stop, clock, errors } = setup();
  lw.listAnswers.push(internalError('boom'), internalError('boom again'), { metadata: { resourceVersion: '3' }, items: [] });
  const running = reflector.run(stop.signal);
  await settle();
  assert.equal(lw.lists.length, 1);
  clock.advance(800);
  await settle();
  assert.equal(lw.lists.length, 2);
  clock.advance(1600);
  await settle();
  assert.equal(lw.lists.length, 3);
  assert.equal(errors.length, 2);
  lw.lastWatch().push({ type: 'ERROR', object: internalError('watch broke').status });
  await settle();
  assert.equal(errors.length, 3);
  clock.advance(3200);
  await settle();
  assert.equal(lw.lists.length, 4);
  assert.deepEqual(lw.lists[3], { resourceVersion: '3' });
  stop.abort();
  await running;
});

test('a watch closed at once with nothing in it counts as an error and leads to a relist', async () => {
  const { lw, reflector, stop, clock, errors } = setup();
  const running = reflector.run(stop.signal);
  await settle();
  lw.lastWatch().end();
  await settle();
  assert.match(String(errors[0]), /very short watch/);
  clock.advance(800);
  await settle();
  assert.equal(lw.lists.length, 2);
  stop.abort();
  await running;
});

test('an abort during the backoff or the list stops the reflector at once', async () => {
  const { lw, reflector, stop } = setup();
  lw.listAnswers.push(internalError('boom'));
  const running = reflector.run(stop.signal);
  await settle();
  stop.abort();
  await running;
  assert.equal(lw.lists.length, 1);
});
