// The workloads of bench/scheduler, shaped after upstream scheduler_perf's (kubernetes v1.33,
// test/integration/scheduler_perf/config): which Node and Pod objects each creates, its default
// sizes (scaled down where upstream's would take too long on a 2-core machine), and the check
// it runs on the placements at the end. main.ts drives them all the same way: nodes, then the
// init pods waited for until bound, then the measured pods.

import type { RestClient } from '../../src/client/rest/client.ts';
import type { KubeObject } from '../../src/client/rest/types.ts';

export const NAMESPACE = 'default';
export const WORKLOAD_NAMES = ['basic', 'anti-affinity', 'topology-spreading', 'preemption'] as const;
export type WorkloadName = typeof WORKLOAD_NAMES[number];

type Obj = KubeObject & Record<string, unknown>;
export interface Pod extends KubeObject {
  spec?: { nodeName?: string };
  status?: { nominatedNodeName?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}

/** What the watch saw, for a workload's own check. Sequence numbers order events within the one watch stream. */
export interface Observed {
  readonly bound: ReadonlyMap<string, { node: string; seq: number }>;
  readonly deleted: ReadonlyMap<string, { node: string; seq: number }>;
  readonly nominated: ReadonlySet<string>;
}

export interface CheckContext {
  readonly client: RestClient;
  readonly observed: Observed;
  readonly nodes: number;
  readonly initNames: readonly string[];
  readonly names: readonly string[];
}

/** One metric row (label, value) for the report, plus a key=value for its trailing HTML comment; `ok` false fails the run. */
export interface CheckResult { rows: [string, string][]; comment: string; ok: boolean }

export interface Workload {
  readonly name: WorkloadName;
  /** Default sizes: [nodes, init pods, measured pods] for --quick and for a full run. */
  readonly quick: readonly [number, number, number];
  readonly full: readonly [number, number, number];
  /** What upstream's workload of this shape is, for the report. */
  readonly upstream: string;
  /** Objects (namespaces, priority classes) the pods need, created before any node. */
  setup(client: RestClient): Promise<void>;
  node(name: string, index: number): Obj;
  initPod(name: string): Obj;
  pod(name: string): Obj;
  /** The workload's own check of the placements, run once every measured pod is bound. */
  check(ctx: CheckContext): Promise<CheckResult>;
  /** One sentence on the objects, for the report's Run line (basic keeps its own). */
  describe(nodes: number, init: number, pods: number): string;
}

const ZONE_KEY = 'topology.kubernetes.io/zone';
const HOSTNAME_KEY = 'kubernetes.io/hostname';
const ZONES = ['moon-1', 'moon-2', 'moon-3'];
const PRIORITY_LOW = { name: 'bench-low', value: 1 };
const PRIORITY_HIGH = { name: 'bench-high', value: 10 };

/** A Ready node with 4 CPU, 16Gi and 110 pods allocatable, labeled with its hostname plus `labels`. */
function nodeObject(name: string, labels: Record<string, string> = {}): Obj {
  const resources = { cpu: '4', memory: '16Gi', pods: '110' };
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { [HOSTNAME_KEY]: name, 'kubernetes.io/os': 'linux', ...labels } },
    spec: {},
    status: {
      capacity: resources, allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'bench node', lastHeartbeatTime: now, lastTransitionTime: now }],
      phase: 'Running',
    },
  };
}

/** A one-container pause pod requesting `cpu` and 500Mi, with `labels` and extra `spec` fields. */
function podObject(name: string, cpu = '100m', labels: Record<string, string> = {}, spec: Record<string, unknown> = {}): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: NAMESPACE, ...(Object.keys(labels).length > 0 ? { labels } : {}) },
    spec: { ...spec, containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu, memory: '500Mi' } } }] },
  };
}

async function listMeasured(ctx: CheckContext): Promise<Pod[]> {
  const wanted = new Set(ctx.names);
  const list = await ctx.client.resource<Pod>({ group: '', version: 'v1', resource: 'pods', namespaced: true }).namespace(NAMESPACE).list();
  return list.items.filter((p) => wanted.has(p.metadata?.name ?? ''));
}

