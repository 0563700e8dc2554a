import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { EVERYTHING as ALL_FIELDS } from '../../../../api/fields/selector.ts';
import { EVERYTHING as ALL_LABELS } from '../../../../api/labels/selector.ts';
import type { Event as CoreEvent } from '../../../../api/types/core/v1/index.ts';
import type { Event } from '../../../../api/types/events/v1/index.ts';
import { events as coreEvents } from '../../core/events/strategy.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { listObjects } from '../../generic-read.ts';
import { eventsV1, fromCore, toCore, validateNewEvent } from './strategy.ts';

let registry: TestRegistry;
before(async () => {
  registry = await openTestRegistry();
});
after(async () => {
  await registry.close();
});

const newEvent: Event = {
  metadata: { name: 'web.1', namespace: 'default' },
  eventTime: '2026-01-01T00:00:00.000000Z', reportingController: 'k8ts.io/scheduler', reportingInstance: 'k8ts-1',
  action: 'Binding', reason: 'Scheduled', type: 'Normal', note: 'Successfully assigned default/web to node-1',
  regarding: { kind: 'Pod', namespace: 'default', name: 'web' },
};

test('events.k8s.io/v1 and core/v1 Events convert field by field, both ways', () => {
  const core = toCore(newEvent);
  assert.equal(core.message, newEvent.note);
  assert.equal(core.reportingComponent, 'k8ts.io/scheduler');
  assert.deepEqual(core.involvedObject, newEvent.regarding);
  assert.deepEqual(fromCore(core), newEvent);
});

test('events.k8s.io/v1 validation is the stricter one', () => {
  const messages = validateNewEvent({ metadata: { name: 'x' }, type: 'Odd' } as Event).map(fieldErrorMessage);
  assert.deepEqual(messages, [
    'eventTime: Required value', 'reportingController: Required value', 'reportingInstance: Required value',
    'action: Required value', 'reason: Required value', 'type: Unsupported value: "Odd": supported values: "Normal", "Warning"',
  ]);
});

test('one storage: an event written through events.k8s.io is read as a core Event and the other way round', async () => {
  const v1 = registry.storeFor(eventsV1);
  const core = registry.storeFor(coreEvents);
  const scope = { namespace: 'default', dryRun: false };
  await v1.create(scope, newEvent);
  const asCore = await core.get(scope, 'web.1') as CoreEvent;
  assert.equal(asCore.apiVersion, 'v1');
  assert.equal(asCore.message, newEvent.note);
  await core.create(scope, { metadata: { name: 'old.1', namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'old' }, reason: 'Pulled', message: 'pulled', type: 'Normal', count: 2 } as CoreEvent);
  const page = await listObjects(v1, scope, { labels: ALL_LABELS, fields: ALL_FIELDS, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined });
  const old = page.items.find((e) => e.metadata?.name === 'old.1');
  assert.equal(old?.apiVersion, 'events.k8s.io/v1');
  assert.equal(old?.note, 'pulled');
  assert.equal(old?.deprecatedCount, 2);
});
