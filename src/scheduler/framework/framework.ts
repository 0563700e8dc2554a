// One profile's plugins, ready to run (upstream's frameworkImpl): built from the registry and
// the profile's plugin list, it runs each extension point in order and stops at the first
// rejection (Filter, Reserve, Permit) or collects (Score).

import type { Pod } from '../../api/types/core/v1/index.ts';
import { CycleState } from './cycle-state.ts';
import type { NodeInfo } from './node-info.ts';
import { errorStatus, isSuccess, success, unresolvable, withPlugin, type Status } from './status.ts';
import type {
  BindPlugin, FilterPlugin, Handle, NodeScore, Plugin, PluginFactory, PostBindPlugin, PostFilterPlugin, PostFilterResult,
  PreBindPlugin, PreEnqueuePlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, QueueSortPlugin, QueuedPodInfo,
  ReservePlugin, PermitPlugin, ScorePlugin,
} from './types.ts';

export type ExtensionPoint = 'preEnqueue' | 'queueSort' | 'preFilter' | 'filter' | 'postFilter' | 'preScore' | 'score'
  | 'reserve' | 'permit' | 'preBind' | 'bind' | 'postBind';

export interface ProfilePlugin {
  readonly name: string;
  /** Score weight (default 1). */
  readonly weight: number;
  /** Extension points this plugin is disabled at. */
  readonly disabled: ReadonlySet<ExtensionPoint>;
}

export interface Profile {
  readonly schedulerName: string;
  readonly plugins: readonly ProfilePlugin[];
  readonly pluginArgs: ReadonlyMap<string, unknown>;
  /** 0: adaptive. */
  readonly percentageOfNodesToScore?: number;
}

export type Registry = Readonly<Record<string, PluginFactory>>;

function has<K extends string>(p: Plugin, method: K): boolean {
  return typeof (p as unknown as Record<string, unknown>)[method] === 'function';
}

export class Framework {
  readonly profile: Profile;
  readonly preEnqueue: PreEnqueuePlugin[] = [];
  readonly queueSort: QueueSortPlugin[] = [];
  readonly preFilters: PreFilterPlugin[] = [];
  readonly filters: FilterPlugin[] = [];
  readonly postFilters: PostFilterPlugin[] = [];
  readonly preScores: PreScorePlugin[] = [];
  readonly scores: { plugin: ScorePlugin; weight: number }[] = [];
  readonly reserves: ReservePlugin[] = [];
  readonly permits: PermitPlugin[] = [];
  readonly preBinds: PreBindPlugin[] = [];
  readonly binds: BindPlugin[] = [];
  readonly postBinds: PostBindPlugin[] = [];
  /** runScore's list of node scores, kept between cycles; runScore is never re-entered. */
  readonly #scoreScratch: { name: string; score: number }[] = [];

  /** Throws on an unknown plugin name: a configuration error, found at start-up. */
  constructor(profile: Profile, registry: Registry, handle: Omit<Handle, 'runFilters'>) {
    this.profile = profile;
    const fullHandle: Handle = { ...handle, runFilters: (state, pod, node) => this.runPreFilterAndFilter(state, pod, node) };
    for (const entry of profile.plugins) {
      const factory = registry[entry.name];
      if (factory === undefined) throw new Error(`profile ${profile.schedulerName}: plugin "${entry.name}" does not exist`);
      const p = factory(profile.pluginArgs.get(entry.name), fullHandle);
      const on = (point: ExtensionPoint, method: string): boolean => !entry.disabled.has(point) && has(p, method);
      if (on('preEnqueue', 'preEnqueue')) this.preEnqueue.push(p as PreEnqueuePlugin);
      if (on('queueSort', 'less')) this.queueSort.push(p as QueueSortPlugin);
      if (on('preFilter', 'preFilter')) this.preFilters.push(p as PreFilterPlugin);
      if (on('filter', 'filter')) this.filters.push(p as FilterPlugin);
      if (on('postFilter', 'postFilter')) this.postFilters.push(p as PostFilterPlugin);
      if (on('preScore', 'preScore')) this.preScores.push(p as PreScorePlugin);
      if (on('score', 'score')) this.scores.push({ plugin: p as ScorePlugin, weight: entry.weight });
      if (on('reserve', 'reserve')) this.reserves.push(p as ReservePlugin);
      if (on('permit', 'permit')) this.permits.push(p as PermitPlugin);
      if (on('preBind', 'preBind')) this.preBinds.push(p as PreBindPlugin);
      if (on('bind', 'bind')) this.binds.push(p as BindPlugin);
      if (on('postBind', 'postBind')) this.postBinds.push(p as PostBindPlugin);
    }
  }

  get schedulerName(): string {
    return this.profile.schedulerName;
  }

