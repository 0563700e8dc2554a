// The thread of one component hosted by `k8ts server` (see component.ts): runs it until the
// server says stop, then lets the thread end. Each component's modules are imported only on its
// own thread, so a thread holds the code it runs and no other.

import { parentPort, workerData } from 'node:worker_threads';
import type { ApiServerReady, ApiServerSpec, HostedSpec, ToWorker } from './protocol.ts';

const spec = workerData as HostedSpec;
const stop = new AbortController();
parentPort?.on('message', (message: ToWorker) => {
  if (message.type === 'stop') stop.abort();
});

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} k8ts server: ${spec.component}: ${message}\n`);
}

async function runApiServer(s: ApiServerSpec): Promise<void> {
  const [{ KubeApiServer }, { openStore }] = await Promise.all([import('../../apiserver/kube-apiserver.ts'), import('../../storage/open.ts')]);
  const store = await openStore(s.endpoint, s.storeOptions);
  try {
    log(`datastore ready: ${s.endpoint} (revision ${await store.currentRevision()})`);
    await new KubeApiServer({
      dataDir: s.dataDir, store, host: s.host, port: s.port, tlsSans: s.tlsSans,
      maxRequestsInflight: s.maxRequestsInflight, maxMutatingRequestsInflight: s.maxMutatingRequestsInflight,
      ...(s.joinToken === undefined ? {} : { joinToken: s.joinToken }),
      onReady: ({ address, kubeconfig, components, joinToken }) => {
        const ready: ApiServerReady = { type: 'ready', address, kubeconfig, components, joinToken };
        parentPort?.postMessage(ready);
      },
    }).run(stop.signal);
  } finally {
    await store.close();
  }
}

async function run(): Promise<void> {
  switch (spec.component) {
    case 'apiserver':
      return runApiServer(spec);
    case 'scheduler': {
      const [{ RestClient }, { withUserAgent }, { loadKubeconfig }, { runScheduler }] = await Promise.all([
        import('../../client/rest/client.ts'), import('../../client/rest/config.ts'), import('../../client/rest/kubeconfig.ts'), import('../../scheduler/index.ts'),
      ]);
      const client = new RestClient(withUserAgent(await loadKubeconfig(spec.kubeconfig), 'kube-scheduler'));
      try {
        await runScheduler({ client, log, ...(spec.metricsAddress === undefined ? {} : { metricsAddress: spec.metricsAddress }) }, stop.signal);
      } finally {
        client.close();
      }
      return;
    }
    case 'controller-manager': {
      const [{ ALL_CONTROLLERS }, { ControllerManager }] = await Promise.all([import('../../controllers/all.ts'), import('../../controllers/manager/controller-manager.ts')]);
      await new ControllerManager({ kubeconfig: spec.kubeconfig, controllers: ALL_CONTROLLERS, options: spec.options, enabled: spec.enabled, log }).run(stop.signal);
      return;
    }
  }
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
