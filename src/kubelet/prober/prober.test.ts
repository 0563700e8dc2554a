import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { Container, Pod, Probe } from '../../api/types/core/v1/index.ts';
import { CriError } from '../cri/errors.ts';
import type { ExecSyncResult } from '../cri/types.ts';
import { execRuntime, exited, settle } from './exec-runtime.fixture.ts';
import { Prober } from './prober.ts';

/** Exec probes whose command is [name]; each name answers with the exit code the test sets. */
function harness(options: { random?: number; startAt?: number } = {}) {
  const clock = new FakeClock(options.startAt);
  const exitCodes = new Map<string, number | 'error' | 'hang'>();
  const { runtime, calls } = execRuntime(async (_id, cmd): Promise<ExecSyncResult> => {
    const code = exitCodes.get(cmd[0] ?? '') ?? 0;
    if (code === 'error') throw new CriError('ExecSync', 'NOT_FOUND', 'container is gone');
    if (code === 'hang') return new Promise(() => {});
    return exited(code, code === 0 ? '' : `${cmd[0]} says no`);
  });
  const unhealthy: string[] = [];
  const changed: string[] = [];
  const events: string[] = [];
  const logs: string[] = [];
  const prober = new Prober({
    runtime, clock, podIP: () => '127.0.0.1', log: (m) => logs.push(m),
    events: { unhealthy: (_pod, name, id, message) => unhealthy.push(`${name}/${id}: ${message}`), changed: (uid) => changed.push(uid) },
    recordEvent: (_pod, type, reason, message) => events.push(`${type} ${reason} ${message}`),
    random: () => options.random ?? 0,
  });
  const runs = (name: string): number => calls.filter((c) => c.cmd[0] === name).length;
  /** Moves the fake clock in steps of one second, letting the probes answer in between. */
  const advance = async (ms: number): Promise<void> => {
    await settle();
    for (let t = 0; t < ms; t += 1000) {
      clock.advance(Math.min(1000, ms - t));
      await settle();
    }
  };
  return { clock, prober, exitCodes, calls, runs, unhealthy, changed, events, logs, advance };
}

const exec = (name: string, extra: Partial<Probe> = {}): Probe => ({ exec: { command: [name] }, periodSeconds: 10, ...extra });
const pod = (containers: Container[], extra: Partial<Pod['metadata'] & object> = {}, restartPolicy: 'Always' | 'Never' = 'Always'): Pod => ({
  metadata: { name: 'web', namespace: 'default', uid: 'pod-1', ...extra },
  spec: { restartPolicy, containers },
});

test('a container without probes is ready and started at once, and nothing runs', async () => {
  const h = harness();
  const c: Container = { name: 'app', image: 'busybox' };
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(60_000);
  assert.deepEqual(h.prober.state('cid'), { ready: true, started: true });
  assert.equal(h.prober.state('other'), undefined);
  assert.equal(h.calls.length, 0);
});

test('readiness: not ready until it succeeds, thresholds in both directions, changed on each transition', async () => {
  const h = harness();
  const c: Container = { name: 'app', readinessProbe: exec('ready', { successThreshold: 2, failureThreshold: 3 }) };
  h.exitCodes.set('ready', 1);
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(0);
  assert.equal(h.runs('ready'), 1, 'the first run is immediate');
  assert.deepEqual(h.prober.state('cid'), { ready: false, started: true });
  assert.deepEqual(h.events, ['Warning Unhealthy Readiness probe failed: ready says no']);

  // Script: the exit code of each run from here on, and the readiness expected after it.
  const script: [number, boolean][] = [[0, false], [0, true], [1, true], [1, true], [1, false], [0, false], [1, false], [0, false], [0, true]];
  for (const [i, [code, ready]] of script.entries()) {
    h.exitCodes.set('ready', code);
    await h.advance(10_000);
    assert.equal(h.prober.state('cid')?.ready, ready, `run ${i + 2}`);
  }
  assert.equal(h.runs('ready'), 1 + script.length, 'one run per period');
  assert.deepEqual(h.changed, ['pod-1', 'pod-1', 'pod-1'], 'ready → not ready → ready');
  assert.equal(h.unhealthy.length, 0, 'readiness never restarts a container');
  assert.deepEqual(h.calls[0], { containerId: 'cid', cmd: ['ready'], timeoutSeconds: 1 }, 'timeoutSeconds defaults to 1');
});

