// What a simulated kubelet reports about its node, as the kubelet's setters do
// (pkg/kubelet/nodestatus): fixed capacity, labels, addresses, nodeInfo, and the four
// conditions a healthy kubelet posts. Pure: time comes in as `now`.

import type { Node, NodeCondition, NodeStatus } from '../../api/types/core/v1/index.ts';
import { loopbackAddress } from './ip-pool.ts';
import { formatTime } from './resources.ts';

export const KUBELET_VERSION = 'v1.33.0';
/** How often the kubelet posts its status even when nothing changed (nodeStatusReportFrequency). */
export const NODE_STATUS_REPORT_MS = 5 * 60_000;

const HEALTHY: readonly { type: string; status: string; reason: string; message: string }[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/** The Node object the kubelet registers (tryRegisterWithAPIServer's initial node). */
export function initialNode(name: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': 'k8ts-simulated',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {},
  };
}

/**
 * The conditions to post at `now`: each keeps its lastTransitionTime while its status is
 * unchanged from `previous` (so a node marked Unknown by the controller transitions back).
 */
export function healthyConditions(previous: readonly NodeCondition[] | undefined, now: number): NodeCondition[] {
  const stamp = formatTime(now);
  return HEALTHY.map((want) => {
    const old = previous?.find((c) => c.type === want.type);
    const transition = old !== undefined && old.status === want.status && old.lastTransitionTime !== undefined ? old.lastTransitionTime : stamp;
    return { type: want.type, status: want.status, lastHeartbeatTime: stamp, lastTransitionTime: transition, reason: want.reason, message: want.message };
  });
}

/** The whole status the kubelet posts for `name`. */
export function nodeStatus(name: string, previous: readonly NodeCondition[] | undefined, now: number): NodeStatus {
  const resources = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0' };
  return {
    capacity: resources,
    allocatable: resources,
    conditions: healthyConditions(previous, now),
    addresses: [{ type: 'InternalIP', address: loopbackAddress(name) }, { type: 'Hostname', address: name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: machineId(name), systemUUID: machineId(`${name}/uuid`), bootID: machineId(`${name}/boot`),
      kernelVersion: '6.1.0-k8ts', osImage: 'k8ts simulated node', containerRuntimeVersion: 'simulated://1.0.0',
      kubeletVersion: KUBELET_VERSION, kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
    },
  };
}

/**
 * Whether the kubelet posts now (upstream: when anything changed, or when the report interval
 * has passed since the last heartbeat): Ready not True (a controller marked it Unknown), or the
 * Ready heartbeat older than the report frequency.
 */
export function statusNeedsPost(node: Node | undefined, now: number): boolean {
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready === undefined || ready.status !== 'True' || ready.lastHeartbeatTime === undefined) return true;
  const nodeInfo = node?.status?.nodeInfo;
  if (nodeInfo === undefined || nodeInfo.kubeletVersion !== KUBELET_VERSION) return true;
  return now - Date.parse(ready.lastHeartbeatTime) >= NODE_STATUS_REPORT_MS;
}

/** A stable 32-hex-digit ID derived from `seed`. */
function machineId(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}
