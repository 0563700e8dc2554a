// Test fixture: a real `k8ts server` with this folder's controllers (and the ReplicaSet
// controller) run in the test process, plus what a kubelet would do for pods: mark them
// Running and Ready. Used by the e2e tests until the controller-manager runs them itself.

import { realClock } from '../../api/clock.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { SharedInformerFactory } from '../../client/informers/factory.ts';
import { RestClient } from '../../client/rest/client.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import type { ResourceClient } from '../../client/rest/resource-client.ts';
import { DEFAULT_CONTROLLER_OPTIONS } from '../controller.ts';
import { replicaSetController } from '../replicaset/index.ts';
import { isPodReady } from '../replicaset/pod-utils.ts';
import { PODS } from '../replicaset/resources.ts';
import { TestServer } from '../../../test/e2e/harness.ts';
import { deploymentController } from './index.ts';

export interface Cluster {
  readonly server: TestServer;
  readonly client: RestClient;
  readonly pods: ResourceClient<Pod>;
  kubectl(...args: string[]): Promise<string>;
  /** Marks every Pending pod matching `selector` in `namespace` Running and Ready; answers how many. */
  markReady(namespace: string, selector: string): Promise<number>;
  /** Keeps marking pods ready every `everyMs` until the returned function is called. */
  autoReady(namespace: string, selector: string, everyMs?: number): () => Promise<void>;
  stop(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  // Once the controller-manager runs in the server, keep it out of the way of ours.
  try {
    return await TestServer.start(['--disable', 'controller-manager']);
  } catch {
    return TestServer.start();
  }
}

let ipCounter = 1;

export async function startCluster(): Promise<Cluster> {
  const server = await startServer();
  const client = new RestClient(await loadKubeconfig(server.kubeconfig));
  const informers = new SharedInformerFactory(client);
  const stop = new AbortController();
  const context = { client, informers, clock: realClock, options: DEFAULT_CONTROLLER_OPTIONS };
  const controllers = [replicaSetController(context), deploymentController(context)];
  informers.start(stop.signal);
  await informers.waitForCacheSync(stop.signal);
  const runs = controllers.map((c) => c.run(stop.signal));
  const pods = client.resource<Pod>(PODS);
  const markReady = async (namespace: string, selector: string): Promise<number> => {
    const list = await pods.namespace(namespace).list({ labelSelector: selector });
    let marked = 0;
    for (const pod of list.items) {
      if (isPodReady(pod) || pod.metadata?.deletionTimestamp !== undefined) continue;
      const n = ipCounter++;
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      try {
        await pods.namespace(namespace).patch(pod.metadata?.name ?? '', 'strategic', {
          status: {
            phase: 'Running', podIP: `10.42.${(n >> 8) & 255}.${n & 255}`, podIPs: [{ ip: `10.42.${(n >> 8) & 255}.${n & 255}` }],
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
          },
        }, { subresource: 'status' });
        marked++;
      } catch {
        // Deleted meanwhile.
      }
    }
    return marked;
  };
  return {
    server, client, pods, markReady,
    async kubectl(...args) {
      const r = await server.kubectl('1.33', args);
      if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} → ${r.code}: ${r.stderr}`);
      return r.stdout;
    },
    autoReady(namespace, selector, everyMs = 100) {
      let running = true;
      const loop = (async () => {
        while (running) {
          await markReady(namespace, selector).catch(() => 0);
          await new Promise((r) => setTimeout(r, everyMs));
        }
      })();
      return async () => {
        running = false;
        await loop;
      };
    },
    async stop() {
      stop.abort();
      await Promise.all(runs);
      await informers.shutdown();
      client.close();
      await server.stop();
    },
  };
}

/** Polls `check` every 100 ms until it answers true, or fails after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
