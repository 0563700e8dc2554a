// events.k8s.io/v1 Events: a second view of the core/v1 Events in storage (as upstream keeps
// them), converted field by field both ways, with the stricter validation of the newer API.

import { invalid, notSupported, path, required, tooLong, type FieldError } from '../../../../api/field-errors.ts';
import type { Event as CoreEvent } from '../../../../api/types/core/v1/index.ts';
import { Event, EventList } from '../../../../api/types/events/v1/index.ts';
import { isQualifiedName } from '../../../../api/validation/names.ts';
import { eventNameIsPathSegment, events as coreEvents, eventSelectableFields } from '../../core/events/strategy.ts';
import { eventPrinter } from '../../core/events/printer.ts';
import type { ApiObject, ResourceDef } from '../../resource.ts';

/** Sets `to[key]` only when the value is there, so absent fields stay absent. */
function put<T extends object, K extends keyof T>(to: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) to[key] = value;
}

export function fromCore(core: CoreEvent): Event {
  const event = { metadata: core.metadata ?? {} } as Event;
  put(event, 'eventTime', core.eventTime as Event['eventTime']);
  put(event, 'series', core.series === undefined ? undefined : { count: core.series.count ?? 0, lastObservedTime: core.series.lastObservedTime ?? '' });
  put(event, 'reportingController', core.reportingComponent);
  put(event, 'reportingInstance', core.reportingInstance);
  put(event, 'action', core.action);
  put(event, 'reason', core.reason);
  put(event, 'regarding', core.involvedObject);
  put(event, 'related', core.related);
  put(event, 'note', core.message);
  put(event, 'type', core.type);
  put(event, 'deprecatedSource', core.source);
  put(event, 'deprecatedFirstTimestamp', core.firstTimestamp);
  put(event, 'deprecatedLastTimestamp', core.lastTimestamp);
  put(event, 'deprecatedCount', core.count);
  return event;
}

export function toCore(event: Event): CoreEvent {
  const core = { apiVersion: 'v1', kind: 'Event', metadata: event.metadata ?? {}, involvedObject: event.regarding ?? {} } as CoreEvent;
  put(core, 'eventTime', event.eventTime);
  put(core, 'series', event.series);
  put(core, 'reportingComponent', event.reportingController);
  put(core, 'reportingInstance', event.reportingInstance);
  put(core, 'action', event.action);
  put(core, 'reason', event.reason);
  put(core, 'related', event.related);
  put(core, 'message', event.note);
  put(core, 'type', event.type);
  put(core, 'source', event.deprecatedSource);
  put(core, 'firstTimestamp', event.deprecatedFirstTimestamp);
  put(core, 'lastTimestamp', event.deprecatedLastTimestamp);
  put(core, 'count', event.deprecatedCount);
  return core;
}

const NOTE_MAX = 1024;

export function validateNewEvent(event: Event): FieldError[] {
  const errs: FieldError[] = [];
  if ((event.eventTime ?? '') === '') errs.push(required(path('eventTime')));
  if ((event.reportingController ?? '') === '') errs.push(required(path('reportingController')));
  else for (const msg of isQualifiedName(event.reportingController ?? '')) errs.push(invalid(path('reportingController'), event.reportingController, msg));
  if ((event.reportingInstance ?? '') === '') errs.push(required(path('reportingInstance')));
  else if ((event.reportingInstance ?? '').length > 128) errs.push(tooLong(path('reportingInstance'), 128));
  if ((event.action ?? '') === '') errs.push(required(path('action')));
  if ((event.reason ?? '') === '') errs.push(required(path('reason')));
  if (event.type !== 'Normal' && event.type !== 'Warning') errs.push(notSupported(path('type'), event.type ?? '', ['Normal', 'Warning']));
  if ((event.note ?? '').length > NOTE_MAX) errs.push(tooLong(path('note'), NOTE_MAX));
  return errs;
}

export const eventsV1: ResourceDef<Event> = {
  group: 'events.k8s.io', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', listKind: 'EventList',
  namespaced: true, shortNames: ['ev'], shape: Event, listShape: EventList,
  // The same stored events as core/v1, kept out of the watch cache with them.
  watchCache: false,
  strategy: {
    validateName: eventNameIsPathSegment,
    ttlSeconds: coreEvents.strategy.ttlSeconds ?? 3600,
    validate: validateNewEvent,
    validateUpdate: (event) => validateNewEvent(event),
    selectableFields: (event) => eventSelectableFields(toCore(event)),
  },
  storedAs: {
    group: '', resource: 'events',
    fromStored: (object: ApiObject) => fromCore(object as CoreEvent),
    toStored: (event: Event) => toCore(event) as ApiObject,
  },
  printer: { columns: eventPrinter.columns, cells: (event, now) => eventPrinter.cells(toCore(event), now) },
};
