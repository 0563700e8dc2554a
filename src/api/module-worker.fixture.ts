// Test support for module-worker.test.ts: a worker that answers with its workerData plus one.

import { parentPort, workerData } from 'node:worker_threads';

parentPort?.postMessage((workerData as number) + 1);
