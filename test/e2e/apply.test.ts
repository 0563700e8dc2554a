// The kubectl flows of day-to-day GitOps against k8ts server, with kubectl 1.33 and 1.27:
// client-side apply (three-way strategic merge), edit, patch of every type, set image/env,
// rollout restart, label/annotate, and diff.

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

const deployment = (image: string, extra: { env?: string; ports?: string; replicas?: string } = {}): string => [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: app}', 'spec:',
  ...(extra.replicas === undefined ? [] : [`  replicas: ${extra.replicas}`]),
  '  selector: {matchLabels: {app: app}}', '  template:', '    metadata: {labels: {app: app}}', '    spec:', '      containers:',
  `      - {name: main, image: "${image}", env: ${extra.env ?? '[{name: A, value: "1"}, {name: B, value: "2"}]'}, ports: ${extra.ports ?? '[{containerPort: 80}, {containerPort: 81}]'}}`,
  '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: app}', 'spec: {selector: {app: app}, ports: [{port: 80}]}',
  '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: app}', 'data: {mode: fast}', '',
].join('\n');

for (const version of ['1.33', '1.27'] as KubectlVersion[]) {
  describe(`kubectl ${version}`, () => {
    const ns = `apply-${version.replace('.', '-')}`;
    const k = (args: string[], input?: string): ReturnType<TestServer['kubectl']> =>
      server.kubectl(version, ['-n', ns, ...args], input === undefined ? {} : { input });
    const ok = async (args: string[], input?: string): Promise<string> => {
      const result = await k(args, input);
      assert.equal(result.code, 0, `kubectl ${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    const container = async (): Promise<{ image: string; env: Array<{ name: string }>; ports: Array<{ containerPort: number }> }> =>
      JSON.parse(await ok(['get', 'deploy', 'app', '-o', 'jsonpath={.spec.template.spec.containers[0]}'])) as never;

    before(async () => {
      await server.kubectl(version, ['create', 'namespace', ns]);
    });

    test('apply twice: created, then unchanged', async () => {
      assert.match(await ok(['apply', '-f', '-'], deployment('busybox:1.36')), /deployment.apps\/app created\nservice\/app created\nconfigmap\/app created/);
      assert.match(await ok(['apply', '-f', '-'], deployment('busybox:1.36')), /deployment.apps\/app unchanged\nservice\/app unchanged\nconfigmap\/app unchanged/);
    });

    test('re-apply with a new image, an env var and a port removed; replicas set by scale stay', async () => {
      await ok(['scale', 'deploy', 'app', '--replicas=4']);
      const out = await ok(['apply', '-f', '-'], deployment('busybox:1.37', { env: '[{name: A, value: "1"}]', ports: '[{containerPort: 80}]' }));
      assert.match(out, /deployment.apps\/app configured/);
      const c = await container();
      assert.equal(c.image, 'busybox:1.37');
      assert.deepEqual(c.env.map((e) => e.name), ['A']);
      assert.deepEqual(c.ports.map((p) => p.containerPort), [80]);
      assert.equal(await ok(['get', 'deploy', 'app', '-o', 'jsonpath={.spec.replicas}']), '4', 'a field the manifest never set is kept');
    });

    test('set image, set env, rollout restart', async () => {
      await ok(['set', 'image', 'deploy/app', 'main=busybox:1.38']);
      await ok(['set', 'env', 'deploy/app', 'C=3']);
      await ok(['rollout', 'restart', 'deploy/app']);
      const c = await container();
      assert.equal(c.image, 'busybox:1.38');
      assert.deepEqual(c.env.map((e) => e.name), ['A', 'C']);
      assert.notEqual(await ok(['get', 'deploy', 'app', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}']), '');
    });

    test('edit with an EDITOR script', async () => {
      const result = await server.kubectl(version, ['-n', ns, 'edit', 'deploy', 'app'], { env: { EDITOR: 'sed -i s/busybox:1.38/busybox:1.39/', KUBE_EDITOR: 'sed -i s/busybox:1.38/busybox:1.39/' } });
      assert.equal(result.code, 0, result.stderr);
      assert.equal((await container()).image, 'busybox:1.39');
    });

    test('patch with each --type', async () => {
      await ok(['patch', 'deploy', 'app', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]']);
      await ok(['patch', 'deploy', 'app', '--type=merge', '-p', '{"metadata":{"labels":{"team":"a"}}}']);
      await ok(['patch', 'deploy', 'app', '--type=strategic', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"D","value":"4"}]}]}}}}']);
      assert.equal(await ok(['get', 'deploy', 'app', '-o', 'jsonpath={.spec.replicas}/{.metadata.labels.team}']), '2/a');
      assert.deepEqual((await container()).env.map((e) => e.name), ['D', 'A', 'C'], 'strategic merge adds by merge key');
      const failed = await k(['patch', 'deploy', 'app', '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":9}]']);
      assert.notEqual(failed.code, 0);
      assert.match(failed.stderr, /test failed/);
    });

    test('label --overwrite and annotate key- removal', async () => {
      await ok(['label', '--overwrite', 'deploy', 'app', 'team=b']);
      await ok(['annotate', 'deploy', 'app', 'note=x']);
      await ok(['annotate', 'deploy', 'app', 'note-']);
      assert.equal(await ok(['get', 'deploy', 'app', '-o', 'jsonpath={.metadata.labels.team}/{.metadata.annotations.note}']), 'b/');
    });

    test('diff exits 1 when the manifest differs from the live object, 0 when not', async () => {
      const differs = await k(['diff', '-f', '-'], deployment('busybox:1.40', { env: '[{name: A, value: "1"}]', ports: '[{containerPort: 80}]' }));
      assert.equal(differs.code, 1, differs.stderr);
      assert.match(differs.stdout, /^\+\s+image: busybox:1\.40$/m);
      await ok(['apply', '-f', '-'], deployment('busybox:1.40', { env: '[{name: A, value: "1"}]', ports: '[{containerPort: 80}]' }));
      const same = await k(['diff', '-f', '-'], deployment('busybox:1.40', { env: '[{name: A, value: "1"}]', ports: '[{containerPort: 80}]' }));
      assert.equal(same.code, 0, same.stdout + same.stderr);
    });
  });
}
