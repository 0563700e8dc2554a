// CPU of managedFields tracking alone (trackUpdate, what every non-apply write pays), on the
// writes of a pod's life as cpu-per-pod.ts makes them: the create, the scheduler's nodeName,
// the kubelet's status (through pods/status), a label change by a controller, a write that
// changes nothing, and the Scheduled event's create.
//
//   node --import tsx bench/apiserver/tracking.ts [--n 2000] [--rounds 3] [--only <label substring>]
//
// Each write gets objects of its own (cloned before the clock starts), as the server decodes a
// new body per request, so no cache keyed by object identity can make it look cheaper than it
// is. Prints operations per CPU second (user + system of this process) per write, per round.

import { trackUpdate, type TrackUpdateOptions } from '../../src/api/patch/apply/index.ts';
import { jsonClone } from '../../src/api/json-equal.ts';
import { Event } from '../../src/api/types/core/v1/event.ts';
import { Pod } from '../../src/api/types/core/v1/pod.ts';
import type { Pod as PodObject } from '../../src/api/types/core/v1/pod.ts';
import { defaultPod } from '../../src/apiserver/registry/core/pods/defaults.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(name);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const N = flag('--n', 2000);
const ROUNDS = flag('--rounds', 3);
const T0 = Date.parse('2026-01-01T00:00:00Z');
type Obj = Record<string, unknown>;

function podBody(name: string): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'pods', labels: { app: 'web', 'pod-template-hash': '5d4f8c7b9' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d4f8c7b9', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }] },
    spec: {
      containers: [{
        name: 'main', image: 'busybox', args: ['sleep', '3600'],
        env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        ports: [{ containerPort: 8080, name: 'http' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      }],
      volumes: [{ name: 'data', emptyDir: {} }],
    },
  };
}

function stored(obj: Obj, managedFields: unknown, rv: number): Obj {
  const meta = obj['metadata'] as Obj;
  return { ...obj, metadata: { ...meta, uid: 'uid-1', creationTimestamp: '2026-01-01T00:00:00Z', resourceVersion: String(rv), managedFields } };
}

function with_(obj: Obj, change: (o: Obj) => void): Obj {
  const copy = jsonClone(obj);
  change(copy);
  return copy;
}

const scopePod = { shape: Pod, apiVersion: 'v1' } as const;
const created = podBody('pod-1');
defaultPod(created as PodObject);
const createMf = trackUpdate({ ...scopePod, before: undefined, after: created, manager: 'kube-controller-manager', now: T0 });
const live = stored(created, createMf, 1);
const bound = with_(live, (o) => { (o['spec'] as Obj)['nodeName'] = 'node-1'; });
const boundStored = stored(bound, trackUpdate({ ...scopePod, before: live, after: bound, manager: 'kube-scheduler', now: T0 + 1000, subresource: 'binding' }), 2);
const now = '2026-01-01T00:00:02Z';
const running = with_(boundStored, (o) => {
  const condition = (type: string): Obj => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: now });
  o['status'] = {
    phase: 'Running', hostIP: '10.0.0.1', hostIPs: [{ ip: '10.0.0.1' }], podIP: '10.42.0.1', podIPs: [{ ip: '10.42.0.1' }], startTime: now, qosClass: 'Burstable',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    containerStatuses: [{ name: 'main', image: 'busybox', imageID: 'sha256:0', containerID: 'containerd://1', ready: true, started: true, restartCount: 0, state: { running: { startedAt: now } } }],
  };
});
const runningStored = stored(running, trackUpdate({ ...scopePod, before: boundStored, after: running, manager: 'kubelet', now: T0 + 2000, subresource: 'status' }), 3);
const relabelled = with_(runningStored, (o) => { ((o['metadata'] as Obj)['labels'] as Obj)['pod-template-hash'] = 'other'; });
const event = {
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'pod-1.scheduled', namespace: 'pods' },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: 'pods', name: 'pod-1' },
  reason: 'Scheduled', message: 'Successfully assigned pods/pod-1 to node-1', type: 'Normal',
  source: { component: 'default-scheduler' }, firstTimestamp: now, lastTimestamp: now, count: 1, reportingComponent: 'default-scheduler', reportingInstance: '',
};

interface Case {
  readonly label: string;
  readonly options: Omit<TrackUpdateOptions, 'before' | 'after'>;
  readonly before: Obj | undefined;
  readonly after: Obj;
  /** Makes each copy's objects (managedFields included) unlike any seen before: a cold cache. */
  readonly unique?: boolean;
}

const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] ?? '' : '';
const allCases: Case[] = [
  { label: 'create Pod', options: { ...scopePod, manager: 'kube-controller-manager', now: T0 }, before: undefined, after: created },
  { label: 'nodeName (pods/binding)', options: { ...scopePod, manager: 'kube-scheduler', now: T0 + 1000, subresource: 'binding' }, before: live, after: bound },
  { label: 'status (kubelet, pods/status)', options: { ...scopePod, manager: 'kubelet', now: T0 + 2000, subresource: 'status' }, before: boundStored, after: running },
  { label: 'label change (controller)', options: { ...scopePod, manager: 'kube-controller-manager', now: T0 + 3000 }, before: runningStored, after: relabelled },
  { label: 'label change, entries never seen before', options: { ...scopePod, manager: 'kube-controller-manager', now: T0 + 3000 }, before: runningStored, after: relabelled, unique: true },
  { label: 'no-op update', options: { ...scopePod, manager: 'kube-controller-manager', now: T0 + 3000 }, before: runningStored, after: jsonClone(runningStored) },
  { label: 'create Event', options: { shape: Event, apiVersion: 'v1', manager: 'kube-scheduler', now: T0 }, before: undefined, after: event },
];

const cases = allCases.filter((c) => c.label.includes(only));

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

let serial = 1 << 20;

/** A copy of `obj`; with `unique`, its pod IP (in status and in managedFields keys) is a new one. */
function copy(obj: Obj, unique: boolean | undefined, n: number): Obj {
  if (unique !== true) return jsonClone(obj);
  const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  return JSON.parse(JSON.stringify(obj).replaceAll('10.42.0.1', ip)) as Obj;
}

/** Operations per CPU second of `c` over N fresh copies of its objects. */
function measure(c: Case): number {
  const ns = Array.from({ length: N }, () => serial++);
  const befores = ns.map((n) => (c.before === undefined ? undefined : copy(c.before, c.unique, n)));
  const afters = ns.map((n) => copy(c.after, c.unique, n));
  const start = cpuMicros();
  for (let i = 0; i < N; i++) trackUpdate({ ...c.options, before: befores[i], after: afters[i] as Obj });
  return N / ((cpuMicros() - start) / 1e6);
}

for (const c of cases) measure(c); // warm-up
const results = cases.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) cases.forEach((c, i) => results[i]?.push(measure(c)));
const lines = [`| trackUpdate (${N} each, ${ROUNDS} rounds) | ops / CPU second |`, '|---|---:|'];
cases.forEach((c, i) => lines.push(`| ${c.label} | ${(results[i] ?? []).map((x) => Math.round(x)).join(', ')} |`));
process.stdout.write(`${lines.join('\n')}\n`);
