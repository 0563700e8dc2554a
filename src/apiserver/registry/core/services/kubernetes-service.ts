// The `kubernetes` Service in `default`: how pods reach the API server (upstream's
// kubernetesservice controller). It holds the first address of the service range, which
// dynamic allocation never hands out. The server creates it at start through the normal
// create path; the allocators then record the address under default/kubernetes.

import type { Service } from '../../../../api/types/core/v1/index.ts';
import { numberToIPv4, parseIPv4CIDR } from './ip.ts';
import { DEFAULT_SERVICE_CIDR } from './allocator.ts';

export const KUBERNETES_SERVICE_NAME = 'kubernetes';
export const KUBERNETES_SERVICE_NAMESPACE = 'default';

/** The first host address of a service CIDR: 10.43.0.1 for 10.43.0.0/16. */
export function kubernetesServiceIP(serviceCIDR: string = DEFAULT_SERVICE_CIDR): string {
  const cidr = parseIPv4CIDR(serviceCIDR);
  if (cidr === undefined) throw new Error(`invalid service CIDR ${serviceCIDR}: an IPv4 CIDR is required`);
  return numberToIPv4(cidr.base + 1);
}

export interface KubernetesServiceOptions {
  /** The port the API server listens on (--port, 6443 by default). */
  readonly apiServerPort: number;
  readonly serviceCIDR?: string;
}

/** The Service to create (or check) at start; port 443 "https" forwards to the API server's port. */
export function kubernetesService(options: KubernetesServiceOptions): Service {
  const ip = kubernetesServiceIP(options.serviceCIDR);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: KUBERNETES_SERVICE_NAME,
      namespace: KUBERNETES_SERVICE_NAMESPACE,
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      type: 'ClusterIP',
      clusterIP: ip,
      clusterIPs: [ip],
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: options.apiServerPort }],
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    },
  };
}
