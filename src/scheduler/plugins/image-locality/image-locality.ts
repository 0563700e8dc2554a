// ImageLocality: prefers nodes that already have the pod's images, weighted by image size and
// by how many nodes have each image (so one node with a popular image does not attract every
// pod). Scores scale between 23 MB and 1000 MB per container.

import type { Node, Pod } from '../../../api/types/core/v1/index.ts';
import type { NodeInfo } from '../../framework/node-info.ts';
import type { Snapshot } from '../../framework/snapshot.ts';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../../framework/types.ts';
import { success } from '../../framework/status.ts';

export const IMAGE_LOCALITY = 'ImageLocality';
const MB = 1024 * 1024;
const MIN_THRESHOLD = 23 * MB;
const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** "busybox" → "busybox:latest"; images with a tag or digest are unchanged. */
export function normalizedImageName(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  const last = name.slice(lastSlash + 1);
  return last.includes(':') || last.includes('@') ? name : `${name}:latest`;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const s = Math.min(Math.max(sumScores, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (s - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

function images(pod: Pod): string[] {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => normalizedImageName(c.image ?? ''));
}

type ImageStates = Map<string, { size: number; nodes: number }>;

/** image → [size on a node, number of nodes with it] over the whole snapshot. */
function imageStates(nodes: readonly NodeInfo[]): ImageStates {
  const seen: ImageStates = new Map();
  for (const n of nodes) {
    const counted = new Set<string>();
    for (const img of n.node.status?.images ?? []) {
      for (const raw of img.names ?? []) {
        const name = normalizedImageName(raw);
        if (counted.has(name)) continue;
        counted.add(name);
        const e = seen.get(name) ?? { size: img.sizeBytes ?? 0, nodes: 0 };
        e.nodes++;
        seen.set(name, e);
      }
    }
  }
  return seen;
}

const onNodeMemo = new WeakMap<Node, ReadonlySet<string>>();

/** The normalized names of a node's images, once per Node object. */
function imagesOnNode(node: Node): ReadonlySet<string> {
  let set = onNodeMemo.get(node);
  if (set === undefined) {
    set = new Set((node.status?.images ?? []).flatMap((i) => (i.names ?? []).map(normalizedImageName)));
    onNodeMemo.set(node, set);
  }
  return set;
}

interface ScoreState {
  readonly seen: ImageStates;
  readonly total: number;
  readonly wanted: readonly string[];
}

export function imageLocality(): PreScorePlugin & ScorePlugin {
  const KEY = 'PreScoreImageLocality';
  // The image index changes only when some node's images do: kept per snapshot and its images version.
  const indexes = new WeakMap<Snapshot, { version: number; seen: ImageStates }>();
  return {
    name: IMAGE_LOCALITY,
    preScore(state, pod, _nodes) {
      const snap = state.snapshot;
      let index = indexes.get(snap);
      if (index === undefined || index.version !== snap.imagesVersion) {
        index = { version: snap.imagesVersion, seen: imageStates(snap.nodes) };
        indexes.set(snap, index);
      }
      state.write(KEY, { seen: index.seen, total: snap.nodes.length, wanted: images(pod) } satisfies ScoreState);
      return success();
    },
    score(state, pod, node) {
      const data = state.read<ScoreState>(KEY);
      if (data === undefined) return 0;
      const wanted = data.wanted;
      if (data.seen.size === 0) return calculatePriority(0, wanted.length);
      const onNode = imagesOnNode(node.node);
      let sum = 0;
      for (const name of wanted) {
        const e = data.seen.get(name);
        if (e === undefined || !onNode.has(name)) continue;
        sum += Math.trunc(e.size * (e.nodes / data.total));
      }
      return calculatePriority(sum, wanted.length);
    },
  };
}
