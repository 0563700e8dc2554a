import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StatusError } from '../../../../api/status.ts';
import type { Service } from '../../../../api/types/core/v1/index.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import { ServiceAllocators } from './allocator.ts';
import { kubernetesService } from './kubernetes-service.ts';
import { createServicesDef } from './strategy.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';

const ns: RequestScope = { namespace: 'default', dryRun: false };
let registry: TestRegistry;
let allocators: ServiceAllocators;
let services: GenericStore<Service>;

before(async () => {
  registry = await openTestRegistry();
  // Scans start at the bottom of each band, so allocations are predictable.
  allocators = new ServiceAllocators([], { random: () => 0 });
  services = registry.storeFor(createServicesDef(allocators));
});

after(async () => {
  await registry.close();
});

async function rejects(promise: Promise<unknown>, code: number, message: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof StatusError, String(e));
    assert.equal(e.message, message);
    assert.equal(e.code, code);
    return true;
  });
}

function svc(name: string, spec: Service['spec']): Service {
  return { metadata: { name }, ...(spec === undefined ? {} : { spec }) };
}

test('the kubernetes Service gets the first address; creating it again is AlreadyExists', async () => {
  const created = await services.create(ns, kubernetesService({ apiServerPort: 6443 }));
  assert.deepEqual(created.spec, {
    type: 'ClusterIP', clusterIP: '10.43.0.1', clusterIPs: ['10.43.0.1'], sessionAffinity: 'None',
    ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
    ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster',
  });
  assert.deepEqual(created.metadata?.labels, { component: 'apiserver', provider: 'kubernetes' });
  await rejects(services.create(ns, kubernetesService({ apiServerPort: 6443 })), 409, 'services "kubernetes" already exists');
});

test('create allocates cluster IPs: dynamic, requested, headless, ExternalName', async () => {
  const web = await services.create(ns, svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }));
  assert.equal(web.spec?.clusterIP, '10.43.1.1');
  assert.deepEqual(web.spec?.clusterIPs, ['10.43.1.1']);
  assert.deepEqual([web.spec?.ipFamilies, web.spec?.ipFamilyPolicy], [['IPv4'], 'SingleStack']);
  assert.deepEqual(web.status, { loadBalancer: {} }, 'as Go serializes an empty ServiceStatus');
  const fixed = await services.create(ns, svc('fixed', { clusterIP: '10.43.0.10', ports: [{ port: 53, protocol: 'UDP' }] }));
  assert.deepEqual(fixed.spec?.clusterIPs, ['10.43.0.10'], 'clusterIP alone (an old client) fills clusterIPs');
  await rejects(services.create(ns, svc('dup', { clusterIP: '10.43.1.1', ports: [{ port: 80 }] })), 422,
    'Service "dup" is invalid: spec.clusterIPs: Invalid value: []string{"10.43.1.1"}: failed to allocate IP 10.43.1.1: provided IP is already allocated');
  await rejects(services.create(ns, svc('far', { clusterIP: '10.99.0.1', ports: [{ port: 80 }] })), 422,
    'Service "far" is invalid: spec.clusterIPs: Invalid value: []string{"10.99.0.1"}: failed to allocate IP 10.99.0.1: provided IP is not in the valid range. The range of valid IPs is 10.43.0.0/16');
  await rejects(services.create(ns, svc('six', { clusterIP: 'fd00::1', ports: [{ port: 80 }] })), 422,
    'Service "six" is invalid: spec.clusterIPs[0]: Invalid value: []string{"fd00::1"}: IPv6 is not configured on this cluster');
  await rejects(services.create(ns, svc('dual', { ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 80 }] })), 422,
    'Service "dual" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services');

  const headless = await services.create(ns, svc('headless', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }));
  assert.deepEqual([headless.spec?.clusterIPs, headless.spec?.ipFamilies, headless.spec?.ipFamilyPolicy], [['None'], ['IPv4'], 'SingleStack']);
  const selectorless = await services.create(ns, svc('selectorless', { clusterIP: 'None' }));
  assert.deepEqual([selectorless.spec?.ipFamilies, selectorless.spec?.ipFamilyPolicy], [['IPv4', 'IPv6'], 'RequireDualStack'], 'as upstream, even on a single-stack cluster');
  const external = await services.create(ns, svc('external', { type: 'ExternalName', externalName: 'db.example.com' }));
  assert.deepEqual(external.spec, { type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  assert.deepEqual(allocators.usage, { ips: 3, nodePorts: 0 });
});

