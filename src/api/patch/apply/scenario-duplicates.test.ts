// Upstream's TestDuplicatesInAssociativeLists (test/integration/apiserver/apply), step by step:
// a DaemonSet created with duplicate env and port keys, applied to by another manager, updated
// with a PUT, and force-applied. The objects are what upstream's server stores after defaulting;
// the expected managedFields are upstream's, times left out as the upstream test does.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DaemonSet } from '../../types/apps/v1/index.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { applyConfiguration } from './apply.ts';
import { trackUpdate } from './update-tracking.ts';

const scope = { shape: DaemonSet, apiVersion: 'apps/v1' } as const;
const T0 = Date.parse('2024-05-01T10:00:00Z');

function untimed(entries: readonly ManagedFieldsEntry[] | undefined): unknown {
  return (entries ?? []).map(({ time: _time, ...rest }) => rest);
}

function entry(manager: string, operation: 'Apply' | 'Update', fieldsV1: string): ManagedFieldsEntry {
  return { manager, operation, apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: JSON.parse(fieldsV1) as NonNullable<ManagedFieldsEntry['fieldsV1']> };
}

const container = (env: unknown[], ports: unknown[]): Record<string, unknown> => ({
  name: 'nginx', image: 'nginx', ports, env, resources: {},
  terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always',
});

function daemonSet(generation: string, env: unknown[], ports: unknown[]): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: {
      name: 'example-daemonset', namespace: 'default', uid: 'a1b2', resourceVersion: '5', generation: Number(generation),
      creationTimestamp: '2024-05-01T10:00:00Z', labels: { app: 'example' }, annotations: { 'deprecated.daemonset.template.generation': generation },
    },
    spec: {
      selector: { matchLabels: { app: 'example' } },
      template: {
        metadata: { labels: { app: 'example' } },
        spec: {
          containers: [container(env, ports)], restartPolicy: 'Always', terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst', securityContext: {}, schedulerName: 'default-scheduler',
        },
      },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  };
}

const port = (name: string, containerPort: number): Record<string, unknown> => ({ name, containerPort, protocol: 'TCP' });
const env = (name: string, value: string): Record<string, unknown> => ({ name, value });

const CREATE_FIELDS = String.raw`{"f:metadata":{"f:annotations":{".":{},"f:deprecated.daemonset.template.generation":{}},"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:revisionHistoryLimit":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{".":{},"k:{\"name\":\"ENV0\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"PATH\"}":{}},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:ports":{".":{},"k:{\"containerPort\":1,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{},"f:protocol":{}},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}},"f:resources":{},"f:terminationMessagePath":{},"f:terminationMessagePolicy":{}}},"f:dnsPolicy":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},"f:terminationGracePeriodSeconds":{}}},"f:updateStrategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}}}}`;

