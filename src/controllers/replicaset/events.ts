// A minimal event recorder (client-go's record.EventRecorder without aggregation): each call
// posts one core/v1 Event about an object, as `kubectl describe` shows them. Recording never
// fails the caller: an event that cannot be written is dropped, as upstream's broadcaster does.

import type { Clock } from '../../api/clock.ts';
import type { Event } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { KubeObject, ResourceType } from '../../client/rest/types.ts';

const EVENTS: ResourceType = { group: '', version: 'v1', resource: 'events', namespaced: true };

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  event(obj: KubeObject, type: EventType, reason: string, message: string): void;
}

/** `kind` names the objects recorded about (list items from the server carry no kind). */
export function newEventRecorder(client: RestClient, clock: Clock, component: string, kind: { apiVersion: string; kind: string }): EventRecorder {
  const events = client.resource<Event>(EVENTS);
  return {
    event(obj, type, reason, message) {
      const meta = obj.metadata ?? {};
      const namespace = meta.namespace ?? 'default';
      const now = clock.now();
      const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
      const event: Event = {
        apiVersion: 'v1', kind: 'Event',
        // Upstream names events <object>.<unix nanoseconds in hex>.
        metadata: { name: `${meta.name ?? ''}.${(BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))).toString(16)}`, namespace },
        involvedObject: {
          apiVersion: obj.apiVersion ?? kind.apiVersion, kind: obj.kind ?? kind.kind,
          namespace, name: meta.name ?? '', uid: meta.uid ?? '', resourceVersion: meta.resourceVersion ?? '',
        },
        reason, message, type, source: { component }, firstTimestamp: stamp, lastTimestamp: stamp, count: 1,
        reportingComponent: component, reportingInstance: '',
      };
      void events.namespace(namespace).create(event).catch(() => undefined);
    },
  };
}
