// The scheduler's writes: bindings, victim deletions, pod status (PodScheduled condition and
// nominatedNodeName), the PV/PVC updates of volume binding and core/v1 Events, through the shared event recorder (repeats, such as a
// pod failing again for the same reason, are folded into one Event's count, as upstream). Event
// writes are fire-and-forget: a lost event must never fail a scheduling cycle.

import type { Clock } from '../api/clock.ts';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types/core/v1/index.ts';
import { newEventRecorder, type EventRecorder } from '../client/events/recorder.ts';
import type { RestClient } from '../client/rest/client.ts';
import type { ApiActions } from './framework/types.ts';
import { PODS, PVCS, PVS } from './resources.ts';

export const COMPONENT = 'default-scheduler';

/** Event writes the scheduler keeps under way at once, and how many more may wait. */
const SCHEDULER_EVENT_WRITES = 16;
const SCHEDULER_QUEUED_EVENTS = 20_000;

export class SchedulerApi implements ApiActions {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #recorder: EventRecorder;

  constructor(client: RestClient, clock: Clock, component = COMPONENT) {
    this.#client = client;
    this.#clock = clock;
    // Upstream's scheduler records through events.k8s.io's broadcaster, which takes each event off
    // its queue at once and writes it on a goroutine of its own, so a burst of 10,000 pods gets
    // its 10,000 Scheduled events. Here a few are written at once and the rest wait, up to a
    // bound that a burst of that size stays under (a flood of unschedulable pods stays bounded).
    this.#recorder = newEventRecorder(client, clock, component, { apiVersion: 'v1', kind: 'Pod' }, {
      concurrentWrites: SCHEDULER_EVENT_WRITES, queuedWrites: SCHEDULER_QUEUED_EVENTS,
    });
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
    // As upstream's updatePod: nothing to write when the condition (and nomination) would stay as it is.
    const nominationChanges = nominatedNodeName !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNodeName;
    if (!changed && old.message === message && !nominationChanges) return;
    const status: Record<string, unknown> = {
      conditions: [{ type: 'PodScheduled', status: 'False', reason, message, lastProbeTime: null,
        lastTransitionTime: changed ? now : old.lastTransitionTime ?? now }],
    };
    if (nominatedNodeName !== undefined) status['nominatedNodeName'] = nominatedNodeName === '' ? null : nominatedNodeName;
    await this.#client.resource<Pod>(PODS).namespace(pod.metadata?.namespace ?? '').patch(pod.metadata?.name ?? '', 'strategic',
      { status }, { subresource: 'status' });
  }

  updateVolume(pv: PersistentVolume): Promise<PersistentVolume> {
    return this.#client.resource<PersistentVolume>(PVS).update(pv);
  }

  updateClaim(pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim> {
    return this.#client.resource<PersistentVolumeClaim>(PVCS).namespace(pvc.metadata?.namespace ?? '').update(pvc);
  }

  event(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.#recorder.event(pod, type, reason, message);
  }
}
