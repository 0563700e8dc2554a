import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonClone } from '../../json-equal.ts';
import type { StructShape } from '../../schema/shape.ts';
import { ControllerRevision, Deployment } from '../../types/apps/v1/index.ts';
import { ConfigMap, Event, Pod, Service } from '../../types/core/v1/index.ts';
import { compare, type Comparison } from './compare.ts';
import { fieldsV1Json } from './fields-v1.ts';
import { objectView } from './go-view.ts';
import { typeNode, type StructNode } from './type-node.ts';
import { compareObjects } from './view-compare.ts';

type Obj = Record<string, unknown>;

const pod: Obj = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'p', namespace: 'default', uid: 'u', labels: { app: 'web' }, annotations: { a: '1' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-uid', controller: true }],
    managedFields: [{ manager: 'm', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
  },
  spec: {
    containers: [{
      name: 'main', image: 'busybox', args: ['sleep', '1'],
      env: [{ name: 'A', value: '1' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      ports: [{ containerPort: 80 }, { containerPort: 80, protocol: 'UDP' }],
      resources: { requests: { cpu: '100m' } },
      readinessProbe: { httpGet: { path: '/', port: 80 } },
    }],
    volumes: [{ name: 'data', emptyDir: {} }],
    restartPolicy: 'Always',
  },
};

const running: Obj = {
  phase: 'Running', podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }], startTime: '2024-05-01T10:00:00Z',
  conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' }],
  containerStatuses: [{ name: 'main', ready: true, restartCount: 0, image: 'busybox', imageID: 'sha256:0', state: { running: { startedAt: '2024-05-01T10:00:00Z' } } }],
};

function edit(obj: Obj, change: (o: Obj) => void): Obj {
  const copy = jsonClone(obj);
  change(copy);
  return copy;
}

const spec = (o: Obj): Obj => o['spec'] as Obj;
const meta = (o: Obj): Obj => o['metadata'] as Obj;
const containers = (o: Obj): Obj[] => spec(o)['containers'] as Obj[];

interface Case {
  readonly name: string;
  readonly shape: StructShape;
  readonly before: unknown;
  readonly after: unknown;
}

const withStatus = edit(pod, (o) => { o['status'] = running; });

const cases: Case[] = [
  { name: 'create', shape: Pod, before: undefined, after: pod },
  { name: 'create of an empty object', shape: Pod, before: undefined, after: {} },
  { name: 'no-op (an equal copy)', shape: Pod, before: pod, after: jsonClone(pod) },
  { name: 'no-op (the same object)', shape: Pod, before: pod, after: pod },
  { name: 'spec scalar change', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['nodeName'] = 'n1'; }) },
  { name: 'status added', shape: Pod, before: pod, after: withStatus },
  { name: 'status changed', shape: Pod, before: withStatus, after: edit(withStatus, (o) => { (o['status'] as Obj)['phase'] = 'Succeeded'; ((o['status'] as Obj)['conditions'] as Obj[]).push({ type: 'Initialized', status: 'True' }); }) },
  { name: 'status removed', shape: Pod, before: withStatus, after: pod },
  { name: 'label added, annotation removed', shape: Pod, before: pod, after: edit(pod, (o) => { (meta(o)['labels'] as Obj)['b'] = 'x'; delete meta(o)['annotations']; }) },
  { name: 'only managedFields differ', shape: Pod, before: pod, after: edit(pod, (o) => { meta(o)['managedFields'] = []; }) },
  { name: 'list-map item added', shape: Pod, before: pod, after: edit(pod, (o) => { containers(o).push({ name: 'side', image: 'x' }); }) },
  { name: 'list-map item removed', shape: Pod, before: edit(pod, (o) => { containers(o).push({ name: 'side', image: 'x' }); }), after: pod },
  { name: 'list-map items reordered', shape: Pod, before: edit(pod, (o) => { containers(o).push({ name: 'side', image: 'x' }); }), after: edit(pod, (o) => { containers(o).unshift({ name: 'side', image: 'x' }); }) },
  { name: 'list-map item changed deep', shape: Pod, before: pod, after: edit(pod, (o) => { ((containers(o)[0] as Obj)['env'] as Obj[])[0] = { name: 'A', value: '2' }; }) },
  { name: 'key field defaulted (protocol TCP) vs explicit', shape: Pod, before: pod, after: edit(pod, (o) => { ((containers(o)[0] as Obj)['ports'] as Obj[])[0] = { containerPort: 80, protocol: 'TCP' }; }) },
  { name: 'duplicate keys on both sides', shape: Pod, before: edit(pod, (o) => { containers(o).push({ name: 'main', image: 'a' }); }), after: edit(pod, (o) => { containers(o).push({ name: 'main', image: 'b' }); }) },
  { name: 'duplicate keys appear', shape: Pod, before: pod, after: edit(pod, (o) => { containers(o).push({ name: 'main', image: 'b' }); }) },
  { name: 'duplicate keys go away', shape: Pod, before: edit(pod, (o) => { containers(o).push({ name: 'main', image: 'a' }); }), after: pod },
  { name: 'item without its key', shape: Pod, before: pod, after: edit(pod, (o) => { containers(o).push({ image: 'nameless' }); }) },
  { name: 'null list, null map, null struct pointer', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['volumes'] = null; meta(o)['labels'] = null; (containers(o)[0] as Obj)['readinessProbe'] = null; }) },
  { name: 'empty list and map against absent', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['tolerations'] = []; spec(o)['nodeSelector'] = {}; }) },
  { name: 'null list item of structs', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['volumes'] = [null]; }) },
  { name: 'omitempty zero values', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['hostNetwork'] = false; spec(o)['nodeName'] = ''; spec(o)['priority'] = 0; }) },
  { name: 'non-pointer struct: {} against absent', shape: Pod, before: edit(pod, (o) => { (containers(o)[0] as Obj)['resources'] = {}; }), after: edit(pod, (o) => { delete (containers(o)[0] as Obj)['resources']; }) },
  { name: 'atomic struct changed (env valueFrom.fieldRef)', shape: Pod, before: pod, after: edit(pod, (o) => { (((containers(o)[0] as Obj)['env'] as Obj[])[1] as Obj)['valueFrom'] = { fieldRef: { fieldPath: 'metadata.uid' } }; }) },
  { name: 'a struct given a non-object', shape: Pod, before: pod, after: edit(pod, (o) => { (containers(o)[0] as Obj)['resources'] = 'bogus'; }) },
  { name: 'undeclared fields ignored', shape: Pod, before: pod, after: edit(pod, (o) => { spec(o)['bogus'] = { a: 1 }; o['extra'] = 1; }) },
  { name: 'map of structs with an undefined value', shape: Pod, before: pod, after: edit(pod, (o) => { (((containers(o)[0] as Obj)['resources'] as Obj)['requests'] as Obj)['memory'] = undefined; }) },
  { name: 'set of scalars (finalizers) changed', shape: Pod, before: edit(pod, (o) => { meta(o)['finalizers'] = ['a', 'b']; }), after: edit(pod, (o) => { meta(o)['finalizers'] = ['b', 'c', 'c']; }) },
  { name: 'label named like an Object.prototype property', shape: Pod, before: edit(pod, (o) => { meta(o)['labels'] = { constructor: 'x' }; }), after: edit(pod, (o) => { meta(o)['labels'] = { toString: 'y' }; }) },
  { name: 'deployment template change', shape: Deployment, before: { metadata: { name: 'd' }, spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'a' }] } } } }, after: { metadata: { name: 'd' }, spec: { replicas: 2, template: { metadata: { labels: { x: 'y' } }, spec: { containers: [{ name: 'c', image: 'b' }] } } } } },
  { name: 'configmap data change', shape: ConfigMap, before: { metadata: { name: 'c' }, data: { a: '1', b: '2' } }, after: { metadata: { name: 'c' }, data: { a: '1', c: '3' }, binaryData: {} } },
  { name: 'service ports (list map with a defaulted key)', shape: Service, before: { spec: { ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] } }, after: { spec: { ports: [{ port: 80, protocol: 'TCP', name: 'http' }] } } },
  { name: 'event create', shape: Event, before: undefined, after: { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Scheduled', count: 1, firstTimestamp: '2024-05-01T10:00:00Z' } },
  { name: 'deduced raw data (ControllerRevision)', shape: ControllerRevision, before: { data: { spec: { a: 1, b: [1, 2] }, x: null } }, after: { data: { spec: { a: 2, c: { d: 1 } }, x: 'y' }, revision: 2 } },
  { name: 'deduced raw data with a "__proto__" key', shape: ControllerRevision, before: JSON.parse('{"data":{"a":1}}'), after: JSON.parse('{"data":{"a":1,"__proto__":{"b":2}}}') },
  { name: 'deduced raw data: object to scalar', shape: ControllerRevision, before: { data: { spec: { a: 1 } } }, after: { data: 'text' } },
];

const summary = (c: Comparison): Obj => ({ added: fieldsV1Json(c.added), modified: fieldsV1Json(c.modified), removed: fieldsV1Json(c.removed) });

test('compareObjects finds what compare finds on the objects\' Go views (both directions)', () => {
  for (const c of cases) {
    const root = typeNode(c.shape) as StructNode;
    const general = compare(root, objectView(root, c.before ?? {}), objectView(root, c.after));
    assert.deepEqual(summary(compareObjects(root, c.before, c.after)), summary(general), c.name);
    const back = compare(root, objectView(root, c.after), objectView(root, c.before ?? {}));
    assert.deepEqual(summary(compareObjects(root, c.after, c.before ?? {})), summary(back), `${c.name} (reversed)`);
  }
});

test('compareObjects reports the changes a user sees in managedFields', () => {
  const root = typeNode(Pod) as StructNode;
  const bound = compareObjects(root, pod, edit(pod, (o) => { spec(o)['nodeName'] = 'n1'; }));
  assert.deepEqual(summary(bound), { added: '{"f:spec":{"f:nodeName":{}}}', modified: '{}', removed: '{}' });
  assert.deepEqual(summary(compareObjects(root, pod, jsonClone(pod))), { added: '{}', modified: '{}', removed: '{}' });
  const relabelled = compareObjects(root, pod, edit(pod, (o) => { meta(o)['labels'] = { app: 'db' }; }));
  assert.deepEqual(summary(relabelled), { added: '{}', modified: '{"f:metadata":{"f:labels":{"f:app":{}}}}', removed: '{}' });
});
