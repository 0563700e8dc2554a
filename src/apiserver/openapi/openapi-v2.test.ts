import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { decodeGnosticDocument } from './gnostic.fixture.ts';
import { encodeOpenApiV2 } from './openapi-v2-proto.ts';
import { buildOpenApiV2 } from './openapi-v2.ts';
import { noKinds, refsOf, testDefs } from './test-defs.fixture.ts';

type Obj = Record<string, unknown>;
const json = buildOpenApiV2(testDefs, noKinds);
const definitions = json['definitions'] as Record<string, Obj>;
const paths = json['paths'] as Record<string, Record<string, Obj>>;

test('the JSON document: Swagger 2.0 with every path and every definition they use', () => {
  assert.equal(json['swagger'], '2.0');
  for (const path of ['/api/', '/apis/', '/apis/apps/', '/api/v1/', '/apis/apps/v1/namespaces/{namespace}/deployments/{name}', '/apis/coordination.k8s.io/v1/watch/leases']) {
    assert.ok(paths[path], path);
  }
  for (const { ref, at } of refsOf(json as never)) {
    assert.ok(ref.startsWith('#/definitions/'), at);
    assert.ok(definitions[ref.slice('#/definitions/'.length)], `${ref} at ${at}`);
  }
});

test('v2 keeps siblings beside a $ref, never allOf or a type (kubectl refuses a typed $ref)', () => {
  const walk = (v: unknown, at: string): void => {
    if (v === null || typeof v !== 'object') return;
    if (!Array.isArray(v)) {
      assert.equal('allOf' in v || 'oneOf' in v, false, at);
      if ('$ref' in v) assert.equal('type' in v, false, at);
    }
    for (const [k, child] of Object.entries(v)) walk(child, `${at}/${k}`);
  };
  walk(definitions, '#/definitions');
  const metadata = (definitions['io.k8s.api.apps.v1.Deployment']?.['properties'] as Record<string, Obj>)['metadata'];
  assert.equal(metadata?.['$ref'], '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
  assert.deepEqual(metadata?.['default'], {});
  assert.deepEqual(definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], { ...definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'], format: 'int-or-string', type: 'string' });
  assert.equal(definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']?.['type'], 'string');
});

test('v2 operations: body parameters, consumes, produces and the kind', () => {
  const patch = paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']?.['patch'];
  assert.ok(patch);
  assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  const params = patch['parameters'] as Obj[];
  assert.deepEqual(params[0], { in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
  assert.ok(params.some((p) => p['name'] === 'fieldValidation' && p['in'] === 'query' && p['type'] === 'string'));
  assert.ok((patch['consumes'] as string[]).includes('application/strategic-merge-patch+json'));
  const list = paths['/api/v1/namespaces/{namespace}/configmaps']?.['get'];
  assert.ok((list?.['produces'] as string[]).includes('application/json;stream=watch'));
  assert.deepEqual((list?.['responses'] as Obj)['200'], { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMapList' } });
});

const decoded = decodeGnosticDocument(encodeOpenApiV2(json));
const named = <T>(list: unknown, name: string): T | undefined => (list as Array<{ name: string; value: T }> | undefined)?.find((n) => n.name === name)?.value;
const extension = (holder: Obj | undefined, name: string): unknown => {
  const yaml = named<{ yaml: string }>(holder?.['vendorExtension'], name)?.yaml;
  return yaml === undefined ? undefined : parse(yaml) as unknown;
};

test('the protobuf document decodes to the same definitions, with extensions as YAML', () => {
  assert.equal(decoded['swagger'], '2.0');
  const defs = (decoded['definitions'] as Obj)['additionalProperties'] as Array<{ name: string; value: Obj }>;
  assert.deepEqual(defs.map((d) => d.name), Object.keys(definitions));
  const deployment = named<Obj>(defs, 'io.k8s.api.apps.v1.Deployment');
  assert.deepEqual(deployment?.['type'], { value: ['object'] });
  assert.deepEqual(extension(deployment, 'x-kubernetes-group-version-kind'), [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  const podSpec = named<Obj>(defs, 'io.k8s.api.core.v1.PodSpec');
  const containers = named<Obj>((podSpec?.['properties'] as Obj)['additionalProperties'], 'containers');
  assert.deepEqual(extension(containers, 'x-kubernetes-patch-merge-key'), 'name');
  assert.deepEqual(extension(containers, 'x-kubernetes-list-map-keys'), ['name']);
  assert.deepEqual(containers?.['type'], { value: ['array'] });
  const item = ((containers?.['items'] as Obj)['schema'] as Obj[])[0];
  assert.equal(item?.['_ref'], '#/definitions/io.k8s.api.core.v1.Container');
  assert.deepEqual(parse((item?.['default'] as { yaml: string }).yaml), {});
  // Every reference in the protobuf form names a definition it carries.
  const names = new Set(defs.map((d) => d.name));
  for (const { ref } of refsOf(decoded as never)) assert.ok(false, `unexpected $ref key ${ref}`);
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (!Array.isArray(v) && typeof (v as Obj)['_ref'] === 'string') assert.ok(names.has(((v as Obj)['_ref'] as string).slice('#/definitions/'.length)), (v as Obj)['_ref'] as string);
    for (const child of Object.values(v)) walk(child);
  };
  walk(decoded);
});

test('the protobuf patch operation is what kubectl 1.27 looks for (GVK YAML, query fieldValidation)', () => {
  const path = named<Obj>((decoded['paths'] as Obj)['path'], '/apis/apps/v1/namespaces/{namespace}/deployments/{name}');
  const patch = path?.['patch'] as Obj | undefined;
  assert.equal(patch?.['operationId'], 'patchAppsV1NamespacedDeployment');
  assert.deepEqual(extension(patch, 'x-kubernetes-group-version-kind'), { group: 'apps', kind: 'Deployment', version: 'v1' });
  const query = (patch?.['parameters'] as Obj[]).map((p) => ((p['parameter'] as Obj)['nonBodyParameter'] as Obj | undefined)?.['queryParameterSubSchema'] as Obj | undefined);
  assert.ok(query.some((q) => q?.['name'] === 'fieldValidation' && q['in'] === 'query'));
  const body = ((patch?.['parameters'] as Obj[])[0]?.['parameter'] as Obj)['bodyParameter'] as Obj;
  assert.equal((body['schema'] as Obj)['_ref'], '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch');
  const name = ((path?.['parameters'] as Obj[])[0]?.['parameter'] as Obj)['nonBodyParameter'] as Obj;
  assert.deepEqual(name['pathParameterSubSchema'], { required: true, in: 'path', description: 'name of the Deployment', name: 'name', type: 'string', uniqueItems: true, vendorExtension: [] });
  const ok = named<Obj>((patch?.['responses'] as Obj)['responseCode'], '200');
  assert.equal((((ok?.['response'] as Obj)['schema'] as Obj)['schema'] as Obj)['_ref'], '#/definitions/io.k8s.api.apps.v1.Deployment');
});
