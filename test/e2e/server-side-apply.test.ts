// Server-side apply through real kubectl 1.33 and 1.27: two field managers that conflict,
// --force-conflicts, and the move from client-side apply to server-side and back.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestServer, type KubectlVersion } from './harness.ts';

let server: TestServer;

before(async () => {
  server = await TestServer.start();
});

after(async () => {
  await server?.stop();
});

const manifest = (replicas: number, image = 'busybox:1.36'): string => [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: ssa}', 'spec:', `  replicas: ${replicas}`,
  '  selector: {matchLabels: {app: ssa}}', '  template:', '    metadata: {labels: {app: ssa}}',
  `    spec: {containers: [{name: main, image: "${image}"}]}`, '',
].join('\n');

for (const version of ['1.33', '1.27'] as KubectlVersion[]) {
  describe(`kubectl ${version}`, () => {
    const ns = `ssa-${version.replace('.', '-')}`;
    const k = (args: string[], input?: string): ReturnType<TestServer['kubectl']> =>
      server.kubectl(version, ['-n', ns, ...args], input === undefined ? {} : { input });
    const ok = async (args: string[], input?: string): Promise<string> => {
      const result = await k(args, input);
      assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };

    before(async () => {
      await server.kubectl(version, ['create', 'namespace', ns]);
    });

    test('apply --server-side creates, and again is a no-op', async () => {
      assert.match(await ok(['apply', '--server-side', '-f', '-'], manifest(2)), /deployment.apps\/ssa serverside-applied/);
      // A ConfigMap, which no controller writes to: its resourceVersion shows whether anything was written.
      const cm = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: still}', 'data: {a: "1"}', ''].join('\n');
      await ok(['apply', '--server-side', '-f', '-'], cm);
      const rv = await ok(['get', 'cm', 'still', '-o', 'jsonpath={.metadata.resourceVersion}']);
      await ok(['apply', '--server-side', '-f', '-'], cm);
      assert.equal(await ok(['get', 'cm', 'still', '-o', 'jsonpath={.metadata.resourceVersion}']), rv, 'an apply that changes nothing writes nothing');
      const managers = await ok(['get', 'deploy', 'ssa', '-o', 'jsonpath={.metadata.managedFields[*].manager}', '--show-managed-fields']);
      assert.ok(managers.split(' ').includes('kubectl'), `managers: ${managers}`);
    });

    test('a second manager setting the same field conflicts; --force-conflicts takes it over', async () => {
      const conflict = await k(['apply', '--server-side', '--field-manager=other', '-f', '-'], manifest(3));
      assert.notEqual(conflict.code, 0);
      assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.spec\.replicas/);
      assert.match(conflict.stderr, /--force-conflicts/);
      await ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'], manifest(3));
      assert.equal(await ok(['get', 'deploy', 'ssa', '-o', 'jsonpath={.spec.replicas}']), '3');
    });

    test('a field removed from the applied configuration is removed when no one else owns it', async () => {
      const withLabel = manifest(3).replace('metadata: {name: ssa}', 'metadata: {name: ssa, labels: {tier: web}}');
      await ok(['apply', '--server-side', '--field-manager=other', '-f', '-'], withLabel);
      assert.equal(await ok(['get', 'deploy', 'ssa', '-o', 'jsonpath={.metadata.labels.tier}']), 'web');
      await ok(['apply', '--server-side', '--field-manager=other', '-f', '-'], manifest(3));
      assert.equal(await ok(['get', 'deploy', 'ssa', '-o', 'jsonpath={.metadata.labels.tier}']), '');
    });

    test('client-side apply, then server-side, then client-side again', async () => {
      const cm = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: moving}', 'data: {a: "1"}', ''].join('\n');
      assert.match(await ok(['apply', '-f', '-'], cm), /configmap\/moving created/);
      assert.match(await ok(['apply', '--server-side', '-f', '-'], cm.replace('"1"', '"2"')), /configmap\/moving serverside-applied/);
      assert.match(await ok(['apply', '-f', '-'], cm.replace('"1"', '"3"')), /configmap\/moving configured/);
      assert.equal(await ok(['get', 'cm', 'moving', '-o', 'jsonpath={.data.a}']), '3');
    });

    test('kubectl create records its field manager', async () => {
      await ok(['create', 'configmap', 'created', '--from-literal=x=y']);
      const managed = JSON.parse(await ok(['get', 'cm', 'created', '-o', 'jsonpath={.metadata.managedFields}', '--show-managed-fields'])) as Array<{ manager: string; operation: string; fieldsV1: unknown }>;
      assert.equal(managed[0]?.manager, 'kubectl-create');
      assert.equal(managed[0]?.operation, 'Update');
      assert.deepEqual(managed[0]?.fieldsV1, { 'f:data': { '.': {}, 'f:x': {} } });
    });
  });
}
