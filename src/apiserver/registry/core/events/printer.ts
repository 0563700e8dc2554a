import type { Event } from '../../../../api/types/core/v1/index.ts';
import { humanDuration } from '../../../printers/duration.ts';
import { column, type Printer } from '../../../printers/table.ts';

function since(timestamp: string | undefined, now: number): string {
  const at = Date.parse(timestamp ?? '');
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}

/** SOURCE: the reporting component and host ("kubelet, node-1"), from new-style fields when the old ones are empty. */
export function eventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || '';
  const instance = event.source?.host || event.reportingInstance || '';
  return instance === '' ? component : `${component}, ${instance}`;
}

/** The cells of one event, as kubectl prints `get events`. */
function eventCells(event: Event, now: number): unknown[] {
  const firstSeen = event.firstTimestamp ? since(event.firstTimestamp, now) : since(event.eventTime, now);
  let lastSeen = event.lastTimestamp ? since(event.lastTimestamp, now) : firstSeen;
  let count = event.count ?? 0;
  if (event.series !== undefined) {
    lastSeen = since(event.series.lastObservedTime, now);
    count = event.series.count ?? 0;
  } else if (count === 0) {
    // New-style singleton events carry no count.
    count = 1;
  }
  const kind = (event.involvedObject?.kind ?? '').toLowerCase();
  const object = event.involvedObject?.name ? `${kind}/${event.involvedObject.name}` : kind;
  return [
    lastSeen, event.type ?? '', event.reason ?? '', object, event.involvedObject?.fieldPath ?? '', eventSource(event),
    (event.message ?? '').trim(), firstSeen, count, event.metadata?.name ?? '',
  ];
}

export const eventPrinter: Printer<Event> = {
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning).'),
    column('Reason', 'string', 'A short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
    column('Object', 'string', 'The object that this event is about.'),
    column('Subobject', 'string', 'The part of the object the event is about, such as one container of a pod.', { priority: 1 }),
    column('Source', 'string', 'The component reporting this event.', { priority: 1 }),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'string', 'The time at which the event was first recorded.', { priority: 1 }),
    column('Count', 'string', 'The number of times this event has occurred.', { priority: 1 }),
    column('Name', 'string', 'Name must be unique within a namespace.', { priority: 1, format: 'name' }),
  ],
  cells: eventCells,
};
