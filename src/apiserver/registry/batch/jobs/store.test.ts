// Jobs through the generic store: the selector is generated from the uid the store assigns.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { StatusError } from '../../../../api/status.ts';
import type { Job } from '../../../../api/types/batch/v1/index.ts';
import type { GenericStore, RequestScope } from '../../generic-store.ts';
import { openTestRegistry, type TestRegistry } from '../../test-registry.fixture.ts';
import { jobs } from './strategy.ts';

let registry: TestRegistry;
let jobStore: GenericStore<Job>;
const scope: RequestScope = { namespace: 'default', dryRun: false };

before(async () => {
  registry = await openTestRegistry();
  jobStore = registry.storeFor(jobs);
});

after(async () => {
  await registry.close();
});

const pi: Job = {
  metadata: { name: 'pi' },
  spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
};

test('a created job carries the generated selector, labels, defaults and generation 1', async () => {
  const job = await jobStore.create(scope, pi);
  const uid = job.metadata?.uid ?? '';
  assert.match(uid, /^[0-9a-f-]{36}$/);
  assert.deepEqual(job.spec?.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
  assert.equal(job.spec?.template.metadata?.labels?.['controller-uid'], uid);
  assert.equal(job.metadata?.labels?.['batch.kubernetes.io/job-name'], 'pi');
  assert.deepEqual([job.spec?.backoffLimit, job.spec?.completions, job.metadata?.generation], [6, 1, 1]);
  assert.deepEqual(job.status, {});
  const stored = await jobStore.get(scope, 'pi');
  assert.deepEqual(stored.spec?.selector, job.spec?.selector);
});

test('updates keep the spec fixed and bump generation for what may change', async () => {
  const job = await jobStore.get(scope, 'pi');
  const suspended = await jobStore.update(scope, 'pi', { ...job, spec: { ...job.spec, suspend: true } as NonNullable<Job['spec']> });
  assert.equal(suspended.object.metadata?.generation, 2);
  const latest = suspended.object;
  await assert.rejects(jobStore.update(scope, 'pi', { ...latest, spec: { ...latest.spec, completions: 2 } as NonNullable<Job['spec']> }),
    (e: unknown) => e instanceof StatusError && e.code === 422 && e.message === 'Job.batch "pi" is invalid: spec.completions: Invalid value: 2: field is immutable');
});

test('a job that restarts Always is refused with upstream\'s message', async () => {
  await assert.rejects(jobStore.create(scope, { metadata: { name: 'bad' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } }),
    (e: unknown) => e instanceof StatusError && e.message === 'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
});
