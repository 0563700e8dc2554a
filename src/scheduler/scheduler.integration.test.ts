// The scheduler against a real `k8ts server` with fake Nodes (no kubelets): each test creates
// its own namespace and nodes with distinct labels, so the cases do not disturb each other.
// The scheduler runs in this process with the server's scheduler credentials and leader election
// (the server's own scheduler is disabled).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Event, Node, Pod, Taint } from '../api/types/core/v1/index.ts';
import { TestServer } from '../../test/e2e/harness.ts';
import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { runScheduler } from './run.ts';
import { EVENTS, NAMESPACES, NODES, PODS } from './resources.ts';
import { pollUntil } from '../client/informers/wait.ts';

let server: TestServer;
let admin: RestClient;
let schedClient: RestClient;
const stop = new AbortController();
let running: Promise<void>;
let metricsPort: Promise<number>;

before(async () => {
  // The server's own scheduler is off: the one under test here is the only one (no race for the lease).
  server = await TestServer.start(['--disable', 'scheduler']);
  admin = new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'scheduler-test'));
  schedClient = new RestClient(withUserAgent(await loadKubeconfig(join(server.dataDir, 'cred', 'scheduler.kubeconfig')), 'kube-scheduler'));
  let listening: (port: number) => void = () => {};
  metricsPort = new Promise((resolve) => { listening = resolve; });
  running = runScheduler({ client: schedClient, log: () => {}, metricsAddress: '127.0.0.1:0', onMetricsListening: listening }, stop.signal);
});

after(async () => {
  stop.abort();
  await running;
  schedClient?.close();
  admin?.close();
  await server?.stop();
});

interface NodeSpec { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: Taint[] }

async function node(name: string, o: NodeSpec = {}): Promise<void> {
  const capacity = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110' };
  await admin.resource<Node>(NODES).create({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints === undefined ? {} : { taints: o.taints }) },
    status: { capacity, allocatable: capacity, conditions: [{ type: 'Ready', status: 'True' }] },
  });
}

async function namespace(name: string): Promise<void> {
  await admin.resource(NAMESPACES).create({ metadata: { name } });
}

function pod(ns: string, name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, labels: Record<string, string> = {}): Pod {
  return { metadata: { name, namespace: ns, labels }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } };
}

async function create(p: Pod): Promise<void> {
  await admin.resource<Pod>(PODS).namespace(p.metadata?.namespace ?? '').create(p);
}

async function get(ns: string, name: string): Promise<Pod> {
  return admin.resource<Pod>(PODS).namespace(ns).get(name);
}

const waitFor = <T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> => pollUntil(what, fn, { timeoutMs: ms, intervalMs: 100 });

async function scheduledNode(ns: string, name: string): Promise<string> {
  return waitFor(`${ns}/${name} to be scheduled`, async () => (await get(ns, name)).spec?.nodeName || undefined);
}

async function failedEvent(ns: string, name: string): Promise<string> {
  return waitFor(`FailedScheduling for ${ns}/${name}`, async () => {
    const list = await admin.resource<Event>(EVENTS).namespace(ns).list();
    return list.items.filter((e) => e.involvedObject.name === name && e.reason === 'FailedScheduling').at(-1)?.message;
  });
}

const cpu = (c: string): Partial<NonNullable<Pod['spec']>> => ({ containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: c } } }] });

test('resource fit counts init containers (max of init vs sum of app containers)', async () => {
  await namespace('fit');
  await node('fit-small', { cpu: '1', labels: { suite: 'fit' } });
  await node('fit-big', { cpu: '3', labels: { suite: 'fit' } });
  await create(pod('fit', 'init-heavy', {
    nodeSelector: { suite: 'fit' },
    initContainers: [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '2' } } }],
    containers: [{ name: 'c', image: 'busybox', resources: { requests: { cpu: '500m' } } }],
  }));
  assert.equal(await scheduledNode('fit', 'init-heavy'), 'fit-big');
  const ev = await waitFor('Scheduled event', async () => (await admin.resource<Event>(EVENTS).namespace('fit').list()).items.find((e) => e.reason === 'Scheduled'));
  assert.equal(ev.message, 'Successfully assigned fit/init-heavy to fit-big');
});

