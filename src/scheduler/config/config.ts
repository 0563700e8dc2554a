// KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1), the parts k8ts honours: profiles
// (schedulerName, plugins per extension point or multiPoint with enable/disable and weights,
// pluginConfig args, percentageOfNodesToScore), the global percentageOfNodesToScore, the pod
// backoff bounds and leader election. Missing fields take upstream's defaults.

import { parse as parseYaml } from 'yaml';
import type { ExtensionPoint, Profile, ProfilePlugin } from '../framework/framework.ts';
import { DEFAULT_PLUGINS } from '../plugins/registry.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

interface PluginRef { name: string; weight?: number }
interface PluginSet { enabled?: PluginRef[]; disabled?: PluginRef[] }
type Plugins = Partial<Record<ExtensionPoint | 'multiPoint', PluginSet>>;

export interface KubeSchedulerProfile {
  schedulerName?: string;
  percentageOfNodesToScore?: number;
  plugins?: Plugins;
  pluginConfig?: { name: string; args?: unknown }[];
}

export interface KubeSchedulerConfiguration {
  apiVersion?: string;
  kind?: string;
  percentageOfNodesToScore?: number;
  podInitialBackoffSeconds?: number;
  podMaxBackoffSeconds?: number;
  leaderElection?: { leaderElect?: boolean; resourceNamespace?: string; resourceName?: string; leaseDuration?: string; renewDeadline?: string; retryPeriod?: string };
  profiles?: KubeSchedulerProfile[];
}

export interface SchedulerConfig {
  readonly profiles: readonly Profile[];
  readonly podInitialBackoffMs: number;
  readonly podMaxBackoffMs: number;
  readonly leaderElect: boolean;
  readonly leaseNamespace: string;
  readonly leaseName: string;
}

const POINTS: readonly ExtensionPoint[] = ['preEnqueue', 'queueSort', 'preFilter', 'filter', 'postFilter', 'preScore', 'score',
  'reserve', 'permit', 'preBind', 'bind', 'postBind'];

/** One profile's plugin list: the defaults, then multiPoint, then per-point changes. */
export function buildProfile(p: KubeSchedulerProfile, globalPercentage: number | undefined): Profile {
  const plugins = new Map<string, { weight: number; disabled: Set<ExtensionPoint> }>();
  const multi = p.plugins?.multiPoint;
  const dropAll = (multi?.disabled ?? []).some((d) => d.name === '*');
  for (const d of DEFAULT_PLUGINS) {
    if (dropAll || (multi?.disabled ?? []).some((x) => x.name === d.name)) continue;
    plugins.set(d.name, { weight: d.weight ?? 1, disabled: new Set() });
  }
  for (const e of multi?.enabled ?? []) {
    const cur = plugins.get(e.name);
    plugins.set(e.name, { weight: e.weight ?? cur?.weight ?? 1, disabled: cur?.disabled ?? new Set() });
  }
  for (const point of POINTS) {
    const set = p.plugins?.[point];
    if (set === undefined) continue;
    const all = (set.disabled ?? []).some((d) => d.name === '*');
    for (const [name, entry] of plugins) {
      if (all || (set.disabled ?? []).some((d) => d.name === name)) entry.disabled.add(point);
    }
    for (const e of set.enabled ?? []) {
      const cur = plugins.get(e.name);
      if (cur === undefined) {
        // Enabled at this point only.
        plugins.set(e.name, { weight: e.weight ?? 1, disabled: new Set(POINTS.filter((x) => x !== point)) });
      } else {
        cur.disabled.delete(point);
        if (point === 'score' && e.weight !== undefined) cur.weight = e.weight;
      }
    }
  }
  const list: ProfilePlugin[] = [...plugins].map(([name, e]) => ({ name, weight: e.weight, disabled: e.disabled }));
  const percentage = p.percentageOfNodesToScore ?? globalPercentage;
  return {
    schedulerName: p.schedulerName ?? DEFAULT_SCHEDULER_NAME,
    plugins: list,
    pluginArgs: new Map((p.pluginConfig ?? []).map((c) => [c.name, c.args])),
    ...(percentage === undefined ? {} : { percentageOfNodesToScore: percentage }),
  };
}

/** Throws on a wrong apiVersion/kind or duplicate scheduler names. */
export function schedulerConfig(c: KubeSchedulerConfiguration = {}): SchedulerConfig {
  if (c.apiVersion !== undefined && c.apiVersion !== 'kubescheduler.config.k8s.io/v1') throw new Error(`unsupported apiVersion ${c.apiVersion}`);
  if (c.kind !== undefined && c.kind !== 'KubeSchedulerConfiguration') throw new Error(`unsupported kind ${c.kind}`);
  const profiles = (c.profiles ?? [{}]).map((p) => buildProfile(p, c.percentageOfNodesToScore));
  const names = new Set<string>();
  for (const p of profiles) {
    if (names.has(p.schedulerName)) throw new Error(`duplicate profile with scheduler name "${p.schedulerName}"`);
    names.add(p.schedulerName);
  }
  return {
    profiles,
    podInitialBackoffMs: (c.podInitialBackoffSeconds ?? 1) * 1000,
    podMaxBackoffMs: (c.podMaxBackoffSeconds ?? 10) * 1000,
    leaderElect: c.leaderElection?.leaderElect ?? true,
    leaseNamespace: c.leaderElection?.resourceNamespace ?? 'kube-system',
    leaseName: c.leaderElection?.resourceName ?? 'kube-scheduler',
  };
}

export function parseSchedulerConfig(text: string): SchedulerConfig {
  return schedulerConfig((parseYaml(text) ?? {}) as KubeSchedulerConfiguration);
}
