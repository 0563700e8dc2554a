// `kubectl get services` columns (upstream's printService): the server always prints the wide
// form, kubectl hides priority-1 columns unless -o wide.

import type { Service, ServicePort } from '../../../../api/types/core/v1/index.ts';
import { age } from '../../../printers/duration.ts';
import { column, NAME_COLUMN, type Printer } from '../../../printers/table.ts';

/** "80/TCP", or "80:30080/TCP" with a node port, comma-separated. */
export function portsString(ports: readonly ServicePort[]): string {
  return ports.map((p) => ((p.nodePort ?? 0) > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

/** Load balancer ingress points (IP, else hostname), deduplicated and sorted. */
function ingressString(svc: Service): string {
  const points = new Set<string>();
  for (const ingress of svc.status?.loadBalancer?.ingress ?? []) {
    if ((ingress.ip ?? '') !== '') points.add(ingress.ip ?? '');
    else if ((ingress.hostname ?? '') !== '') points.add(ingress.hostname ?? '');
  }
  return [...points].sort().join(',');
}

export function externalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = ingressString(svc);
      if (external.length > 0) return [...(lb === '' ? [] : lb.split(',')), ...external].join(',');
      return lb === '' ? '<pending>' : lb;
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** labels.FormatLabels: sorted "k=v" pairs, or "<none>". */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

export const servicePrinter: Printer<Service> = {
  columns: [
    NAME_COLUMN,
    column('Type', 'string', 'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'),
    column('Cluster-IP', 'string', 'The virtual IP of the service inside the cluster.'),
    column('External-IP', 'string', 'The addresses the service is reachable at from outside the cluster.'),
    column('Port(s)', 'string', 'The ports the service exposes, with their node ports.'),
    column('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.'),
    column('Selector', 'string', 'Labels of the pods that receive the traffic.', { priority: 1 }),
  ],
  cells: (svc, now) => {
    const ports = portsString(svc.spec?.ports ?? []);
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      svc.spec?.clusterIPs?.[0] ?? '<none>',
      externalIP(svc),
      ports === '' ? '<none>' : ports,
      age(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};
