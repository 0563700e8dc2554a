// Starts writer.ts as a worker thread.

import type { Worker } from 'node:worker_threads';
import { moduleWorker } from '../../api/module-worker.ts';
import type { WriterData } from './protocol.ts';

export function writerWorker(path: string): Worker {
  const data: WriterData = { path };
  return moduleWorker(new URL('./writer.js', import.meta.url), { workerData: data });
}
