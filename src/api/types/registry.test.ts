import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode } from '../schema/decode.ts';
import { collectStructs, type FieldDef, type Shape, type StructShape } from '../schema/shape.ts';
import * as appsV1 from './apps/v1/index.ts';
import * as authenticationV1 from './authentication/v1/index.ts';
import * as authorizationV1 from './authorization/v1/index.ts';
import * as autoscalingV1 from './autoscaling/v1/index.ts';
import * as batchV1 from './batch/v1/index.ts';
import * as coordinationV1 from './coordination/v1/index.ts';
import * as coreV1 from './core/v1/index.ts';
import * as discoveryV1 from './discovery/v1/index.ts';
import * as eventsV1 from './events/v1/index.ts';
import * as metaV1 from './meta/v1/index.ts';
import * as policyV1 from './policy/v1/index.ts';
import * as schedulingV1 from './scheduling/v1/index.ts';
import * as storageV1 from './storage/v1/index.ts';

/** Every top-level kind, with its list type where upstream has one. */
const kinds: ReadonlyArray<{ kind: StructShape; list?: StructShape }> = [
  { kind: coreV1.Namespace, list: coreV1.NamespaceList },
  { kind: coreV1.Pod, list: coreV1.PodList },
  { kind: coreV1.PodTemplate, list: coreV1.PodTemplateList },
  { kind: coreV1.Service, list: coreV1.ServiceList },
  { kind: coreV1.Endpoints, list: coreV1.EndpointsList },
  { kind: coreV1.ConfigMap, list: coreV1.ConfigMapList },
  { kind: coreV1.Secret, list: coreV1.SecretList },
  { kind: coreV1.ServiceAccount, list: coreV1.ServiceAccountList },
  { kind: coreV1.Node, list: coreV1.NodeList },
  { kind: coreV1.Event, list: coreV1.EventList },
  { kind: coreV1.LimitRange, list: coreV1.LimitRangeList },
  { kind: coreV1.ResourceQuota, list: coreV1.ResourceQuotaList },
  { kind: coreV1.PersistentVolume, list: coreV1.PersistentVolumeList },
  { kind: coreV1.PersistentVolumeClaim, list: coreV1.PersistentVolumeClaimList },
  { kind: coreV1.Binding },
  { kind: appsV1.Deployment, list: appsV1.DeploymentList },
  { kind: appsV1.ReplicaSet, list: appsV1.ReplicaSetList },
  { kind: appsV1.StatefulSet, list: appsV1.StatefulSetList },
  { kind: appsV1.DaemonSet, list: appsV1.DaemonSetList },
  { kind: appsV1.ControllerRevision, list: appsV1.ControllerRevisionList },
  { kind: batchV1.Job, list: batchV1.JobList },
  { kind: batchV1.CronJob, list: batchV1.CronJobList },
  { kind: coordinationV1.Lease, list: coordinationV1.LeaseList },
  { kind: discoveryV1.EndpointSlice, list: discoveryV1.EndpointSliceList },
  { kind: eventsV1.Event, list: eventsV1.EventList },
  { kind: storageV1.StorageClass, list: storageV1.StorageClassList },
  { kind: policyV1.PodDisruptionBudget, list: policyV1.PodDisruptionBudgetList },
  { kind: policyV1.Eviction },
  { kind: schedulingV1.PriorityClass, list: schedulingV1.PriorityClassList },
  { kind: autoscalingV1.Scale },
  { kind: authenticationV1.TokenRequest },
  { kind: authenticationV1.TokenReview },
  { kind: authorizationV1.SubjectAccessReview },
  { kind: authorizationV1.LocalSubjectAccessReview },
  { kind: authorizationV1.SelfSubjectAccessReview },
  { kind: authorizationV1.SelfSubjectRulesReview },
];

/** meta/v1 kinds that are not stored resources but travel as API responses or request bodies. */
const metaKinds: readonly StructShape[] = [
  metaV1.Status, metaV1.DeleteOptions, metaV1.WatchEvent, metaV1.APIResourceList, metaV1.APIGroupList, metaV1.APIGroup,
  metaV1.APIVersions, metaV1.Table, metaV1.PartialObjectMetadata, metaV1.PartialObjectMetadataList,
];

const roots: Shape[] = [...kinds.flatMap(({ kind, list }) => (list === undefined ? [kind] : [kind, list])), ...metaKinds];

/**
 * Structs whose embedded (json ",inline") members are flattened with protobuf number 0 until
 * shape.ts can declare an inline member (see inlined.ts), and the meta Table types, which
 * protobuf does not carry at all.
 */