  runPreEnqueue(pod: Pod): Status {
    for (const p of this.preEnqueue) {
      const s = p.preEnqueue(pod);
      if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const sort = this.queueSort[0];
    return sort === undefined ? a.timestamp < b.timestamp : sort.less(a, b);
  }

  /**
   * Runs every PreFilter; the node sets they return are intersected. An empty intersection
   * rejects the pod with upstream's "node(s) didn't satisfy plugin(s) [A B] simultaneously".
   */
  runPreFilter(state: CycleState, pod: Pod): PreFilterResult {
    state.activeFilters = undefined;
    let names: Set<string> | undefined;
    const narrowing: string[] = [];
    for (const p of this.preFilters) {
      const r = p.preFilter(state, pod);
      if (r.status.code === 'Skip') {
        state.skipFilter.add(p.name);
        continue;
      }
      if (!isSuccess(r.status)) return { status: withPlugin(r.status, p.name) };
      if (r.nodeNames === undefined) continue;
      narrowing.push(p.name);
      names = names === undefined ? new Set(r.nodeNames) : new Set([...names].filter((n) => r.nodeNames?.has(n)));
      if (names.size === 0) {
        const msg = narrowing.length === 1 ? `node(s) didn't satisfy plugin ${p.name}` : `node(s) didn't satisfy plugin(s) [${narrowing.join(' ')}] simultaneously`;
        return { status: withPlugin(unresolvable(msg), p.name) };
      }
    }
    return names === undefined ? { status: success() } : { status: success(), nodeNames: names, plugins: narrowing };
  }

  runFilter(state: CycleState, pod: Pod, node: NodeInfo): Status {
    // The plugins PreFilter did not skip, worked out once per cycle: this runs for every node.
    const active = (state.activeFilters ??= this.filters.filter((p) => !state.skipFilter.has(p.name)));
    for (let i = 0; i < active.length; i++) {
      const p = active[i] as FilterPlugin;
      const s = p.filter(state, pod, node);
      if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  /** PreFilter and Filter for one node, in a fresh cycle state over `state`'s snapshot. */
  runPreFilterAndFilter(state: CycleState, pod: Pod, node: NodeInfo): Status {
    const fresh = new CycleState(state.snapshot);
    const pre = this.runPreFilter(fresh, pod);
    if (!isSuccess(pre.status)) return pre.status;
    if (pre.nodeNames !== undefined && !pre.nodeNames.has(node.name)) return unresolvable(notSatisfied(pre.plugins));
    return this.runFilter(fresh, pod, node);
  }

  async runPostFilter(state: CycleState, pod: Pod, statuses: ReadonlyMap<string, Status>): Promise<PostFilterResult> {
    const messages: string[] = [];
    for (const p of this.postFilters) {
      const r = await p.postFilter(state, pod, statuses);
      if (isSuccess(r.status) || r.status.code === 'Error') return { ...r, status: withPlugin(r.status, p.name) };
      messages.push(...r.status.reasons);
    }
    return { status: { code: 'Unschedulable', reasons: messages } };
  }

  /** Weighted totals, one per node of `nodes` in order (each plugin's normalized score times its weight). */
  runScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): number[] | Status {
    for (const p of this.preScores) {
      const s = p.preScore(state, pod, nodes);
      if (s.code === 'Skip') state.skipScore.add(p.name);
      else if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    const totals = new Array<number>(nodes.length).fill(0);
    // One scratch list for every plugin: scores are written, normalized, then added up. Its
    // entries are reused from cycle to cycle (a hundred nodes' worth each cycle, else garbage).
    const scores = this.#scoreScratch;
    scores.length = Math.min(scores.length, nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const entry = scores[i];
      if (entry === undefined) scores.push({ name: (nodes[i] as NodeInfo).name, score: 0 });
      else entry.name = (nodes[i] as NodeInfo).name;
    }
    for (const { plugin, weight } of this.scores) {
      if (state.skipScore.has(plugin.name)) continue;
      for (let i = 0; i < nodes.length; i++) (scores[i] as NodeScore).score = plugin.score(state, pod, nodes[i] as NodeInfo);
      plugin.normalizeScore?.(state, pod, scores);
      for (let i = 0; i < scores.length; i++) {
        const s = scores[i] as NodeScore;
        if (s.score < 0 || s.score > 100 || Number.isNaN(s.score)) return errorStatus(`plugin ${plugin.name} returned an invalid score ${s.score} for node ${s.name}`);
        totals[i] = (totals[i] as number) + s.score * weight;
      }
    }
    return totals;
  }

  runReserve(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const p of this.reserves) {
      const s = p.reserve(state, pod, nodeName);
      if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  runUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (const p of [...this.reserves].reverse()) p.unreserve(state, pod, nodeName);
  }

  runPermit(state: CycleState, pod: Pod, nodeName: string): Status {
    for (const p of this.permits) {
      const s = p.permit(state, pod, nodeName);
      if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  /**
   * PreBind, Bind, PostBind; `signal` (the scheduler stopping) is handed to PreBind. An Error
   * names the plugin and its extension point, as upstream's ("running PreBind plugin "X": …").
   */
  async runBindingCycle(state: CycleState, pod: Pod, nodeName: string, signal: AbortSignal): Promise<Status> {
    const failed = (s: Status, point: string, plugin: string): Status =>
      withPlugin(s.code === 'Error' ? errorStatus(`running ${point} plugin "${plugin}": ${s.reasons.join(', ')}`) : s, plugin);
    for (const p of this.preBinds) {
      const s = await p.preBind(state, pod, nodeName, signal);
      if (!isSuccess(s)) return failed(s, 'PreBind', p.name);
    }
    let bound = false;
    for (const p of this.binds) {
      const s = await p.bind(state, pod, nodeName);
      if (s.code === 'Skip') continue;
      if (!isSuccess(s)) return failed(s, 'Bind', p.name);
      bound = true;
      break;
    }
    if (!bound) return errorStatus('no bind plugin bound the pod');
    for (const p of this.postBinds) p.postBind(state, pod, nodeName);
    return success();
  }
}

/** The status of nodes a PreFilter result left out (upstream's absent-nodes status). */
export function notSatisfied(plugins: readonly string[] | undefined): string {
  return `node(s) didn't satisfy plugin(s) [${[...(plugins ?? [])].sort().join(' ')}]`;
}