test('liveness: failureThreshold failures in a row call unhealthy once, then that probe stops', async () => {
  const h = harness();
  const c: Container = { name: 'app', livenessProbe: exec('alive', { periodSeconds: 5, failureThreshold: 2 }), readinessProbe: exec('ready', { periodSeconds: 5 }) };
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(10_000);
  assert.deepEqual(h.prober.state('cid'), { ready: true, started: true });
  h.exitCodes.set('alive', 1);
  await h.advance(5000);
  assert.equal(h.unhealthy.length, 0, 'one failure is below the threshold');
  h.exitCodes.set('alive', 0);
  await h.advance(5000);
  h.exitCodes.set('alive', 1);
  await h.advance(5000);
  assert.equal(h.unhealthy.length, 0, 'a success in between resets the count');
  await h.advance(5000);
  assert.deepEqual(h.unhealthy, ['app/cid: Container app failed liveness probe, will be restarted']);
  const livenessRuns = h.runs('alive');
  await h.advance(60_000);
  assert.equal(h.runs('alive'), livenessRuns, 'the liveness worker stopped');
  assert.ok(h.runs('ready') > 6, 'readiness goes on until the container is removed');
  assert.equal(h.unhealthy.length, 1, 'exactly once');
  assert.deepEqual(h.events.filter((e) => e.includes('Liveness')), Array(3).fill('Warning Unhealthy Liveness probe failed: alive says no'));
});

test('startup gates liveness and readiness; its success starts them, readiness at once', async () => {
  const h = harness();
  const c: Container = {
    name: 'app', startupProbe: exec('started', { periodSeconds: 2, failureThreshold: 30 }),
    livenessProbe: exec('alive', { periodSeconds: 10 }), readinessProbe: exec('ready', { periodSeconds: 10 }),
  };
  h.exitCodes.set('started', 1);
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(9000);
  assert.deepEqual(h.prober.state('cid'), { ready: false, started: false });
  assert.equal(h.runs('started'), 5);
  assert.equal(h.runs('alive') + h.runs('ready'), 0, 'nothing else runs before startup succeeds');
  h.exitCodes.set('started', 0);
  await h.advance(1000);
  assert.deepEqual(h.prober.state('cid'), { ready: true, started: true }, 'readiness ran right after startup succeeded');
  assert.deepEqual(h.changed, ['pod-1', 'pod-1'], 'started, then ready');
  assert.equal(h.runs('ready'), 1);
  await h.advance(30_000);
  assert.equal(h.runs('started'), 6, 'the startup probe stops once it has succeeded');
  assert.ok(h.runs('alive') >= 3, 'liveness runs once started');
});

test('startup failures restart the container (no "will be restarted" with restartPolicy Never)', async () => {
  for (const [policy, want] of [['Always', 'Container app failed startup probe, will be restarted'], ['Never', 'Container app failed startup probe']] as const) {
    const h = harness();
    const c: Container = { name: 'app', startupProbe: exec('started', { periodSeconds: 1, failureThreshold: 3 }), livenessProbe: exec('alive') };
    h.exitCodes.set('started', 1);
    h.prober.addContainer(pod([c], {}, policy), c, 'cid', new Date(h.clock.now()));
    await h.advance(10_000);
    assert.deepEqual(h.unhealthy, [`app/cid: ${want}`], policy);
    assert.equal(h.runs('started'), 3, `${policy}: stopped after the threshold`);
    assert.equal(h.runs('alive'), 0);
    assert.deepEqual(h.prober.state('cid'), { ready: false, started: false });
  }
});

test('initialDelaySeconds counts from the container start; runs stay on the period', async () => {
  const cases: { startedAgoS: number; delayS: number; wantFirstRunAtS: number }[] = [
    { startedAgoS: 0, delayS: 0, wantFirstRunAtS: 0 },
    { startedAgoS: 0, delayS: 15, wantFirstRunAtS: 20 },
    { startedAgoS: 5, delayS: 15, wantFirstRunAtS: 10 },
    { startedAgoS: 30, delayS: 15, wantFirstRunAtS: 0 },
  ];
  for (const c of cases) {
    const h = harness();
    const container: Container = { name: 'app', readinessProbe: exec('ready', { initialDelaySeconds: c.delayS }) };
    h.prober.addContainer(pod([container]), container, 'cid', new Date(h.clock.now() - c.startedAgoS * 1000));
    let firstAt: number | undefined;
    for (let s = 0; s <= 30 && firstAt === undefined; s++) {
      if (s > 0) await h.advance(1000);
      else await h.advance(0);
      if (h.runs('ready') > 0) firstAt = s;
    }
    assert.equal(firstAt, c.wantFirstRunAtS, JSON.stringify(c));
  }
});

test('a freshly started prober spreads first runs over one period; later additions run at once', async () => {
  const h = harness({ random: 0.5 });
  const a: Container = { name: 'a', readinessProbe: exec('a-ready') };
  h.prober.addContainer(pod([a]), a, 'a1', new Date(h.clock.now()));
  await h.advance(4000);
  assert.equal(h.runs('a-ready'), 0);
  await h.advance(1000);
  assert.equal(h.runs('a-ready'), 1, 'first run at half the period');
  await h.advance(60_000);
  const b: Container = { name: 'b', readinessProbe: exec('b-ready') };
  h.prober.addContainer(pod([b], { uid: 'pod-2' }), b, 'b1', new Date(h.clock.now()));
  await h.advance(0);
  assert.equal(h.runs('b-ready'), 1, 'no jitter once the kubelet has run for a period');
});