test('taints: NoSchedule excludes, PreferNoSchedule is avoided, tolerations admit', async () => {
  await namespace('taints');
  await node('taint-hard', { labels: { suite: 'taints' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] });
  await node('taint-soft', { labels: { suite: 'taints' }, taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }] });
  await node('taint-none', { labels: { suite: 'taints' } });
  for (let i = 0; i < 3; i++) {
    await create(pod('taints', `p${i}`, { nodeSelector: { suite: 'taints' } }));
    assert.equal(await scheduledNode('taints', `p${i}`), 'taint-none');
  }
  await create(pod('taints', 'tolerant', {
    nodeSelector: { suite: 'taints', 'kubernetes.io/hostname': 'taint-hard' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
  }));
  assert.equal(await scheduledNode('taints', 'tolerant'), 'taint-hard');
});

test('node affinity: required terms filter, preferred terms win among the rest', async () => {
  await namespace('affinity');
  await node('aff-a', { labels: { suite: 'affinity', disk: 'hdd' } });
  await node('aff-b', { labels: { suite: 'affinity', disk: 'ssd' } });
  await node('aff-c', { labels: { suite: 'affinity', disk: 'ssd', fast: 'yes' } });
  await create(pod('affinity', 'p', {
    affinity: { nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'suite', operator: 'In', values: ['affinity'] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'fast', operator: 'Exists' }] } }],
    } },
  }));
  assert.equal(await scheduledNode('affinity', 'p'), 'aff-c');
});

test('pod anti-affinity spreads replicas over hostnames; the extra one fails with the upstream summary', async () => {
  await namespace('anti');
  for (const n of ['anti-1', 'anti-2', 'anti-3']) await node(n, { labels: { suite: 'anti' } });
  const spec = {
    nodeSelector: { suite: 'anti' },
    affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } },
  };
  const placed = new Set<string>();
  for (let i = 0; i < 3; i++) {
    await create(pod('anti', `web-${i}`, spec, { app: 'web' }));
    placed.add(await scheduledNode('anti', `web-${i}`));
  }
  assert.equal(placed.size, 3);
  await create(pod('anti', 'web-3', spec, { app: 'web' }));
  const msg = await failedEvent('anti', 'web-3');
  assert.match(msg, /^0\/\d+ nodes are available: /);
  // Each existing replica's own anti-affinity rejects the newcomer first, as upstream checks.
  assert.match(msg, /3 node\(s\) didn't satisfy existing pods anti-affinity rules/);
  assert.match(msg, /node\(s\) didn't match Pod's node affinity\/selector/);
  assert.match(msg, /preemption: 0\/\d+ nodes are available: \d+ No preemption victims found for incoming pod, \d+ Preemption is not helpful for scheduling\.$/);
  // The event and the condition are two writes: wait for the condition too.
  const cond = await waitFor('the PodScheduled condition of anti/web-3', async () =>
    (await get('anti', 'web-3')).status?.conditions?.find((c) => c.type === 'PodScheduled'));
  assert.equal(cond.status, 'False');
  assert.equal(cond.reason, 'Unschedulable');
});

test('topology spread maxSkew 1 over 3 zones', async () => {
  await namespace('spread');
  for (const [n, z] of [['sp-a1', 'a'], ['sp-a2', 'a'], ['sp-b1', 'b'], ['sp-c1', 'c']] as const) {
    await node(n, { labels: { suite: 'spread', 'topology.kubernetes.io/zone': `zone-${z}` } });
  }
  const zones: Record<string, number> = {};
  const nodeZone: Record<string, string> = { 'sp-a1': 'a', 'sp-a2': 'a', 'sp-b1': 'b', 'sp-c1': 'c' };
  for (let i = 0; i < 6; i++) {
    await create(pod('spread', `s${i}`, {
      nodeSelector: { suite: 'spread' },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 's' } } }],
    }, { app: 's' }));
    const z = nodeZone[await scheduledNode('spread', `s${i}`)] ?? '?';
    zones[z] = (zones[z] ?? 0) + 1;
  }
  assert.deepEqual(zones, { a: 2, b: 2, c: 2 });
});