const protoZeroAllowed = new Set([
  'io.k8s.api.core.v1.Volume', 'io.k8s.api.core.v1.PersistentVolumeSpec', 'io.k8s.api.core.v1.Probe', 'io.k8s.api.core.v1.EphemeralContainer',
  'io.k8s.api.core.v1.ConfigMapEnvSource', 'io.k8s.api.core.v1.ConfigMapKeySelector', 'io.k8s.api.core.v1.ConfigMapProjection',
  'io.k8s.api.core.v1.ConfigMapVolumeSource', 'io.k8s.api.core.v1.SecretEnvSource', 'io.k8s.api.core.v1.SecretKeySelector',
  'io.k8s.api.core.v1.SecretProjection', 'io.k8s.apimachinery.pkg.apis.meta.v1.Table', 'io.k8s.apimachinery.pkg.apis.meta.v1.TableColumnDefinition',
  'io.k8s.apimachinery.pkg.apis.meta.v1.TableRow', 'io.k8s.apimachinery.pkg.apis.meta.v1.TableRowCondition',
]);

const structs = collectStructs(roots);

function field(definition: string, name: string): FieldDef {
  const found = structs.get(definition)?.field(name);
  assert.ok(found, `${definition}.${name} is declared`);
  return found;
}

/** A compact description of a shape, for comparing in the table below. */
function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'scalar':
      return shape.enum === undefined ? shape.scalar : `enum(${shape.enum.join('|')})`;
    case 'list':
      return `list(${describeShape(shape.items)})`;
    case 'map':
      return `map(${describeShape(shape.values)})`;
    case 'struct':
      return shape.name.slice(shape.name.lastIndexOf('.') + 1);
  }
}

test('collectStructs reaches every struct of every kind, each declared once', () => {
  // collectStructs throws on two declarations of one definition name.
  assert.ok(structs.size > 300, `found ${structs.size} structs`);
  for (const name of structs.keys()) assert.match(name, /^io\.k8s\.(api\.[a-z]+|apimachinery\.pkg\.apis\.meta)\.v1\.[A-Z]\w+$/);

  // Every struct exported by a group-version module is one declaration, whatever module it is reached through.
  const modules = [metaV1, coreV1, appsV1, batchV1, coordinationV1, discoveryV1, eventsV1, storageV1, policyV1, schedulingV1,
    autoscalingV1, authenticationV1, authorizationV1];
  const exported = new Map<string, StructShape>();
  for (const module of modules) {
    for (const value of Object.values(module)) {
      if (typeof value !== 'object' || value === null || !('kind' in value) || value.kind !== 'struct') continue;
      const shape = value as StructShape;
      const seen = exported.get(shape.name);
      assert.ok(seen === undefined || seen === shape, `two declarations of ${shape.name}`);
      exported.set(shape.name, shape);
    }
  }
  for (const [name, shape] of structs) assert.equal(exported.get(name), shape, `${name} is exported`);
});

test('no struct uses one protobuf number twice, and only known structs have fields protobuf does not carry', () => {
  for (const shape of structs.values()) {
    const numbers = new Map<number, string>();
    for (const f of shape.fields) {
      assert.ok(Number.isInteger(f.proto) && f.proto >= 0, `${shape.name}.${f.name}: proto ${f.proto}`);
      if (f.proto === 0) {
        const typeMeta = f.name === 'apiVersion' || f.name === 'kind';
        assert.ok(typeMeta || protoZeroAllowed.has(shape.name), `${shape.name}.${f.name} has no protobuf number`);
        continue;
      }
      const other = numbers.get(f.proto);
      assert.equal(other, undefined, `${shape.name}: ${other ?? ''} and ${f.name} both use protobuf number ${f.proto}`);
      numbers.set(f.proto, f.name);
    }
  }
});

test('patch and list metadata is consistent', () => {
  for (const shape of structs.values()) {
    for (const f of shape.fields) {
      const where = `${shape.name}.${f.name}`;
      if (f.listMapKeys !== undefined) {
        assert.equal(f.listType, 'map', where);
        assert.equal(f.shape.kind, 'list', where);
        const items = f.shape.kind === 'list' ? f.shape.items : undefined;
        assert.equal(items?.kind, 'struct', where);
        for (const key of f.listMapKeys) assert.ok(items?.kind === 'struct' && items.field(key), `${where}: map key ${key} is a field of the items`);
      }
      if (f.listType === 'map') assert.ok(f.listMapKeys !== undefined && f.listMapKeys.length > 0, `${where}: listType map needs keys`);
      // Upstream marks Status.details (a struct) +listType=atomic; its OpenAPI carries that as is.
      if (f.listType !== undefined && where !== 'io.k8s.apimachinery.pkg.apis.meta.v1.Status.details') assert.equal(f.shape.kind, 'list', where);
      if (f.patchMergeKey !== undefined) assert.match(f.patchStrategy ?? '', /merge/, where);
    }
  }
});

