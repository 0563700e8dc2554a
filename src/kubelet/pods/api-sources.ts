// What the pod workers read through the API server with the node's identity: ConfigMaps and
// Secrets for env and pull credentials, Services for the service-link variables, the Node for
// allocatable resources. Missing objects are undefined (callers decide about `optional`); other
// errors reject. Services are cached for a few seconds, as many containers start at once.

import type { Clock } from '../../api/clock.ts';
import { isForbidden, isNotFound } from '../../api/status-predicates.ts';
import type { ConfigMap, Node, Pod, Secret, Service } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import type { EnvSources } from './env.ts';

export const PODS: ResourceType = { group: '', version: 'v1', resource: 'pods', namespaced: true };
const CONFIGMAPS: ResourceType = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
const SECRETS: ResourceType = { group: '', version: 'v1', resource: 'secrets', namespaced: true };
const SERVICES: ResourceType = { group: '', version: 'v1', resource: 'services', namespaced: true };
const NODES: ResourceType = { group: '', version: 'v1', resource: 'nodes', namespaced: false };
const SERVICE_TTL_MS = 5_000;

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export class ApiSources implements EnvSources {
  readonly #client: RestClient;
  readonly #clock: Clock;
  readonly #nodeName: string;
  readonly #services = new Map<string, { at: number; items: readonly Service[] }>();

  constructor(client: RestClient, clock: Clock, nodeName: string) {
    this.#client = client;
    this.#clock = clock;
    this.#nodeName = nodeName;
  }

  configMap(namespace: string, name: string): Promise<ConfigMap | undefined> {
    return orUndefined(this.#client.resource<ConfigMap>(CONFIGMAPS).namespace(namespace).get(name));
  }

  secret(namespace: string, name: string): Promise<Secret | undefined> {
    return orUndefined(this.#client.resource<Secret>(SECRETS).namespace(namespace).get(name));
  }

  async services(namespace: string, links: boolean): Promise<readonly Service[]> {
    const master = (await this.#cached('default')).filter((s) => s.metadata?.name === 'kubernetes');
    if (!links) return master;
    const own = await this.#cached(namespace);
    return namespace === 'default' ? own : [...master, ...own];
  }

  async nodeAllocatable(): Promise<Readonly<Record<string, string>>> {
    const node = await orUndefined(this.#client.resource<Node>(NODES).get(this.#nodeName));
    return node?.status?.allocatable ?? {};
  }

  async pullSecrets(pod: Pod): Promise<readonly Secret[]> {
    const ns = pod.metadata?.namespace ?? 'default';
    const found = await Promise.all((pod.spec?.imagePullSecrets ?? []).map((r) => this.secret(ns, r.name ?? '')));
    return found.filter((s): s is Secret => s !== undefined);
  }

  async #cached(namespace: string): Promise<readonly Service[]> {
    const hit = this.#services.get(namespace);
    const now = this.#clock.now();
    if (hit !== undefined && now - hit.at < SERVICE_TTL_MS) return hit.items;
    let items: readonly Service[] = [];
    try {
      items = (await this.#client.resource<Service>(SERVICES).namespace(namespace).list()).items;
    } catch (err) {
      // A node may not be allowed to list services: the variables are then left out.
      if (!isNotFound(err) && !isForbidden(err)) throw err;
    }
    this.#services.set(namespace, { at: now, items });
    if (this.#services.size > 1000) this.#services.clear();
    return items;
  }
}
