// The event recorder (client-go's record.EventRecorder with its EventCorrelator): each call
// reports one core/v1 Event about an object, as `kubectl describe` shows them. As upstream's
// correlator does, in this order:
// - aggregation: once one source has reported ten different messages of one type and reason
//   about one object within ten minutes, further ones become one combined Event ("(combined
//   from similar events): " and the latest message);
// - folding: a repeat of an event already written (same object, type, reason, message and
//   source) within ten minutes patches that Event's count and lastTimestamp instead of creating
//   a new one;
// - the spam filter: one source writes at most 25 events about one object at once, then one
//   every five minutes; the others are dropped (a ReplicaSet creating 10,000 pods reports 25).
// Recording never fails the caller: an event that cannot be written is dropped, as upstream's
// broadcaster does. Writes about one series happen in order.
//
// Writes go out one at a time by default, as client-go's broadcaster writes core/v1 events: one
// goroutine per sink takes each event from a queue of 1,000 and writes it before the next. A
// kubelet starting many pods thus keeps one event write in flight, not dozens, and its pods'
// own writes (status) do not queue behind its events at a busy API server.

import type { Clock } from '../../api/clock.ts';
import { isNotFound } from '../../api/status-predicates.ts';
import type { Event, ObjectReference } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../rest/client.ts';
import { resourcePath } from '../rest/resource-client.ts';
import { PATCH_CONTENT_TYPES, type KubeObject, type ResourceType } from '../rest/types.ts';

const EVENTS: ResourceType = { group: '', version: 'v1', resource: 'events', namespaced: true };
const EVENTS_RESOURCE = { group: '', resource: 'events' };

/** Upstream folds repeats seen within this window (the aggregator's maxIntervalInSeconds). */
export const AGGREGATION_WINDOW_MS = 10 * 60 * 1000;
/** Upstream's defaultAggregateMaxEvents: distinct messages before similar events are combined. */
export const AGGREGATE_MAX_EVENTS = 10;
export const COMBINED_PREFIX = '(combined from similar events): ';
/** Upstream's defaultSpamBurst and defaultSpamQPS (one event per 300 s) per source and object. */
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
/** Upstream's maxLruCacheEntries. */
export const DEFAULT_CACHE_SIZE = 4096;
/** How many more writes may wait (upstream's maxQueuedEvents) before new events are dropped. */
const DEFAULT_QUEUED_WRITES = 1000;

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  /** `fieldPath` names a part of the object, e.g. `spec.containers{web}` for a pod's container. */
  event(obj: KubeObject, type: EventType, reason: string, message: string, fieldPath?: string): void;
}

export interface RecorderOptions {
  /** source.host and reportingInstance: the node a kubelet runs on. */
  readonly host?: string;
  /** How many event series are remembered for aggregation (least recently used are forgotten). */
  readonly cacheSize?: number;
  /**
   * Event writes under way at once (default 1, client-go's tools/record). The scheduler's
   * events.k8s.io broadcaster writes each event on a goroutine of its own; its recorder here
   * allows a few at once.
   */
  readonly concurrentWrites?: number;
  /** Writes that may wait for one of those before new events are dropped (default DEFAULT_QUEUED_WRITES). */
  readonly queuedWrites?: number;
}

interface Series {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  lastSeen: number;
  /** The last write of this series; the next one waits for it. */
  tail: Promise<void>;
}

/** An EventRecorder that can also wait for its writes (tests, orderly shutdown). */
export interface AggregatingRecorder extends EventRecorder {
  /** Resolves once every write started so far has finished (or failed and been dropped). */
  settled(): Promise<void>;
}

/** A map that forgets its least recently set entries beyond `size` (upstream's lru.Cache). */
function setBounded<V>(map: Map<string, V>, key: string, value: V, size: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > size) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

/** RFC 3339 with whole seconds (metav1.Time), remembered for the second last asked about. */
function stamps(): (ms: number) => string {
  let second = Number.NaN;
  let stamp = '';
  return (ms) => {
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      stamp = new Date(s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
    }
    return stamp;
  };
}

