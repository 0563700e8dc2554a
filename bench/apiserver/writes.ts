// Writes as clients make them: closed-loop creates (each client sends its next request when
// the last one answered), and an open-loop mix of mutations at a fixed offered rate, timed from
// when each request was due so that a slow server cannot hide its backlog (no coordinated
// omission).

import { runConcurrent, summarize } from '../storage/measure.ts';
import { cpuBetween, sampleCpu, type CpuShare } from './cpu.ts';
import { expectStatus, type Credentials, type Session } from './client.ts';
import { configMap, configMapsPath, createNamespace, MERGE_PATCH, SessionPool } from './workload.ts';

export interface CreateResult {
  readonly clients: number;
  readonly sessions: number;
  readonly total: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** `total` ConfigMap creates (`cm-0`, `cm-1` …) in a new `namespace` by `clients` request loops over `sessions` HTTP/2 sessions. */
export async function measureCreates(credentials: Credentials, namespace: string, total: number, clients: number, sessions: number): Promise<CreateResult> {
  const pool = await SessionPool.open(credentials, sessions);
  try {
    await createNamespace(pool.for(0), namespace);
    const run = await runConcurrent(total, clients, async (client, i) => {
      const reply = await pool.for(client).request('POST', configMapsPath(namespace), configMap(`cm-${i}`));
      expectStatus(reply, `create configmap ${namespace}/cm-${i}`, 201);
    });
    const { p50, p99 } = summarize(run.latencies);
    return { clients, sessions, total, perSecond: run.perSecond, p50, p99 };
  } finally {
    await pool.close();
  }
}

export interface OpenLoopResult {
  readonly offeredPerSecond: number;
  readonly seconds: number;
  readonly achievedPerSecond: number;
  readonly total: number;
  readonly errors: number;
  /** How the failures failed: HTTP status (with the Status reason), or the transport error. */
  readonly errorKinds: ReadonlyMap<string, number>;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU used meanwhile by the clients, the watched processes (server, etcd) and everything else. */
  readonly cpu: CpuShare;
}

/**
 * How far behind its create a ConfigMap is patched, then deleted, in creates (at 500/s: 1.5 and
 * 3 s), so that a slow answer does not turn the next operation on the same object into a 404.
 */
const LAG = 250;

/**
 * `rate` mutations per second for `seconds`, issued on a timer over `sessions` sessions whatever
 * the answers: in turn a create, a merge-patch of the ConfigMap created LAG creates earlier, and
 * a delete of the one created 2·LAG earlier. Latency runs from the scheduled send time. The CPU
 * used meanwhile is reported for this process, `pids` (the server, etcd) and all others.
 */
export async function measureOpenLoop(
  credentials: Credentials, namespace: string, rate: number, seconds: number, sessions: number, pids: readonly number[],
): Promise<OpenLoopResult> {
  const pool = await SessionPool.open(credentials, sessions);
  try {
    await createNamespace(pool.for(0), namespace);
    // The ConfigMaps the first patches and deletes find.
    await runConcurrent(2 * LAG, 16, async (client, k) => {
      expectStatus(await pool.for(client).request('POST', configMapsPath(namespace), configMap(`m-${k}`)), `create configmap ${namespace}/m-${k}`, 201);
    });
    const total = Math.round(rate * seconds);
    const interval = 1000 / rate;
    const latencies: number[] = [];
    let errors = 0;
    const errorKinds = new Map<string, number>();
    const fail = (kind: string): void => {
      errors++;
      errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
    };
    const issue = async (session: Session, i: number, due: number): Promise<void> => {
      const k = 2 * LAG + Math.floor(i / 3);
      try {
        const reply = i % 3 === 0
          ? await session.request('POST', configMapsPath(namespace), configMap(`m-${k}`))
          : i % 3 === 1
            ? await session.request('PATCH', configMapsPath(namespace, `m-${k - LAG}`), JSON.stringify({ data: { key: `p${i}` } }), MERGE_PATCH)
            : await session.request('DELETE', configMapsPath(namespace, `m-${k - 2 * LAG}`));
        latencies.push(performance.now() - due);
        if (reply.status < 200 || reply.status >= 300) fail(`${['create', 'patch', 'delete'][i % 3]} ${reply.status} ${reasonOf(reply.body)}`);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      }
    };
    const inFlight: Array<Promise<void>> = [];
    const cpu0 = sampleCpu(pids);
    const start = performance.now() + 20;
    for (let i = 0; i < total;) {
      const now = performance.now();
      for (; i < total && start + i * interval <= now; i++) inFlight.push(issue(pool.for(i), i, start + i * interval));
      if (i < total) await new Promise((resolve) => setTimeout(resolve, Math.max(0, start + i * interval - performance.now())));
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - start) / 1000;
    const cpu = cpuBetween(cpu0, sampleCpu(pids));
    const { p50, p99, max } = summarize(latencies);
    return { offeredPerSecond: rate, seconds, achievedPerSecond: latencies.length / elapsed, total: latencies.length, errors, errorKinds, p50, p99, max, cpu };
  } finally {
    await pool.close();
  }
}

/** Creates `count` ConfigMaps in a new `namespace` (64 clients over 8 sessions), for the memory measure; returns creates/s. */
export async function fill(credentials: Credentials, namespace: string, count: number): Promise<number> {
  const pool = await SessionPool.open(credentials, 8);
  try {
    await createNamespace(pool.for(0), namespace);
    const run = await runConcurrent(count, 64, async (client, i) => {
      expectStatus(await pool.for(client).request('POST', configMapsPath(namespace), configMap(`f-${i}`)), `create configmap ${namespace}/f-${i}`, 201);
    });
    return run.perSecond;
  } finally {
    await pool.close();
  }
}

function reasonOf(body: Buffer): string {
  try {
    return String((JSON.parse(body.toString('utf8')) as { reason?: unknown }).reason ?? '');
  } catch {
    return '';
  }
}
