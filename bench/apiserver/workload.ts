// What the benchmark sends: small, valid objects and the paths they live at, and a pool of
// HTTP/2 sessions that the simulated clients share.

import { Session, expectStatus, type Credentials } from './client.ts';

export const configMapsPath = (namespace: string, name = ''): string =>
  `/api/v1/namespaces/${namespace}/configmaps${name === '' ? '' : `/${name}`}`;

export const podsPath = (namespace: string): string => `/api/v1/namespaces/${namespace}/pods`;

/** A ConfigMap with one small data entry. */
export function configMap(name: string, value = 'v'): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { key: value } });
}

/** The smallest valid Pod: one container with a name and an image (the server fills in the defaults). */
export function pod(name: string): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'main', image: 'busybox' }] } });
}

export const eventsPath = (namespace: string): string => `/api/v1/namespaces/${namespace}/events`;

/** An Event as a kubelet reports a container's start (the commonest write of a scale-up: four per pod). */
export function event(namespace: string, name: string): string {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.${Date.now().toString(16)}`, namespace },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace, name, uid: '6b1d9d4e-3f0c-4d52-9a55-2f1e6f0e8a11', resourceVersion: '1', fieldPath: 'spec.containers{main}' },
    reason: 'Started', message: 'Started container main', type: 'Normal', source: { component: 'kubelet', host: 'node-0' },
    firstTimestamp: now, lastTimestamp: now, count: 1, reportingComponent: 'kubelet', reportingInstance: 'node-0',
  });
}

export const MERGE_PATCH = 'application/merge-patch+json';

export async function createNamespace(session: Session, name: string): Promise<void> {
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  expectStatus(await session.request('POST', '/api/v1/namespaces', body), `create namespace ${name}`);
}

/** `count` sessions; client `i` uses session `i % count`. */
export class SessionPool {
  readonly #sessions: readonly Session[];

  private constructor(sessions: readonly Session[]) {
    this.#sessions = sessions;
  }

  static async open(credentials: Credentials, count: number): Promise<SessionPool> {
    return new SessionPool(await Promise.all(Array.from({ length: count }, () => Session.connect(credentials))));
  }

  get size(): number {
    return this.#sessions.length;
  }

  for(client: number): Session {
    return this.#sessions[client % this.#sessions.length] as Session;
  }

  async close(): Promise<void> {
    await Promise.all(this.#sessions.map((s) => s.close()));
  }
}
