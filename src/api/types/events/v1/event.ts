// events/v1: Event, as served by events.k8s.io.

import { int32, list, microtime, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { EventSource, ObjectReference } from '../../core/v1/index.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';

export const Event = struct('io.k8s.api.events.v1.Event', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.' }),
  eventTime: req(2, microtime, { description: 'When the event first happened.' }),
  series: opt(3, () => EventSeries, { description: 'Data about a series of repeated events.', omitEmpty: true, pointer: true }),
  reportingController: opt(4, string, { description: 'Which controller reported the event, e.g. kubernetes.io/kubelet.', omitEmpty: true }),
  reportingInstance: opt(5, string, { description: 'The instance of that controller, e.g. a node name.', omitEmpty: true }),
  action: opt(6, string, { description: 'The action taken or failed.', omitEmpty: true }),
  reason: opt(7, string, { description: 'A short CamelCase reason for the action.', omitEmpty: true }),
  regarding: opt(8, ObjectReference, { description: 'The object the event is about.', omitEmpty: true }),
  related: opt(9, ObjectReference, { description: 'A second object involved, if any.', omitEmpty: true, pointer: true }),
  note: opt(10, string, { description: 'Text for people about what happened.', omitEmpty: true }),
  type: opt(11, string, { description: 'Normal or Warning.', omitEmpty: true }),
  deprecatedSource: opt(12, EventSource, { description: 'The source field of the core Event, kept for compatibility.', omitEmpty: true }),
  deprecatedFirstTimestamp: opt(13, time, { description: 'The firstTimestamp of the core Event, kept for compatibility.', omitEmpty: true }),
  deprecatedLastTimestamp: opt(14, time, { description: 'The lastTimestamp of the core Event, kept for compatibility.', omitEmpty: true }),
  deprecatedCount: opt(15, int32, { description: 'The count of the core Event, kept for compatibility.', omitEmpty: true }),
}, { description: 'A report of something that happened to an object.' });
export type Event = Infer<typeof Event>;

export const EventList = struct('io.k8s.api.events.v1.EventList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Event), { description: 'The Event objects.' }),
}, { description: 'A list of Event objects.' });
export type EventList = Infer<typeof EventList>;

export const EventSeries = struct('io.k8s.api.events.v1.EventSeries', {
  count: req(1, int32, { description: 'How many times the event has happened in the series.' }),
  lastObservedTime: req(2, microtime, { description: 'When the last event of the series was seen.' }),
}, { description: 'A series of repeated events.' });
export type EventSeries = Infer<typeof EventSeries>;
