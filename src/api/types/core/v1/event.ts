// core/v1: Event, as served by the core API.

import { int32, list, microtime, opt, req, string, struct, time, type Infer } from '../../../schema/shape.ts';
import { ListMeta, ObjectMeta } from '../../meta/v1/index.ts';
import { ObjectReference } from './references.ts';

export const Event = struct('io.k8s.api.core.v1.Event', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: req(1, ObjectMeta, { description: 'The object\'s name, namespace, labels, annotations and bookkeeping.' }),
  involvedObject: req(2, () => ObjectReference, { description: 'The object the event is about.' }),
  reason: opt(3, string, { description: 'A short CamelCase reason, e.g. FailedScheduling.', omitEmpty: true }),
  message: opt(4, string, { description: 'Text for people about what happened.', omitEmpty: true }),
  source: opt(5, () => EventSource, { description: 'The component that reported the event.', omitEmpty: true }),
  firstTimestamp: opt(6, time, { description: 'When the event was first seen.', omitEmpty: true }),
  lastTimestamp: opt(7, time, { description: 'When the event was last seen.', omitEmpty: true }),
  count: opt(8, int32, { description: 'How many times the event has happened.', omitEmpty: true }),
  type: opt(9, string, { description: 'Normal or Warning.', omitEmpty: true }),
  eventTime: opt(10, microtime, { description: 'When the event first happened, with microsecond precision.', omitEmpty: true }),
  series: opt(11, () => EventSeries, { description: 'Data about a series of repeated events.', omitEmpty: true, pointer: true }),
  action: opt(12, string, { description: 'The action taken or failed, e.g. Binding.', omitEmpty: true }),
  related: opt(13, () => ObjectReference, { description: 'A second object involved, if any.', omitEmpty: true, pointer: true }),
  reportingComponent: opt(14, string, { description: 'Which controller reported the event, e.g. kubernetes.io/kubelet.' }),
  reportingInstance: opt(15, string, { description: 'The instance of that controller, e.g. a node name.' }),
}, { description: 'A report of something that happened to an object, in the core API.' });
export type Event = Infer<typeof Event>;

export const EventList = struct('io.k8s.api.core.v1.EventList', {
  apiVersion: opt(0, string, { description: 'The group and version the object is written in, e.g. apps/v1.', omitEmpty: true }),
  kind: opt(0, string, { description: 'The kind of the object, e.g. Deployment.', omitEmpty: true }),
  metadata: opt(1, ListMeta, { description: 'The revision of the list and the token for its next page.', omitEmpty: true }),
  items: req(2, list(Event), { description: 'The Event objects.' }),
}, { description: 'A list of Event objects.' });
export type EventList = Infer<typeof EventList>;

export const EventSource = struct('io.k8s.api.core.v1.EventSource', {
  component: opt(1, string, { description: 'The component name.', omitEmpty: true }),
  host: opt(2, string, { description: 'The node the component runs on.', omitEmpty: true }),
}, { description: 'The component that reported an event.' });
export type EventSource = Infer<typeof EventSource>;

export const EventSeries = struct('io.k8s.api.core.v1.EventSeries', {
  count: opt(1, int32, { description: 'How many times the event has happened in the series.', omitEmpty: true }),
  lastObservedTime: opt(2, microtime, { description: 'When the last event of the series was seen.', omitEmpty: true }),
}, { description: 'A series of repeated events.' });
export type EventSeries = Infer<typeof EventSeries>;
