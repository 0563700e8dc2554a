import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from '../../../../api/types/core/v1/index.ts';
import { parsePortRange, ServiceAllocators } from './allocator.ts';

function svc(name: string, spec: Service['spec']): Service {
  return { metadata: { namespace: 'default', name }, ...(spec === undefined ? {} : { spec }) };
}

const first = (): number => 0;

test('cluster IPs: specific, next, release, exhaustion and range errors', () => {
  const cases: Array<{ name: string; run: (a: ServiceAllocators) => unknown; want: unknown }> = [
    { name: 'the first dynamic address skips the reserved 10.0.0.1', run: (a) => a.allocateNextIP('ns/a'), want: { ok: true, value: '10.0.0.2' } },
    { name: 'a free address is taken', run: (a) => a.allocateIP('10.0.0.3', 'ns/a'), want: { ok: true, value: true } },
    { name: 'the reserved address can be asked for by name', run: (a) => a.allocateIP('10.0.0.1', 'default/kubernetes'), want: { ok: true, value: true } },
    { name: 'the network address is outside the range', run: (a) => a.allocateIP('10.0.0.0', 'ns/a'), want: { ok: false, error: 'provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/29' } },
    { name: 'the broadcast address is outside the range', run: (a) => a.allocateIP('10.0.0.7', 'ns/a'), want: { ok: false, error: 'provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/29' } },
    { name: 'another network', run: (a) => a.allocateIP('192.168.0.1', 'ns/a'), want: { ok: false, error: 'provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/29' } },
    { name: 'an IPv6 address', run: (a) => a.allocateIP('fd00::1', 'ns/a'), want: { ok: false, error: 'provided IP is not in the valid range. The range of valid IPs is 10.0.0.0/29' } },
  ];
  for (const c of cases) {
    const a = new ServiceAllocators([], { serviceCIDR: '10.0.0.0/29', random: first });
    assert.deepEqual(c.run(a), c.want, c.name);
  }
  const a = new ServiceAllocators([], { serviceCIDR: '10.0.0.0/29', random: first });
  assert.deepEqual(a.allocateIP('10.0.0.3', 'ns/a'), { ok: true, value: true });
  assert.deepEqual(a.allocateIP('10.0.0.3', 'ns/b'), { ok: false, error: 'provided IP is already allocated' });
  assert.deepEqual(a.allocateIP('10.0.0.3', 'ns/a'), { ok: true, value: false }, 'its owner adopts it again');
  const dynamic = [1, 2, 3, 4].map(() => a.allocateNextIP('ns/c'));
  assert.deepEqual(dynamic.map((r) => (r.ok ? r.value : r.error)), ['10.0.0.2', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
  assert.deepEqual(a.allocateNextIP('ns/d'), { ok: false, error: 'range is full' }, '10.0.0.1 stays for the kubernetes Service');
  assert.equal(a.releaseIP('10.0.0.4', 'ns/other'), false, 'only the owner releases');
  assert.equal(a.releaseIP('10.0.0.4'), true);
  assert.deepEqual(a.allocateNextIP('ns/d'), { ok: true, value: '10.0.0.4' });
  assert.equal(a.kubernetesIP, '10.0.0.1');
});

test('dynamic allocation prefers the upper band (upstream static sub-range)', () => {
  const a = new ServiceAllocators([], { random: first });
  assert.deepEqual(a.allocateNextIP('ns/a'), { ok: true, value: '10.43.1.1' }, '/16: the first 256 addresses are for explicit requests');
  assert.deepEqual(a.allocateNextNodePort('ns/a'), { ok: true, value: 30086 }, '2768 ports: the first 86 are for explicit requests');
  const last = new ServiceAllocators([], { random: () => 0.9999999 });
  assert.deepEqual(last.allocateNextIP('ns/a'), { ok: true, value: '10.43.255.254' });
  assert.deepEqual(last.allocateNextNodePort('ns/a'), { ok: true, value: 32767 });
});

test('node ports: specific, next, exhaustion and range errors', () => {
  const a = new ServiceAllocators([], { nodePortRange: '30000-30002', random: first });
  assert.deepEqual(a.allocateNodePort(30001, 'ns/a'), { ok: true, value: true });
  assert.deepEqual(a.allocateNodePort(30001, 'ns/b'), { ok: false, error: 'provided port is already allocated' });
  assert.deepEqual(a.allocateNodePort(8080, 'ns/b'), { ok: false, error: 'provided port is not in the valid range. The range of valid ports is 30000-30002' });
  assert.deepEqual([a.allocateNextNodePort('ns/b'), a.allocateNextNodePort('ns/b'), a.allocateNextNodePort('ns/b')],
    [{ ok: true, value: 30000 }, { ok: true, value: 30002 }, { ok: false, error: 'range is full' }]);
  assert.equal(a.releaseNodePort(30002), true);
  assert.equal(a.nodePortOwner(30001), 'ns/a');
  assert.deepEqual(parsePortRange('32767-30000'), undefined);
  assert.deepEqual(parsePortRange('30000-32767'), { base: 30000, size: 2768, text: '30000-32767' });
});

test('built from the stored Services, and repaired from later lists', () => {
  const stored = [
    svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.43.0.1', clusterIPs: ['10.43.0.1'] }),
    svc('web', { type: 'NodePort', clusterIPs: ['10.43.7.7'], ports: [{ port: 80, nodePort: 30080 }, { port: 443, nodePort: 30443 }] }),
    svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.43.8.8'], externalTrafficPolicy: 'Local', healthCheckNodePort: 31000, ports: [{ port: 80, nodePort: 31001 }] }),
    svc('headless', { clusterIP: 'None', clusterIPs: ['None'] }),
    svc('external', { type: 'ExternalName', externalName: 'example.com' }),
    svc('clash', { clusterIPs: ['10.43.7.7'] }),
  ];
  const a = new ServiceAllocators(stored, { random: first });
  assert.deepEqual(a.usage, { ips: 3, nodePorts: 4 });
  assert.equal(a.ipOwner('10.43.0.1'), 'default/kubernetes');
  assert.equal(a.ipOwner('10.43.7.7'), 'default/web', 'the first claim wins a double claim');
  assert.equal(a.nodePortOwner(31000), 'default/lb');
  assert.deepEqual(a.allocateIP('10.43.7.7', 'default/other'), { ok: false, error: 'provided IP is already allocated' });

  // A create that allocated but was never stored, and a Service deleted since.
  assert.deepEqual(a.allocateNextIP('default/ghost'), { ok: true, value: '10.43.1.1' });
  const remaining = stored.filter((s) => !['web', 'clash'].includes(s.metadata?.name ?? ''));
  const firstRepair = a.repair(remaining);
  assert.deepEqual(firstRepair.ips.released, ['10.43.7.7'], 'what no Service holds since before the last repair goes');
  assert.deepEqual(firstRepair.nodePorts.released, [30080, 30443]);
  assert.equal(a.ipOwner('10.43.1.1'), 'default/ghost', 'an allocation since the last repair may still be in flight');
  const secondRepair = a.repair(remaining);
  assert.deepEqual(secondRepair.ips.released, ['10.43.1.1']);

  // A Service the allocators did not know of (written by another server) is recorded.
  const third = a.repair([...remaining, svc('elsewhere', { clusterIPs: ['10.43.9.9'], ports: [{ port: 1, nodePort: 30999 }] })]);
  assert.deepEqual(third.ips.repaired, ['10.43.9.9']);
  assert.deepEqual(third.nodePorts.repaired, [30999]);
  assert.deepEqual(third.ips.conflicts, []);
  assert.deepEqual(a.repair([svc('x', { clusterIPs: ['10.43.5.5'] }), svc('y', { clusterIPs: ['10.43.5.5'] })]).ips.conflicts,
    [{ slot: '10.43.5.5', owner: 'default/y', holder: 'default/x' }]);
});

test('release frees what a deleted Service held, and only that', () => {
  const web = svc('web', { type: 'NodePort', clusterIPs: ['10.43.7.7'], ports: [{ port: 80, nodePort: 30080 }] });
  const a = new ServiceAllocators([web]);
  a.release(svc('web', { clusterIPs: ['10.43.7.8'], ports: [{ port: 80, nodePort: 30081 }] }));
  assert.equal(a.ipOwner('10.43.7.7'), 'default/web');
  a.release(web);
  assert.deepEqual(a.usage, { ips: 0, nodePorts: 0 });
  assert.throws(() => new ServiceAllocators([], { serviceCIDR: 'fd00::/108' }), /an IPv4 CIDR is required/);
});
