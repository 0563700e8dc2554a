// Per-zone rate limiting of NoExecute tainting, which is what paces taint-based eviction
// (upstream's zoneNoExecuteTainter with --node-eviction-rate 0.1, --secondary-node-eviction-rate
// 0.01, --unhealthy-zone-threshold 0.55, --large-cluster-size-threshold 50). A zone whose nodes
// are mostly down is probably cut off, not broken: it is tainted slowly or not at all, and
// when every zone is fully down nothing is evicted anywhere.

import type { Clock } from '../../api/clock.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import { readyCondition } from './health.ts';

export const EVICTION_QPS = 0.1;
export const SECONDARY_EVICTION_QPS = 0.01;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
export const LARGE_CLUSTER_THRESHOLD = 50;

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

/** The zone key of a node: region and zone labels joined, as upstream's GetZoneKey. */
export function zoneOf(node: Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\x00:${zone}`;
}

/** ComputeZoneState: how many of a zone's nodes are not Ready, and what that makes the zone. */
export function zoneState(nodes: readonly Node[]): { notReady: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const node of nodes) {
    if (readyCondition(node)?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (ready + notReady) >= UNHEALTHY_ZONE_THRESHOLD) return { notReady, state: 'PartialDisruption' };
  return { notReady, state: 'Normal' };
}

/** setLimiterInZone: the tainting rate (per second) for a zone of `size` nodes in `state`. */
export function zoneRate(state: ZoneState, size: number, allZonesFullyDisrupted: boolean): number {
  if (allZonesFullyDisrupted) return 0;
  if (state === 'PartialDisruption') return size > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0;
  return EVICTION_QPS;
}

/** A token bucket (burst 1, as upstream's eviction limiter): tryAccept() takes a token if one is there. */
export class TokenBucket {
  readonly #clock: Clock;
  #qps: number;
  #tokens = 1;
  #last: number;

  constructor(qps: number, clock: Clock) {
    this.#clock = clock;
    this.#qps = qps;
    this.#last = clock.now();
  }

  setRate(qps: number): void {
    this.#refill();
    this.#qps = qps;
  }

  tryAccept(): boolean {
    this.#refill();
    if (this.#qps <= 0 || this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(1, this.#tokens + ((now - this.#last) / 1000) * this.#qps);
    this.#last = now;
  }
}
