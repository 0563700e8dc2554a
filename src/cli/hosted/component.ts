// A component that `k8ts server` hosts (the scheduler, the controller-manager) runs in a worker
// thread of its own: it is an ordinary API client either way, and on a thread of its own its
// work (watch decoding, informer caches, its garbage) no longer takes turns with the API
// server's requests on one thread, just as the same component in a process of its own would not.

import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../../api/module-worker.ts';
import type { HostedSpec, ToWorker } from './protocol.ts';

/** How long a stopped component may take to end before its thread is terminated. */
const STOP_GRACE_MS = 10_000;

export interface HostedComponent {
  /** Resolves when the component has ended (after stop(), or by itself); never rejects. */
  readonly done: Promise<void>;
  /** Asks the component to stop (it releases its lease, closes its connection, then ends). */
  stop(): void;
}

export function hostComponent(spec: HostedSpec, log: (message: string) => void): HostedComponent {
  const worker: Worker = moduleWorker(new URL('./worker.js', import.meta.url), { workerData: spec });
  let stopTimer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    worker.once('error', (err) => log(`${spec.component} failed: ${err instanceof Error ? err.message : String(err)}`));
    worker.once('exit', (code) => {
      clearTimeout(stopTimer);
      if (code !== 0 && stopTimer === undefined) log(`${spec.component} ended (thread exit code ${code})`);
      resolve();
    });
  });
  let stopped = false;
  return {
    done,
    stop: () => {
      if (stopped) return;
      stopped = true;
      const message: ToWorker = { type: 'stop' };
      worker.postMessage(message);
      stopTimer = setTimeout(() => {
        log(`${spec.component} did not stop within ${STOP_GRACE_MS / 1000} s; terminating its thread`);
        void worker.terminate();
      }, STOP_GRACE_MS);
      stopTimer.unref();
    },
  };
}