test('duplicate keys in associative lists: create, apply, update, force apply (upstream scenario)', () => {
  // 1. POST by "create": it owns everything it set, duplicates as opaque items.
  const created = daemonSet('1',
    [env('ENV0', '/env0value'), env('PATH', '/bin'), env('PATH', '$PATH:/usr/bin')],
    [port('port0', 1), port('port1', 80), port('port2', 80)]);
  const createFields = trackUpdate({ ...scope, before: undefined, after: created, manager: 'create', now: T0 });
  assert.deepEqual(untimed(createFields), [entry('create', 'Update', CREATE_FIELDS)]);
  const stored1 = { ...created, metadata: { ...(created['metadata'] as object), managedFields: createFields } };

  // 2. Apply of unrelated items by "apply": strictly additive.
  const applied1 = applyConfiguration({
    ...scope, live: stored1, manager: 'apply', force: false, now: T0 + 1000,
    applied: {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'example-daemonset', labels: { app: 'example' } },
      spec: { selector: { matchLabels: { app: 'example' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'port3', containerPort: 443 }], env: [env('HOME', '/usr/home')] }] } } },
    },
  });
  assert.ok(applied1.ok, applied1.ok ? '' : applied1.error.message);
  const c1 = ((applied1.value.object['spec'] as { template: { spec: { containers: Array<{ env: unknown[]; ports: unknown[] }> } } }).template.spec.containers)[0];
  assert.equal(c1?.env.length, 4);
  assert.equal(c1?.ports.length, 4);
  const APPLY_FIELDS = String.raw`{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{"k:{\"name\":\"HOME\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":443,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}}}}}}}}}`;
  assert.deepEqual(untimed(applied1.value.managedFields), [entry('apply', 'Apply', APPLY_FIELDS), entry('create', 'Update', CREATE_FIELDS)]);

  // 3. PUT by "update": renames ports, changes a PATH; the strategy bumps the generation annotation.
  // What the server stores: the applied object, defaulted (the new port gets protocol TCP).
  const stored2 = daemonSet('1',
    [env('ENV0', '/env0value'), env('PATH', '/bin'), env('PATH', '$PATH:/usr/bin'), env('HOME', '/usr/home')],
    [port('port0', 1), port('port1', 80), port('port2', 80), port('port3', 443)]);
  (stored2['metadata'] as Record<string, unknown>)['managedFields'] = applied1.value.managedFields;
  const put = daemonSet('2',
    [env('ENV0', '/env0value'), env('PATH', '/bin'), env('PATH', '$PATH:/usr/bin:/usr/local/bin'), env('HOME', '/usr/home')],
    [port('port0', 1), port('port3', 443), port('port4', 80), port('port5', 80)]);
  (put['metadata'] as Record<string, unknown>)['managedFields'] = applied1.value.managedFields;
  const updated = trackUpdate({ ...scope, before: stored2, after: put, manager: 'update', now: T0 + 2000 });
  const CREATE_AFTER_PUT = CREATE_FIELDS
    .replace('"f:annotations":{".":{},"f:deprecated.daemonset.template.generation":{}}', '"f:annotations":{}')
    .replace(String.raw`,"k:{\"name\":\"PATH\"}":{}`, '')
    .replace(String.raw`,"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}`, '');
  const UPDATE_FIELDS = String.raw`{"f:metadata":{"f:annotations":{"f:deprecated.daemonset.template.generation":{}}},"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:env":{"k:{\"name\":\"PATH\"}":{}},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{}}}}}}}}`;
  assert.deepEqual(untimed(updated), [entry('apply', 'Apply', APPLY_FIELDS), entry('create', 'Update', CREATE_AFTER_PUT), entry('update', 'Update', UPDATE_FIELDS)]);

  // 4. Force apply by "apply": takes PATH and port 80 over, drops HOME and port 443.
  const stored3 = { ...put, metadata: { ...(put['metadata'] as object), managedFields: updated } };
  const applied2 = applyConfiguration({
    ...scope, live: stored3, manager: 'apply', force: true, now: T0 + 3000,
    applied: {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'example-daemonset', labels: { app: 'example' } },
      spec: { selector: { matchLabels: { app: 'example' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'port80', containerPort: 80 }], env: [env('PATH', '/bin:/usr/bin:/usr/local/bin')] }] } } },
    },
  });
  assert.ok(applied2.ok, applied2.ok ? '' : applied2.error.message);
  const c2 = ((applied2.value.object['spec'] as { template: { spec: { containers: Array<{ env: unknown[]; ports: unknown[] }> } } }).template.spec.containers)[0];
  assert.deepEqual(c2?.env, [env('ENV0', '/env0value'), env('PATH', '/bin:/usr/bin:/usr/local/bin')]);
  assert.deepEqual(c2?.ports, [port('port0', 1), { name: 'port80', containerPort: 80 }]);
  const APPLY_FIELDS_2 = String.raw`{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{"k:{\"name\":\"PATH\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}}}}}}}}}`;
  const UPDATE_FIELDS_2 = '{"f:metadata":{"f:annotations":{"f:deprecated.daemonset.template.generation":{}}}}';
  assert.deepEqual(untimed(applied2.value.managedFields), [entry('apply', 'Apply', APPLY_FIELDS_2), entry('create', 'Update', CREATE_AFTER_PUT), entry('update', 'Update', UPDATE_FIELDS_2)]);
});
