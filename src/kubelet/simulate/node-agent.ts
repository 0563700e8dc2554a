// The heartbeats of one simulated node: the real kubelet's NodeHeartbeat (register, lease every
// 10 s, status on change or every 5 minutes) with the simulated node's fixed status. Stopping
// the loop (or the process) stops the heartbeats, so the node lifecycle controller sees the
// node go silent.

import type { Clock } from '../../api/clock.ts';
import type { Node } from '../../api/types/core/v1/index.ts';
import type { RestClient } from '../../client/rest/client.ts';
import { NodeHeartbeat } from '../node/heartbeat.ts';
import { initialNode, nodeStatus } from './node-status.ts';

export { LEASE_DURATION_SECONDS, leaseRenewMs } from '../node/heartbeat.ts';

export interface SimulatedNodeOptions {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly name: string;
  /** The node as the shared node informer last saw it. */
  readonly cachedNode: () => Node | undefined;
  readonly log: (message: string) => void;
  /** nodeLeaseDurationSeconds (default 40): heartbeats every quarter of it. */
  readonly leaseDurationSeconds?: number;
}

export function simulatedNodeHeartbeat(o: SimulatedNodeOptions): NodeHeartbeat {
  return new NodeHeartbeat({
    client: o.client, clock: o.clock, cachedNode: o.cachedNode, log: o.log,
    ...(o.leaseDurationSeconds === undefined ? {} : { leaseDurationSeconds: o.leaseDurationSeconds }),
    initialNode: initialNode(o.name),
    status: (current, now) => nodeStatus(o.name, current?.status?.conditions, now),
  });
}
