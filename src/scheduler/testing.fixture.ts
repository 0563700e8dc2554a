// Builders for scheduler unit tests: nodes, pods, snapshots and a framework with a fake Handle.

import { FakeClock } from '../api/clock.ts';
import type { Container, Node, PersistentVolume, PersistentVolumeClaim, Pod, Taint } from '../api/types/core/v1/index.ts';
import type { StorageClass } from '../api/types/storage/v1/index.ts';
import type { PodDisruptionBudget } from '../api/types/policy/v1/index.ts';
import { buildProfile, type KubeSchedulerProfile } from './config/config.ts';
import { CycleState } from './framework/cycle-state.ts';
import { Framework } from './framework/framework.ts';
import { NodeInfo, podInfo } from './framework/node-info.ts';
import { Snapshot } from './framework/snapshot.ts';
import type { ApiActions, CSINode, Handle } from './framework/types.ts';
import { inTreeRegistry } from './plugins/registry.ts';

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  images?: { names: string[]; sizeBytes: number }[];
  extra?: Record<string, string>;
}

export function makeNode(name: string, o: NodeOptions = {}): Node {
  const alloc = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints === undefined ? {} : { taints: o.taints }), ...(o.unschedulable === undefined ? {} : { unschedulable: o.unschedulable }) },
    status: { capacity: alloc, allocatable: alloc, ...(o.images === undefined ? {} : { images: o.images }) },
  };
}

let uid = 0;

export function makePod(name: string, spec: Partial<NonNullable<Pod['spec']>> = {}, labels: Record<string, string> = {}, namespace = 'default'): Pod {
  return { metadata: { name, namespace, uid: `uid-${name}-${uid++}`, labels }, spec: { containers: [{ name: 'c', image: 'busybox' }], ...spec } };
}

export function container(requests: Record<string, string>, extra: Partial<Container> = {}): Container {
  return { name: `c${uid++}`, image: 'busybox', resources: { requests }, ...extra };
}

/** A snapshot of nodes with pods placed by spec.nodeName. */
export function snapshot(nodes: readonly Node[], pods: readonly Pod[] = []): Snapshot {
  const infos = nodes.map((n) => new NodeInfo(n));
  for (const p of pods) infos.find((i) => i.name === p.spec?.nodeName)?.addPod(podInfo(p));
  return new Snapshot(infos);
}

export interface FakeApi extends ApiActions {
  readonly bound: [string, string][];
  readonly deleted: string[];
  readonly events: string[];
  /** PV and PVC writes, as "pv/<name>" and "pvc/<ns>/<name>", in order. */
  readonly updated: string[];
}

/**
 * A fake API. Given `volumes`, PV and PVC writes replace the object there with a bumped
 * resourceVersion, as the informer would then report it; `failUpdates` makes them reject.
 */
export function fakeApi(volumes?: FakeVolumes, failUpdates?: string): FakeApi {
  let rv = 1000;
  const write = <T extends PersistentVolume | PersistentVolumeClaim>(list: T[] | undefined, obj: T, key: string): Promise<T> => {
    api.updated.push(key);
    if (failUpdates !== undefined) return Promise.reject(new Error(failUpdates));
    const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++rv) } } as T;
    if (list !== undefined) {
      const i = list.findIndex((o) => o.metadata?.name === obj.metadata?.name && o.metadata?.namespace === obj.metadata?.namespace);
      if (i >= 0) list[i] = stored;
    }
    return Promise.resolve(stored);
  };
  const api: FakeApi = {
    bound: [], deleted: [], events: [], updated: [],
    bind: (pod, node) => { api.bound.push([pod.metadata?.name ?? '', node]); return Promise.resolve(); },
    deletePod: (pod) => { api.deleted.push(pod.metadata?.name ?? ''); return Promise.resolve(); },
    event: (pod, _type, reason, message) => { api.events.push(`${reason} ${pod.metadata?.name ?? ''}: ${message}`); },
    updateVolume: (pv) => write(volumes?.volumes, pv, `pv/${pv.metadata?.name ?? ''}`),
    updateClaim: (pvc) => write(volumes?.claims, pvc, `pvc/${pvc.metadata?.namespace ?? ''}/${pvc.metadata?.name ?? ''}`),
  };
  return api;
}

/** The objects a fake handle's listers read; tests may change them between calls. */
export interface FakeVolumes {
  claims?: PersistentVolumeClaim[];
  volumes?: PersistentVolume[];
  classes?: StorageClass[];
  pods?: Pod[];
  csiNodes?: CSINode[];
}

export function fakeHandle(o: { api?: ApiActions; pdbs?: PodDisruptionBudget[]; namespaces?: Record<string, Record<string, string>>; volumes?: FakeVolumes;
  clock?: FakeClock; } = {}): Omit<Handle, 'runFilters'> {
  const v = o.volumes ?? {};
  return {
    clock: o.clock ?? new FakeClock(), api: o.api ?? fakeApi(v),
    volumes: {
      claim: (ns, name) => v.claims?.find((c) => c.metadata?.namespace === ns && c.metadata.name === name),
      volume: (name) => v.volumes?.find((pv) => pv.metadata?.name === name),
      volumes: () => v.volumes ?? [],
      storageClass: (name) => v.classes?.find((c) => c.metadata?.name === name),
      pod: (ns, name) => v.pods?.find((p) => p.metadata?.namespace === ns && p.metadata.name === name),
      csiNode: (name) => v.csiNodes?.find((c) => c.metadata?.name === name),
    },
    namespace: (name) => (o.namespaces?.[name] === undefined ? undefined : { metadata: { name, labels: o.namespaces[name] } }),
    pdbs: (ns) => (o.pdbs ?? []).filter((p) => p.metadata?.namespace === ns),
  };
}

export function framework(profile: KubeSchedulerProfile = {}, handle = fakeHandle()): Framework {
  return new Framework(buildProfile(profile, undefined), inTreeRegistry(), handle);
}

/** Runs PreFilter + Filter on every node; node name → first rejection reason ('' = fits). */
export function filterAll(fwk: Framework, snap: Snapshot, pod: Pod): Record<string, string> {
  const state = new CycleState(snap);
  const pre = fwk.runPreFilter(state, pod);
  const out: Record<string, string> = {};
  for (const n of snap.nodes) {
    const s = pre.status.code === 'Success' ? fwk.runFilter(state, pod, n) : pre.status;
    out[n.name] = s.reasons.join(', ');
  }
  return out;
}

/** Runs one plugin's Score (with PreScore and NormalizeScore) over every node. */
export function scoreWith(fwk: Framework, plugin: string, snap: Snapshot, pod: Pod): Record<string, number> {
  const state = new CycleState(snap);
  fwk.runPreFilter(state, pod);
  for (const p of fwk.preScores) if (p.name === plugin && p.preScore(state, pod, snap.nodes).code === 'Skip') state.skipScore.add(plugin);
  const entry = fwk.scores.find((s) => s.plugin.name === plugin);
  if (entry === undefined) throw new Error(`no score plugin ${plugin}`);
  const scores = snap.nodes.map((n) => ({ name: n.name, score: state.skipScore.has(plugin) ? 0 : entry.plugin.score(state, pod, n) }));
  if (!state.skipScore.has(plugin)) entry.plugin.normalizeScore?.(state, pod, scores);
  return Object.fromEntries(scores.map((s) => [s.name, s.score]));
}
