// Starts an ES module as a worker thread. `entry` names the compiled file (`./x.js` beside the
// caller); compiled code runs it as it is. Run from TypeScript sources (tests, `npm start`
// before a build), the worker loads the `.ts` file beside it after registering the tsx loader in
// the worker itself: Node 20 resolves a worker's entry before any --import hook runs there.

import { Worker, type WorkerOptions } from 'node:worker_threads';

export function moduleWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry, options);
  const source = JSON.stringify(entry.href.replace(/\.js$/, '.ts'));
  const loader = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${loader}).then((tsx) => { tsx.register(); return import(${source}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
