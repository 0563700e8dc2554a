// Starts writer.ts as a worker thread. From compiled JavaScript the worker runs writer.js
// directly. From TypeScript sources (tests, `npm start`) it first registers the tsx loader
// inside the worker: Node 20 resolves a worker's entry before any --import hook runs.

import { Worker } from 'node:worker_threads';
import type { WriterData } from './protocol.ts';

export function writerWorker(path: string): Worker {
  const data: WriterData = { path };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./writer.js', import.meta.url), { workerData: data });
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./writer.ts', import.meta.url).href);
  const bootstrap = `import(${loader}).then((tsx) => { tsx.register(); return import(${entry}); });`;
  return new Worker(bootstrap, { eval: true, workerData: data });
}
