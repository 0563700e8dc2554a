// NodePorts: a pod's host ports must be free on the node. 0.0.0.0 conflicts with every address.

import { podHostPorts, type HostPort } from '../../framework/node-info.ts';
import { skip, success, unschedulable } from '../../framework/status.ts';
import type { FilterPlugin, PreFilterPlugin } from '../../framework/types.ts';

export const NODE_PORTS = 'NodePorts';
const STATE_KEY = 'PreFilterNodePorts';
export const REASON_NODE_PORTS = 'node(s) didn\'t have free ports for the requested pod ports';

export function conflicts(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0';
}

export function nodePorts(): PreFilterPlugin & FilterPlugin {
  return {
    name: NODE_PORTS,
    // As upstream: a pod without host ports skips Filter.
    preFilter(state, pod) {
      const ports = podHostPorts(pod);
      state.write(STATE_KEY, ports);
      return { status: ports.length === 0 ? skip() : success() };
    },
    filter(state, pod, node) {
      const wanted = state.read<readonly HostPort[]>(STATE_KEY) ?? podHostPorts(pod);
      if (wanted.length === 0 || node.usedPorts.length === 0) return success();
      const clash = wanted.some((w) => node.usedPorts.some((u) => conflicts(w, u)));
      return clash ? unschedulable(REASON_NODE_PORTS) : success();
    },
  };
}
