// The apiserver acceptance, as a new user would try it: real kubectl 1.33 and 1.27 against
// `k8ts server --disable-agent`, no extra flags.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestServer, type KubectlVersion } from './harness.ts';
import { pollUntil } from '../../src/client/informers/wait.ts';

let server: TestServer;

const until = async (what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  await pollUntil(what, condition, { timeoutMs });
};

before(async () => {
  server = await TestServer.start();
});

after(async () => {
  await server?.stop();
});

for (const version of ['1.33', '1.27'] as KubectlVersion[]) {
  describe(`kubectl ${version}`, () => {
    const ns = `e2e-${version.replace('.', '-')}`;
    const k = (...args: string[]): ReturnType<TestServer['kubectl']> => server.kubectl(version, args);
    const ok = async (...args: string[]): Promise<string> => {
      const result = await k(...args);
      assert.equal(result.code, 0, `kubectl ${args.join(' ')} failed:\n${result.stderr}\n--- server log ---\n${server.log.slice(-2000)}`);
      return result.stdout;
    };

    test('version reports the served Kubernetes version', async () => {
      assert.match(await ok('version'), /Server Version: (v1\.33\.0\+k8ts|version\.Info\{.*GitVersion:"v1\.33\.0\+k8ts")/);
    });

    test('api-resources and api-versions list what is served', async () => {
      const resources = await ok('api-resources');
      assert.match(resources, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
      assert.match(resources, /^configmaps\s+cm\s+v1\s+true\s+ConfigMap$/m);
      assert.match(await ok('api-versions'), /^v1$/m);
    });

    test('get ns shows the system namespaces', async () => {
      const out = await ok('get', 'ns');
      assert.match(out, /^NAME\s+STATUS\s+AGE$/m);
      for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.match(out, new RegExp(`^${name}\\s+Active\\s+\\d+s$`, 'm'));
    });

    test('create namespace, configmap and secret (protobuf bodies in 1.33)', async () => {
      assert.match(await ok('create', 'namespace', ns), new RegExp(`namespace/${ns} created`));
      assert.match(await ok('create', 'configmap', 'settings', '-n', ns, '--from-literal=mode=fast', '--from-literal=level=3'), /configmap\/settings created/);
      assert.match(await ok('create', 'secret', 'generic', 'creds', '-n', ns, '--from-literal=password=hunter2'), /secret\/creds created/);
      assert.equal(await ok('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.data.mode}'), 'fast');
      assert.equal(Buffer.from(await ok('get', 'secret', 'creds', '-n', ns, '-o', 'jsonpath={.data.password}'), 'base64').toString(), 'hunter2');
      const again = await k('create', 'configmap', 'settings', '-n', ns);
      assert.notEqual(again.code, 0);
      // kubectl's create subcommands word it so: "error: failed to create configmap: configmaps "settings" already exists".
      assert.match(again.stderr, /configmaps "settings" already exists/);
    });

    test('get with -o yaml, json, name, wide, jsonpath and -l', async () => {
      await ok('label', 'cm', 'settings', '-n', ns, 'tier=backend');
      assert.match(await ok('get', 'cm', 'settings', '-n', ns, '-o', 'yaml'), /^  labels:\n    tier: backend$/m);
      assert.equal(JSON.parse(await ok('get', 'cm', '-n', ns, '-o', 'json')).kind, 'List');
      assert.equal((await ok('get', 'cm', '-n', ns, '-l', 'tier=backend', '-o', 'name')).trim(), 'configmap/settings');
      assert.doesNotMatch(await ok('get', 'cm', '-n', ns, '-l', 'tier!=backend', '-o', 'name'), /configmap\/settings/);
      assert.match(await ok('get', 'secret', '-n', ns, '-o', 'wide'), /^creds\s+Opaque\s+1\s+\d+s$/m);
    });

    test('label --overwrite, annotate and annotation removal', async () => {
      await ok('label', '--overwrite', 'cm', 'settings', '-n', ns, 'tier=frontend');
      await ok('annotate', 'cm', 'settings', '-n', ns, 'owner=team-a');
      assert.equal(await ok('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.metadata.labels.tier}/{.metadata.annotations.owner}'), 'frontend/team-a');
      await ok('annotate', 'cm', 'settings', '-n', ns, 'owner-');
      assert.equal(await ok('get', 'cm', 'settings', '-n', ns, '-o', 'jsonpath={.metadata.annotations.owner}'), '');
    });

    test('wait --for=jsonpath sees a value', async () => {
      assert.match(await ok('wait', '--for=jsonpath={.data.mode}=fast', 'cm/settings', '-n', ns, '--timeout=10s'), /condition met/);
    });

    test('get -w sees a later change', async () => {
      const watching = k('get', 'cm', '-n', ns, '-w', '--request-timeout=4s');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await ok('create', 'configmap', 'later', '-n', ns);
      const result = await watching;
      assert.match(result.stdout, /^later\s+0\s+\d+s$/m, result.stderr);
    });

    test('delete a configmap', async () => {
      assert.match(await ok('delete', 'cm', 'later', '-n', ns), /configmap "later" deleted/);
      const gone = await k('get', 'cm', 'later', '-n', ns);
      assert.match(gone.stderr, /Error from server \(NotFound\): configmaps "later" not found/);
    });

    test('create deployment, scale it, and see it in get all', async () => {
      assert.match(await ok('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', ns), /deployment.apps\/web created/);
      // The controllers may already be at work: only the shape of the row is fixed.
      assert.match(await ok('get', 'deploy', 'web', '-n', ns, '-o', 'wide'), /^web\s+\d+\/3\s+\d+\s+\d+\s+\d+s\s+nginx\s+nginx\s+app=web$/m);
      assert.match(await ok('scale', 'deployment', 'web', '--replicas=5', '-n', ns), /deployment.apps\/web scaled/);
      assert.equal(await ok('get', 'deploy', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas}'), '5');
      assert.match(await ok('get', 'all', '-n', ns), /deployment.apps\/web\s+\d+\/5/);
    });

    test('create -f of a multi-document YAML (Deployment + Service + ConfigMap)', async () => {
      const manifest = [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  selector: {matchLabels: {app: api}}',
        '  template:', '    metadata: {labels: {app: api}}', '    spec: {containers: [{name: api, image: busybox:1.36, ports: [{containerPort: 8080}]}]}',
        '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: api}', 'spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}',
        '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: api-config}', 'data: {LOG_LEVEL: debug}', '',
      ].join('\n');
      const out = (await server.kubectl(version, ['create', '-n', ns, '-f', '-'], { input: manifest }));
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /deployment.apps\/api created\nservice\/api created\nconfigmap\/api-config created/);
      assert.match(await ok('get', 'svc', 'api', '-n', ns), /^api\s+ClusterIP\s+10\.43\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
    });

    test('describe shows an object and its events', async () => {
      const out = await ok('describe', 'deployment', 'api', '-n', ns);
      assert.match(out, /^Name:\s+api$/m);
      assert.match(out, /^Selector:\s+app=api$/m);
      assert.match(out, /^StrategyType:\s+RollingUpdate$/m);
    });

    test('explain pod.spec.containers', async () => {
      const out = await ok('explain', 'pod.spec.containers');
      assert.match(out, /KIND:\s+Pod/);
      assert.match(out, /FIELD:\s+containers <\[\]Container>/);
    });

    test('get events', async () => {
      const out = await k('get', 'events', '-n', ns);
      assert.equal(out.code, 0, out.stderr);
    });

    test('cluster-info names the control plane', async () => {
      assert.match(await ok('cluster-info'), /Kubernetes control plane.* is running at .*https:\/\/127\.0\.0\.1:\d+/);
    });

    test('delete --cascade=orphan keeps the dependents, without their owner', async () => {
      await ok('create', 'deployment', 'orphaned', '--image=busybox:1.36', '-n', ns);
      await until('the ReplicaSet of the Deployment', async () => (await ok('get', 'rs', '-n', ns, '-l', 'app=orphaned', '-o', 'name')).trim() !== '');
      assert.match(await ok('delete', 'deployment', 'orphaned', '-n', ns, '--cascade=orphan'), /deployment.apps "orphaned" deleted/);
      const owners = await ok('get', 'rs', '-n', ns, '-l', 'app=orphaned', '-o', 'jsonpath={.items[*].metadata.ownerReferences}');
      assert.equal(owners, '', 'the ReplicaSet stays, with no ownerReference left');
    });

    test('auth can-i answers from the server (a protobuf SelfSubjectAccessReview in 1.33)', async () => {
      assert.equal((await ok('auth', 'can-i', 'create', 'pods', '-n', ns)).trim(), 'yes');
    });

    test('delete ns waits until the namespace is gone', async () => {
      const doomed = `${ns}-doomed`;
      await ok('create', 'namespace', doomed);
      await ok('create', 'configmap', 'inside', '-n', doomed);
      assert.match(await ok('delete', 'namespace', doomed), new RegExp(`namespace "${doomed}" deleted`));
      const gone = await k('get', 'namespace', doomed);
      assert.match(gone.stderr, /NotFound/);
    });

    test('bad input is a clear error', async () => {
      const bad = await k('create', 'configmap', 'Bad_Name', '-n', ns);
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
      const missing = await k('get', 'cm', '-n', 'no-such-namespace', 'x');
      assert.match(missing.stderr, /NotFound/);
    });
  });
}