test('an invalid Service gives back what it was allocated at once', async () => {
  const before = allocators.usage;
  await rejects(services.create(ns, svc('noports', { type: 'NodePort' })), 422, 'Service "noports" is invalid: spec.ports: Required value');
  await rejects(services.create(ns, svc('Bad', { ports: [{ port: 80 }] })), 422,
    "Service \"Bad\" is invalid: metadata.name: Invalid value: \"Bad\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
  assert.deepEqual(allocators.usage, before);
});

test('node ports: shared by protocol, requested, taken, out of range; health check ports', async () => {
  const dns = await services.create(ns, svc('np', { type: 'NodePort', ports: [{ name: 'tcp', port: 53 }, { name: 'udp', port: 53, protocol: 'UDP' }, { name: 'web', port: 80, nodePort: 30080 }] }));
  assert.deepEqual(dns.spec?.ports?.map((p) => p.nodePort), [30086, 30086, 30080]);
  assert.equal(dns.spec?.externalTrafficPolicy, 'Cluster');
  await rejects(services.create(ns, svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })), 422,
    'Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  await rejects(services.create(ns, svc('np3', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })), 422,
    'Service "np3" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767');
  const lb = await services.create(ns, svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 80 }] }));
  assert.deepEqual([lb.spec?.ports?.[0]?.nodePort, lb.spec?.healthCheckNodePort, lb.spec?.allocateLoadBalancerNodePorts], [30087, 30088, true]);
  const bare = await services.create(ns, svc('lb-bare', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ port: 80 }] }));
  assert.equal(bare.spec?.ports?.[0]?.nodePort, undefined);
});

test('updates keep what was allocated, refuse changes, allocate on type changes', async () => {
  const web = await services.get(ns, 'web');
  // kubectl apply of the original manifest: no clusterIP, no families.
  const { object: applied } = await services.update(ns, 'web', svc('web', { selector: { app: 'web', tier: 'front' }, ports: [{ port: 80 }] }));
  assert.deepEqual([applied.spec?.clusterIP, applied.spec?.clusterIPs, applied.spec?.ipFamilyPolicy], ['10.43.1.1', ['10.43.1.1'], 'SingleStack']);
  assert.equal(web.spec?.clusterIP, '10.43.1.1');
  await rejects(services.update(ns, 'web', { ...applied, spec: { ...applied.spec, clusterIP: '10.43.9.9', clusterIPs: ['10.43.9.9'] } }), 422,
    'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.43.9.9"}: may not change once set');
  const { object: nodePort } = await services.update(ns, 'web', { ...applied, spec: { ...applied.spec, type: 'NodePort' } });
  assert.equal(nodePort.spec?.ports?.[0]?.nodePort, 30089);
  const { object: back } = await services.update(ns, 'web', { ...nodePort, spec: { ...nodePort.spec, type: 'ClusterIP' } });
  assert.equal(back.spec?.ports?.[0]?.nodePort, undefined, 'unchanged node ports go with the type');
  assert.equal(back.spec?.externalTrafficPolicy, undefined);
  const external = await services.get(ns, 'external');
  const { object: internal } = await services.update(ns, 'external', { ...external, spec: { type: 'ClusterIP', ports: [{ port: 80 }] } });
  assert.equal(internal.spec?.clusterIP, '10.43.1.5', 'after web, np, lb and lb-bare');
  const { object: lb } = await services.update(ns, 'lb', { ...(await services.get(ns, 'lb')), status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } }, { subresource: 'status' });
  assert.deepEqual(lb.status, { loadBalancer: { ingress: [{ ip: '192.0.2.10', ipMode: 'VIP' }] } });
});

test('deleted Services are freed by repair from the stored list', async () => {
  await services.delete(ns, 'np', {});
  const stored = (await registry.store.list('/registry/core/services/')).items.map((kv) => JSON.parse(kv.value) as Service);
  allocators.repair(stored);
  assert.equal(allocators.nodePortOwner(30080), 'default/np', 'the first round spares allocations that may be in flight');
  allocators.repair(stored);
  assert.equal(allocators.nodePortOwner(30080), undefined);
  assert.equal(allocators.ipOwner('10.43.1.1'), 'default/web');
  const again = await services.create(ns, svc('np2', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
  assert.equal(again.spec?.ports?.[0]?.nodePort, 30080);
  const rebuilt = new ServiceAllocators([...stored, again]);
  assert.deepEqual(rebuilt.usage, allocators.usage, 'a restart rebuilds the same view from the store');
});
