// Reads as clients make them: GETs of single objects, and LISTs of many pods, whole (as an
// informer's first list does) and in pages of 500 (as kubectl does). Times run to the last byte
// of the response; the client's own JSON decoding is left out (done afterwards, to check counts).

import { runConcurrent, summarize } from '../storage/measure.ts';
import { expectStatus, Session, type Credentials } from './client.ts';
import { configMapsPath, createNamespace, pod, podsPath, SessionPool } from './workload.ts';

export interface GetResult {
  readonly clients: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

/** `total` GETs of ConfigMaps `cm-0`…`cm-(existing-1)` in `namespace` by `clients` loops over one session. */
export async function measureGets(credentials: Credentials, namespace: string, existing: number, total: number, clients: number): Promise<GetResult> {
  const session = await Session.connect(credentials);
  try {
    const run = await runConcurrent(total, clients, async (_client, i) => {
      const name = `cm-${(i * 7919) % existing}`;
      expectStatus(await session.request('GET', configMapsPath(namespace, name)), `get configmap ${namespace}/${name}`, 200);
    });
    const { p50, p99 } = summarize(run.latencies);
    return { clients, perSecond: run.perSecond, p50, p99 };
  } finally {
    await session.close();
  }
}

export interface ListResult {
  readonly pods: number;
  /** Pod creates per second while setting up (64 clients, 8 sessions). */
  readonly podCreatesPerSecond: number;
  readonly fullP50: number;
  readonly fullMax: number;
  readonly fullBytes: number;
  /** The largest rise of the server's RSS above its level before a LIST, during it. */
  readonly rssGrowth: number;
  readonly pagedP50: number;
  readonly pages: number;
  /** Seconds from the last create until the server had settled (see measureList). */
  readonly settleSeconds: number;
}

const PAGE = 500;

/**
 * Creates `count` pods in `namespace`, waits for `settle` (the server is done with what the
 * creates set off: the hosted scheduler tries every new pod once, and with no nodes in this
 * benchmark writes a PodScheduled=False status and an event for each), then LISTs them `runs`
 * times whole and `runs` times in pages: the LIST figures are the API server's, not a
 * scheduler's backlog.
 */
export async function measureList(credentials: Credentials, namespace: string, count: number, runs: number, rss: () => number, settle: () => Promise<number>): Promise<ListResult> {
  const pool = await SessionPool.open(credentials, 8);
  let podCreatesPerSecond: number;
  try {
    await createNamespace(pool.for(0), namespace);
    const run = await runConcurrent(count, 64, async (client, i) => {
      expectStatus(await pool.for(client).request('POST', podsPath(namespace), pod(`pod-${i}`)), `create pod ${namespace}/pod-${i}`, 201);
    });
    podCreatesPerSecond = run.perSecond;
  } finally {
    await pool.close();
  }
  const settleSeconds = await settle();

  const session = await Session.connect(credentials);
  try {
    const full: number[] = [];
    let fullBytes = 0;
    let rssGrowth = 0;
    for (let r = 0; r < runs; r++) {
      const before = rss();
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 5);
      const t0 = performance.now();
      const reply = await session.request('GET', podsPath(namespace));
      full.push(performance.now() - t0);
      clearInterval(sampler);
      peak = Math.max(peak, rss());
      rssGrowth = Math.max(rssGrowth, peak - before);
      expectStatus(reply, `list pods in ${namespace}`, 200);
      fullBytes = reply.body.length;
      checkCount(JSON.parse(reply.body.toString('utf8')) as { items?: unknown[] }, count);
    }

    const paged: number[] = [];
    let pages = 0;
    for (let r = 0; r < runs; r++) {
      const bodies: Buffer[] = [];
      const t0 = performance.now();
      let token: string | undefined;
      do {
        const query = `?limit=${PAGE}${token === undefined ? '' : `&continue=${encodeURIComponent(token)}`}`;
        const reply = expectStatus(await session.request('GET', `${podsPath(namespace)}${query}`), `list pods in ${namespace}${query}`, 200);
        bodies.push(reply.body);
        // The list's metadata comes first: the token is read without decoding the page.
        token = /"continue":"([^"]+)"/.exec(reply.body.subarray(0, 4096).toString('utf8'))?.[1];
      } while (token !== undefined);
      paged.push(performance.now() - t0);
      pages = bodies.length;
      checkCount({ items: bodies.flatMap((b) => (JSON.parse(b.toString('utf8')) as { items?: unknown[] }).items ?? []) }, count);
    }
    const fullSummary = summarize(full);
    return {
      pods: count, podCreatesPerSecond, fullP50: fullSummary.p50, fullMax: fullSummary.max, fullBytes, rssGrowth,
      pagedP50: summarize(paged).p50, pages, settleSeconds,
    };
  } finally {
    await session.close();
  }
}

function checkCount(list: { items?: unknown[] }, expected: number): void {
  const got = list.items?.length ?? 0;
  if (got !== expected) throw new Error(`listed ${got} pods, expected ${expected}`);
}
