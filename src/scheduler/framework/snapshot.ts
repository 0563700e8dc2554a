// The nodes one scheduling cycle reads (upstream's cache Snapshot). Plugins treat it as frozen.
// The cache keeps one snapshot current between cycles by replacing only the NodeInfos that
// changed (Cache.updateSnapshot), so a cycle costs nothing per unchanged node. Derived views
// (nodes whose pods have pod affinity; a version number that moves when some node's image list
// may have changed, for ImageLocality's index) are kept alongside.

import type { Node } from '../../api/types/core/v1/index.ts';
import type { NodeInfo } from './node-info.ts';

/** Same image names and sizes, in the same order (a status update usually repeats them). */
function sameImages(a: Node, b: Node): boolean {
  if (a === b) return true;
  const x = a.status?.images ?? [];
  const y = b.status?.images ?? [];
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i];
    const q = y[i];
    if (p?.sizeBytes !== q?.sizeBytes || (p?.names ?? []).join('\n') !== (q?.names ?? []).join('\n')) return false;
  }
  return true;
}

export class Snapshot {
  #nodes: NodeInfo[] = [];
  readonly #byName = new Map<string, NodeInfo>();
  readonly #index = new Map<string, number>();
  #withAffinity: NodeInfo[] | undefined;
  #imagesVersion = 0;

  /** `nodes` in the order Filter walks them (the cache uses name order). */
  constructor(nodes: readonly NodeInfo[] = []) {
    this.reset(nodes);
  }

  get nodes(): readonly NodeInfo[] {
    return this.#nodes;
  }

  get(name: string): NodeInfo | undefined {
    return this.#byName.get(name);
  }

  /** Changes whenever the images of some node in the snapshot may have changed (not on heartbeats). */
  get imagesVersion(): number {
    return this.#imagesVersion;
  }

  /** Nodes holding at least one pod with pod affinity or anti-affinity (upstream's HavePodsWithAffinityNodeInfoList). */
  havePodsWithAffinity(): readonly NodeInfo[] {
    this.#withAffinity ??= this.#nodes.filter((n) => n.podsWithAffinity.length > 0);
    return this.#withAffinity;
  }

  /** A snapshot with one node replaced (preemption's what-if); this one is left alone. */
  withNode(info: NodeInfo): Snapshot {
    const s = new Snapshot();
    s.#nodes = this.#nodes.slice();
    for (const [k, v] of this.#byName) s.#byName.set(k, v);
    for (const [k, v] of this.#index) s.#index.set(k, v);
    s.#imagesVersion = this.#imagesVersion;
    if (!s.replace(info)) s.reset([...s.#nodes, info]);
    return s;
  }

  /** Replaces every node (the cache, when nodes were added or removed). */
  reset(nodes: readonly NodeInfo[]): void {
    this.#nodes = nodes.slice();
    this.#byName.clear();
    this.#index.clear();
    this.#nodes.forEach((n, i) => {
      this.#byName.set(n.name, n);
      this.#index.set(n.name, i);
    });
    this.#withAffinity = undefined;
    this.#imagesVersion++;
  }

  /** Replaces the node of the same name in place; false if there is none. */
  replace(info: NodeInfo): boolean {
    const i = this.#index.get(info.name);
    if (i === undefined) return false;
    const old = this.#nodes[i];
    this.#nodes[i] = info;
    this.#byName.set(info.name, info);
    if (old === undefined || !sameImages(old.node, info.node)) this.#imagesVersion++;
    if (this.#withAffinity !== undefined && (info.podsWithAffinity.length > 0 || (old?.podsWithAffinity.length ?? 0) > 0)) this.#withAffinity = undefined;
    return true;
  }
}
