// Scheduler benchmark, modeled on upstream's scheduler_perf (SchedulingBasic by default; the
// other workloads and their checks in workloads.ts): `k8ts server` in its
// own process (its in-process scheduler does the scheduling; the controller-manager is disabled,
// as scheduler_perf runs no controllers), N Node objects created through the API (no kubelets),
// a warm-up (init pods) waited for until bound, then the measured pods created as fast as the API
// takes them. Throughput and create→bound latency come from a watch on pods (the first event
// showing spec.nodeName); the server's RSS from /proc/<pid>/status. Markdown report on stdout,
// progress on stderr.
//
//   node --import tsx bench/scheduler/main.ts [--workload basic|anti-affinity|topology-spreading|preemption]
//        [--quick] [--nodes N] [--pods N] [--warmup N] [--server-cpu-prof DIR]
//
// basic --quick: 500 nodes, 200 warm-up + 1,000 measured pods; full: 5,000 nodes, 1,000 + 10,000.
// Other workloads' sizes: `quick` and `full` in workloads.ts. A failed workload check exits 1.

import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import { RestClient } from '../../src/client/rest/client.ts';
import { loadKubeconfig } from '../../src/client/rest/kubeconfig.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';
import { ServerProcess } from '../apiserver/server-process.ts';
import { fmt, machine, percentile, runConcurrent, summarize } from '../storage/measure.ts';
import { NAMESPACE, WORKLOADS, WORKLOAD_NAMES, type CheckResult, type Observed, type Pod, type WorkloadName } from './workloads.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes('--quick');
const workloadName = flag('--workload') ?? 'basic';
if (!(WORKLOAD_NAMES as readonly string[]).includes(workloadName)) {
  process.stderr.write(`bench/scheduler: unknown --workload ${workloadName}; one of ${WORKLOAD_NAMES.join(', ')}\n`);
  process.exit(2);
}
const workload = WORKLOADS[workloadName as WorkloadName];
const sizes = quick ? workload.quick : workload.full;
const NODES = Number(flag('--nodes') ?? sizes[0]);
const WARMUP = Number(flag('--warmup') ?? sizes[1]);
const PODS = Number(flag('--pods') ?? sizes[2]);
for (const [name, n] of [['--nodes', NODES], ['--warmup', WARMUP], ['--pods', PODS]] as const) {
  if (!Number.isInteger(n) || n < (name === '--warmup' ? 0 : 1)) {
    process.stderr.write(`bench/scheduler: ${name} must be a whole number${name === '--warmup' ? '' : ' ≥ 1'}, got ${n}\n`);
    process.exit(2);
  }
}
const CONCURRENCY = 64;
/** The whole run, server start to report. */
const DEADLINE_MS = Number(flag('--deadline-s') ?? (quick ? 180 : 900)) * 1000;
/** Waiting for the pods of one phase to be bound gives up after this long without progress. */
const STALL_MS = 60_000;
const TARGET_RATE = 500;
const UPSTREAM_THRESHOLD = 270;

const deadline = Date.now() + DEADLINE_MS;
const progress = (m: string): void => { process.stderr.write(`${new Date().toISOString()} bench/scheduler: ${m}\n`); };
const checkDeadline = (what: string): void => {
  if (Date.now() > deadline) throw new Error(`overall deadline of ${DEADLINE_MS / 1000} s passed during ${what}`);
};

const NODE_TYPE = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;
const POD_TYPE = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

/** The first moment (performance.now()) each pod was seen with spec.nodeName, from one watch. */
class BindWatch implements Observed {
  readonly boundAt = new Map<string, number>();
  readonly bound = new Map<string, { node: string; seq: number }>();
  readonly deleted = new Map<string, { node: string; seq: number }>();
  readonly nominated = new Set<string>();
  #seq = 0;
  readonly #abort = new AbortController();
  #done: Promise<void> = Promise.resolve();

