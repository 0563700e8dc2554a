import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOk, applyErr, at, deploymentConfig, stored, summary, T0, update, withChanges, type Obj } from './testing.ts';

test('a first apply creates the object; the applier owns exactly its configuration', () => {
  const r = applyOk({ applied: deploymentConfig() });
  assert.equal(r.changed, true);
  assert.equal(at(r.object, 'spec.replicas'), 3);
  assert.deepEqual(summary(r.managedFields), [
    String.raw`apply_test/Apply: {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}}}`,
  ]);
  assert.equal(r.managedFields?.[0]?.time, '2024-05-01T10:00:00Z');
  assert.equal(r.managedFields?.[0]?.apiVersion, 'apps/v1');
  assert.deepEqual(Object.keys(r.managedFields?.[0] ?? {}), ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
  // metadata.managedFields holds the same entries.
  assert.deepEqual(at(r.object, 'metadata.managedFields'), r.managedFields);
});

test('two managers conflicting on .spec.replicas: upstream\'s 409, message and causes', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  // Another writer (kubectl scale, client-side apply, ...) changes replicas with an Update.
  for (const manager of ['kubectl-client-side-apply', 'kubectl']) {
    const scaled = update(created, withChanges(created, (o) => { (o['spec'] as Obj)['replicas'] = 5; }), manager, T0 + 1000);
    const err = applyErr({ live: scaled, applied: deploymentConfig() });
    assert.equal(err.code, 409);
    assert.deepEqual(err.status, {
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: `Apply failed with 1 conflict: conflict with "${manager}" using apps/v1: .spec.replicas`,
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: `conflict with "${manager}" using apps/v1`, field: '.spec.replicas' }] },
      code: 409,
    });
  }
});

test('several conflicts are grouped by manager', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  const changed = update(created, withChanges(created, (o) => {
    (o['spec'] as Obj)['replicas'] = 5;
    (at(o, 'spec.template.spec.containers') as Obj[])[0]!['image'] = 'nginx:2';
  }), 'editor', T0 + 1000);
  const other = applyOk({ live: changed, manager: 'other', force: true, applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { labels: { app: 'other' } } } });
  const err = applyErr({ live: stored(other.object), applied: deploymentConfig({ replicas: 7 }, { image: 'nginx:3' }) });
  assert.equal(err.status.message, [
    'Apply failed with 3 conflicts: conflicts with "editor" using apps/v1:',
    '- .spec.replicas',
    '- .spec.template.spec.containers[name="nginx"].image',
    'conflicts with "other":',
    '- .metadata.labels.app',
  ].join('\n'));
  // Causes come by manager identifier (upstream walks a Go map here), then in path order.
  assert.deepEqual(err.status.details?.causes?.map((c) => `${c.field} ${c.message}`), [
    '.spec.replicas conflict with "editor" using apps/v1',
    '.spec.template.spec.containers[name="nginx"].image conflict with "editor" using apps/v1',
    '.metadata.labels.app conflict with "other"',
  ]);
});

test('force takes ownership; the other manager loses the field', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  const scaled = update(created, withChanges(created, (o) => { (o['spec'] as Obj)['replicas'] = 5; }), 'scaler', T0 + 1000);
  assert.match(summary(scaled)[1] ?? '', /^scaler\/Update: \{"f:spec":\{"f:replicas":\{\}\}\}$/);
  const forced = applyOk({ live: scaled, force: true, now: T0 + 2000, applied: deploymentConfig() });
  assert.equal(at(forced.object, 'spec.replicas'), 3);
  // The scaler owned nothing else, so its entry is gone; the applier's time moved.
  assert.deepEqual(forced.managedFields?.map((e) => `${e.manager}/${e.operation}@${e.time}`), ['apply_test/Apply@2024-05-01T10:00:02Z']);
});

