// Events in the core API (upstream's pkg/registry/core/event): kept for an hour (the API
// server's --event-ttl), validated with the legacy rules the core v1 API has always applied:
// the involved object's namespace must match, and new-style events (with eventTime) must
// name their reporting controller, instance, action and reason.

import { invalid, path, required, type FieldError } from '../../../../api/field-errors.ts';
import { utf8Length } from '../../../../api/go-format.ts';
import { Event, EventList } from '../../../../api/types/core/v1/index.ts';
import { isDNS1123Subdomain, isQualifiedName, type ValidateNameFunc } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { eventPrinter } from './printer.ts';

/** Upstream's --event-ttl default. */
export const EVENT_TTL_SECONDS = 3600;
const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

/**
 * Event names need only be usable in a URL path (upstream checks nothing more for core
 * events): not "." or "..", without "/" or "%".
 */
export const eventNameIsPathSegment: ValidateNameFunc = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  return ['/', '%'].filter((c) => name.includes(c)).map((c) => `may not contain '${c}'`);
};

function tooLongFor(value: string | undefined, limit: number): boolean {
  return utf8Length(value ?? '') > limit;
}

export function validateEvent(event: Event): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = event.metadata?.namespace ?? '';
  const involved = event.involvedObject?.namespace ?? '';
  const mismatch = (): FieldError => invalid(path('involvedObject', 'namespace'), involved, 'does not match event.namespace');
  if (!event.eventTime) {
    // Old-style events: cluster-scoped objects' events live in "default" (or nowhere).
    if (involved === '') {
      if (namespace !== '' && namespace !== 'default') errs.push(mismatch());
    } else if (namespace !== involved) {
      errs.push(mismatch());
    }
  } else {
    if (involved === '' && namespace !== 'default' && namespace !== 'kube-system') errs.push(mismatch());
    const controller = event.reportingComponent ?? '';
    if (controller === '') errs.push(required(path('reportingController')));
    errs.push(...isQualifiedName(controller).map((m) => invalid(path('reportingController'), controller, m)));
    if ((event.reportingInstance ?? '') === '') errs.push(required(path('reportingInstance')));
    if (tooLongFor(event.reportingInstance, REPORTING_INSTANCE_LIMIT)) {
      errs.push(invalid(path('reportingInstance'), '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    }
    if ((event.action ?? '') === '') errs.push(required(path('action')));
    if (tooLongFor(event.action, ACTION_LIMIT)) errs.push(invalid(path('action'), '', `can have at most ${ACTION_LIMIT} characters`));
    if ((event.reason ?? '') === '') errs.push(required(path('reason')));
    if (tooLongFor(event.reason, REASON_LIMIT)) errs.push(invalid(path('reason'), '', `can have at most ${REASON_LIMIT} characters`));
    if (tooLongFor(event.message, NOTE_LIMIT)) errs.push(invalid(path('message'), '', `can have at most ${NOTE_LIMIT} characters`));
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => invalid(path('namespace'), namespace, m)));
  return errs;
}

export function eventSelectableFields(event: Event): Record<string, string> {
  const involved = event.involvedObject ?? {};
  return {
    'involvedObject.kind': involved.kind ?? '',
    'involvedObject.namespace': involved.namespace ?? '',
    'involvedObject.name': involved.name ?? '',
    'involvedObject.uid': involved.uid ?? '',
    'involvedObject.apiVersion': involved.apiVersion ?? '',
    'involvedObject.resourceVersion': involved.resourceVersion ?? '',
    'involvedObject.fieldPath': involved.fieldPath ?? '',
    reason: event.reason ?? '',
    reportingComponent: event.reportingComponent ?? '',
    // New-style events name their source only as the reporting controller.
    source: event.source?.component || event.reportingComponent || '',
    type: event.type ?? '',
  };
}

export const events: ResourceDef<Event> = {
  group: '', version: 'v1', resource: 'events', singular: 'event', kind: 'Event', listKind: 'EventList',
  namespaced: true, shortNames: ['ev'], shape: Event, listShape: EventList,
  watchCache: false,
  strategy: {
    validateName: eventNameIsPathSegment,
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
    ttlSeconds: EVENT_TTL_SECONDS,
    validate: validateEvent,
    validateUpdate: (event) => validateEvent(event),
    selectableFields: eventSelectableFields,
  },
  printer: eventPrinter,
};
