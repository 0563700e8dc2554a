// API server benchmark: `k8ts server` in its own process, driven over HTTPS on loopback by
// HTTP/2 clients with the admin certificate, once on each Store backend (the embedded sqlite
// store, and etcd with one local member). Prints a Markdown report on stdout, progress on stderr.
//
//   node --import tsx bench/apiserver/main.ts [--quick] [--backend sqlite|etcd] [--server-cpu-prof DIR]
//                                             [--server-args "--disable controller-manager"]
//
// --quick does a tenth of the work (a smoke run); --server-cpu-prof writes a V8 CPU profile of
// each server process into DIR (open it in Chrome DevTools); --server-args adds flags to
// `k8ts server`, which otherwise runs as a user starts it (every component but the agent).

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fmt, machine } from '../storage/measure.ts';
import { Session, expectStatus } from './client.ts';
import { cpuBetween, sampleCpu, waitForQuiet, waitForSettled } from './cpu.ts';
import { measureGets, measureList } from './reads.ts';
import { renderReport, type BackendResult, type Targets } from './report.ts';
import { cpuProfileArgs, startOn, statusBytes, type Backend, type ServerProcess } from './server-process.ts';
import { measureWatch } from './watch.ts';
import { fill, measureCreates, measureOpenLoop } from './writes.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i < 0 ? undefined : argv[i + 1];
};
const quick = argv.includes('--quick');
const only = flag('--backend');
const profileDir = flag('--server-cpu-prof');
const serverArgs = (flag('--server-args') ?? '').split(' ').filter((a) => a !== '');
const n = (count: number): number => Math.max(1, Math.round(count * (quick ? 0.1 : 1)));

const CREATES: ReadonlyArray<{ clients: number; sessions: number; total: number }> = [
  { clients: 1, sessions: 1, total: n(1000) },
  { clients: 16, sessions: 1, total: n(5000) },
  { clients: 64, sessions: 1, total: n(5000) },
  { clients: 16, sessions: 8, total: n(5000) },
  { clients: 64, sessions: 8, total: n(5000) },
];
const SLO_RATE = 500;
const SLO_SECONDS = quick ? 2 : 20;
const SLO_SESSIONS = 8;
const GETS = [{ clients: 1, total: n(2000) }, { clients: 16, total: n(10_000) }];
const LIST_PODS = n(10_000);
const LIST_RUNS = 5;
const WATCHERS = n(1000);
const WATCHERS_PER_SESSION = quick ? 50 : 100;
const WATCH_UPDATES = 10;
const STORED_CONFIGMAPS = n(50_000);
/** Before each backend (and half as long before the SLO row), wait up to QUIET_WAIT_MS for other processes to use under QUIET_CORES. */
const QUIET_CORES = 0.5;
const QUIET_WAIT_MS = quick ? 10_000 : 90_000;
/** Before the LISTs, wait up to SETTLE_MAX_MS for the server (and etcd) to use under SETTLED_CORES. */
const SETTLED_CORES = 0.15;
const SETTLE_MAX_MS = quick ? 20_000 : 180_000;
/** The second idle RSS reading, this long after readiness. */
const IDLE_LATER_S = quick ? 5 : 30;
const TARGETS: Targets = { mutationP99Ms: 25, sloRate: SLO_RATE, listMs: 300, idleRssBytes: 100e6 };

const backends: ReadonlyArray<{ key: Backend; name: string }> = [
  { key: 'sqlite', name: 'sqlite (embedded)' },
  { key: 'etcd', name: 'etcd (1 member)' },
];