test('same value is no conflict: both managers then share the field', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  const second = applyOk({ live: created, manager: 'apply_test_2', now: T0 + 1000, applied: deploymentConfig() });
  assert.equal(second.changed, false);
  // Unchanged object: the new entry has no time, as upstream writes it, and so sorts first.
  assert.deepEqual(second.managedFields?.map((e) => `${e.manager}@${e.time}`), ['apply_test_2@undefined', 'apply_test@2024-05-01T10:00:00Z']);
});

test('fields dropped from the configuration are removed unless another manager owns them', () => {
  const withHostname = deploymentConfig({ template: { metadata: { labels: { app: 'nginx' } }, spec: { hostname: 'test-hostname', containers: [{ name: 'nginx', image: 'nginx:latest' }] } } });
  const without = deploymentConfig({ replicas: undefined });
  delete (without['spec'] as Obj)['replicas'];
  // Exclusively owned: replicas and hostname go.
  const one = stored(applyOk({ applied: withHostname }).object);
  const unset = applyOk({ live: one, now: T0 + 1000, applied: without });
  assert.equal(at(unset.object, 'spec.replicas'), undefined);
  assert.equal(at(unset.object, 'spec.template.spec.hostname'), undefined);
  // Shared with another applier: they stay.
  const shared = stored(applyOk({ live: one, manager: 'shared_owner_2', applied: withHostname }).object);
  const kept = applyOk({ live: shared, now: T0 + 1000, applied: without });
  assert.equal(at(kept.object, 'spec.replicas'), 3);
  assert.equal(at(kept.object, 'spec.template.spec.hostname'), 'test-hostname');
});

test('a field a controller took over stays when the applier drops it', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  const scaled = update(created, withChanges(created, (o) => { (o['spec'] as Obj)['replicas'] = 4; }), 'test_updater', T0 + 1000);
  const without = deploymentConfig();
  delete (without['spec'] as Obj)['replicas'];
  const r = applyOk({ live: scaled, now: T0 + 2000, applied: without });
  assert.equal(at(r.object, 'spec.replicas'), 4);
});

test('a container the applier drops goes, even when a controller changed a field of it', () => {
  const created = stored(applyOk({ applied: deploymentConfig() }).object);
  const touched = update(created, withChanges(created, (o) => {
    (at(o, 'spec.template.spec.containers') as Obj[])[0]!['workingDir'] = '/home/replacement';
  }), 'test_updater', T0 + 1000);
  const r = applyOk({ live: touched, now: T0 + 2000, applied: deploymentConfig({}, { name: 'other-container' }) });
  assert.deepEqual((at(r.object, 'spec.template.spec.containers') as Obj[]).map((c) => c['name']), ['other-container']);
});

test('containers merge by name and ports by (containerPort, protocol)', () => {
  const ports = [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 53, protocol: 'UDP' }];
  const one = stored(applyOk({ applied: deploymentConfig({}, { ports }) }).object);
  // Another manager adds a sidecar and a port of its own.
  const sidecar = applyOk({
    live: one, manager: 'sidecar', now: T0 + 1000,
    applied: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'sidecar', image: 's' }, { name: 'nginx', ports: [{ containerPort: 53, protocol: 'TCP' }] }] } } } },
  });
  const containers = at(sidecar.object, 'spec.template.spec.containers') as Obj[];
  assert.deepEqual(containers.map((c) => c['name']), ['sidecar', 'nginx']);
  assert.deepEqual(containers[1]?.['ports'], [...ports, { containerPort: 53, protocol: 'TCP' }]);
  // The first applier drops its port 80 (and only it: protocol is part of the key).
  const r = applyOk({ live: stored(sidecar.object), now: T0 + 2000, applied: deploymentConfig({}, { ports: [{ containerPort: 53, protocol: 'UDP' }] }) });
  const nginx = (at(r.object, 'spec.template.spec.containers') as Obj[]).find((c) => c['name'] === 'nginx');
  assert.deepEqual(nginx?.['ports'], [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }]);
  // A port without protocol keys as protocol TCP (the field's default).
  const noProtocol = applyOk({ applied: deploymentConfig({}, { ports: [{ name: 'foo', containerPort: 80 }] }) });
  assert.match(JSON.stringify(noProtocol.managedFields?.[0]?.fieldsV1), /k:\{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"\}/);
  const err = applyErr({
    live: stored(noProtocol.object), manager: 'test_applier_conflict',
    applied: deploymentConfig({}, { ports: [{ name: 'bar', containerPort: 80, protocol: 'TCP' }] }),
  });
  assert.deepEqual(err.status.details?.causes?.map((c) => c.field), ['.spec.template.spec.containers[name="nginx"].ports[containerPort=80,protocol="TCP"].name']);
});

