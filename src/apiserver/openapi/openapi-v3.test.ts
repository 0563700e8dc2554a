import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildOpenApiV3 } from './openapi-v3.ts';
import { noKinds, refsOf, testDefs } from './test-defs.fixture.ts';

type Obj = Record<string, unknown>;
const docs = buildOpenApiV3(testDefs, noKinds);
const doc = (key: string): Obj => {
  const d = docs.get(key);
  assert.ok(d, `document ${key}`);
  return d as Obj;
};
const paths = (key: string): Record<string, Record<string, Obj>> => doc(key)['paths'] as Record<string, Record<string, Obj>>;
const schemas = (key: string): Record<string, Obj> => (doc(key)['components'] as Obj)['schemas'] as Record<string, Obj>;
const prop = (key: string, def: string, field: string): Obj => (schemas(key)[def]?.['properties'] as Record<string, Obj>)[field]!;

test('a document for every group version, group, and the api and apis roots', () => {
  assert.deepEqual([...docs.keys()].sort(), ['api', 'api/v1', 'apis', 'apis/apps', 'apis/apps/v1', 'apis/coordination.k8s.io', 'apis/coordination.k8s.io/v1']);
  assert.equal(doc('api/v1')['openapi'], '3.0.0');
  assert.equal(paths('apis/apps')['/apis/apps/']?.['get']?.['operationId'], 'getAppsAPIGroup');
  assert.equal(paths('api')['/api/']?.['get']?.['operationId'], 'getCoreAPIVersions');
  assert.ok(schemas('apis')['io.k8s.apimachinery.pkg.apis.meta.v1.APIGroupList']);
});

