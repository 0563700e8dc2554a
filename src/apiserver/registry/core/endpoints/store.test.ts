import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StatusError } from '../../../../api/status.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import type { ApiObject, ResourceDef } from '../../resource.ts';
import { limitranges } from '../limitranges/strategy.ts';
import { resourcequotas } from '../resourcequotas/strategy.ts';
import { serviceaccounts } from '../serviceaccounts/strategy.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { endpoints } from './strategy.ts';

const ns: RequestScope = { namespace: 'default', dryRun: false };
let registry: TestRegistry;

before(async () => {
  registry = await openTestRegistry();
});

after(async () => {
  await registry.close();
});

function storeFor<T extends ApiObject>(def: ResourceDef<T>): GenericStore<T> {
  return registry.storeFor(def);
}

test('endpoints, service accounts, limit ranges and quotas through the generic store', async () => {
  const ep = await storeFor(endpoints).create(ns, { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.42.0.7' }], ports: [{ port: 8080 }] }] });
  assert.equal(ep.subsets?.[0]?.ports?.[0]?.protocol, 'TCP');
  const { created } = await storeFor(endpoints).update(ns, 'db', { metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '10.42.0.8' }] }] });
  assert.equal(created, true, 'endpoints may be created by PUT');
  await assert.rejects(storeFor(endpoints).create(ns, { metadata: { name: 'bad' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }] }] }),
    (e: unknown) => e instanceof StatusError && e.message === 'Endpoints "bad" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)');

  const sa = await storeFor(serviceaccounts).create(ns, { metadata: { name: 'builder' }, secrets: [{ name: 'tok', kind: 'Secret' }] });
  assert.deepEqual(sa.secrets, [{ name: 'tok' }]);

  const lr = await storeFor(limitranges).create(ns, { metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' } }] } });
  assert.deepEqual(lr.spec?.limits[0], { type: 'Container', max: { cpu: '1' }, default: { cpu: '1' }, defaultRequest: { cpu: '1' } });

  const quotas = storeFor(resourcequotas);
  const quota = await quotas.create(ns, { metadata: { name: 'q' }, spec: { hard: { pods: '10' } }, status: { used: { pods: '99' } } });
  assert.deepEqual(quota.status, {});
  const { object: counted } = await quotas.update(ns, 'q', { ...quota, status: { hard: { pods: '10' }, used: { pods: '1' } } }, { subresource: 'status' });
  assert.deepEqual(counted.status, { hard: { pods: '10' }, used: { pods: '1' } });
  await assert.rejects(quotas.update(ns, 'q', { ...counted, status: { used: { pods: '-1' } } }, { subresource: 'status' }),
    (e: unknown) => e instanceof StatusError && e.message === 'ResourceQuota "q" is invalid: status.used[pods]: Invalid value: "-1": must be greater than or equal to 0');
});
