// The scheduler's writes: bindings, victim deletions, pod status (PodScheduled condition and
// nominatedNodeName) and core/v1 Events. Event writes are fire-and-forget: a lost event must
// never fail a scheduling cycle.

import type { Clock } from '../api/clock.ts';
import type { Event, Pod } from '../api/types/core/v1/index.ts';
import type { RestClient } from '../client/rest/client.ts';
import type { ApiActions } from './framework/types.ts';
import { EVENTS, PODS } from './resources.ts';

export const COMPONENT = 'default-scheduler';

export class SchedulerApi implements ApiActions {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #component: string;
  #seq = 0;

  constructor(client: RestClient, clock: Clock, component = COMPONENT) {
    this.#client = client;
    this.#clock = clock;
    this.#component = component;
  }

  async bind(pod: Pod, nodeName: string): Promise<void> {
    const ns = pod.metadata?.namespace ?? '';
    await this.#client.resource<Pod>(PODS).namespace(ns).create({
      apiVersion: 'v1', kind: 'Binding',
      metadata: { name: pod.metadata?.name ?? '', namespace: ns, ...(pod.metadata?.uid === undefined ? {} : { uid: pod.metadata.uid }) },
      target: { kind: 'Node', apiVersion: 'v1', name: nodeName },
    } as Pod, { subresource: 'binding' });
  }

  async deletePod(pod: Pod): Promise<void> {
    const uid = pod.metadata?.uid;
    await this.#client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '').delete(pod.metadata?.name ?? '',
      uid === undefined ? {} : { body: { preconditions: { uid } } });
  }

  /** Sets PodScheduled=False (reason Unschedulable or SchedulerError) and, if given, nominatedNodeName. */
  async markUnschedulable(pod: Pod, reason: string, message: string, nominatedNodeName?: string): Promise<void> {
    const now = new Date(this.#clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const changed = old?.status !== 'False' || old.reason !== reason;
    const status: Record<string, unknown> = {
      conditions: [{ type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null,
        lastTransitionTime: changed ? now : old.lastTransitionTime ?? now }],
    };
    if (nominatedNodeName !== undefined) status['nominatedNodeName'] = nominatedNodeName === '' ? null : nominatedNodeName;
    await this.#client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '').patch(pod.metadata?.name ?? '', 'strategic',
      { status }, { subresource: 'status' });
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const ns = pod.metadata?.namespace ?? 'default';
    const now = this.#clock.now();
    const ts = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const name = `${pod.metadata?.name ?? 'pod'}.${(now * 1000 + (this.#seq++ % 1000)).toString(16)}`;
    const ev: Event = {
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: {
        kind: 'Pod', apiVersion: 'v1', namespace: ns, name: pod.metadata?.name ?? '',
        ...(pod.metadata?.uid === undefined ? {} : { uid: pod.metadata.uid }),
        ...(pod.metadata?.resourceVersion === undefined ? {} : { resourceVersion: pod.metadata.resourceVersion }),
      },
      reason, message, type, count: 1, firstTimestamp: ts, lastTimestamp: ts,
      source: { component: this.#component },
      reportingComponent: this.#component, reportingInstance: this.#component,
    };
    this.#client.resource<Event>(EVENTS).namespace(ns).create(ev).catch((err: unknown) => {
      process.stderr.write(`scheduler: event ${reason} for ${ns}/${pod.metadata?.name ?? ''}: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  }
}
