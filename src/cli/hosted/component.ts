// A component that `k8ts server` hosts (the API server with its datastore, the scheduler, the
// controller-manager) runs in a worker thread of its own. The scheduler and the controller-manager
// are ordinary API clients either way; on threads of their own their work (watch decoding,
// informer caches, their garbage) does not take turns with the API server's requests, and none of
// them takes turns with the node agent, which stays on the main thread. A thread's heap is
// configured when it starts, so these threads get a young generation sized for a server
// (young-generation.ts), which the main thread's heap, configured before any code runs, cannot.

import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../../api/module-worker.ts';
import type { FromWorker, HostedSpec, ToWorker } from './protocol.ts';

/**
 * How long a stopped component may take to end before its thread is terminated. The API server
 * gets longer: it first gives open requests their grace period, then closes its datastore.
 */
const STOP_GRACE_MS = 10_000;
const API_SERVER_STOP_GRACE_MS = 30_000;

export interface HostedComponent {
  /** Resolves with the thread's exit code when the component has ended (after stop(), or by itself); never rejects. */
  readonly done: Promise<number>;
  /** Asks the component to stop (it releases its lease, closes its connection, then ends). */
  stop(): void;
}

/** Starts `spec` on a thread of its own; `onMessage` hears what the component reports (the API server: ready). */
export function hostComponent(spec: HostedSpec, log: (message: string) => void, onMessage?: (message: FromWorker) => void): HostedComponent {
  const worker: Worker = moduleWorker(new URL('./worker.js', import.meta.url), { workerData: spec });
  if (onMessage !== undefined) worker.on('message', onMessage);
  const grace = spec.component === 'apiserver' ? API_SERVER_STOP_GRACE_MS : STOP_GRACE_MS;
  let stopTimer: NodeJS.Timeout | undefined;
  let ended = false;
  const done = new Promise<number>((resolve) => {
    worker.once('error', (err) => log(`${spec.component} failed: ${err instanceof Error ? err.message : String(err)}`));
    worker.once('exit', (code) => {
      ended = true;
      clearTimeout(stopTimer);
      if (code !== 0 && stopTimer === undefined) log(`${spec.component} ended (thread exit code ${code})`);
      resolve(code);
    });
  });
  let stopped = false;
  return {
    done,
    stop: () => {
      // A thread that ended by itself (a failed API server) has nothing left to stop.
      if (stopped || ended) return;
      stopped = true;
      const message: ToWorker = { type: 'stop' };
      worker.postMessage(message);
      stopTimer = setTimeout(() => {
        log(`${spec.component} did not stop within ${grace / 1000} s; terminating its thread`);
        void worker.terminate();
      }, grace);
      stopTimer.unref();
    },
  };
}
