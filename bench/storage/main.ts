// Storage benchmark: the sqlite backend, the etcd backend (one local member) and raw etcd
// through our gRPC client (the baseline), side by side in one run on one machine.
// Prints a Markdown report; docs/performance.md keeps the figures.
//
//   npm run bench:storage            (add -- --quick for a short smoke run)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EtcdCluster } from '../../src/storage/etcd/etcd-process.ts';
import { EtcdStore } from '../../src/storage/etcd/etcd-store.ts';
import { SqliteStore } from '../../src/storage/sqlite/sqlite-store.ts';
import { diskBytes, fmt, machine, runConcurrent, summarize, time } from './measure.ts';
import { rawEtcdSubject, storeSubject, type Subject } from './subjects.ts';

const quick = process.argv.includes('--quick');
const scale = quick ? 0.1 : 1;
const n = (count: number): number => Math.max(1, Math.round(count * scale));

const VALUE = 'v'.repeat(1024);
const SINGLE_CREATES = n(2000);
const PARALLEL_CREATES = n(30_000);
const LIST_KEYS = 10_000;
const WATCHERS = quick ? 100 : 1000;
const WATCH_WRITES = 20;
const CHURN_KEYS = 1000;
const CHURN_UPDATES = n(100_000);

interface Opened {
  readonly subject: Subject;
  /** The files the backend keeps its data in. */
  readonly dataPath: string;
  readonly stop: () => Promise<void>;
}

interface Row {
  name: string;
  create1: { perSecond: number; p50: number; p99: number };
  create64: { perSecond: number; p50: number; p99: number };
  listMs: number;
  watchP99: number;
  watchDelivered: number;
  sizeBefore: number;
  sizeAfter: number;
}

