// ImageLocality: prefers nodes that already have the pod's images, weighted by image size and
// by how many nodes have each image (so one node with a popular image does not attract every
// pod). Scores scale between 23 MB and 1000 MB per container.

import type { Pod } from '../../../api/types/core/v1/index.ts';
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

export function imageLocality(): PreScorePlugin & ScorePlugin {
  const KEY = 'PreScoreImageLocality';
  return {
    name: IMAGE_LOCALITY,
    preScore(state, _pod, _nodes) {
      // image → [size on a node, number of nodes with it] over the whole snapshot.
      const seen = new Map<string, { size: number; nodes: number }>();
      for (const n of state.snapshot.nodes) {
        for (const img of n.node.status?.images ?? []) {
          for (const name of new Set((img.names ?? []).map(normalizedImageName))) {
            const e = seen.get(name) ?? { size: img.sizeBytes ?? 0, nodes: 0 };
            e.nodes++;
            seen.set(name, e);
          }
        }
      }
      state.write(KEY, { seen, total: state.snapshot.nodes.length });
      return success();
    },
    score(state, pod, node) {
      const data = state.read<{ seen: Map<string, { size: number; nodes: number }>; total: number }>(KEY);
      if (data === undefined) return 0;
      const onNode = new Set((node.node.status?.images ?? []).flatMap((i) => (i.names ?? []).map(normalizedImageName)));
      let sum = 0;
      const wanted = images(pod);
      for (const name of wanted) {
        const e = data.seen.get(name);
        if (e === undefined || !onNode.has(name)) continue;
        sum += Math.trunc(e.size * (e.nodes / data.total));
      }
      return calculatePriority(sum, wanted.length);
    },
  };
}
