// Test fixture: an in-memory stand-in for the API server's Deployments and ReplicaSets (with
// resourceVersion conflicts, as the real store answers them) and a simulated ReplicaSet
// controller plus nodes with a fixed number of pod slots. Lets the Deployment sync functions
// run a whole rollout step by step, deterministically, and records every ReplicaSet write.

import type { Deployment, ReplicaSet } from '../../api/types/apps/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';
import { replicasOf } from './annotations.ts';

function statusError(code: number, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** One ReplicaSet write: its name and the replicas before and after. */
export interface ReplicaSetWrite {
  readonly name: string;
  readonly from: number;
  readonly to: number;
}

interface Pods {
  running: number;
  pending: number;
}

export interface SimulatedApps {
  readonly client: RestClient;
  /** Every accepted ReplicaSet create or update, in order. */
  readonly writes: ReplicaSetWrite[];
  deployment(): Deployment;
  /** Changes the stored Deployment's spec (as a user's update would; generation goes up). */
  edit(change: (d: Deployment) => void): void;
  /** Stores a ReplicaSet as given, status included, with that many running pods behind it. */
  seed(rs: ReplicaSet): void;
  replicaSets(): ReplicaSet[];
  replicaSet(name: string): ReplicaSet | undefined;
  /**
   * One pass of the ReplicaSet controller and the nodes. Like upstream's syncReplicaSet, the
   * status written is computed from the pods seen before this pass's creates and deletes
   * (at most `burst` each), so right after a scale-down it still counts the pods being
   * deleted. Then pending pods start while running pods are fewer than `slots`.
   */
  tick(): void;
}

export function simulateApps(initial: Deployment, slots: number, burst: number): SimulatedApps {
  let rv = 1;
  let uid = 1;
  let created = 0;
  let stored: Deployment = { ...structuredClone(initial), metadata: { ...initial.metadata, resourceVersion: String(rv++) } };
  const rss = new Map<string, ReplicaSet>();
  const pods = new Map<string, Pods>();
  const writes: ReplicaSetWrite[] = [];

  /** Saves a new ReplicaSet; creation times a second apart keep the ordering by age defined. */
  const store = (obj: ReplicaSet): ReplicaSet => {
    const name = obj.metadata?.name ?? '';
    const creationTimestamp = new Date(Date.UTC(2026, 0, 1, 0, 0, created++)).toISOString().replace(/\.\d+Z$/, 'Z');
    const saved: ReplicaSet = { ...structuredClone(obj), metadata: { ...obj.metadata, uid: `rs-${uid++}`, resourceVersion: String(rv++), creationTimestamp, generation: 1 } };
    rss.set(name, saved);
    pods.set(name, { running: saved.status?.availableReplicas ?? 0, pending: 0 });
    return saved;
  };

  const replicaSets = {
    namespace: () => replicaSets,
    create: async (obj: ReplicaSet): Promise<ReplicaSet> => {
      const name = obj.metadata?.name ?? '';
      if (rss.has(name)) throw statusError(409, `replicasets.apps "${name}" already exists`);
      const saved = store(obj);
      writes.push({ name, from: 0, to: replicasOf(saved) });
      return structuredClone(saved);
    },
    update: async (obj: ReplicaSet): Promise<ReplicaSet> => {
      const name = obj.metadata?.name ?? '';
      const current = rss.get(name);
      if (current === undefined) throw statusError(404, `replicasets.apps "${name}" not found`);
      if (obj.metadata?.resourceVersion !== current.metadata?.resourceVersion) {
        throw statusError(409, `Operation cannot be fulfilled on replicasets.apps "${name}": the object has been modified; please apply your changes to the latest version and try again`);
      }
      const generation = (current.metadata?.generation ?? 1) + (replicasOf(obj) !== replicasOf(current) ? 1 : 0);
      const saved: ReplicaSet = { ...structuredClone(obj), ...(current.status === undefined ? {} : { status: current.status }), metadata: { ...obj.metadata, resourceVersion: String(rv++), generation } };
      rss.set(name, saved);
      writes.push({ name, from: replicasOf(current), to: replicasOf(saved) });
      return structuredClone(saved);
    },
  };
  const deployments = {
    namespace: () => deployments,
    update: async (obj: Deployment): Promise<Deployment> => {
      stored = { ...stored, status: structuredClone(obj.status ?? {}), metadata: { ...stored.metadata, resourceVersion: String(rv++) } };
      return structuredClone(stored);
    },
    patch: async (_name: string, _type: string, body: { metadata?: { annotations?: Record<string, string> } }): Promise<Deployment> => {
      const annotations = { ...stored.metadata?.annotations, ...body.metadata?.annotations };
      stored = { ...stored, metadata: { ...stored.metadata, annotations, resourceVersion: String(rv++) } };
      return structuredClone(stored);
    },
  };
  const client = {
    resource: (type: ResourceType) => (type.resource === 'replicasets' ? replicaSets : deployments),
  } as unknown as RestClient;

  const tick = (): void => {
    for (const [name, rs] of rss) {
      const p = pods.get(name) ?? { running: 0, pending: 0 };
      const seen = { ...p };
      const diff = replicasOf(rs) - (p.running + p.pending);
      if (diff > 0) p.pending += Math.min(diff, burst);
      if (diff < 0) {
        // Pending pods go first (upstream's deletion ranking), then running ones.
        let remove = Math.min(-diff, burst);
        const fromPending = Math.min(remove, p.pending);
        p.pending -= fromPending;
        remove -= fromPending;
        p.running -= Math.min(remove, p.running);
      }
      pods.set(name, p);
      rss.set(name, {
        ...rs,
        metadata: { ...rs.metadata, resourceVersion: String(rv++) },
        status: {
          replicas: seen.running + seen.pending, readyReplicas: seen.running, availableReplicas: seen.running,
          observedGeneration: rs.metadata?.generation ?? 0,
        },
      });
    }
    let running = [...pods.values()].reduce((sum, p) => sum + p.running, 0);
    for (const p of pods.values()) {
      const start = Math.min(p.pending, Math.max(0, slots - running));
      p.pending -= start;
      p.running += start;
      running += start;
    }
  };

  return {
    client, writes, tick,
    deployment: () => structuredClone(stored),
    edit(change) {
      const next = structuredClone(stored);
      change(next);
      stored = { ...next, metadata: { ...next.metadata, generation: (stored.metadata?.generation ?? 1) + 1, resourceVersion: String(rv++) } };
    },
    seed(rs) {
      store(rs);
    },
    replicaSets: () => [...rss.values()].map((rs) => structuredClone(rs)),
    replicaSet: (name) => structuredClone(rss.get(name)),
  };
}
