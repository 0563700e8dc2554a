import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { buildProfile, schedulerConfig } from '../config/config.ts';
import { framework, makeNode, makePod, snapshot, container } from '../testing.fixture.ts';
import { CycleState } from './cycle-state.ts';
import { FitError, fitErrorMessage, numFeasibleNodesToFind, PodScheduler } from './schedule-pod.ts';
import { SchedulingQueue } from './queue.ts';
import { unresolvable, unschedulable, success } from './status.ts';

test('numFeasibleNodesToFind (upstream cases)', () => {
  const cases: [number, number, number][] = [[0, 10, 10], [40, 10, 10], [0, 1000, 420], [40, 1000, 400], [0, 6000, 300], [0, 100, 100], [10, 1000, 100], [100, 5000, 5000]];
  for (const [pct, nodes, want] of cases) assert.equal(numFeasibleNodesToFind(pct, nodes), want, `${pct}% of ${nodes}`);
});

test('FitError summary, as upstream prints it', () => {
  const statuses = new Map([
    ['n1', unschedulable('Insufficient cpu')], ['n2', unschedulable('Insufficient cpu')],
    ['n3', unresolvable('node(s) had untolerated taint {key: value}')], ['n4', unresolvable('node(s) had untolerated taint {key: value}')],
    ['n5', unresolvable('node(s) had untolerated taint {key: value}')],
  ]);
  assert.equal(fitErrorMessage(5, { statuses, preFilterMessage: '', postFilterMessage: 'preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling' }),
    '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {key: value}. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.');
  assert.equal(fitErrorMessage(3, { statuses: new Map(), preFilterMessage: 'boom', postFilterMessage: '' }), '0/3 nodes are available: boom.');
});

test('PodScheduler picks the best-scored node, or throws a FitError with every reason', () => {
  const fwk = framework();
  const snap = snapshot([makeNode('small', { cpu: '1' }), makeNode('busy', { cpu: '4' }), makeNode('free', { cpu: '4' })],
    [makePod('x', { nodeName: 'busy', containers: [container({ cpu: '3' })] })]);
  const s = new PodScheduler(() => 0.5);
  assert.equal(s.schedule(fwk, new CycleState(snap), makePod('p', { containers: [container({ cpu: '500m' })] })).nodeName, 'free');
  assert.throws(() => s.schedule(fwk, new CycleState(snap), makePod('p', { containers: [container({ cpu: '5' })] })),
    (err: unknown) => err instanceof FitError && err.summary() === '0/3 nodes are available: 3 Insufficient cpu.');
});

test('config: defaults, weights, disabling and per-point enabling', () => {
  const def = schedulerConfig();
  assert.equal(def.profiles[0]?.schedulerName, 'default-scheduler');
  const weights = Object.fromEntries((def.profiles[0]?.plugins ?? []).map((p) => [p.name, p.weight]));
  assert.equal(weights['TaintToleration'], 3);
  assert.equal(weights['NodeAffinity'], 2);
  assert.equal(weights['PodTopologySpread'], 2);
  assert.equal(weights['InterPodAffinity'], 2);
  assert.equal(weights['NodeResourcesFit'], 1);
  const p = buildProfile({ schedulerName: 'custom', plugins: { score: { disabled: [{ name: 'ImageLocality' }], enabled: [{ name: 'NodeResourcesFit', weight: 5 }] },
    multiPoint: { disabled: [{ name: 'DefaultPreemption' }] } } }, undefined);
  const fwk = framework({ schedulerName: 'custom', plugins: { score: { disabled: [{ name: 'ImageLocality' }], enabled: [{ name: 'NodeResourcesFit', weight: 5 }] }, multiPoint: { disabled: [{ name: 'DefaultPreemption' }] } } });
  assert.equal(p.plugins.find((x) => x.name === 'DefaultPreemption'), undefined);
  assert.equal(fwk.scores.find((s) => s.plugin.name === 'ImageLocality'), undefined);
  assert.equal(fwk.scores.find((s) => s.plugin.name === 'NodeResourcesFit')?.weight, 5);
  assert.equal(fwk.postFilters.length, 0);
  assert.throws(() => schedulerConfig({ profiles: [{}, {}] }), /duplicate profile/);
  assert.throws(() => framework({ plugins: { multiPoint: { enabled: [{ name: 'Nope' }] } } }), /plugin "Nope" does not exist/);
});

test('queue: priority order, backoff 1 s doubling, move on event, gates', async () => {
  const clock = new FakeClock();
  const q = new SchedulingQueue({ clock, less: framework().less.bind(framework()),
    preEnqueue: (pod) => ((pod.spec?.schedulingGates ?? []).length > 0 ? unresolvable('gated') : success()) });
  const stop = new AbortController();
  q.run(stop.signal);
  q.add(makePod('low', { priority: 1 }));
  q.add(makePod('high', { priority: 100 }));
  q.add(makePod('gated', { schedulingGates: [{ name: 'g' }] }));
  assert.deepEqual(q.lengths(), { active: 2, backoff: 0, unschedulable: 0, gated: 1 });
  const first = await q.pop(stop.signal);
  assert.equal(first?.pod.metadata?.name, 'high');
  const second = await q.pop(stop.signal);
  assert.equal(second?.pod.metadata?.name, 'low');
  if (first === undefined || second === undefined) return;
  q.addUnschedulable(first, q.schedulingCycle);
  assert.equal(q.lengths().unschedulable, 1);
  q.moveAllToActiveOrBackoff();
  assert.equal(q.lengths().backoff, 1, 'still backing off (1 s after the first attempt)');
  q.addUnschedulable(second, q.schedulingCycle - 1);
  assert.equal(q.lengths().backoff, 2, 'a move request during its cycle sends it to backoff');
  clock.advance(1000);
  assert.equal(q.lengths().active, 2);
  const again = await q.pop(stop.signal);
  if (again === undefined) return;
  q.addUnschedulable(again, q.schedulingCycle, true);
  clock.advance(1000);
  assert.equal(q.lengths().backoff, 1, 'second attempt backs off 2 s');
  clock.advance(1000);
  assert.equal(q.lengths().backoff, 0);
  q.update(makePod('gated'));
  stop.abort();
  assert.equal(await q.pop(stop.signal), undefined);
});
