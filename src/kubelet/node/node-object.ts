// The Node object a kubelet registers (upstream's initialNode in kubelet_node_status.go): name,
// the well-known labels, the annotations the kubelet sets, an empty spec for the node IPAM
// controller to fill.

import type { Node } from '../../api/types/core/v1/index.ts';

export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

export interface InitialNodeOptions {
  readonly name: string;
  /** GOARCH spelling (amd64, arm64). */
  readonly architecture: string;
  readonly operatingSystem?: string;
  /** Added after the well-known ones (e.g. the control-plane role on servers). */
  readonly extraLabels?: Readonly<Record<string, string>>;
}

export function initialNode(o: InitialNodeOptions): Node {
  const os = o.operatingSystem ?? 'linux';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: o.name,
      labels: {
        'kubernetes.io/hostname': o.name,
        'kubernetes.io/os': os,
        'kubernetes.io/arch': o.architecture,
        'beta.kubernetes.io/os': os,
        'beta.kubernetes.io/arch': o.architecture,
        ...o.extraLabels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: {},
  };
}