const progress = (backend: string, message: string): void => {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${backend}: ${message}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function countConfigMaps(server: ServerProcess): Promise<number> {
  const session = await Session.connect(server.credentials);
  try {
    const reply = expectStatus(await session.request('GET', '/api/v1/configmaps'), 'list all configmaps', 200);
    return (JSON.parse(reply.body.toString('utf8')) as { items: unknown[] }).items.length;
  } finally {
    await session.close();
  }
}

async function measureBackend(backend: (typeof backends)[number]): Promise<BackendResult> {
  const say = (message: string): void => progress(backend.key, message);
  const quiet = (pids: readonly number[], maxMs: number): Promise<number> => waitForQuiet(QUIET_CORES, maxMs, pids, (others) =>
    say(`other processes use ${others.toFixed(1)} cores: waiting up to ${maxMs / 1000} s for under ${QUIET_CORES} …`));
  const othersAtStart = await quiet([], QUIET_WAIT_MS);
  say('starting etcd (if any) and k8ts server …');
  const running = await startOn(backend.key, { nodeArgs: cpuProfileArgs(profileDir, backend.key), serverArgs });
  const { server } = running;
  const credentials = server.credentials;
  try {
    const readyAt = performance.now();
    await sleep(2000);
    const idleRss = server.rssBytes();
    const etcdIdleRss = running.etcdPid === undefined ? undefined : statusBytes(running.etcdPid, 'VmRSS');
    say(`ready, pid ${server.pid}, idle RSS ${fmt.mib(idleRss)} MiB; idle until ${IDLE_LATER_S} s …`);
    await sleep(IDLE_LATER_S * 1000 - (performance.now() - readyAt));
    const idleRssLater = server.rssBytes();
    const pids = [server.pid, ...(running.etcdPid === undefined ? [] : [running.etcdPid])];
    const cpuAtStart = sampleCpu(pids);

    const creates = [];
    for (const c of CREATES) {
      say(`${fmt.int(c.total)} creates: ${c.clients} client(s), ${c.sessions} session(s) …`);
      creates.push(await measureCreates(credentials, `create-${c.clients}-${c.sessions}`, c.total, c.clients, c.sessions));
    }

    await quiet(pids, QUIET_WAIT_MS / 2); // the SLO row above all is at the mercy of other work
    say(`${SLO_RATE} mutations/s for ${SLO_SECONDS} s …`);
    const slo = await measureOpenLoop(credentials, 'slo', SLO_RATE, SLO_SECONDS, SLO_SESSIONS, pids);

    const source = CREATES[2] ?? { clients: 64, sessions: 1, total: n(5000) };
    const gets = [];
    for (const g of GETS) {
      say(`${fmt.int(g.total)} GETs: ${g.clients} client(s) …`);
      gets.push(await measureGets(credentials, `create-${source.clients}-${source.sessions}`, source.total, g.total, g.clients));
    }

    say(`${fmt.int(LIST_PODS)} pods, then LIST ×${LIST_RUNS} whole and paged …`);
    const list = await measureList(credentials, 'list', LIST_PODS, LIST_RUNS, () => server.rssBytes(), () => waitForSettled(pids, SETTLED_CORES, SETTLE_MAX_MS));
    say(`LIST measured after the server settled for ${list.settleSeconds.toFixed(0)} s`);

    say(`${fmt.int(WATCHERS)} watchers, ${WATCH_UPDATES} updates …`);
    const watch = await measureWatch(credentials, 'watch', WATCHERS, WATCHERS_PER_SESSION, WATCH_UPDATES);

    const stored = await countConfigMaps(server);
    say(`${fmt.int(stored)} ConfigMaps stored; creating ${fmt.int(Math.max(0, STORED_CONFIGMAPS - stored))} more …`);
    if (stored < STORED_CONFIGMAPS) await fill(credentials, 'fill', STORED_CONFIGMAPS - stored);
    const configMaps = await countConfigMaps(server);
    await sleep(3000);
    const loadedRss = server.rssBytes();
    const peakRss = statusBytes(server.pid, 'VmHWM');
    const etcd = running.etcdPid === undefined || etcdIdleRss === undefined
      ? undefined
      : { idleRss: etcdIdleRss, loadedRss: statusBytes(running.etcdPid, 'VmRSS') };
    const cpu = cpuBetween(cpuAtStart, sampleCpu(pids));
    say(`RSS with ${fmt.int(configMaps)} ConfigMaps: ${fmt.mib(loadedRss)} MiB`);
    return {
      name: backend.name, othersAtStart, cpu, creates, slo, gets, list, watch,
      memory: { idleRss, idleRssLater, idleLaterSeconds: IDLE_LATER_S, configMaps, loadedRss, peakRss, ...(etcd === undefined ? {} : { etcd }) },
    };
  } finally {
    say('stopping …');
    await running.stop();
  }
}

/** The commit measured, and whether the work tree differed from it. */
function revision(): string {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: new URL('../..', import.meta.url).pathname, encoding: 'utf8' }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'bin') !== '';
    return `k8ts ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes to src/' : ''}`;
  } catch {
    return 'k8ts (revision unknown)';
  }
}

function etcdVersion(): string {
  try {
    return /etcd Version: (\S+)/.exec(execFileSync('/usr/bin/etcd', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const chosen = backends.filter((b) => only === undefined || b.key === only);
if (chosen.length === 0) throw new Error(`--backend ${only}: expected sqlite or etcd`);
const started = new Date();
const measured = revision();
const results: BackendResult[] = [];
for (const backend of chosen) results.push(await measureBackend(backend));
const seconds = (Date.now() - started.getTime()) / 1000;
const header = [
  `Machine: ${machine()}`,
  `Run: ${started.toISOString()}${quick ? ' (--quick: one tenth of the work)' : ''}, ${fmt.int(seconds)} s, ${measured}; `
    + `\`k8ts server --disable-agent${serverArgs.length === 0 ? '' : ` ${serverArgs.join(' ')}`}\` in its own process, `
    + `clients in one other Node.js process on the same machine (node:http2 over TLS on 127.0.0.1, admin client certificate, JSON); `
    + `etcd ${etcdVersion()}, one member, fsync on; sqlite as \`k8ts server\` opens it by default.`,
];
process.stdout.write(renderReport(header, results, TARGETS));
if (profileDir !== undefined) process.stderr.write(`server CPU profiles written to ${resolve(profileDir)}\n`);