test('a Deployment patch names its kind as one object and takes fieldValidation', () => {
  const patch = paths('apis/apps/v1')['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.['patch'];
  assert.ok(patch);
  assert.equal(patch['operationId'], 'patchAppsV1NamespacedDeployment');
  assert.equal(patch['x-kubernetes-action'], 'patch');
  assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  const params = patch['parameters'] as Obj[];
  for (const name of ['dryRun', 'fieldManager', 'fieldValidation', 'force']) {
    assert.ok(params.some((p) => p['name'] === name && p['in'] === 'query'), name);
  }
  const content = (patch['requestBody'] as Obj)['content'] as Obj;
  assert.deepEqual(Object.keys(content), ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
});

test('every resource path, verb, action and operationId upstream lays out', () => {
  const table: Array<[string, string, string, string, string]> = [
    // [doc, path, method, operationId, action]
    ['api/v1', '/api/v1/', 'get', 'getCoreV1APIResources', ''],
    ['api/v1', '/api/v1/namespaces', 'get', 'listCoreV1Namespace', 'list'],
    ['api/v1', '/api/v1/namespaces', 'post', 'createCoreV1Namespace', 'post'],
    ['api/v1', '/api/v1/namespaces/{name}', 'put', 'replaceCoreV1Namespace', 'put'],
    ['api/v1', '/api/v1/namespaces/{name}/finalize', 'put', 'replaceCoreV1NamespaceFinalize', 'put'],
    ['api/v1', '/api/v1/namespaces/{name}/status', 'get', 'readCoreV1NamespaceStatus', 'get'],
    ['api/v1', '/api/v1/watch/namespaces', 'get', 'watchCoreV1NamespaceList', 'watchlist'],
    ['api/v1', '/api/v1/watch/namespaces/{name}', 'get', 'watchCoreV1Namespace', 'watch'],
    ['api/v1', '/api/v1/configmaps', 'get', 'listCoreV1ConfigMapForAllNamespaces', 'list'],
    ['api/v1', '/api/v1/namespaces/{namespace}/configmaps', 'delete', 'deleteCoreV1CollectionNamespacedConfigMap', 'deletecollection'],
    ['api/v1', '/api/v1/namespaces/{namespace}/configmaps/{name}', 'delete', 'deleteCoreV1NamespacedConfigMap', 'delete'],
    ['api/v1', '/api/v1/watch/configmaps', 'get', 'watchCoreV1ConfigMapListForAllNamespaces', 'watchlist'],
    ['api/v1', '/api/v1/namespaces/{namespace}/pods/{name}/binding', 'post', 'createCoreV1NamespacedPodBinding', 'post'],
    ['api/v1', '/api/v1/namespaces/{namespace}/pods/{name}/eviction', 'post', 'createCoreV1NamespacedPodEviction', 'post'],
    ['api/v1', '/api/v1/namespaces/{namespace}/pods/{name}/log', 'get', 'readCoreV1NamespacedPodLog', 'get'],
    ['api/v1', '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'post', 'connectCoreV1PostNamespacedPodExec', 'connect'],
    ['api/v1', '/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}', 'head', 'connectCoreV1HeadNamespacedPodProxyWithPath', 'connect'],
    ['apis/apps/v1', '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale', 'put', 'replaceAppsV1NamespacedDeploymentScale', 'put'],
    ['apis/coordination.k8s.io/v1', '/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases', 'get', 'listCoordinationV1NamespacedLease', 'list'],
  ];
  for (const [key, path, method, operationId, action] of table) {
    const op = paths(key)[path]?.[method];
    assert.ok(op, `${method} ${path}`);
    assert.equal(op['operationId'], operationId, path);
    assert.equal(op['x-kubernetes-action'], action === '' ? undefined : action, path);
  }
  // Namespaces declare no deletecollection; cluster-scoped kinds have no all-namespaces list.
  assert.equal(paths('api/v1')['/api/v1/namespaces']?.['delete'], undefined);
  // Subresources answer with their own kind.
  assert.deepEqual(paths('apis/apps/v1')['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']?.['patch']?.['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
  assert.deepEqual(paths('api/v1')['/api/v1/namespaces/{namespace}/pods/{name}/exec']?.['get']?.['x-kubernetes-group-version-kind'], { group: '', kind: 'PodExecOptions', version: 'v1' });
});

test('create, update and patch operations carry their own query parameters', () => {
  const item = paths('api/v1')['/api/v1/namespaces/{namespace}/configmaps/{name}']!;
  const names = (op: Obj | undefined): unknown[] => ((op?.['parameters'] ?? []) as Obj[]).map((p) => p['name']);
  assert.deepEqual(names(paths('api/v1')['/api/v1/namespaces/{namespace}/configmaps']?.['post']), ['dryRun', 'fieldManager', 'fieldValidation']);
  assert.deepEqual(names(item['put']), ['dryRun', 'fieldManager', 'fieldValidation']);
  assert.deepEqual(names(item['patch']), ['dryRun', 'fieldManager', 'fieldValidation', 'force']);
  assert.deepEqual(names(item['delete']), ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy']);
  assert.deepEqual((item['parameters'] as unknown as Obj[]).map((p) => [p['name'], p['in'], p['required'] ?? false]), [['name', 'path', true], ['namespace', 'path', true], ['pretty', 'query', false]]);
  // A pod's DELETE answers with the pod (returnDeletedObject); a ConfigMap's with a Status.
  const reply = (op: Obj | undefined): unknown => ((((op?.['responses'] as Obj)['200'] as Obj)['content'] as Obj)['application/json'] as Obj)['schema'];
  assert.deepEqual(reply(paths('api/v1')['/api/v1/namespaces/{namespace}/pods/{name}']?.['delete']), { $ref: '#/components/schemas/io.k8s.api.core.v1.Pod' });
  assert.deepEqual(reply(item['delete']), { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status' });
});

test('component schemas carry the patch and list metadata of the declarations', () => {
  assert.deepEqual(prop('api/v1', 'io.k8s.api.core.v1.PodSpec', 'containers'), {
    type: 'array',
    items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} },
    description: prop('api/v1', 'io.k8s.api.core.v1.PodSpec', 'containers')['description'],
    'x-kubernetes-patch-strategy': 'merge',
    'x-kubernetes-patch-merge-key': 'name',
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-list-map-keys': ['name'],
  });
  const ports = prop('api/v1', 'io.k8s.api.core.v1.Container', 'ports');
  assert.equal(ports['x-kubernetes-patch-merge-key'], 'containerPort');
  assert.deepEqual(ports['x-kubernetes-list-map-keys'], ['containerPort', 'protocol']);
  assert.equal(ports['x-kubernetes-list-type'], 'map');
  // Struct fields: allOf-wrapped refs with the Go zero value; pointers have no default.
  const metadata = prop('apis/apps/v1', 'io.k8s.api.apps.v1.Deployment', 'metadata');
  assert.deepEqual(metadata['allOf'], [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }]);
  assert.deepEqual(metadata['default'], {});
  assert.equal(prop('apis/apps/v1', 'io.k8s.api.apps.v1.DeploymentSpec', 'selector')['default'], undefined);
  assert.deepEqual(schemas('apis/apps/v1')['io.k8s.api.apps.v1.DeploymentSpec']?.['required'], ['selector', 'template']);
  // Formats, maps, enums, atomic structs and the apimachinery scalar definitions.
  assert.deepEqual(prop('apis/apps/v1', 'io.k8s.api.apps.v1.DeploymentSpec', 'replicas'), { type: 'integer', format: 'int32', description: prop('apis/apps/v1', 'io.k8s.api.apps.v1.DeploymentSpec', 'replicas')['description'] });
  assert.equal(prop('api/v1', 'io.k8s.api.core.v1.ObjectFieldSelector', 'fieldPath')['default'], '');
  assert.deepEqual(prop('api/v1', 'io.k8s.api.core.v1.ResourceRequirements', 'limits')['additionalProperties'], { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
  assert.deepEqual(prop('api/v1', 'io.k8s.api.core.v1.Container', 'imagePullPolicy')['enum'], ['Always', 'IfNotPresent', 'Never']);
  assert.equal(schemas('apis/apps/v1')['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']?.['x-kubernetes-map-type'], 'atomic');
  const time = schemas('api/v1')['io.k8s.apimachinery.pkg.apis.meta.v1.Time'];
  assert.deepEqual([time?.['type'], time?.['format']], ['string', 'date-time']);
  assert.deepEqual(prop('api/v1', 'io.k8s.api.core.v1.ConfigMap', 'binaryData')['additionalProperties'], { type: 'string', format: 'byte' });
  assert.deepEqual(schemas('api/v1')['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.['oneOf'], [{ type: 'integer' }, { type: 'string' }]);
  assert.equal(schemas('api/v1')['io.k8s.apimachinery.pkg.util.intstr.IntOrString']?.['format'], 'int-or-string');
});

test('kinds carry their group/version/kinds as a list; DeleteOptions in every group version', () => {
  assert.deepEqual(schemas('apis/apps/v1')['io.k8s.api.apps.v1.Deployment']?.['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.deepEqual(schemas('apis/apps/v1')['io.k8s.api.autoscaling.v1.Scale']?.['x-kubernetes-group-version-kind'], [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }]);
  assert.deepEqual(schemas('api/v1')['io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions']?.['x-kubernetes-group-version-kind'], [
    { group: '', kind: 'DeleteOptions', version: 'v1' }, { group: 'apps', kind: 'DeleteOptions', version: 'v1' }, { group: 'coordination.k8s.io', kind: 'DeleteOptions', version: 'v1' },
  ]);
  assert.equal(schemas('apis/apps/v1')['io.k8s.api.apps.v1.DeploymentSpec']?.['x-kubernetes-group-version-kind'], undefined);
});

test('every $ref of every document resolves within it', () => {
  for (const [key, d] of docs) {
    const all = schemas(key);
    for (const { ref, at } of refsOf(d as never)) {
      assert.ok(ref.startsWith('#/components/schemas/'), `${key} ${at}`);
      assert.ok(all[ref.slice('#/components/schemas/'.length)], `${key}: ${ref} at ${at}`);
    }
  }
});

test('a $ref never has siblings in v3 (they would be ignored)', () => {
  for (const [key, d] of docs) {
    const walk = (v: unknown, at: string): void => {
      if (v === null || typeof v !== 'object') return;
      if (!Array.isArray(v) && '$ref' in v) assert.deepEqual(Object.keys(v), ['$ref'], `${key} ${at}`);
      for (const [k, child] of Object.entries(v)) walk(child, `${at}/${k}`);
    };
    walk(d, '#');
  }
});
