// The lock a leader election contends on: a coordination.k8s.io/v1 Lease (client-go's
// resourcelock.LeaseLock). The lock remembers the Lease it last read or wrote, and every update
// sends that object's resourceVersion back, so two candidates writing at once cannot both win:
// the second gets 409 Conflict.

import type { Lease } from '../../api/types/coordination/v1/index.ts';

/** What the lock holds, in the Lease's terms. Times are MicroTime strings as on the wire. */
export interface LeaderElectionRecord {
  /** "" when nobody holds the lock (after a release). */
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaderTransitions: number;
}

/** What an elector needs from a lock. Every call may throw a StatusError (404 from get when absent). */
export interface ResourceLock {
  readonly identity: string;
  /** "namespace/name", for messages. */
  describe(): string;
  /** The current record and its raw form (compared to notice any change). */
  get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }>;
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  /** Writes over the object last read or written; fails with 409 if it changed since. */
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
}

/** The calls LeaseLock makes; a ResourceClient<Lease> bound to the namespace has them. */
export interface LeaseClient {
  get(name: string, options?: { signal?: AbortSignal }): Promise<Lease>;
  create(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
  update(lease: Lease, options?: { signal?: AbortSignal }): Promise<Lease>;
}

export interface LeaseLockOptions {
  readonly client: LeaseClient;
  readonly namespace: string;
  readonly name: string;
  /** Unique per candidate, e.g. `${hostname}_${uuid}` as upstream components use. */
  readonly identity: string;
  /** Put on the Lease when this lock creates or updates it. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Milliseconds since the epoch as a MicroTime ("2026-01-01T00:00:00.000000Z"). */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function recordFromLease(lease: Lease): LeaderElectionRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    ...(spec.acquireTime === undefined ? {} : { acquireTime: spec.acquireTime }),
    ...(spec.renewTime === undefined ? {} : { renewTime: spec.renewTime }),
    leaderTransitions: spec.leaseTransitions ?? 0,
  };
}

export function leaseSpecFromRecord(record: LeaderElectionRecord): NonNullable<Lease['spec']> {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    ...(record.acquireTime === undefined ? {} : { acquireTime: record.acquireTime }),
    ...(record.renewTime === undefined ? {} : { renewTime: record.renewTime }),
    leaseTransitions: record.leaderTransitions,
  };
}

export class LeaseLock implements ResourceLock {
  readonly identity: string;
  readonly #options: LeaseLockOptions;
  #lease: Lease | undefined;

  constructor(options: LeaseLockOptions) {
    this.#options = options;
    this.identity = options.identity;
  }

  describe(): string {
    return `${this.#options.namespace}/${this.#options.name}`;
  }

  async get(signal?: AbortSignal): Promise<{ record: LeaderElectionRecord; raw: string }> {
    const lease = await this.#options.client.get(this.#options.name, signal === undefined ? {} : { signal });
    this.#lease = lease;
    const record = recordFromLease(lease);
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const { namespace, name, labels } = this.#options;
    this.#lease = await this.#options.client.create({
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name, namespace, ...(labels === undefined ? {} : { labels: { ...labels } }) },
      spec: leaseSpecFromRecord(record),
    }, signal === undefined ? {} : { signal });
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const lease = this.#lease;
    if (lease === undefined) throw new Error('lease not initialized, call get or create first');
    const labels = this.#options.labels;
    const metadata = labels === undefined ? lease.metadata : { ...lease.metadata, labels: { ...lease.metadata?.labels, ...labels } };
    this.#lease = await this.#options.client.update({ ...lease, ...(metadata === undefined ? {} : { metadata }), spec: leaseSpecFromRecord(record) },
      signal === undefined ? {} : { signal });
  }
}
