import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from '../../../../api/types/core/v1/index.ts';
import { servicePrinter } from './printer.ts';

const now = Date.parse('2026-01-01T01:00:00Z');
const created = '2026-01-01T00:00:00Z';

function svc(spec: Service['spec'], status?: Service['status']): Service {
  return { metadata: { name: 'web', creationTimestamp: created }, ...(spec === undefined ? {} : { spec }), ...(status === undefined ? {} : { status }) };
}

test('service columns', () => {
  assert.deepEqual(servicePrinter.columns.map((c) => [c.name, c.priority]),
    [['Name', 0], ['Type', 0], ['Cluster-IP', 0], ['External-IP', 0], ['Port(s)', 0], ['Age', 0], ['Selector', 1]]);
  const cases: Array<{ name: string; svc: Service; want: unknown[] }> = [
    {
      name: 'ClusterIP',
      svc: svc({ type: 'ClusterIP', clusterIPs: ['10.43.0.5'], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { tier: 'web', app: 'x' } }),
      want: ['web', 'ClusterIP', '10.43.0.5', '<none>', '80/TCP,53/UDP', '60m', 'app=x,tier=web'],
    },
    {
      name: 'NodePort with external IPs',
      svc: svc({ type: 'NodePort', clusterIPs: ['10.43.0.6'], externalIPs: ['1.2.3.4', '5.6.7.8'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] }),
      want: ['web', 'NodePort', '10.43.0.6', '1.2.3.4,5.6.7.8', '80:30080/TCP', '60m', '<none>'],
    },
    {
      name: 'LoadBalancer pending',
      svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.7'], ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }),
      want: ['web', 'LoadBalancer', '10.43.0.7', '<pending>', '443:31443/TCP', '60m', '<none>'],
    },
    {
      name: 'LoadBalancer with ingress (sorted, deduplicated) and external IPs',
      svc: svc({ type: 'LoadBalancer', clusterIPs: ['10.43.0.7'], externalIPs: ['9.9.9.9'], ports: [{ port: 80, protocol: 'TCP' }] },
        { loadBalancer: { ingress: [{ ip: '5.5.5.5' }, { hostname: 'lb.example.com' }, { ip: '1.1.1.1' }, { ip: '5.5.5.5' }] } }),
      want: ['web', 'LoadBalancer', '10.43.0.7', '1.1.1.1,5.5.5.5,lb.example.com,9.9.9.9', '80/TCP', '60m', '<none>'],
    },
    {
      name: 'headless without ports',
      svc: svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }),
      want: ['web', 'ClusterIP', 'None', '<none>', '<none>', '60m', '<none>'],
    },
    {
      name: 'ExternalName',
      svc: svc({ type: 'ExternalName', externalName: 'db.example.com' }),
      want: ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '60m', '<none>'],
    },
  ];
  for (const c of cases) assert.deepEqual(servicePrinter.cells(c.svc, now), c.want, c.name);
});
