// End to end with a real node (its own containerd, CNI bridge k8tsv0 on 10.244.242.0/24): a
// busybox pod serves its volumes over HTTP (httpd with / as its root), so what the container
// sees is read from the host — a ConfigMap file, a Secret file, downward API labels, the
// service account credentials — and a `kubectl edit`ed ConfigMap shows up inside the running
// container without a restart. Needs root and the Debian packages. Leaves nothing behind.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { freePort, run, TestServer } from './harness.ts';
import { nodeSkipReason, restoreHost, snapshotHost, tearDownNode, type HostSnapshot } from './kubelet-host.ts';
import { pollUntil } from '../../src/client/informers/wait.ts';

const BRIDGE = 'k8tsv0';
const CLUSTER_CIDR = '10.244.242.0/24';
const root = new URL('../..', import.meta.url).pathname;
const missing = nodeSkipReason();

let server: TestServer | undefined;
let dataDir = '';
let host: HostSnapshot | undefined;

const waitFor = <T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> =>
  pollUntil(what, probe, { timeoutMs, intervalMs: 250, context: () => `--- server log (tail) ---\n${server?.log.slice(-4000) ?? ''}` });

function httpGet(ip: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: ip, port: 8080, path, timeout: 3000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET http://${ip}:8080${path} timed out`)));
    req.on('error', reject);
  });
}

async function kubectl(args: readonly string[], input?: string): Promise<string> {
  if (server === undefined) throw new Error('no server');
  const r = await server.kubectl('1.33', args, input === undefined ? {} : { input });
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  host = snapshotHost();
  dataDir = mkdtempSync(join(tmpdir(), 'k8ts-e2e-volumes-'));
  const built = await run(process.execPath, [join(root, 'bin/k8ts.js'), 'images', 'build-demo', '--data-dir', dataDir]);
  assert.equal(built.code, 0, built.stderr);
  const args = ['--cluster-cidr', CLUSTER_CIDR, '--cni-bridge', BRIDGE, '--kubelet-port', String(await freePort()), '--node-name', 'k8ts-e2e-volumes'];
  server = await TestServer.start(args, { dataDir, port: await freePort() }, { agent: true });
});

after(async () => {
  if (missing !== undefined) return;
  await server?.kill();
  await tearDownNode(dataDir);
  if (host !== undefined) restoreHost(host, BRIDGE, '10.244.242.', dataDir);
  rmSync(dataDir, { recursive: true, force: true });
});

const manifests = `
apiVersion: v1
kind: ConfigMap
metadata:
  name: site
data:
  greeting: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: s3cret
---
apiVersion: v1
kind: Pod
metadata:
  name: files
  labels:
    app: files
spec:
  containers:
  - name: httpd
    image: busybox:latest
    imagePullPolicy: IfNotPresent
    command: ["httpd", "-f", "-p", "8080", "-h", "/"]
    volumeMounts:
    - { name: site, mountPath: /site }
    - { name: creds, mountPath: /creds }
    - { name: info, mountPath: /info }
  volumes:
  - name: site
    configMap: { name: site }
  - name: creds
    secret: { secretName: creds, defaultMode: 0444 }
  - name: info
    downwardAPI:
      items:
      - { path: labels, fieldRef: { fieldPath: metadata.labels } }
`;

test('a pod sees its volumes, and a ConfigMap edit reaches the running container', async () => {
  await waitFor('the node Ready', 30_000, async () => {
    const node = JSON.parse(await kubectl(['get', 'node', 'k8ts-e2e-volumes', '-o', 'json'])) as { status: { conditions: { type: string; status: string }[] } };
    return node.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
  });
  await kubectl(['apply', '-f', '-'], manifests);
  const ip = await waitFor('the pod Running with an IP', 60_000, async () => {
    const pod = JSON.parse(await kubectl(['get', 'pod', 'files', '-o', 'json'])) as { status: { phase?: string; podIP?: string } };
    return pod.status.phase === 'Running' && pod.status.podIP !== undefined ? pod.status.podIP : undefined;
  });
  const read = async (path: string): Promise<string> => {
    const r = await httpGet(ip, path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
    return r.body;
  };
  assert.equal(await waitFor('httpd answering', 10_000, () => read('/site/greeting')), 'hello');
  assert.equal(await read('/creds/password'), 's3cret');
  assert.equal(await read('/info/labels'), 'app="files"');
  const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
  assert.equal(await read(`${sa}/namespace`), 'default');
  assert.match(await read(`${sa}/ca.crt`), /^-----BEGIN CERTIFICATE-----/);
  const token = await read(`${sa}/token`);
  const review = JSON.parse(await kubectl(['create', '--validate=false', '-f', '-', '-o', 'json'], JSON.stringify({
    apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token },
  }))) as { status: { authenticated?: boolean; user?: { username?: string } } };
  assert.equal(review.status.authenticated, true, 'the mounted token is accepted by the API server');
  assert.equal(review.status.user?.username, 'system:serviceaccount:default:default');

  await kubectl(['patch', 'configmap', 'site', '--type', 'merge', '-p', '{"data":{"greeting":"bonjour"}}']);
  assert.equal(await waitFor('the new greeting inside the container', 30_000, async () => {
    const body = await read('/site/greeting');
    return body === 'bonjour' ? body : undefined;
  }), 'bonjour');
  await kubectl(['label', 'pod', 'files', 'tier=web']);
  assert.equal(await waitFor('the new labels inside the container', 60_000, async () => {
    const body = await read('/info/labels');
    return body.includes('tier') ? body : undefined;
  }), 'app="files"\ntier="web"');

  await kubectl(['delete', 'pod', 'files', '--timeout=60s']);
  const podsDir = join(dataDir, 'agent', 'pods');
  await waitFor('no volume mounts left under the pods dir', 30_000, async () => {
    return readFileSync('/proc/self/mountinfo', 'utf8').includes(`${podsDir}/`) ? undefined : true;
  });
});
