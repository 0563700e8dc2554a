// What the pod workers remember about one pod between syncs. Everything else (which containers
// exist, their states, exit codes, restart counts) is read from the runtime on every sync, so
// this memory may be lost (an agent restart) without changing what the pod does.

import type { CarriedStatus, Waiting } from './status.ts';

export interface PodState {
  /** Why containers are not running, recomputed by every sync. */
  waiting: Map<string, Waiting>;
  /** Containers the prober found unhealthy (id → message), killed by the next sync. */
  readonly unhealthy: Map<string, string>;
  /** Container ids registered with the prober. */
  readonly probed: Set<string>;
  /** Termination messages read from containers that exited (id → message). */
  readonly messages: Map<string, string>;
  /** When a back-off (crash loop, image pull) or retry ends: the worker syncs again then. */
  wakeAt: number | undefined;
  /**
   * containersFingerprint of the pod's containers as its last sync left them, when it left them
   * all running (else undefined): the relist does not wake the pod for exactly that state, which
   * another sync would leave as it is.
   */
  seen: string | undefined;
  /** What the status the last sync generated carries into the next (upstream's status manager cache); see StatusInput.previous. */
  generated: CarriedStatus | undefined;
  /** The body of the last status patch written, as JSON (flat, as JSON.stringify makes it), so only changes are written. */
  lastWritten: string | undefined;
  /** The /etc/hosts content this agent last wrote for the pod (lost on restart: then read from the file). */
  etcHosts: string | undefined;
}

export function newPodState(): PodState {
  return { waiting: new Map(), unhealthy: new Map(), probed: new Set(), messages: new Map(), wakeAt: undefined, seen: undefined, generated: undefined, lastWritten: undefined, etcHosts: undefined };
}

/** Asks for a sync no later than `at` (ms since the epoch). */
export function wakeBy(state: PodState, at: number): void {
  if (state.wakeAt === undefined || at < state.wakeAt) state.wakeAt = at;
}