/** `kind` names the objects recorded about (list items from the server carry no kind). */
export function newEventRecorder(client: RestClient, clock: Clock, component: string,
  kind: { apiVersion: string; kind: string }, options: RecorderOptions = {}): AggregatingRecorder {
  // The answers are not used: a recorder only writes (so they are not decoded either).
  const create = (namespace: string, event: Event): Promise<void> => client.request<void>({
    method: 'POST', path: resourcePath(EVENTS, namespace), body: event, resource: EVENTS_RESOURCE, discardResponse: true,
  });
  const patch = (namespace: string, name: string, body: object): Promise<void> => client.request<void>({
    method: 'PATCH', path: resourcePath(EVENTS, namespace, name), body, contentType: PATCH_CONTENT_TYPES.strategic,
    resource: EVENTS_RESOURCE, name, discardResponse: true,
  });
  const cacheSize = Math.max(1, options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const host = options.host;
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const cache = new Map<string, Series>();
  /** Aggregate key → the distinct messages seen (at most AGGREGATE_MAX_EVENTS) and when the last came. */
  const similar = new Map<string, { messages: Set<string>; last: number }>();
  /** Source and object → a token bucket of SPAM_BURST tokens, one back every SPAM_REFILL_MS. */
  const spam = new Map<string, { tokens: number; last: number }>();
  const inFlight = new Set<Promise<void>>();

  // Writes run at most `concurrentWrites` at once; up to `queuedWrites` more wait, and
  // beyond that an event is dropped, as upstream's broadcaster drops when its queue is full: a
  // burst (thousands of pods failing to schedule) must not swamp the API server.
  const concurrentWrites = Math.max(1, options.concurrentWrites ?? 1);
  const queuedWrites = Math.max(0, options.queuedWrites ?? DEFAULT_QUEUED_WRITES);
  let active = 0;
  const waiting: Array<() => void> = [];
  const write = (op: () => Promise<unknown>): Promise<void> => {
    if (active >= concurrentWrites && waiting.length >= queuedWrites) return Promise.resolve();
    const run = async (): Promise<void> => {
      active++;
      try {
        await op();
      } finally {
        active--;
        waiting.shift()?.();
      }
    };
    if (active < concurrentWrites) return run();
    return new Promise<void>((resolve) => waiting.push(resolve)).then(run);
  };

  const track = (p: Promise<void>): Promise<void> => {
    const done: Promise<void> = p.then(() => { inFlight.delete(done); }, () => { inFlight.delete(done); });
    inFlight.add(done);
    return done;
  };

  const stampOf = stamps();
  const source = host === undefined ? { component } : { component, host };
  const build = (involvedObject: ObjectReference, eventName: string, type: EventType, reason: string, message: string,
    count: number, first: string, last: string): Event => ({
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: eventName, namespace: involvedObject.namespace ?? '' },
    involvedObject, reason, message, type,
    source,
    firstTimestamp: first, lastTimestamp: last, count,
    reportingComponent: component, reportingInstance: host ?? '',
  });
  // The spam filter comes last, as upstream's: a dropped repeat still counts in its series.
  const allowed = (object: string, now: number): boolean => {
    const bucket = spam.get(object) ?? { tokens: SPAM_BURST, last: now };
    bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + Math.max(0, now - bucket.last) / SPAM_REFILL_MS);
    bucket.last = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    setBounded(spam, object, bucket, cacheSize);
    return ok;
  };

  return {
    event(obj, type, reason, message, fieldPath) {
      const meta = obj.metadata ?? {};
      const namespace = meta.namespace ?? 'default';
      const now = clock.now();
      const stamp = stampOf(now);
      const apiVersion = obj.apiVersion ?? kind.apiVersion;
      const objectKind = obj.kind ?? kind.kind;
      const name = meta.name ?? '';
      const uid = meta.uid ?? '';
      const involvedObject: ObjectReference = fieldPath === undefined || fieldPath === ''
        ? { apiVersion, kind: objectKind, namespace, name, uid, resourceVersion: meta.resourceVersion ?? '' }
        : { apiVersion, kind: objectKind, namespace, name, uid, resourceVersion: meta.resourceVersion ?? '', fieldPath };
      // Keys joined with NUL, which no name, uid, kind or reason holds; the free-text message
      // comes last. The source (component and host) is the same for every key of this recorder.
      const object = `${objectKind}\0${namespace}\0${name}\0${uid}\0${apiVersion}`;
      // Aggregation (EventAggregatorByReasonFunc): the same object, type and reason, any message.
      const similarKey = `${object}\0${type}\0${reason}`;
      let group = similar.get(similarKey);
      if (group === undefined || now - group.last > AGGREGATION_WINDOW_MS) group = { messages: new Set(), last: now };
      group.messages.add(message);
      group.last = now;
      setBounded(similar, similarKey, group, cacheSize);
      const combined = group.messages.size >= AGGREGATE_MAX_EVENTS;
      if (combined) group.messages.delete(group.messages.values().next().value ?? message);
      const text = combined ? `${COMBINED_PREFIX}${message}` : message;
      // The combined event is one series of its own, whatever its latest message.
      const key = combined ? similarKey : `${similarKey}\0${fieldPath ?? ''}\0${message}`;
      const seen = cache.get(key);
      if (seen !== undefined && now - seen.lastSeen <= AGGREGATION_WINDOW_MS) {
        seen.count += 1;
        seen.lastSeen = now;
        setBounded(cache, key, seen, cacheSize);
        if (!allowed(object, now)) return;
        const count = seen.count;
        seen.tail = track(seen.tail.then(async () => {
          await write(async () => {
            try {
              await patch(seen.namespace, seen.name, { count, lastTimestamp: stamp, message: text });
            } catch (err) {
              // The Event expired (events have a TTL), was deleted or never written: start the series again.
              if (!isNotFound(err)) throw err;
              await create(seen.namespace, build(involvedObject, seen.name, type, reason, text, count, seen.firstTimestamp, stamp));
            }
          });
        }));
        return;
      }
      // Upstream names events <object>.<unix nanoseconds in hex>.
      const eventName = `${name}.${(BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000))).toString(16)}`;
      const series: Series = { name: eventName, namespace, count: 1, firstTimestamp: stamp, lastSeen: now, tail: Promise.resolve() };
      setBounded(cache, key, series, cacheSize);
      if (!allowed(object, now)) return;
      series.tail = track(write(() => create(namespace, build(involvedObject, eventName, type, reason, text, 1, stamp, stamp))));
    },
    async settled() {
      // Writes may chain more writes; bounded by the writes started before this call.
      for (let i = 0; i < 100 && inFlight.size > 0; i++) await Promise.all([...inFlight]);
    },
  };
}