test('removing the last container port empties the list', () => {
  const one = stored(applyOk({ applied: deploymentConfig({}, { ports: [{ containerPort: 80, protocol: 'TCP' }] }) }).object);
  const r = applyOk({ live: one, now: T0 + 1000, applied: deploymentConfig() });
  assert.equal(((at(r.object, 'spec.template.spec.containers') as Obj[])[0] ?? {})['ports'], undefined);
});

test('sets merge by value; atomic lists, maps and structs are replaced and owned whole', () => {
  const one = stored(applyOk({
    applied: { ...deploymentConfig({}, { args: ['a', 'b'] }), metadata: { name: 'deployment', finalizers: ['x/one'] } },
  }).object);
  const other = applyOk({
    live: one, manager: 'other', now: T0 + 1000,
    applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { finalizers: ['x/two'] }, spec: { template: { spec: { nodeSelector: { a: '1', b: '2' } } } } },
  });
  assert.deepEqual(at(other.object, 'metadata.finalizers'), ['x/one', 'x/two']);
  assert.match(summary(other.managedFields)[1] ?? '', /"f:finalizers":\{"v:\\"x\/two\\"":\{\}\}/);
  assert.match(summary(other.managedFields)[1] ?? '', /"f:nodeSelector":\{\}/);
  // An atomic list is one field: changing one element conflicts on the whole list.
  const err = applyErr({ live: stored(other.object), manager: 'third', applied: deploymentConfig({}, { args: ['a', 'c'] }) });
  assert.deepEqual(err.status.details?.causes?.map((c) => c.field), ['.spec.template.spec.containers[name="nginx"].args']);
  // An atomic map is replaced whole by its owner.
  const replaced = applyOk({
    live: stored(other.object), manager: 'other', now: T0 + 2000,
    applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { finalizers: ['x/two'] }, spec: { template: { spec: { nodeSelector: { c: '3' } } } } },
  });
  assert.deepEqual(at(replaced.object, 'spec.template.spec.nodeSelector'), { c: '3' });
  // The selector (an atomic struct) is owned as one field.
  assert.match(summary(replaced.managedFields)[0] ?? '', /"f:selector":\{\}/);
});

