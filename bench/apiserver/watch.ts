// Many watchers of one namespace's ConfigMaps, multiplexed over a few HTTP/2 sessions as
// informers in many clients would be; then one update at a time, each timed from just before
// its PATCH is sent until every watcher has its MODIFIED event (or 10 s have passed).

import { summarize } from '../storage/measure.ts';
import { expectStatus, Session, type Credentials } from './client.ts';
import { configMap, configMapsPath, createNamespace, MERGE_PATCH, SessionPool } from './workload.ts';

export interface WatchResult {
  readonly watchers: number;
  readonly sessions: number;
  readonly updates: number;
  readonly delivered: number;
  /** The first watcher's delivery. */
  readonly min: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const ROUND_TIMEOUT_MS = 10_000;

export async function measureWatch(credentials: Credentials, namespace: string, watchers: number, perSession: number, updates: number): Promise<WatchResult> {
  const admin = await Session.connect(credentials);
  const pool = await SessionPool.open(credentials, Math.ceil(watchers / perSession));
  const streams: Array<{ close(): void }> = [];
  try {
    await createNamespace(admin, namespace);
    const created = expectStatus(await admin.request('POST', configMapsPath(namespace), configMap('target')), 'create the watched configmap', 201);
    const revision = (JSON.parse(created.body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;

    const latencies: number[] = [];
    let round = -1;
    let sentAt = 0;
    let pending = 0;
    let roundDone: () => void = () => undefined;
    // Matched as text, not decoded: the client's own work per event stays small next to the server's.
    const onLine = (line: string): void => {
      if (!line.startsWith('{"type":"MODIFIED"') || !line.includes(`"key":"round-${round}"`)) return;
      latencies.push(performance.now() - sentAt);
      if (--pending === 0) roundDone();
    };
    // Informers watch from the revision of their list, with bookmarks.
    const path = `${configMapsPath(namespace)}?watch=true&allowWatchBookmarks=true&resourceVersion=${revision}&timeoutSeconds=600`;
    for (let opened = 0; opened < watchers; opened += 100) {
      const batch = Array.from({ length: Math.min(100, watchers - opened) }, (_, i) => pool.for(Math.floor((opened + i) / perSession)).watch(path, onLine));
      streams.push(...(await Promise.all(batch)));
    }
    // Headers go out before the server has registered the watch: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    for (round = 0; round < updates; round++) {
      const done = new Promise<void>((resolve) => { roundDone = resolve; });
      pending = watchers;
      sentAt = performance.now();
      const patch = JSON.stringify({ data: { key: `round-${round}` } });
      expectStatus(await admin.request('PATCH', configMapsPath(namespace, 'target'), patch, MERGE_PATCH), 'patch the watched configmap', 200);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => { timer = setTimeout(resolve, ROUND_TIMEOUT_MS); })]);
      clearTimeout(timer);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { p50, p99, max } = summarize(latencies);
    return { watchers, sessions: pool.size, updates, delivered: latencies.length, min: latencies[0] ?? Number.NaN, p50, p99, max };
  } finally {
    for (const stream of streams) stream.close();
    await pool.close();
    await admin.close();
  }
}
