import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusError } from '../../api/status.ts';
import { bodyType, negotiateOutput } from './negotiation.ts';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const DISCOVERY = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

test('Accept negotiation picks what kubectl asks for when the endpoint offers it', () => {
  const cases: Array<[string | undefined, Parameters<typeof negotiateOutput>[1], string]> = [
    [undefined, {}, 'json'],
    ['application/json, */*', {}, 'json'],
    ['application/yaml', {}, 'yaml'],
    ['application/vnd.kubernetes.protobuf,application/json', {}, 'protobuf'],
    ['application/vnd.kubernetes.protobuf,application/json', { protobuf: false }, 'json'],
    [TABLE, { table: true }, 'json as Table v1'],
    [TABLE, { table: false }, 'json'],
    [DISCOVERY, { discovery: true }, 'json as APIGroupDiscoveryList v2'],
    ['application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json', { discovery: true }, 'json as APIGroupDiscoveryList v2beta1'],
    [DISCOVERY, {}, 'json'],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', { metadata: true }, 'json as PartialObjectMetadataList v1'],
    ['text/html;q=0.9, application/yaml;q=0.5', {}, 'yaml'],
  ];
  for (const [accept, offer, expected] of cases) {
    const out = negotiateOutput(accept, offer);
    assert.equal(out.as === undefined ? out.format : `${out.format} as ${out.as.kind} ${out.as.version}`, expected, accept);
  }
  assert.throws(() => negotiateOutput('text/html', {}), (e: unknown) => e instanceof StatusError && e.code === 406);
});

test('request bodies by Content-Type', () => {
  assert.equal(bodyType(undefined, ['json']), 'json');
  assert.equal(bodyType('application/json; charset=utf-8', ['json']), 'json');
  assert.equal(bodyType('application/vnd.kubernetes.protobuf', ['json', 'protobuf']), 'protobuf');
  assert.equal(bodyType('application/strategic-merge-patch+json', ['strategic-merge-patch']), 'strategic-merge-patch');
  assert.throws(() => bodyType('text/plain', ['json', 'yaml']), (e: unknown) => e instanceof StatusError && e.code === 415 && /application\/json, application\/yaml/.test(e.message));
});
