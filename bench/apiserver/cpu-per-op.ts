// Server CPU per operation: CPU seconds the `k8ts server` process used (user + system, from
// /proc/<pid>/stat) over a fixed number of requests, divided by their count. Unlike latency,
// this hardly depends on what else runs on the machine, so it compares builds on a busy one.
//
//   node --import tsx bench/apiserver/cpu-per-op.ts [--ops N] [--pods N] [--rounds N] [--server-cpu-prof DIR]
//                                                   [--server-args "--disable scheduler"] [--backend sqlite|etcd]
//
// Phases, each over 16 concurrent clients on 4 HTTP/2 sessions: creates, merge patches, GETs and
// deletes of ConfigMaps, creates of Events; then LISTs of --pods pods, whole and in pages of 500. The server runs
// as a user starts it (every hosted component but the agent), so the controllers' informers,
// which see every write, are part of the cost; --server-args "--disable scheduler" keeps the
// scheduler's retries of the unschedulable pods (there are no nodes) out of the LIST figures.
// --backend etcd starts a one-member etcd (etcd-process.ts) and serves from it.
// Prints one Markdown table on stdout.

import { expectStatus, type Credentials } from './client.ts';
import { cpuMsPerCall, waitForSettled } from './cpu.ts';
import { backendOf, cpuProfileArgs, startOn } from './server-process.ts';
import { configMap, configMapsPath, createNamespace, event, eventsPath, MERGE_PATCH, pod, podsPath, SessionPool } from './workload.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const OPS = Number(flag('--ops') ?? 3000);
const PODS = Number(flag('--pods') ?? 10_000);
const ROUNDS = Number(flag('--rounds') ?? 1);
const LISTS = 5;
const profileDir = flag('--server-cpu-prof');
const serverArgs = (flag('--server-args') ?? '').split(' ').filter((a) => a !== '');
const CLIENTS = 16;
const backend = backendOf(flag('--backend'));

interface Row { readonly phase: string; readonly count: number; readonly cpuMs: number }

/** Server CPU milliseconds per call of `body`, over `count` calls by `clients` loops. */
async function phase(pid: number, name: string, count: number, clients: number, body: (client: number, i: number) => Promise<void>): Promise<Row> {
  return { phase: name, count, cpuMs: await cpuMsPerCall(pid, count, clients, body) };
}

async function mutations(credentials: Credentials, pid: number, round: number): Promise<Row[]> {
  const pool = await SessionPool.open(credentials, 4);
  const ns = `cpu-${round}`;
  try {
    await createNamespace(pool.for(0), ns);
    const rows = [
      await phase(pid, 'create ConfigMap', OPS, CLIENTS, async (c, i) => {
        expectStatus(await pool.for(c).request('POST', configMapsPath(ns), configMap(`cm-${i}`)), `create cm-${i}`, 201);
      }),
      await phase(pid, 'merge-patch ConfigMap', OPS, CLIENTS, async (c, i) => {
        expectStatus(await pool.for(c).request('PATCH', configMapsPath(ns, `cm-${i}`), JSON.stringify({ data: { key: `p${i}` } }), MERGE_PATCH), `patch cm-${i}`, 200);
      }),
      await phase(pid, 'GET ConfigMap', OPS, CLIENTS, async (c, i) => {
        expectStatus(await pool.for(c).request('GET', configMapsPath(ns, `cm-${i}`)), `get cm-${i}`, 200);
      }),
      await phase(pid, 'delete ConfigMap', OPS, CLIENTS, async (c, i) => {
        expectStatus(await pool.for(c).request('DELETE', configMapsPath(ns, `cm-${i}`)), `delete cm-${i}`, 200);
      }),
      await phase(pid, 'create Event (a kubelet\'s)', OPS, CLIENTS, async (c, i) => {
        expectStatus(await pool.for(c).request('POST', eventsPath(ns), event(ns, `pod-${i}`)), `create event ${i}`, 201);
      }),
    ];
    return rows;
  } finally {
    await pool.close();
  }
}

/** Waits until the server uses under 2 % of a core (30 s at most). */
const settle = async (pid: number): Promise<void> => { await waitForSettled([pid], 0.02, 30_000); };

async function lists(credentials: Credentials, pid: number): Promise<Row[]> {
  const pool = await SessionPool.open(credentials, 4);
  try {
    await createNamespace(pool.for(0), 'list');
    const created = await phase(pid, 'create Pod', PODS, 64, async (c, i) => {
      expectStatus(await pool.for(c).request('POST', podsPath('list'), pod(`pod-${i}`)), `create pod-${i}`, 201);
    });
    // The hosted scheduler and controllers react to the new pods for a while: their work is
    // not the LISTs', so wait (bounded) until the server is idle again.
    await settle(pid);
    const session = pool.for(0);
    const whole = await phase(pid, `LIST ${PODS} pods`, LISTS, 1, async () => {
      expectStatus(await session.request('GET', podsPath('list')), 'list pods', 200);
    });
    const paged = await phase(pid, `LIST ${PODS} pods, pages of 500`, LISTS, 1, async () => {
      let token: string | undefined;
      do {
        const query = `?limit=500${token === undefined ? '' : `&continue=${encodeURIComponent(token)}`}`;
        const reply = expectStatus(await session.request('GET', `${podsPath('list')}${query}`), `list pods${query}`, 200);
        token = /"continue":"([^"]+)"/.exec(reply.body.subarray(0, 4096).toString('utf8'))?.[1];
      } while (token !== undefined);
    });
    return [created, whole, paged];
  } finally {
    await pool.close();
  }
}

const running = await startOn(backend, { nodeArgs: cpuProfileArgs(profileDir), serverArgs });
const { server } = running;
try {
  await new Promise((r) => setTimeout(r, 2000));
  const rows: Row[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await settle(server.pid);
    rows.push(...(await mutations(server.credentials, server.pid, round)));
  }
  if (PODS > 0) rows.push(...(await lists(server.credentials, server.pid)));
  const lines = ['| phase | requests | server CPU ms / request |', '|---|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.phase} | ${r.count} | ${r.cpuMs.toFixed(r.cpuMs < 10 ? 3 : 1)} |`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await running.stop();
}
