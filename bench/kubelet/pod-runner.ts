// Creates the benchmark's pods through the API and times each one's startup: from just before
// its create request is sent (the creationTimestamp has one-second resolution, too coarse for
// sub-second figures; the request's own time is included, as in upstream's measurement from
// creation) to the moment the StartWatch saw all its containers running and started.

import type { RestClient } from '../../src/client/rest/client.ts';
import { StatusError } from '../../src/api/status.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';
import { POD_TYPE, type StartWatch } from './start-watch.ts';

const NAMESPACE = 'default';
const LABEL = { app: 'kbench' };
/** One pod must have started within this long, and a batch within BATCH_TIMEOUT_MS. */
const ONE_TIMEOUT_MS = 60_000;
const BATCH_TIMEOUT_MS = 180_000;
const SA_TYPE = { group: '', version: 'v1', resource: 'serviceaccounts', namespaced: true } as const;

/**
 * The benchmark pod: busybox from the offline demo images (already present), one container that
 * exits at once on SIGTERM so deletions do not wait out a grace period between measurements.
 */
export function benchPod(name: string, nodeName?: string): KubeObject & Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: NAMESPACE, labels: { ...LABEL } },
    spec: {
      terminationGracePeriodSeconds: 5,
      ...(nodeName === undefined ? {} : { nodeSelector: { 'kubernetes.io/hostname': nodeName } }),
      containers: [{
        name: 'main', image: 'docker.io/library/busybox:1.36', imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'],
      }],
    },
  };
}

export interface BatchResult {
  /** Per pod, ms from its create request to all containers started. */
  readonly latencies: number[];
  /** ms from the first create request to the last pod started. */
  readonly wallMs: number;
  /** Per pod, ms from its create request to the watch showing it bound to the node (API server + scheduler). */
  readonly bound: number[];
}

export class PodRunner {
  readonly #client: RestClient;
  readonly #watch: StartWatch;
  readonly #created = new Set<string>();

  constructor(client: RestClient, watch: StartWatch) {
    this.#client = client;
    this.#watch = watch;
  }

  get #pods() {
    return this.#client.resource<KubeObject>(POD_TYPE).namespace(NAMESPACE);
  }

  /** The controller-manager makes the namespace's default ServiceAccount; pods are refused before it exists. */
  async waitServiceAccount(timeoutMs: number): Promise<void> {
    const accounts = this.#client.resource<KubeObject>(SA_TYPE).namespace(NAMESPACE);
    const deadline = Date.now() + timeoutMs;
    while (await accounts.get('default').then(() => false, () => true)) {
      if (Date.now() > deadline) throw new Error(`no ServiceAccount default/default after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async #create(name: string, nodeName?: string): Promise<number> {
    const t0 = performance.now();
    this.#created.add(name);
    await this.#pods.create(benchPod(name, nodeName));
    return t0;
  }

  /** One pod alone on the node: created, timed to started (and to bound), deleted and waited for until gone. */
  async one(name: string): Promise<{ latency: number; bound: number }> {
    const t0 = await this.#create(name);
    await this.#watch.started([name], `pod ${name}`, ONE_TIMEOUT_MS);
    const latency = (this.#watch.startedAt.get(name) as number) - t0;
    const bound = (this.#watch.boundAt.get(name) ?? Number.NaN) - t0;
    await this.deleteAll();
    return { latency, bound };
  }

  /** `count` pods created at once (concurrent requests), each timed to started; left running. */
  async batch(prefix: string, count: number, nodeName?: string): Promise<BatchResult> {
    const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
    const first = performance.now();
    const sent = await Promise.all(names.map((name) => this.#create(name, nodeName)));
    await this.#watch.started(names, `${count} pods at once`, BATCH_TIMEOUT_MS);
    const done = names.map((name) => this.#watch.startedAt.get(name) as number);
    const bound = names.map((name, i) => (this.#watch.boundAt.get(name) ?? Number.NaN) - (sent[i] as number));
    return { latencies: done.map((t, i) => t - (sent[i] as number)), wallMs: Math.max(...done) - first, bound };
  }

  /** Deletes every pod this runner created and waits until the kubelet has stopped them and the objects are gone. */
  async deleteAll(): Promise<void> {
    const names = [...this.#created];
    await Promise.all(names.map((name) => this.#pods.delete(name).catch((err: unknown) => {
      if (!(err instanceof StatusError && err.code === 404)) throw err;
    })));
    await this.#watch.gone(names, 'deleting pods', BATCH_TIMEOUT_MS);
    this.#created.clear();
  }
}
