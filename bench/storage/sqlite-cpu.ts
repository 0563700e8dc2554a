// CPU per write of the sqlite store, per thread: the main thread (queueing, postMessage,
// results, watch dispatch) and the writer thread (SQLite, commit), from the kernel's per-thread
// run time (/proc/self/task/<tid>/schedstat), so the figures hardly depend on what else runs.
//
//   node --import tsx bench/storage/sqlite-cpu.ts [--pods N] [--concurrency N] [--watchers N]
//
// The writes are those of a pod's life in bench/controllers: the pod's create, its binding and
// its status (updates guarded by the modRevision, of a pod of a few KiB), and four events
// (creates with a TTL, as the API server stores them). `--concurrency` pods go through their
// writes at once, so the writer commits several writes per transaction, as under load. One
// watcher of the whole store (as the watch cache is) consumes every event.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.ts';
import { fmt, machine } from './measure.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const PODS = flag('--pods', 5000);
const CONCURRENCY = flag('--concurrency', 16);
const WATCHERS = flag('--watchers', 1);
const WRITES_PER_POD = 7;

/** CPU nanoseconds each thread of this process has run, by thread id. */
function threadCpu(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      cpu.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return cpu;
}

const now = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function podJson(i: number, phase: 'created' | 'bound' | 'running'): string {
  const name = `web-7d4f8b9c6-${i.toString(36).padStart(5, 'x')}`;
  const pod: Record<string, unknown> = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, generateName: 'web-7d4f8b9c6-', namespace: 'default', uid: `6f1c2a8e-${i.toString(16).padStart(4, '0')}-4b7e-9a51-3c0d2e7f8a91`,
      creationTimestamp: '2026-11-26T10:00:00Z', labels: { app: 'web', 'pod-template-hash': '7d4f8b9c6' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4f8b9c6', uid: '0d9e3b51-2c47-4f8a-b6e1-7a3c5d9f0e24', controller: true, blockOwnerDeletion: true }],
      managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1', time: '2026-11-26T10:00:00Z', fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} }, 'f:ownerReferences': { '.': {}, 'k:{"uid":"0d9e3b51-2c47-4f8a-b6e1-7a3c5d9f0e24"}': {} } },
          'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': { '.': {}, 'f:requests': { '.': {}, 'f:cpu': {}, 'f:memory': {} } }, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {} } }, 'f:dnsPolicy': {}, 'f:enableServiceLinks': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {} } } }],
    },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent' }],
      restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', serviceAccount: 'default',
      securityContext: {}, schedulerName: 'default-scheduler', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority', priority: 0,
      tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      ...(phase === 'created' ? {} : { nodeName: `node-${i % 100}` }),
    },
    status: phase === 'running'
      ? { phase: 'Running', conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now() })),
        hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], podIP: `10.244.${i % 250}.${i % 200}`, podIPs: [{ ip: `10.244.${i % 250}.${i % 200}` }], startTime: now(),
        containerStatuses: [{ name: 'web', state: { running: { startedAt: now() } }, lastState: {}, ready: true, restartCount: 0, image: 'nginx:1.27', imageID: 'docker.io/library/nginx@sha256:0123456789abcdef', containerID: `containerd://${i.toString(16).padStart(64, '0')}`, started: true }],
        qosClass: 'Burstable' }
      : { phase: 'Pending', qosClass: 'Burstable' },
  };
  return JSON.stringify(pod);
}

function eventJson(i: number, reason: string): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Event', metadata: { name: `web-7d4f8b9c6-${i}.${reason.toLowerCase()}${i.toString(16)}`, namespace: 'default', uid: `ev-${i}-${reason}`, creationTimestamp: now() },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: `web-7d4f8b9c6-${i}`, uid: `6f1c2a8e-${i}`, resourceVersion: String(i) },
    reason, message: `${reason} for pod default/web-7d4f8b9c6-${i} on node-${i % 100}`, type: 'Normal', source: { component: 'kubelet', host: `node-${i % 100}` },
    firstTimestamp: now(), lastTimestamp: now(), count: 1, reportingComponent: 'kubelet', reportingInstance: `node-${i % 100}`,
  });
}

const REASONS = ['Scheduled', 'Pulled', 'Created', 'Started'] as const;

/** The values one pod's writes store, made before the measurement so it counts only the store. */
interface PodValues {
  readonly created: string;
  readonly bound: string;
  readonly running: string;
  readonly events: readonly string[];
}

function podValues(i: number): PodValues {
  return { created: podJson(i, 'created'), bound: podJson(i, 'bound'), running: podJson(i, 'running'), events: REASONS.map((reason) => eventJson(i, reason)) };
}

async function podLife(store: SqliteStore, i: number, values: PodValues): Promise<void> {
  const key = `/registry/pods/default/web-7d4f8b9c6-${i}`;
  const event = (n: number): Promise<unknown> =>
    store.create(`/registry/events/default/web-7d4f8b9c6-${i}.${REASONS[n] ?? ''}`, values.events[n] ?? '', { ttlSeconds: 3600 });
  let kv = await store.create(key, values.created);
  await event(0);
  kv = await store.update(key, values.bound, kv.modRevision);
  await event(1);
  await event(2);
  await store.update(key, values.running, kv.modRevision);
  await event(3);
}

const values = Array.from({ length: PODS }, (_, i) => podValues(i));
const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-sqlite-cpu-'));
try {
  const before = new Set(threadCpu().keys());
  const store = await SqliteStore.open(join(dir, 'state.db'), { compactIntervalMs: 0, watcherBuffer: 1_000_000 });
  const writerTids = [...threadCpu().keys()].filter((tid) => !before.has(tid));
  const controller = new AbortController();
  const afterRevision = await store.currentRevision();
  let delivered = 0;
  const watchers = Array.from({ length: WATCHERS }, async () => {
    for await (const _event of store.watch('/registry/', { afterRevision, signal: controller.signal })) delivered++;
  });
  const mainTid = String(process.pid);
  const start = threadCpu();
  const wallStart = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < PODS; i = next++) await podLife(store, i, values[i] as PodValues);
  }));
  while (delivered < PODS * WRITES_PER_POD * WATCHERS) await new Promise((resolve) => setImmediate(resolve));
  const wall = (performance.now() - wallStart) / 1000;
  const end = threadCpu();
  controller.abort();
  await Promise.allSettled(watchers);
  await store.close();

  const used = (tids: readonly string[]): number => tids.reduce((sum, tid) => sum + (end.get(tid) ?? 0) - (start.get(tid) ?? 0), 0) / 1e9;
  const writes = PODS * WRITES_PER_POD;
  const main = used([mainTid]);
  const writer = used(writerTids);
  const all = used([...end.keys()]);
  const perWrite = (seconds: number): string => `${fmt.ms((seconds / writes) * 1e6)}`;
  process.stdout.write([
    `Machine: ${machine()}`,
    `${fmt.int(writes)} writes (${fmt.int(PODS)} pods × ${WRITES_PER_POD}), ${CONCURRENCY} pods at once, ${WATCHERS} watcher(s); ${wall.toFixed(1)} s`,
    '',
    '| thread | CPU s | µs per write |',
    '|---|---:|---:|',
    `| main | ${main.toFixed(2)} | ${perWrite(main)} |`,
    `| writer | ${writer.toFixed(2)} | ${perWrite(writer)} |`,
    `| whole process | ${all.toFixed(2)} | ${perWrite(all)} |`,
    '',
  ].join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