test('a configuration without apiVersion or kind, or of another kind or version, is rejected', () => {
  const cases: Array<[Obj, string]> = [
    [{ kind: 'Deployment', metadata: { name: 'x' } }, 'invalid object type: /, Kind=Deployment'],
    [{ apiVersion: 'apps/v1', metadata: { name: 'x' } }, 'invalid object type: apps/v1, Kind='],
    [{ apiVersion: 'extensions/v1beta1', kind: 'Deployment' }, 'invalid object type: extensions/v1beta1, Kind=Deployment'],
    [{ apiVersion: 'v1', kind: 'Pod' }, 'invalid object type: /v1, Kind=Pod'],
    [{ apiVersion: 'a/b/c', kind: 'Deployment' }, 'invalid object type: /, Kind='],
  ];
  for (const [applied, message] of cases) {
    const err = applyErr({ applied });
    assert.deepEqual(err.status, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
  }
  assert.equal(applyErr({ applied: [] }).status.message, 'error decoding YAML: error unmarshaling JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
});

test('managedFields in the configuration, unknown fields and duplicate keys are rejected', () => {
  const withManaged = { ...deploymentConfig(), metadata: { name: 'deployment', managedFields: [] } };
  assert.deepEqual([applyErr({ applied: withManaged }).code, applyErr({ applied: withManaged }).status.message], [400, 'metadata.managedFields must be nil']);
  const unknown = deploymentConfig({ readOnly: true });
  assert.deepEqual(applyErr({ applied: unknown }).status, {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 500,
    message: 'failed to create typed patch object (/deployment; apps/v1, Kind=Deployment): .spec.readOnly: field not declared in schema',
  });
  const dups = deploymentConfig({}, { env: [{ name: 'FOO', value: '1' }, { name: 'FOO', value: '2' }], ports: [{ containerPort: 93 }, { containerPort: 93, protocol: 'TCP' }] });
  assert.equal(applyErr({ applied: dups }).status.message, [
    'failed to create typed patch object (/deployment; apps/v1, Kind=Deployment): errors:',
    '  .spec.template.spec.containers[name="nginx"].env: duplicate entries for key [name="FOO"]',
    '  .spec.template.spec.containers[name="nginx"].ports: duplicate entries for key [containerPort=93,protocol="TCP"]',
  ].join('\n'));
  assert.equal(applyErr({ applied: deploymentConfig({ replicas: 'three' }) }).status.message,
    'failed to create typed patch object (/deployment; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string');
});

test('re-applying the same configuration changes nothing, not even times', () => {
  const first = applyOk({ applied: deploymentConfig() });
  const again = applyOk({ live: stored(first.object), now: T0 + 5000, applied: deploymentConfig() });
  assert.equal(again.changed, false);
  assert.deepEqual(again.managedFields, first.managedFields);
});

test('an object created without field tracking: its fields go to "before-first-apply"', () => {
  const live = stored(withChanges(applyOk({ applied: deploymentConfig() }).object, (o) => { delete (o['metadata'] as Obj)['managedFields']; }));
  const r = applyOk({ live, manager: 'late', force: false, now: T0 + 1000, applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { labels: { extra: 'x' } } } });
  assert.deepEqual(summary(r.managedFields).map((s) => s.split(':')[0]), ['late/Apply', 'before-first-apply/Update']);
  // Changing what before-first-apply owns conflicts with it.
  const err = applyErr({ live, manager: 'late', applied: { apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas: 9 } } });
  assert.equal(err.status.message, 'Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
});

test('an apply of only name and namespace leaves no managedFields', () => {
  const r = applyOk({ applied: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deployment', namespace: 'default' } } });
  assert.equal(r.managedFields, undefined);
  assert.equal(at(r.object, 'metadata.managedFields'), undefined);
});

test('entries at versions the schema cannot read are dropped; subresource appliers are their own entries', () => {
  const live = stored(applyOk({ applied: deploymentConfig() }).object);
  const foreign = withChanges(live, (o) => {
    ((o['metadata'] as Obj)['managedFields'] as Obj[]).push({ manager: 'old', operation: 'Apply', apiVersion: 'extensions/v1beta1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:paused': {} } } });
  });
  const r = applyOk({ live: foreign, manager: 'status_writer', subresource: 'status', now: T0 + 1000, applied: { apiVersion: 'apps/v1', kind: 'Deployment', status: { replicas: 1 } } });
  assert.deepEqual(summary(r.managedFields), [
    summary(live)[0],
    'status_writer/Apply/status: {"f:status":{"f:replicas":{}}}',
  ]);
  // Kept when the caller says the version reads the same.
  const same = applyOk({ live: foreign, manager: 'status_writer', equivalentVersions: ['extensions/v1beta1'], applied: { apiVersion: 'apps/v1', kind: 'Deployment' } });
  assert.deepEqual(same.managedFields?.map((e) => e.manager), ['old', 'apply_test']);
});