const basic: Workload = {
  name: 'basic', quick: [500, 200, 1000], full: [5000, 1000, 10_000],
  upstream: 'SchedulingBasic (5000Nodes: 1,000 init + 1,000 measured; 5000Nodes_10000Pods: 10,000 measured)',
  setup: async () => undefined,
  node: (name) => nodeObject(name),
  initPod: (name) => podObject(name),
  pod: (name) => podObject(name),
  check: async () => ({ rows: [], comment: '', ok: true }),
  describe: () => '',
};

const ANTI_LABELS = { color: 'green' };
const antiAffinitySpec = {
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: ANTI_LABELS }, topologyKey: HOSTNAME_KEY }] } },
};
const antiAffinity: Workload = {
  name: 'anti-affinity', quick: [500, 100, 400], full: [5000, 1000, 2000],
  upstream: 'SchedulingPodAntiAffinity (500Nodes: 100 init + 400 measured; 5000Nodes_2000Pods: 1,000 + 2,000, threshold 60 pods/s; there init and measured pods live in two namespaces named in the term, here both in one)',
  setup: async () => undefined,
  node: (name) => nodeObject(name),
  initPod: (name) => podObject(name, '100m', ANTI_LABELS, antiAffinitySpec),
  pod: (name) => podObject(name, '100m', ANTI_LABELS, antiAffinitySpec),
  async check(ctx) {
    // Every labeled pod, init and measured, must be alone on its node.
    const perNode = new Map<string, number>();
    for (const name of [...ctx.initNames, ...ctx.names]) {
      const node = ctx.observed.bound.get(name)?.node;
      if (node !== undefined) perNode.set(node, (perNode.get(node) ?? 0) + 1);
    }
    const max = Math.max(0, ...perNode.values());
    return {
      rows: [['labeled pods per node, max (required anti-affinity on hostname: must be 1)', `${max} (${perNode.size} nodes used)`]],
      comment: `max_pods_per_node=${max}`, ok: max <= 1,
    };
  },
  describe: (nodes, init, pods) => `${nodes} Node objects (4 CPU, 16Gi, 110 pods, Ready, each its own kubernetes.io/hostname); ${init} init pods bound first, then ${pods} measured pods, all labeled color=green with a required podAntiAffinity term against color=green on kubernetes.io/hostname (100m CPU, 500Mi)`,
};

const SPREAD_LABELS = { color: 'blue' };
const spreadSpec = {
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE_KEY, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: SPREAD_LABELS } }],
};
const zoneOf = (index: number): string => ZONES[index % ZONES.length] as string;
const topologySpreading: Workload = {
  name: 'topology-spreading', quick: [500, 1000, 1000], full: [5000, 5000, 5000],
  upstream: 'TopologySpreading (500Nodes: 1,000 init + 1,000 measured; 5000Nodes_5000Pods: 5,000 + 5,000, threshold 460 pods/s; its constraint has maxSkew 5, this one 1)',
  setup: async () => undefined,
  node: (name, i) => nodeObject(name, { [ZONE_KEY]: zoneOf(i) }),
  initPod: (name) => podObject(name),
  pod: (name) => podObject(name, '100m', SPREAD_LABELS, spreadSpec),
  async check(ctx) {
    // The zone of each measured pod's node, from the node's own label as the API holds it.
    const nodes = await ctx.client.resource<KubeObject>({ group: '', version: 'v1', resource: 'nodes', namespaced: false }).list();
    const zone = new Map(nodes.items.map((n) => [n.metadata?.name ?? '', n.metadata?.labels?.[ZONE_KEY] ?? '']));
    const counts = new Map(ZONES.map((z) => [z, 0]));
    for (const pod of await listMeasured(ctx)) {
      const z = zone.get(pod.spec?.nodeName ?? '');
      if (z !== undefined && counts.has(z)) counts.set(z, (counts.get(z) as number) + 1);
    }
    const values = [...counts.values()];
    const skew = Math.max(...values) - Math.min(...values);
    return {
      rows: [['measured pods per zone / max skew (maxSkew 1)', `${values.join(' / ')} / ${skew}`]],
      comment: `max_skew=${skew} zone_counts=${values.join(',')}`, ok: skew <= 1,
    };
  },
  describe: (nodes, init, pods) => `${nodes} Node objects (4 CPU, 16Gi, 110 pods, Ready) over ${ZONES.length} zones (${ZONE_KEY}, round robin) and their hostnames; ${init} plain init pods bound first, then ${pods} measured pods labeled color=blue with a topologySpreadConstraint maxSkew 1 on ${ZONE_KEY}, DoNotSchedule, selecting color=blue (100m CPU, 500Mi)`,
};

