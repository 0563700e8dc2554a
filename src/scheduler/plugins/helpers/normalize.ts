// upstream's helper.DefaultNormalizeScore: scale so the best raw score becomes 100 (or, reversed,
// so the lowest does). All zeros stay zeros (or become 100 when reversed).

import { MAX_NODE_SCORE, type NodeScore } from '../../framework/types.ts';

export function defaultNormalizeScore(scores: NodeScore[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) max = Math.max(max, s.score);
  if (max === 0) {
    if (reverse) for (const s of scores) s.score = MAX_NODE_SCORE;
    return;
  }
  for (const s of scores) {
    let v = Math.trunc((MAX_NODE_SCORE * s.score) / max);
    if (reverse) v = MAX_NODE_SCORE - v;
    s.score = v;
  }
}
