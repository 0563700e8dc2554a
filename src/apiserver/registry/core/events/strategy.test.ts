import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { Event } from '../../../../api/types/core/v1/index.ts';
import { eventPrinter, eventSource } from './printer.ts';
import { eventNameIsPathSegment, events, eventSelectableFields, validateEvent } from './strategy.ts';

const NOW = Date.parse('2025-05-01T12:00:00Z');

function event(extra: Partial<Event> = {}): Event {
  return {
    metadata: { name: 'web.17f', namespace: 'default' },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
    reason: 'Pulled', message: 'Successfully pulled image "nginx"  ', type: 'Normal', source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2025-05-01T11:50:00Z', lastTimestamp: '2025-05-01T11:58:00Z', count: 3,
    ...extra,
  };
}

test('validateEvent: legacy core rules', () => {
  const newStyle = { eventTime: '2025-05-01T11:59:00.000000Z', reportingComponent: 'example.com/controller', reportingInstance: 'node-1', action: 'Sync', reason: 'Synced' };
  const cases: Array<[string, Event, string[]]> = [
    ['valid old-style', event(), []],
    ['namespace mismatch', event({ involvedObject: { kind: 'Pod', namespace: 'other', name: 'web' } }), [
      'involvedObject.namespace: Invalid value: "other": does not match event.namespace',
    ]],
    ['cluster-scoped object in default', event({ involvedObject: { kind: 'Node', name: 'node-1' } }), []],
    ['cluster-scoped object elsewhere', { ...event({ involvedObject: { kind: 'Node', name: 'node-1' } }), metadata: { name: 'e', namespace: 'apps' } }, [
      'involvedObject.namespace: Invalid value: "": does not match event.namespace',
    ]],
    ['valid new-style', event(newStyle), []],
    ['new-style without reporting fields', event({ eventTime: '2025-05-01T11:59:00.000000Z', reason: '' }), [
      'reportingController: Required value',
      "reportingController: Invalid value: \"\": name part must be non-empty",
      "reportingController: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      'reportingInstance: Required value', 'action: Required value', 'reason: Required value',
    ]],
    ['new-style long message', event({ ...newStyle, message: 'x'.repeat(1025) }), ['message: Invalid value: "": can have at most 1024 characters']],
  ];
  for (const [name, e, expected] of cases) assert.deepEqual(validateEvent(e).map(fieldErrorMessage), expected, name);
});

test('event names need only be path segments', () => {
  assert.deepEqual(eventNameIsPathSegment('web.17f3a', false), []);
  assert.deepEqual(eventNameIsPathSegment('..', false), ["may not be '..'"]);
  assert.deepEqual(eventNameIsPathSegment('a/b%c', false), ["may not contain '/'", "may not contain '%'"]);
});

test('event printer: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE and the wide columns', () => {
  assert.deepEqual(eventPrinter.columns.filter((c) => c.priority === 0).map((c) => c.name), ['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
  assert.deepEqual(eventPrinter.cells(event(), NOW), ['2m', 'Normal', 'Pulled', 'pod/web', 'spec.containers{app}', 'kubelet, node-1', 'Successfully pulled image "nginx"', '10m', 3, 'web.17f']);
  const series = event({ series: { count: 7, lastObservedTime: '2025-05-01T11:59:30.000000Z' } });
  assert.deepEqual(eventPrinter.cells(series, NOW).slice(0, 1).concat(eventPrinter.cells(series, NOW)[8]), ['30s', 7]);
  const fresh: Event = { metadata: { name: 'e' }, involvedObject: { kind: 'Deployment', name: 'api' }, eventTime: '2025-05-01T11:59:55.000000Z', reportingComponent: 'deployment-controller', reportingInstance: '' };
  const cells = eventPrinter.cells(fresh, NOW);
  assert.deepEqual([cells[0], cells[3], cells[5], cells[7], cells[8]], ['5s', 'deployment/api', 'deployment-controller', '5s', 1]);
  assert.equal(eventSource({ metadata: {}, involvedObject: {} }), '');
});

test('selectable fields and the resource', () => {
  const fields = eventSelectableFields(event({ reportingComponent: 'kubelet' }));
  assert.deepEqual(fields, {
    'involvedObject.kind': 'Pod', 'involvedObject.namespace': 'default', 'involvedObject.name': 'web', 'involvedObject.uid': 'u1',
    'involvedObject.apiVersion': 'v1', 'involvedObject.resourceVersion': '', 'involvedObject.fieldPath': 'spec.containers{app}',
    reason: 'Pulled', reportingComponent: 'kubelet', source: 'kubelet', type: 'Normal',
  });
  assert.equal(eventSelectableFields({ metadata: {}, involvedObject: {}, reportingComponent: 'sched' }).source, 'sched');
  assert.deepEqual([events.shortNames, events.strategy.ttlSeconds, events.strategy.allowCreateOnUpdate], [['ev'], 3600, true]);
});