async function createPriorityClasses(client: RestClient): Promise<void> {
  const classes = client.resource<KubeObject>({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', namespaced: false });
  for (const pc of [PRIORITY_LOW, PRIORITY_HIGH]) {
    await classes.create({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: pc.name }, value: pc.value, description: 'bench/scheduler preemption workload' } as KubeObject);
  }
}
// spec.priority is given with the class name, equal to the class's value (the Priority admission
// plugin accepts a matching value); k8ts's admission does not look user classes up yet.
const lowSpec = { priorityClassName: PRIORITY_LOW.name, priority: PRIORITY_LOW.value, terminationGracePeriodSeconds: 0 };
const highSpec = { priorityClassName: PRIORITY_HIGH.name, priority: PRIORITY_HIGH.value };
const preemption: Workload = {
  name: 'preemption', quick: [250, 1000, 250], full: [1000, 4000, 1000],
  upstream: 'PreemptionBasic (1000Nodes: 4,000 init + 1,000 measured, no threshold; its pods give spec.priority without a class)',
  setup: createPriorityClasses,
  node: (name) => nodeObject(name),
  initPod: (name) => podObject(name, '900m', {}, lowSpec),
  pod: (name) => podObject(name, '3', {}, highSpec),
  async check(ctx) {
    // Each measured pod needs 3 CPU on a node holding 4 × 900m: it fits only after 3 victims go.
    const victims = ctx.initNames.filter((n) => ctx.observed.deleted.has(n)).length;
    const nominated = ctx.names.filter((n) => ctx.observed.nominated.has(n)).length;
    // A binding seen before the deletion of a victim on the same node means the pod was bound too early.
    const lastDeletion = new Map<string, number>();
    for (const name of ctx.initNames) {
      const d = ctx.observed.deleted.get(name);
      if (d !== undefined) lastDeletion.set(d.node, Math.max(lastDeletion.get(d.node) ?? -1, d.seq));
    }
    const early = ctx.names.filter((n) => {
      const b = ctx.observed.bound.get(n);
      return b !== undefined && (lastDeletion.get(b.node) ?? -1) > b.seq;
    }).length;
    const expected = 3 * ctx.names.length;
    return {
      rows: [
        ['victims deleted (expected 3 per measured pod)', `${victims} of ${expected} expected`],
        ['measured pods seen with status.nominatedNodeName / bound before their victims were gone', `${nominated} / ${early}`],
      ],
      comment: `victims=${victims} nominated=${nominated} bound_early=${early}`, ok: victims === expected && early === 0,
    };
  },
  describe: (nodes, init, pods) => `${nodes} Node objects (4 CPU, 16Gi, 110 pods, Ready); PriorityClasses ${PRIORITY_LOW.name} (${PRIORITY_LOW.value}) and ${PRIORITY_HIGH.name} (${PRIORITY_HIGH.value}) created through the API; ${init} init pods of ${PRIORITY_LOW.name} (900m CPU, 500Mi, terminationGracePeriodSeconds 0) filling every node with 4, then ${pods} measured pods of ${PRIORITY_HIGH.name} (3 CPU, 500Mi) that fit only by preempting 3 of them (the scheduler nominates the node and deletes the victims itself; no controllers run)`,
};

export const WORKLOADS: Record<WorkloadName, Workload> = {
  basic, 'anti-affinity': antiAffinity, 'topology-spreading': topologySpreading, preemption,
};