const backends: Array<{ name: string; open: () => Promise<Opened> }> = [
  {
    name: 'k8ts sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'k8ts-bench-sqlite-'));
      const store = await SqliteStore.open(join(dir, 'state.db'), { compactIntervalMs: 0, watcherBuffer: 100_000 });
      const subject = storeSubject('k8ts sqlite', store);
      return { subject, dataPath: dir, stop: async () => { await subject.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'k8ts etcd',
    async open() {
      const cluster = await EtcdCluster.start();
      const store = await EtcdStore.connect({ endpoints: cluster.endpoints });
      const subject = storeSubject('k8ts etcd (1 member)', store);
      return { subject, dataPath: cluster.members[0]!.dataDir, stop: async () => { await subject.close(); await cluster.stop(); } };
    },
  },
  {
    name: 'raw etcd',
    async open() {
      const cluster = await EtcdCluster.start();
      const subject = await rawEtcdSubject(cluster.endpoints.join(','));
      return { subject, dataPath: cluster.members[0]!.dataDir, stop: async () => { await subject.close(); await cluster.stop(); } };
    },
  },
];

async function measureCreates(subject: Subject, prefix: string, total: number, concurrency: number): Promise<Row['create1']> {
  const run = await runConcurrent(total, concurrency, (_w, i) => subject.create(`${prefix}${i}`, VALUE));
  const { p50, p99 } = summarize(run.latencies);
  return { perSecond: run.perSecond, p50, p99 };
}

async function measureList(subject: Subject): Promise<number> {
  await runConcurrent(LIST_KEYS, 64, (_w, i) => subject.create(`/list/${String(i).padStart(5, '0')}`, VALUE));
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [count, ms] = await time(() => subject.list('/list/'));
    if (count !== LIST_KEYS) throw new Error(`${subject.name}: listed ${count} of ${LIST_KEYS} keys`);
    samples.push(ms);
  }
  return summarize(samples).p50;
}

/** One write at a time; every watcher's delivery of it is timed from just before the write. */
async function measureWatch(subject: Subject): Promise<{ p99: number; delivered: number }> {
  const latencies: number[] = [];
  let startedAt = 0;
  let pending = 0;
  let allIn: () => void = () => undefined;
  const stop = await subject.watch('/watch/', WATCHERS, () => {
    latencies.push(performance.now() - startedAt);
    if (--pending === 0) allIn();
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let i = 0; i < WATCH_WRITES; i++) {
    const delivered = new Promise<void>((resolve) => { allIn = resolve; });
    pending = WATCHERS;
    startedAt = performance.now();
    await subject.create(`/watch/${i}`, VALUE);
    await Promise.race([delivered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await stop();
  return { p99: summarize(latencies).p99, delivered: latencies.length };
}

async function measureChurn(opened: Opened): Promise<{ before: number; after: number }> {
  const { subject } = opened;
  await runConcurrent(CHURN_KEYS, 64, (_w, i) => subject.create(`/churn/${i}`, VALUE));
  // Writer w owns keys w, w+64, w+128 …, so guarded updates never conflict.
  await runConcurrent(CHURN_UPDATES, 64, (w, i) => {
    const owned = Math.ceil((CHURN_KEYS - w) / 64);
    return subject.update(`/churn/${w + 64 * (i % owned)}`, `${VALUE}${i}`);
  });
  const before = diskBytes(opened.dataPath);
  await subject.compact();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { before, after: diskBytes(opened.dataPath) };
}

async function measure(backend: (typeof backends)[number]): Promise<Row> {
  process.stderr.write(`${backend.name}: creates, list, watch …\n`);
  const main = await backend.open();
  let row: Omit<Row, 'sizeBefore' | 'sizeAfter'>;
  try {
    const create1 = await measureCreates(main.subject, '/single/', SINGLE_CREATES, 1);
    const create64 = await measureCreates(main.subject, '/parallel/', PARALLEL_CREATES, 64);
    const listMs = await measureList(main.subject);
    const watch = await measureWatch(main.subject);
    row = { name: main.subject.name, create1, create64, listMs, watchP99: watch.p99, watchDelivered: watch.delivered };
  } finally {
    await main.stop();
  }
  process.stderr.write(`${backend.name}: ${fmt.int(CHURN_UPDATES)} updates to ${CHURN_KEYS} keys, compaction …\n`);
  const churn = await backend.open();
  try {
    const sizes = await measureChurn(churn);
    return { ...row, sizeBefore: sizes.before, sizeAfter: sizes.after };
  } finally {
    await churn.stop();
  }
}

const rows: Row[] = [];
for (const backend of backends) rows.push(await measure(backend));

const lines = [
  `Machine: ${machine()}`,
  `Run: ${new Date().toISOString()}${quick ? ' (--quick: one tenth of the work)' : ''}; values of 1 KiB; etcd ${'3.4 (Debian etcd-server)'}, one member, fsync on.`,
  '',
  '| backend | creates/s, 1 writer | p50 / p99 ms | creates/s, 64 writers | p50 / p99 ms | list 10,000 keys, ms | watch delivery p99, ms (' + WATCHERS + ' watchers) | file after ' + fmt.int(CHURN_UPDATES) + ' updates, MiB | after compaction, MiB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => [
    r.name,
    fmt.int(r.create1.perSecond), `${fmt.ms(r.create1.p50)} / ${fmt.ms(r.create1.p99)}`,
    fmt.int(r.create64.perSecond), `${fmt.ms(r.create64.p50)} / ${fmt.ms(r.create64.p99)}`,
    fmt.ms(r.listMs),
    `${fmt.ms(r.watchP99)}${r.watchDelivered < WATCHERS * WATCH_WRITES ? ` (only ${r.watchDelivered} of ${WATCHERS * WATCH_WRITES} delivered)` : ''}`,
    fmt.mib(r.sizeBefore), fmt.mib(r.sizeAfter),
  ].join(' | ').replace(/^/, '| ').concat(' |')),
];
process.stdout.write(`${lines.join('\n')}\n`);
