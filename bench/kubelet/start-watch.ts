// One watch on the benchmark's pods that records, per pod name, the first moment
// (performance.now() in this process) its status showed every container running with
// `started: true` — upstream's pod startup SLI end point — and the moment the pod object was
// deleted (and, to tell scheduling from the node's work, when it was first seen bound). A broken watch relists and resumes; a relist can only make a start time later
// (never earlier), so a late relist errs on the slow side.

import { setMaxListeners } from 'node:events';
import type { RestClient } from '../../src/client/rest/client.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';

export interface BenchPod extends KubeObject {
  spec?: { nodeName?: string; containers?: { name: string }[] };
  status?: {
    phase?: string;
    containerStatuses?: { name: string; started?: boolean; state?: { running?: object; waiting?: { reason?: string; message?: string }; terminated?: { reason?: string } } }[];
  };
}

export const POD_TYPE = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

/** True once every container of the spec has a status that is running and started. */
export function allStarted(pod: BenchPod): boolean {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const statuses = pod.status?.containerStatuses ?? [];
  return names.length > 0 && names.every((name) => {
    const s = statuses.find((c) => c.name === name);
    return s?.state?.running !== undefined && s.started === true;
  });
}

export class StartWatch {
  readonly startedAt = new Map<string, number>();
  /** When each pod was first seen bound to a node (spec.nodeName set): splits scheduling from the node's part. */
  readonly boundAt = new Map<string, number>();
  readonly deletedAt = new Map<string, number>();
  /** The latest object seen per name, to explain a pod that never starts. */
  readonly latest = new Map<string, BenchPod>();
  readonly #abort = new AbortController();
  readonly #labelSelector: string;
  readonly #namespace: string;
  #done: Promise<void> = Promise.resolve();
  #log: (m: string) => void;

  constructor(namespace: string, labelSelector: string, log: (m: string) => void) {
    this.#namespace = namespace;
    this.#labelSelector = labelSelector;
    this.#log = log;
    setMaxListeners(0, this.#abort.signal);
  }

  /** Starts watching; resolves once the initial list is in, so later events are not missed. */
  async start(client: RestClient): Promise<void> {
    const pods = client.resource<BenchPod>(POD_TYPE).namespace(this.#namespace);
    const first = await pods.list({ labelSelector: this.#labelSelector });
    for (const pod of first.items) this.#see(pod);
    let resourceVersion: string | undefined = first.metadata?.resourceVersion;
    const signal = this.#abort.signal;
    this.#done = (async () => {
      // Bounded: each pass either streams until the watch ends or waits a second after a failure.
      while (!signal.aborted) {
        try {
          if (resourceVersion === undefined) {
            const list = await pods.list({ labelSelector: this.#labelSelector });
            resourceVersion = list.metadata?.resourceVersion;
            const present = new Set(list.items.map((p) => p.metadata?.name));
            for (const name of this.latest.keys()) if (!present.has(name)) this.#deleted(name);
            for (const pod of list.items) this.#see(pod);
          }
          for await (const event of pods.watch({ signal, labelSelector: this.#labelSelector, allowWatchBookmarks: true, timeoutSeconds: 3600, ...(resourceVersion === undefined ? {} : { resourceVersion }) })) {
            if (event.type === 'ERROR') { resourceVersion = undefined; break; }
            resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
            if (event.type === 'DELETED') this.#deleted(event.object.metadata?.name ?? '');
            else if (event.type !== 'BOOKMARK') this.#see(event.object);
          }
        } catch (err) {
          if (signal.aborted) return;
          this.#log(`pod watch failed (${err instanceof Error ? err.message : String(err)}); relisting`);
          resourceVersion = undefined;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    })();
  }

  #see(pod: BenchPod): void {
    const name = pod.metadata?.name;
    if (name === undefined) return;
    this.latest.set(name, pod);
    this.deletedAt.delete(name);
    if (!this.boundAt.has(name) && (pod.spec?.nodeName ?? '') !== '') this.boundAt.set(name, performance.now());
    if (!this.startedAt.has(name) && allStarted(pod)) this.startedAt.set(name, performance.now());
  }

  #deleted(name: string): void {
    this.latest.delete(name);
    if (!this.deletedAt.has(name)) this.deletedAt.set(name, performance.now());
  }

  /** Resolves once `done(name)` holds for every name; throws after timeoutMs, naming the stragglers' state. */
  async waitFor(names: readonly string[], what: string, timeoutMs: number, done: (name: string) => boolean): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const left = names.filter((n) => !done(n));
      if (left.length === 0) return;
      if (performance.now() > deadline) {
        const sample = left.slice(0, 3).map((n) => `${n}: ${describe(this.latest.get(n))}`).join('; ');
        throw new Error(`${what}: ${left.length} of ${names.length} pods not done after ${timeoutMs / 1000} s (${sample})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  started(names: readonly string[], what: string, timeoutMs: number): Promise<void> {
    return this.waitFor(names, what, timeoutMs, (n) => this.startedAt.has(n));
  }

  gone(names: readonly string[], what: string, timeoutMs: number): Promise<void> {
    return this.waitFor(names, what, timeoutMs, (n) => !this.latest.has(n));
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#done.catch(() => undefined);
  }
}

function describe(pod: BenchPod | undefined): string {
  if (pod === undefined) return 'not seen';
  const waiting = pod.status?.containerStatuses?.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason ?? (c.state?.running === undefined ? '?' : 'running')).join(',');
  return `node ${pod.spec?.nodeName ?? '-'}, phase ${pod.status?.phase ?? '-'}, containers ${waiting ?? '-'}`;
}