/** Expected field properties; shape is compared in the compact form of describeShape. */
type Expected = { readonly [K in Exclude<keyof FieldDef, 'shape'>]?: FieldDef[K] | undefined } & { readonly shape?: string };

const facts: ReadonlyArray<[definition: string, field: string, expected: Expected]> = [
  ['io.k8s.api.core.v1.PodSpec', 'containers', {
    proto: 2, required: true, shape: 'list(Container)', patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'],
  }],
  ['io.k8s.api.core.v1.PodSpec', 'volumes', {
    proto: 1, required: false, shape: 'list(Volume)', patchStrategy: 'merge,retainKeys', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'],
  }],
  ['io.k8s.api.core.v1.PodSpec', 'tolerations', {
    proto: 22, shape: 'list(Toleration)', listType: 'atomic', patchStrategy: undefined, patchMergeKey: undefined, listMapKeys: undefined,
  }],
  ['io.k8s.api.core.v1.PodSpec', 'nodeSelector', { proto: 7, shape: 'map(string)', mapType: 'atomic' }],
  ['io.k8s.api.core.v1.PodSpec', 'overhead', { proto: 32, shape: 'map(quantity)' }],
  ['io.k8s.api.core.v1.PodSpec', 'terminationGracePeriodSeconds', { proto: 4, shape: 'int64' }],
  ['io.k8s.api.core.v1.PodSpec', 'restartPolicy', { proto: 3, shape: 'enum(Always|Never|OnFailure)' }],
  ['io.k8s.api.core.v1.PodSpec', 'topologySpreadConstraints', {
    proto: 33, patchStrategy: 'merge', patchMergeKey: 'topologyKey', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
  }],
  ['io.k8s.api.core.v1.Container', 'ports', {
    proto: 6, shape: 'list(ContainerPort)', patchStrategy: 'merge', patchMergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'],
  }],
  ['io.k8s.api.core.v1.Container', 'env', { proto: 7, patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map', listMapKeys: ['name'] }],
  ['io.k8s.api.core.v1.Container', 'volumeMounts', { proto: 9, patchMergeKey: 'mountPath', listMapKeys: ['mountPath'] }],
  ['io.k8s.api.core.v1.Container', 'name', { proto: 1, required: true, shape: 'string' }],
  ['io.k8s.api.core.v1.ContainerPort', 'containerPort', { proto: 3, required: true, shape: 'int32' }],
  ['io.k8s.api.core.v1.ContainerPort', 'protocol', { proto: 4, shape: 'enum(SCTP|TCP|UDP)' }],
  ['io.k8s.api.core.v1.ResourceRequirements', 'limits', { proto: 1, shape: 'map(quantity)' }],
  ['io.k8s.api.core.v1.ResourceRequirements', 'requests', { proto: 2, shape: 'map(quantity)' }],
  ['io.k8s.api.core.v1.PersistentVolumeSpec', 'capacity', { proto: 1, shape: 'map(quantity)' }],
  ['io.k8s.api.core.v1.PersistentVolumeSpec', 'claimRef', { proto: 4, shape: 'ObjectReference', mapType: 'granular' }],
  ['io.k8s.api.core.v1.EmptyDirVolumeSource', 'sizeLimit', { proto: 2, shape: 'quantity' }],
  ['io.k8s.api.core.v1.ResourceFieldSelector', 'divisor', { proto: 3, shape: 'quantity' }],
  ['io.k8s.api.core.v1.Volume', 'name', { proto: 1, required: true }],
  ['io.k8s.api.core.v1.Volume', 'configMap', { proto: 0, shape: 'ConfigMapVolumeSource' }],
  ['io.k8s.api.core.v1.EphemeralContainer', 'targetContainerName', { proto: 2, shape: 'string' }],
  ['io.k8s.api.core.v1.ServiceSpec', 'ports', {
    proto: 1, patchStrategy: 'merge', patchMergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'],
  }],
  ['io.k8s.api.core.v1.ServiceSpec', 'clusterIPs', { proto: 18, shape: 'list(string)', listType: 'atomic' }],
  ['io.k8s.api.core.v1.ServicePort', 'targetPort', { proto: 4, shape: 'intOrString' }],
  ['io.k8s.api.core.v1.Secret', 'data', { proto: 2, shape: 'map(bytes)' }],
  ['io.k8s.api.core.v1.Secret', 'stringData', { proto: 4, shape: 'map(string)' }],
  ['io.k8s.api.core.v1.ConfigMap', 'binaryData', { proto: 3, shape: 'map(bytes)' }],
  ['io.k8s.api.core.v1.NodeSpec', 'taints', { proto: 5, listType: 'atomic', patchStrategy: undefined }],
  ['io.k8s.api.core.v1.NodeStatus', 'addresses', { proto: 5, patchStrategy: 'merge', patchMergeKey: 'type', listMapKeys: ['type'] }],
  ['io.k8s.api.core.v1.NodeStatus', 'capacity', { proto: 1, shape: 'map(quantity)' }],
  ['io.k8s.api.core.v1.PodStatus', 'conditions', { proto: 2, patchStrategy: 'merge', patchMergeKey: 'type', listMapKeys: ['type'] }],
  ['io.k8s.api.core.v1.PodStatus', 'startTime', { proto: 7, shape: 'time' }],
  ['io.k8s.api.core.v1.ContainerStatus', 'restartCount', { proto: 5, required: true, shape: 'int32' }],
  ['io.k8s.api.core.v1.Event', 'eventTime', { proto: 10, shape: 'microtime' }],
  ['io.k8s.api.core.v1.Event', 'involvedObject', { proto: 2, required: true, shape: 'ObjectReference' }],
  ['io.k8s.api.core.v1.Pod', 'kind', { proto: 0, shape: 'string' }],
  ['io.k8s.api.core.v1.Pod', 'metadata', { proto: 1, shape: 'ObjectMeta' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'ownerReferences', {
    proto: 13, patchStrategy: 'merge', patchMergeKey: 'uid', listType: 'map', listMapKeys: ['uid'],
  }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'finalizers', { proto: 14, patchStrategy: 'merge', listType: 'set' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'creationTimestamp', { proto: 8, shape: 'time' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'generation', { proto: 7, shape: 'int64' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', 'fieldsV1', { proto: 7, shape: 'fieldsV1' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent', 'type', { proto: 1, required: true, shape: 'string' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent', 'object', { proto: 2, required: true, shape: 'raw' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.APIResource', 'verbs', { proto: 4, required: true, shape: 'list(string)' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'code', { proto: 6, shape: 'int32' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'details', { proto: 5, shape: 'StatusDetails', listType: 'atomic' }],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.TableRow', 'cells', { proto: 0, required: true, shape: 'list(raw)' }],
  ['io.k8s.api.apps.v1.DeploymentSpec', 'template', { proto: 3, required: true, shape: 'PodTemplateSpec' }],
  ['io.k8s.api.apps.v1.DeploymentSpec', 'selector', { proto: 2, required: true, shape: 'LabelSelector' }],
  ['io.k8s.api.apps.v1.DeploymentSpec', 'strategy', { proto: 4, shape: 'DeploymentStrategy', patchStrategy: 'retainKeys' }],
  ['io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge', { proto: 2, shape: 'intOrString' }],
  ['io.k8s.api.apps.v1.StatefulSetSpec', 'volumeClaimTemplates', { proto: 4, shape: 'list(PersistentVolumeClaim)', listType: 'atomic' }],
  ['io.k8s.api.apps.v1.ControllerRevision', 'data', { proto: 2, shape: 'raw' }],
  ['io.k8s.api.apps.v1.ControllerRevision', 'revision', { proto: 3, required: true, shape: 'int64' }],
  ['io.k8s.api.batch.v1.JobSpec', 'template', { proto: 6, required: true, shape: 'PodTemplateSpec' }],
  ['io.k8s.api.batch.v1.JobSpec', 'activeDeadlineSeconds', { proto: 3, shape: 'int64' }],
  ['io.k8s.api.batch.v1.CronJobSpec', 'jobTemplate', { proto: 5, required: true, shape: 'JobTemplateSpec' }],
  ['io.k8s.api.coordination.v1.LeaseSpec', 'renewTime', { proto: 4, shape: 'microtime' }],
  ['io.k8s.api.discovery.v1.EndpointSlice', 'endpoints', { proto: 2, required: true, listType: 'atomic' }],
  ['io.k8s.api.discovery.v1.EndpointSlice', 'addressType', { proto: 4, required: true, shape: 'enum(FQDN|IPv4|IPv6)' }],
  ['io.k8s.api.events.v1.Event', 'eventTime', { proto: 2, required: true, shape: 'microtime' }],
  ['io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'selector', { proto: 2, shape: 'LabelSelector', patchStrategy: 'replace' }],
  ['io.k8s.api.policy.v1.PodDisruptionBudgetSpec', 'minAvailable', { proto: 1, shape: 'intOrString' }],
  ['io.k8s.api.policy.v1.Eviction', 'deleteOptions', { proto: 2, shape: 'DeleteOptions' }],
  ['io.k8s.api.scheduling.v1.PriorityClass', 'value', { proto: 2, required: true, shape: 'int32' }],
  ['io.k8s.api.autoscaling.v1.ScaleStatus', 'replicas', { proto: 1, required: true, shape: 'int32' }],
  ['io.k8s.api.authentication.v1.TokenRequestStatus', 'expirationTimestamp', { proto: 2, required: true, shape: 'time' }],
  ['io.k8s.api.authentication.v1.UserInfo', 'extra', { proto: 4, shape: 'map(list(string))' }],
  ['io.k8s.api.authorization.v1.SubjectAccessReviewSpec', 'extra', { proto: 5, shape: 'map(list(string))' }],
  ['io.k8s.api.authorization.v1.SubjectAccessReviewStatus', 'allowed', { proto: 1, required: true, shape: 'boolean' }],
  ['io.k8s.api.storage.v1.StorageClass', 'provisioner', { proto: 2, required: true, shape: 'string' }],
];

test('spot checks of field facts', () => {
  for (const [definition, name, expected] of facts) {
    const actual = field(definition, name);
    for (const [key, value] of Object.entries(expected)) {
      const got = key === 'shape' ? describeShape(actual.shape) : actual[key as keyof FieldDef];
      assert.deepEqual(got, value, `${definition}.${name}: ${key}`);
    }
  }
});

test('structs declared atomic', () => {
  for (const name of ['LocalObjectReference', 'ObjectReference', 'NodeSelector', 'ConfigMapKeySelector', 'SecretKeySelector', 'ObjectFieldSelector']) {
    assert.equal(structs.get(`io.k8s.api.core.v1.${name}`)?.structType, 'atomic', name);
  }
  assert.equal(structs.get('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')?.structType, 'atomic');
  assert.equal(structs.get('io.k8s.api.core.v1.PodSpec')?.structType, undefined);
});

test('every kind has TypeMeta fields outside protobuf and ObjectMeta as field 1; every list has metadata=1 and items=2', () => {
  for (const { kind, list } of kinds) {
    for (const shape of list === undefined ? [kind] : [kind, list]) {
      assert.equal(shape.field('apiVersion')?.proto, 0, `${shape.name}.apiVersion`);
      assert.equal(shape.field('kind')?.proto, 0, `${shape.name}.kind`);
    }
    const metadata = kind.field('metadata');
    assert.equal(metadata?.proto, 1, kind.name);
    assert.equal(metadata.shape, metaV1.ObjectMeta, kind.name);
    if (list === undefined) continue;
    assert.equal(list.name, `${kind.name}List`);
    assert.equal(list.field('metadata')?.proto, 1, list.name);
    assert.equal(list.field('metadata')?.shape, metaV1.ListMeta, list.name);
    const items = list.field('items');
    assert.equal(items?.proto, 2, list.name);
    assert.equal(items.required, true, list.name);
    assert.ok(items.shape.kind === 'list' && items.shape.items === kind, `${list.name}.items is a list of ${kind.name}`);
    assert.deepEqual(list.fields.map((f) => f.name).sort(), ['apiVersion', 'items', 'kind', 'metadata']);
  }
});

test('a realistic Deployment decodes with no unknown fields, embedded fields included', () => {
  const deployment: appsV1.Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'web',
            image: 'busybox',
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode', optional: true } } }],
            resources: { requests: { cpu: '100m', memory: '64Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5 },
            volumeMounts: [{ name: 'config', mountPath: '/etc/web' }],
          }],
          volumes: [{ name: 'config', configMap: { name: 'settings', items: [{ key: 'mode', path: 'mode' }] } }],
          tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
        },
      },
    },
  };
  const result = decode(appsV1.Deployment, JSON.parse(JSON.stringify(deployment)));
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.unknownFields, []);
  assert.deepEqual(result.value, deployment);
});
