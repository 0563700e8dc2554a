// The thread of one component hosted by `k8ts server` (see component.ts): runs it until the
// server says stop, then lets the thread end.

import { parentPort, workerData } from 'node:worker_threads';
import { RestClient } from '../../client/rest/client.ts';
import { withUserAgent } from '../../client/rest/config.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { ALL_CONTROLLERS } from '../../controllers/all.ts';
import { ControllerManager } from '../../controllers/manager/controller-manager.ts';
import { runScheduler } from '../../scheduler/index.ts';
import type { HostedSpec, ToWorker } from './protocol.ts';

const spec = workerData as HostedSpec;
const stop = new AbortController();
parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'stop') stop.abort();
});

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} k8ts server: ${spec.component}: ${message}\n`);
}

async function run(): Promise<void> {
  if (spec.component === 'scheduler') {
    const client = new RestClient(withUserAgent(await loadKubeconfig(spec.kubeconfig), 'kube-scheduler'));
    try {
      await runScheduler({ client, log, ...(spec.metricsAddress === undefined ? {} : { metricsAddress: spec.metricsAddress }) }, stop.signal);
    } finally {
      client.close();
    }
    return;
  }
  await new ControllerManager({ kubeconfig: spec.kubeconfig, controllers: ALL_CONTROLLERS, options: spec.options, enabled: spec.enabled, log }).run(stop.signal);
}

try {
  await run();
} catch (err) {
  log(`failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  // Nothing more comes from the server: the thread ends once the component's last handles close.
  parentPort?.close();
}
