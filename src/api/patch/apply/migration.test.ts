// kubectl moving an object between client-side apply (Update entries by
// "kubectl-client-side-apply", the last-applied annotation) and server-side apply ("kubectl").

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { upgradeManagedFields } from './csa-upgrade.ts';
import { LAST_APPLIED_ANNOTATION } from './last-applied.ts';
import { applyErr, applyOk, at, deploymentConfig, managedFieldsOf, stored, summary, T0, update, withChanges, type Obj } from './testing.ts';

/** The object a client-side apply creates: the manifest, with the annotation it sends. */
function clientSideCreate(manifest: Obj, live: Obj = manifest): Obj {
  const annotated = withChanges(live, (o) => {
    (o['metadata'] as Obj)['annotations'] = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(manifest) + '\n' };
  });
  return update(undefined, annotated, 'kubectl-client-side-apply');
}

test('client-side applied fields conflict with a server-side apply by "kubectl" unless the values agree', () => {
  // The manifest says 3 replicas, but someone since scaled to 5 through the same manager.
  const created = clientSideCreate(deploymentConfig());
  const scaled = update(created, withChanges(created, (o) => { (o['spec'] as Obj)['replicas'] = 5; }), 'kubectl-client-side-apply', T0 + 1000);
  const err = applyErr({ live: scaled, manager: 'kubectl', now: T0 + 2000, applied: deploymentConfig() });
  assert.equal(err.status.message, 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  assert.deepEqual(err.status.details?.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  // Values that agree are no conflict: both managers own them.
  const ok = applyOk({ live: created, manager: 'kubectl', now: T0 + 2000, applied: deploymentConfig() });
  assert.deepEqual(summary(ok.managedFields).map((s) => s.split(':')[0]), ['kubectl/Apply', 'kubectl-client-side-apply/Update']);
});

test('"kubectl" overrides conflicts on fields the last-applied annotation still describes (upstream TestUpgradeClientSideToServerSideApply)', () => {
  const manifest = deploymentConfig({}, {}, { app: 'my-app' });
  // Created by client-side apply (annotation: 3 replicas), then scaled to 100000 by someone else.
  const created = clientSideCreate(manifest, withChanges(manifest, (o) => { (o['spec'] as Obj)['replicas'] = 100000; }));
  // Server-side apply insisting on 3 replicas: the annotation says 3, live says 100000: conflict.
  const conflicting = applyErr({ live: created, manager: 'kubectl', applied: deploymentConfig({}, {}, { app: 'my-new-label' }) });
  assert.equal(conflicting.code, 409);
  assert.deepEqual(conflicting.status.details?.causes?.map((c) => c.field), ['.spec.replicas']);
  // Without replicas, the other conflicts (label, image) are on fields the annotation describes.
  const config = deploymentConfig({}, { image: 'my-image-new' }, { app: 'my-new-label' });
  delete (config['spec'] as Obj)['replicas'];
  const r = applyOk({ live: created, manager: 'kubectl', now: T0 + 1000, applied: config });
  assert.equal(at(r.object, 'spec.replicas'), 100000);
  assert.equal((at(r.object, 'spec.template.spec.containers') as Obj[])[0]?.['image'], 'my-image-new');
  // The annotation follows the new configuration (keys sorted, newline-terminated).
  const annotation = (at(r.object, 'metadata.annotations') as Obj)[LAST_APPLIED_ANNOTATION] as string;
  assert.ok(annotation.startsWith('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"my-new-label"}'));
  assert.ok(annotation.endsWith('}\n'));
  assert.deepEqual(JSON.parse(annotation), config);
  // Another manager name gets no such leniency.
  assert.equal(applyErr({ live: created, manager: 'other', applied: config }).code, 409);
});

test('client-side, then server-side (with kubectl\'s managedFields upgrade), then client-side again', () => {
  // 1. Client-side apply creates the object.
  const created = clientSideCreate(deploymentConfig({}, { args: ['--a'] }));
  // 2. kubectl apply --server-side first moves the client-side entry to "kubectl" (a JSON patch
  //    of /metadata/managedFields, stored by an ordinary update), then applies.
  const upgraded = upgradeManagedFields(managedFieldsOf(created));
  assert.ok(upgraded.ok);
  assert.deepEqual(upgraded.value?.map((e) => `${e.manager}/${e.operation}`), ['kubectl/Apply']);
  const patched = update(created, withChanges(created, (o) => { (o['metadata'] as Obj)['managedFields'] = upgraded.value; }), 'kubectl', T0 + 1000);
  assert.deepEqual(summary(patched).map((s) => s.split(':')[0]), ['kubectl/Apply']);
  // The server-side apply drops args: kubectl now owns them, so they go; so does the
  // last-applied annotation, which kubectl now owns too and does not apply.
  const ssa = applyOk({ live: patched, manager: 'kubectl', now: T0 + 2000, applied: deploymentConfig() });
  assert.equal((at(ssa.object, 'spec.template.spec.containers') as Obj[])[0]?.['args'], undefined);
  assert.equal(at(ssa.object, 'metadata.annotations'), undefined);
  const afterSsa = stored(ssa.object);
  // 3. Client-side apply again: a PATCH by kubectl-client-side-apply that sets 4 replicas and
  //    the annotation. It takes replicas from "kubectl".
  const csaPatch = (annotated: number) => withChanges(afterSsa, (o) => {
    (o['spec'] as Obj)['replicas'] = 4;
    (o['metadata'] as Obj)['annotations'] = { [LAST_APPLIED_ANNOTATION]: JSON.stringify(deploymentConfig({ replicas: annotated })) + '\n' };
  });
  const csa = update(afterSsa, csaPatch(4), 'kubectl-client-side-apply', T0 + 3000);
  assert.deepEqual(summary(csa).map((s) => s.split(':')[0]), ['kubectl/Apply', 'kubectl-client-side-apply/Update']);
  assert.match(summary(csa)[1] ?? '', /"f:spec":\{"f:replicas":\{\}\}/);
  assert.doesNotMatch(summary(csa)[0] ?? '', /f:replicas/);
  // A server-side apply of 3 replicas by "kubectl": the annotation agrees with the live value,
  // so the conflict with kubectl-client-side-apply is overridden.
  const again = applyOk({ live: csa, manager: 'kubectl', now: T0 + 4000, applied: deploymentConfig() });
  assert.equal(at(again.object, 'spec.replicas'), 3);
  assert.match(summary(again.managedFields)[0] ?? '', /^kubectl\/Apply: .*"f:replicas"/);
  // When they disagree, it is a conflict.
  const stale = update(afterSsa, csaPatch(5), 'kubectl-client-side-apply', T0 + 3000);
  assert.equal(applyErr({ live: stale, manager: 'kubectl', now: T0 + 4000, applied: deploymentConfig() }).status.message,
    'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
});

test('upgradeManagedFields: merges into an existing "kubectl" entry, leaves others alone', () => {
  const entries = [
    { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
    { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:paused': {} } } },
    { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', subresource: 'status', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': {} } },
    { manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:replicas': {} } } },
  ];
  const r = upgradeManagedFields(entries);
  assert.ok(r.ok);
  assert.deepEqual(r.value?.map((e) => `${e.manager}/${e.operation}${e.subresource === undefined ? '' : '/' + e.subresource}: ${JSON.stringify(e.fieldsV1)}`), [
    'kubectl/Apply: {"f:spec":{"f:paused":{},"f:replicas":{}}}',
    'kubectl-client-side-apply/Update/status: {"f:status":{}}',
    'kube-controller-manager/Update: {"f:status":{"f:replicas":{}}}',
  ]);
  // Nothing to upgrade: unchanged.
  assert.deepEqual(upgradeManagedFields(entries.slice(3)), { ok: true, value: entries.slice(3) });
  assert.deepEqual(upgradeManagedFields(undefined), { ok: true, value: undefined });
});
