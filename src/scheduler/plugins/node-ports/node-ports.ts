// NodePorts: a pod's host ports must be free on the node. 0.0.0.0 conflicts with every address.

import { podHostPorts, type HostPort } from '../../framework/node-info.ts';
import { skip, success, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin } from '../../framework/types.ts';

export const NODE_PORTS = 'NodePorts';
export const REASON_NODE_PORTS = 'node(s) didn\'t have free ports for the requested pod ports';

export function conflicts(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0';
}

export function nodePorts(): PreFilterPlugin & FilterPlugin {
  return {
    name: NODE_PORTS,
    // As upstream: a pod without host ports skips Filter.
    preFilter(_state, pod) {
      return { status: podHostPorts(pod).length === 0 ? skip() : success() };
    },
    filter(_state, pod, node) {
      const wanted = podHostPorts(pod);
      if (wanted.length === 0 || node.usedPorts.length === 0) return success();
      const clash = wanted.some((w) => node.usedPorts.some((u) => conflicts(w, u)));
      return clash ? unschedulable(REASON_NODE_PORTS) : success();
    },
  };
}