test('errored runs record an event, retry three times and change nothing', async () => {
  const h = harness();
  const c: Container = { name: 'app', livenessProbe: exec('alive', { failureThreshold: 1 }), readinessProbe: exec('ready') };
  h.exitCodes.set('alive', 'error');
  h.exitCodes.set('ready', 'error');
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(25_000);
  assert.equal(h.runs('alive'), 9, 'three attempts per period');
  assert.equal(h.unhealthy.length, 0);
  assert.deepEqual(h.prober.state('cid'), { ready: false, started: true });
  assert.ok(h.events.includes('Warning Unhealthy Liveness probe errored and resulted in unknown state: container is gone'));
  assert.ok(h.events.includes('Warning Unhealthy Readiness probe errored and resulted in unknown state: container is gone'));
});

test('removeContainer and removePod stop the workers and drop results in flight', async () => {
  const h = harness();
  const c: Container = { name: 'app', readinessProbe: exec('ready'), livenessProbe: exec('alive') };
  const other: Container = { name: 'side', readinessProbe: exec('side-ready') };
  h.prober.addContainer(pod([c]), c, 'c1', new Date(h.clock.now()));
  h.prober.addContainer(pod([other], { uid: 'pod-2' }), other, 'c2', new Date(h.clock.now()));
  await h.advance(0);
  h.exitCodes.set('ready', 'hang');
  await h.advance(10_000);
  h.prober.removeContainer('c1');
  assert.equal(h.prober.state('c1'), undefined);
  const before = { ready: h.runs('ready'), alive: h.runs('alive') };
  await h.advance(60_000);
  assert.deepEqual({ ready: h.runs('ready'), alive: h.runs('alive') }, before, 'no more runs for a removed container');
  assert.ok(h.runs('side-ready') >= 7, 'other pods go on');
  h.prober.removePod('pod-2');
  const side = h.runs('side-ready');
  await h.advance(60_000);
  assert.equal(h.runs('side-ready'), side);
  assert.equal(h.prober.state('c2'), undefined);
  h.prober.removeContainer('c2');
});

test('a pod being deleted is not probed for liveness or startup', async () => {
  const h = harness();
  const c: Container = { name: 'app', startupProbe: exec('started'), livenessProbe: exec('alive'), readinessProbe: exec('ready') };
  h.prober.addContainer(pod([c], { deletionTimestamp: '2026-01-01T00:00:00Z' }), c, 'cid', new Date(h.clock.now()));
  await h.advance(30_000);
  assert.equal(h.runs('started') + h.runs('alive'), 0);
  assert.ok(h.runs('ready') > 0);
  assert.deepEqual(h.prober.state('cid'), { ready: true, started: true });
});

test('run(signal) stops every worker on abort; callbacks that throw are logged', async () => {
  const h = harness();
  const stop = new AbortController();
  const running = h.prober.run(stop.signal);
  const c: Container = { name: 'app', readinessProbe: exec('ready') };
  const throwing = new Prober({
    runtime: execRuntime(async () => exited(0)).runtime, clock: h.clock, podIP: () => undefined, log: (m) => h.logs.push(m),
    events: { unhealthy: () => {}, changed: () => { throw new Error('status manager down'); } }, random: () => 0,
  });
  throwing.addContainer(pod([c]), c, 'x', new Date(h.clock.now()));
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(0);
  assert.ok(h.logs.some((l) => l.includes('changed callback failed: status manager down')));
  stop.abort();
  await running;
  const runs = h.runs('ready');
  await h.advance(60_000);
  assert.equal(h.runs('ready'), runs);
  h.prober.addContainer(pod([c]), c, 'late', new Date(h.clock.now()));
  assert.equal(h.prober.state('late'), undefined, 'closed for additions');
  throwing.removePod('pod-1');
});

test('stopLivenessAndStartup: a terminating pod is not reported unhealthy; readiness goes on', async () => {
  const h = harness();
  const c: Container = { name: 'app', startupProbe: exec('started'), livenessProbe: exec('alive', { failureThreshold: 1 }), readinessProbe: exec('ready') };
  h.exitCodes.set('started', 1);
  h.prober.addContainer(pod([c]), c, 'cid', new Date(h.clock.now()));
  await h.advance(0);
  assert.deepEqual(h.prober.state('cid'), { ready: false, started: false });
  h.prober.stopLivenessAndStartup('pod-1');
  h.exitCodes.set('alive', 1);
  await h.advance(60_000);
  assert.equal(h.runs('started'), 1);
  assert.equal(h.runs('alive'), 0);
  assert.deepEqual(h.unhealthy, []);
  assert.ok(h.runs('ready') >= 6, 'readiness runs once startup no longer gates it');
  assert.deepEqual(h.prober.state('cid'), { ready: true, started: true });
  assert.deepEqual(h.changed, ['pod-1', 'pod-1']);
});