test('preemption: a high-priority pod evicts a lower-priority one, then is bound there', async () => {
  await namespace('preempt');
  await node('pre-1', { cpu: '2', labels: { suite: 'preempt' } });
  // The pods' classes must exist: the Priority admission step refuses a pod naming a missing one.
  const classes = admin.resource<{ metadata: { name: string }; value: number }>({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false });
  for (const [name, value] of [['low', 10], ['high', 1000]] as const) await classes.create({ metadata: { name }, value });
  await create(pod('preempt', 'low', { ...cpu('1500m'), nodeSelector: { suite: 'preempt' }, priority: 10, priorityClassName: 'low', terminationGracePeriodSeconds: 0 }));
  assert.equal(await scheduledNode('preempt', 'low'), 'pre-1');
  await create(pod('preempt', 'high', { ...cpu('1500m'), nodeSelector: { suite: 'preempt' }, priority: 1000, priorityClassName: 'high' }));
  assert.equal(await scheduledNode('preempt', 'high'), 'pre-1');
  await assert.rejects(get('preempt', 'low'), /not found/);
  const events = (await admin.resource<Event>(EVENTS).namespace('preempt').list()).items;
  assert.ok(events.some((e) => e.involvedObject.name === 'low' && e.reason === 'Preempted' && /^Preempted by pod .* on node pre-1$/.test(e.message ?? '')));
});

test('an unschedulable pod is scheduled once a fitting node is added', async () => {
  await namespace('late');
  await create(pod('late', 'waiting', { nodeSelector: { suite: 'late' } }));
  const msg = await failedEvent('late', 'waiting');
  assert.match(msg, /node\(s\) didn't match Pod's node affinity\/selector/);
  await node('late-1', { labels: { suite: 'late' } });
  assert.equal(await scheduledNode('late', 'waiting'), 'late-1');
});

test('FailedScheduling text: Insufficient cpu and untolerated taint', async () => {
  await namespace('msg');
  await node('msg-1', { cpu: '1', labels: { suite: 'msg' } });
  await node('msg-2', { cpu: '1', labels: { suite: 'msg' } });
  await node('msg-3', { labels: { suite: 'msg' }, taints: [{ key: 'key', value: 'value', effect: 'NoSchedule' }] });
  await create(pod('msg', 'big', { ...cpu('2'), affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'suite', operator: 'In', values: ['msg'] }] }] } } } }));
  const msg = await failedEvent('msg', 'big');
  // Reasons are counted per node and sorted as strings, as upstream's FitError does.
  assert.match(msg, /^0\/\d+ nodes are available: .*1 node\(s\) had untolerated taint \{key: value\}, \d+ node\(s\) didn't match Pod's node affinity\/selector, 2 Insufficient cpu\. preemption: 0\/\d+ nodes are available: \d+ Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod\.$/);
});

test('/metrics counts the attempts above by result and shows the queues', async () => {
  const text = await (await fetch(`http://127.0.0.1:${await metricsPort}/metrics`)).text();
  const value = (series: string): number => Number(new RegExp(`^${series.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1] ?? 'NaN');
  // Every test above scheduled pods; the anti-affinity, late and message cases had failures.
  assert.ok(value('scheduler_schedule_attempts_total{profile="default-scheduler",result="scheduled"}') >= 5, text);
  assert.ok(value('scheduler_schedule_attempts_total{profile="default-scheduler",result="unschedulable"}') >= 3, text);
  assert.equal(value('scheduler_scheduling_attempt_duration_seconds_count{profile="default-scheduler",result="scheduled"}'),
    value('scheduler_schedule_attempts_total{profile="default-scheduler",result="scheduled"}'));
  assert.ok(value('scheduler_preemption_attempts_total') >= 1, text);
  for (const queue of ['active', 'backoff', 'unschedulable', 'gated']) assert.ok(value(`scheduler_pending_pods{queue="${queue}"}`) >= 0, `${queue} in ${text}`);
  assert.equal((await fetch(`http://127.0.0.1:${await metricsPort}/healthz`)).status, 200);
});
