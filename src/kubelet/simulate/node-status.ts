// What a simulated kubelet reports about its node, as the kubelet's setters do
// (pkg/kubelet/nodestatus): fixed capacity, labels, addresses, nodeInfo, and the four
// conditions a healthy kubelet posts. Pure: time comes in as `now`.

import type { Node, NodeCondition, NodeStatus } from '../../api/types/core/v1/index.ts';
import { loopbackAddress } from './ip-pool.ts';
import { initialNode as initialNodeObject } from '../node/node-object.ts';
import { NO_PRESSURE, pressureConditions, readyCondition, stampConditions } from '../node/conditions.ts';

export const KUBELET_VERSION = 'v1.33.0';

/** The Node object a simulated kubelet registers. */
export function initialNode(name: string): Node {
  return initialNodeObject({ name, architecture: 'amd64', extraLabels: { 'node.kubernetes.io/instance-type': 'k8ts-simulated' } });
}

/** The four conditions of a healthy kubelet, stamped for `now` (transitions kept from `previous`). */
export function healthyConditions(previous: readonly NodeCondition[] | undefined, now: number): NodeCondition[] {
  return stampConditions([...pressureConditions(NO_PRESSURE), readyCondition([])], previous, now);
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
