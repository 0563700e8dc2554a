// Events are kept out of the watch cache (as upstream keeps them out of its cacher): lists,
// watches and reads of both API versions are answered by the Store, with the usual semantics.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EVERYTHING as ALL_LABELS } from '../../../../api/labels/selector.ts';
import { EVERYTHING as ALL_FIELDS, parseFieldSelector } from '../../../../api/fields/selector.ts';
import type { Event } from '../../../../api/types/core/v1/index.ts';
import { eventsV1 } from '../../events/events/strategy.ts';
import { listObjects, watchObjects, type ListParams } from '../../generic-read.ts';
import type { GenericStore } from '../../generic-store.ts';
import type { ApiObject } from '../../resource.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { events } from './strategy.ts';

let registry: TestRegistry;
let core: GenericStore<Event>;
let v1: GenericStore<ApiObject>;
const scope = { namespace: 'default', dryRun: false };

function event(name: string, pod: string): Event {
  return {
    metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', namespace: 'default', name: pod, uid: `uid-${pod}`, apiVersion: 'v1' },
    reason: 'Scheduled', message: `Successfully assigned default/${pod} to node-1`, type: 'Normal', source: { component: 'default-scheduler' },
    firstTimestamp: '2026-01-01T00:00:00Z', lastTimestamp: '2026-01-01T00:00:00Z', count: 1,
  };
}

before(async () => {
  registry = await openTestRegistry();
  core = registry.storeFor(events);
  v1 = registry.storeFor(eventsV1 as never);
});

after(async () => {
  await registry.close();
});

const list = (extra: Partial<ListParams> = {}): ListParams => ({ labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined, ...extra });

test('events are not held by the watch cache, yet list, get and watch answer as for any resource', async () => {
  await core.create(scope, event('web.1', 'web'));
  await core.create(scope, event('db.1', 'db'));
  assert.equal(core.watchCached, false);
  assert.equal(core.cache.get(core.key('default', 'web.1')), undefined, 'not in the cache');
  assert.deepEqual((await listObjects(core, scope, list())).items.map((e) => e.metadata?.name), ['db.1', 'web.1']);
  const onWeb = parseFieldSelector('involvedObject.name=web');
  assert.ok(onWeb.ok);
  assert.deepEqual((await listObjects(core, scope, list({ fields: onWeb.value }))).items.map((e) => e.metadata?.name), ['web.1']);
  const paged = await listObjects(core, scope, list({ limit: 1 }));
  assert.equal(paged.items.length, 1);
  assert.ok(paged.continue !== undefined);
  assert.equal((await core.get(scope, 'web.1')).reason, 'Scheduled');
  // The same stored events through events.k8s.io/v1, converted.
  const converted = (await listObjects(v1, scope, list())).items as Array<{ apiVersion?: string; note?: string; regarding?: { name?: string } }>;
  assert.deepEqual(converted.map((e) => [e.apiVersion, e.regarding?.name]), [['events.k8s.io/v1', 'db'], ['events.k8s.io/v1', 'web']]);

  // A watch of one pod's events from the current state, then a new event and an update.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const seen: string[] = [];
  try {
    for await (const e of watchObjects(core, scope, { labels: ALL_LABELS, fields: onWeb.value, resourceVersion: undefined, sendInitialEvents: true, allowWatchBookmarks: true, signal: controller.signal })) {
      if (e.type === 'BOOKMARK') {
        seen.push('BOOKMARK');
        await core.create(scope, event('db.2', 'db'));
        await core.create(scope, event('web.2', 'web'));
        continue;
      }
      seen.push(`${e.type} ${String((e.object.object as Event).metadata?.name)} rv=${(e.object.object as Event).metadata?.resourceVersion === String(e.object.revision)}`);
      if (seen.length === 3) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  assert.deepEqual(seen, ['ADDED web.1 rv=true', 'BOOKMARK', 'ADDED web.2 rv=true']);
});