  start(client: RestClient): void {
    setMaxListeners(0, this.#abort.signal);
    const pods = client.resource<Pod>(POD_TYPE).namespace(NAMESPACE);
    this.#done = (async () => {
      let resourceVersion: string | undefined;
      while (!this.#abort.signal.aborted) {
        if (resourceVersion === undefined) {
          const list = await pods.list();
          resourceVersion = list.metadata?.resourceVersion;
          for (const pod of list.items) this.#see(pod);
        }
        try {
          for await (const event of pods.watch({ signal: this.#abort.signal, allowWatchBookmarks: true, timeoutSeconds: 3600, ...(resourceVersion === undefined ? {} : { resourceVersion }) })) {
            if (event.type === 'ERROR') { resourceVersion = undefined; break; }
            resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
            if (event.type === 'ADDED' || event.type === 'MODIFIED') this.#see(event.object);
            if (event.type === 'DELETED') this.#gone(event.object);
          }
        } catch (err) {
          if (this.#abort.signal.aborted) return;
          progress(`watch failed (${err instanceof Error ? err.message : String(err)}); relisting`);
          resourceVersion = undefined;
        }
      }
    })();
  }

  #see(pod: Pod): void {
    const name = pod.metadata?.name;
    if (name !== undefined && (pod.status?.nominatedNodeName ?? '') !== '') this.nominated.add(name);
    if (name === undefined || pod.spec?.nodeName === undefined || pod.spec.nodeName === '' || this.boundAt.has(name)) return;
    this.boundAt.set(name, performance.now());
    this.bound.set(name, { node: pod.spec.nodeName, seq: this.#seq++ });
  }

  #gone(pod: Pod): void {
    const name = pod.metadata?.name;
    if (name !== undefined && !this.deleted.has(name)) this.deleted.set(name, { node: pod.spec?.nodeName ?? '', seq: this.#seq++ });
  }

  /**
   * Resolves once every name is bound; throws when for STALL_MS nothing new is bound, deleted or
   * nominated (preemption deletes victims long before its pods bind), or the deadline passes.
   */
  async waitFor(names: readonly string[], what: string): Promise<void> {
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      const bound = names.reduce((n, name) => n + (this.boundAt.has(name) ? 1 : 0), 0);
      if (bound === names.length) return;
      const seen = bound + this.deleted.size + this.nominated.size;
      if (seen !== last) { last = seen; lastChange = Date.now(); }
      if (Date.now() - lastChange > STALL_MS) throw new Error(`${what}: only ${bound} of ${names.length} pods bound, no progress for ${STALL_MS / 1000} s`);
      checkDeadline(what);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#done.catch(() => undefined);
  }
}

async function createAll(client: RestClient, type: typeof NODE_TYPE | typeof POD_TYPE, names: readonly string[], make: (name: string, index: number) => KubeObject, createdAt?: Map<string, number>): Promise<number> {
  const resource = client.resource<KubeObject>(type);
  const run = await runConcurrent(names.length, CONCURRENCY, async (_w, i) => {
    if (i % 1000 === 0) checkDeadline(`creating ${type.resource}`);
    const name = names[i] as string;
    await resource.create(make(name, i));
    createdAt?.set(name, performance.now());
  });
  return run.perSecond;
}

const profDir = flag('--server-cpu-prof');
const server = await ServerProcess.start({
  serverArgs: ['--disable', 'controller-manager'],
  ...(profDir === undefined ? {} : { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] }),
});
progress(`server pid ${server.pid}, data ${server.dataDir}`);
const client = new RestClient({ ...(await loadKubeconfig(join(server.dataDir, 'kubeconfig.yaml'))), timeoutMs: 120_000 });
const watch = new BindWatch();
let report: string;
let check: CheckResult = { rows: [], comment: '', ok: true };
try {
  const rssIdle = server.rssBytes();
  await workload.setup(client);
  progress(`creating ${fmt.int(NODES)} nodes`);
  const nodeNames = Array.from({ length: NODES }, (_, i) => `node-${i}`);
  const nodesPerSecond = await createAll(client, NODE_TYPE, nodeNames, workload.node);
  // The API may drop status on create: check one node and set it through /status when missing.
  const sample = await client.resource<KubeObject & { status?: { allocatable?: unknown } }>(NODE_TYPE).get('node-0');
  if (sample.status?.allocatable === undefined) {
    progress('node status not kept on create: patching /status of each node');
    const nodes = client.resource<KubeObject>(NODE_TYPE);
    await runConcurrent(NODES, CONCURRENCY, async (_w, i) => {
      const obj = workload.node(nodeNames[i] as string, i);
      await nodes.patch(nodeNames[i] as string, 'merge', { status: obj['status'] }, { subresource: 'status' });
    });
  }
  progress(`nodes created (${fmt.int(nodesPerSecond)}/s); starting the pod watch`);
  watch.start(client);
  await new Promise((resolve) => setTimeout(resolve, 500));

  progress(`warm-up: ${fmt.int(WARMUP)} pods`);
  const warmNames = Array.from({ length: WARMUP }, (_, i) => `warmup-${i}`);
  await createAll(client, POD_TYPE, warmNames, workload.initPod);
  await watch.waitFor(warmNames, 'warm-up');
  progress('warm-up bound');

  progress(`measured: ${fmt.int(PODS)} pods`);
  const names = Array.from({ length: PODS }, (_, i) => `pod-${i}`);
  const createdAt = new Map<string, number>();
  const start = performance.now();
  const startEpoch = Date.now();
  let rssPeak = server.rssBytes();
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, server.rssBytes());
    const bound = names.reduce((n, name) => n + (watch.boundAt.has(name) ? 1 : 0), 0);
    progress(`created ${fmt.int(createdAt.size)}, bound ${fmt.int(bound)} of ${fmt.int(PODS)}${watch.deleted.size > 0 ? `, ${fmt.int(watch.deleted.size)} deleted` : ''}`);
  }, 2000);
  let createRate: number;
  let createdEndEpoch = 0;
  try {
    createRate = await createAll(client, POD_TYPE, names, workload.pod, createdAt);
    createdEndEpoch = Date.now();
    const createdSeconds = (performance.now() - start) / 1000;
    progress(`all created in ${createdSeconds.toFixed(1)} s; waiting for bindings`);
    await watch.waitFor(names, 'measured pods');
  } finally {
    clearInterval(sampler);
  }
  rssPeak = Math.max(rssPeak, server.rssBytes());
  const rssEnd = server.rssBytes();
  const boundTimes = names.map((name) => watch.boundAt.get(name) as number);
  const end = Math.max(...boundTimes);
  const seconds = (end - start) / 1000;
  const average = PODS / seconds;
  // Per-second throughput: bindings seen in each whole second from the first create to the last binding.
  const buckets = new Array<number>(Math.max(1, Math.ceil(seconds))).fill(0);
  for (const t of boundTimes) buckets[Math.min(buckets.length - 1, Math.floor((t - start) / 1000))]! += 1;
  const sortedBuckets = [...buckets].sort((a, b) => a - b);
  const latencies = names.map((name) => Math.max(0, (watch.boundAt.get(name) as number) - (createdAt.get(name) as number)));
  const lat = summarize(latencies);
  // The server's own record of each binding: PodScheduled=True's lastTransitionTime (whole
  // seconds), immune to this process lagging behind its watch while it creates pods.
  const listed = await client.resource<Pod>(POD_TYPE).namespace(NAMESPACE).list();
  const measured = new Set(names);
  const boundAtServer = listed.items.filter((p) => measured.has(p.metadata?.name ?? '')).map((p) => {
    const c = p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'True');
    return c?.lastTransitionTime === undefined ? Number.NaN : Date.parse(c.lastTransitionTime) / 1000;
  }).filter((t) => !Number.isNaN(t));
  const serverEnd = Math.max(...boundAtServer) + 1;
  const serverAverage = boundAtServer.length / (serverEnd - startEpoch / 1000);
  // The scheduler alone: pods bound from the first whole second after the last create, over the
  // seconds they took (the API server no longer busy with creates); undefined when nearly all
  // were bound by then.
  const drainFrom = Math.ceil(createdEndEpoch / 1000);
  const boundAfter = boundAtServer.filter((t) => t >= drainFrom).length;
  const drain = boundAfter >= PODS / 10 && serverEnd > drainFrom ? boundAfter / (serverEnd - drainFrom) : undefined;

  const isBasic = workload.name === 'basic';
  check = await workload.check({ client, observed: watch, nodes: NODES, initNames: warmNames, names });
  const verdict = average >= TARGET_RATE ? 'meets' : 'below';
  const serverRun = '`k8ts server --disable controller-manager` in its own process (sqlite store), its in-process scheduler doing the work';
  const lines = [
    `Machine: ${machine()}`,
    isBasic
      ? `Run: ${new Date().toISOString()}${quick ? ' (--quick)' : ''}; ${serverRun}; ${fmt.int(NODES)} Node objects (4 CPU, 16Gi, 110 pods, Ready; no kubelets); ${fmt.int(WARMUP)} warm-up pods bound first, then ${fmt.int(PODS)} measured pods (100m CPU, 500Mi) created by ${CONCURRENCY} concurrent HTTP/2 requests.`
      : `Run: ${new Date().toISOString()}${quick ? ' (--quick)' : ''}; workload ${workload.name}, shaped after upstream's ${workload.upstream}; ${serverRun}; ${workload.describe(NODES, WARMUP, PODS)}; no kubelets; pods created by ${CONCURRENCY} concurrent HTTP/2 requests.`,
    '',
    '| metric | value | target |',
    '|---|---:|---|',
    `| nodes created/s (setup) | ${fmt.int(nodesPerSecond)} | |`,
    `| measured pods created/s (client) | ${fmt.int(createRate)} | |`,
    `| pods scheduled/s, average (first create → last binding, ${seconds.toFixed(1)} s) | ${fmt.int(average)} | ${isBasic ? `≥ ${TARGET_RATE} (issue; ${verdict}); upstream SchedulingBasic threshold ${UPSTREAM_THRESHOLD}` : ''} |`,
    `| pods scheduled/s, average by the server's PodScheduled times (whole seconds) | ${fmt.int(serverAverage)} | |`,
    `| pods scheduled/s after the last create, server times (${fmt.int(boundAfter)} pods bound then) | ${drain === undefined ? 'n/a' : fmt.int(drain)} | |`,
    `| pods scheduled/s, per-second p50 / p99 | ${fmt.int(percentile(sortedBuckets, 50))} / ${fmt.int(percentile(sortedBuckets, 99))} | |`,
    `| create→bound latency p50 / p99 / max, ms | ${fmt.ms(lat.p50)} / ${fmt.ms(lat.p99)} / ${fmt.ms(lat.max)} | |`,
    `| server RSS idle / peak / end, MiB | ${fmt.mib(rssIdle)} / ${fmt.mib(rssPeak)} / ${fmt.mib(rssEnd)} | |`,
    ...check.rows.map(([label, value]) => `| ${label} | ${value} | ${check.ok ? 'ok' : 'FAILED'} |`),
    '',
    `<!-- bench/scheduler ${isBasic ? '' : `workload=${workload.name} `}nodes=${NODES} pods=${PODS} avg_pods_per_s=${average.toFixed(1)} server_avg_pods_per_s=${serverAverage.toFixed(1)} drain_pods_per_s=${drain === undefined ? 'na' : drain.toFixed(1)} p50_pods_per_s=${percentile(sortedBuckets, 50)} p99_pods_per_s=${percentile(sortedBuckets, 99)} p99_latency_ms=${lat.p99.toFixed(1)} server_rss_peak_mib=${fmt.mib(rssPeak)} ${isBasic ? `target_pods_per_s=${TARGET_RATE}` : check.comment} -->`,
  ];
  report = lines.join('\n');
} finally {
  await watch.stop();
  client.close();
  progress(`stopping server pid ${server.pid}`);
  await server.stop();
}
process.stdout.write(`${report}\n`);
if (!check.ok) {
  progress(`workload check failed: ${check.comment}`);
  process.exitCode = 1;
}
