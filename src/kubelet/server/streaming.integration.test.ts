// The kubelet server end to end, as a user meets it: a real containerd (its own temp dir, CNI
// bridge k8tss0 on 10.244.244.0/24, removed afterwards with net.ipv4.ip_forward restored) runs
// a busybox pod made directly through the CRI with the kubelet's labels; `k8ts server` (no
// agent) holds a Node whose InternalIP is 127.0.0.1 and whose kubelet port is this
// KubeletServer's, and the Pod bound to it. Real kubectl 1.33 (WebSocket exec, tunnelled
// port-forward) and 1.27 (SPDY) then run logs, exec, cp and port-forward through the API
// server's proxy subresources. Needs root and the Debian packages (npm test installs them).

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, KUBECTL, run, TestServer, type KubectlVersion } from '../../../test/e2e/harness.ts';
import { createCertificateAuthority, issueCertificate, type CertAndKey } from '../../client/pki/authority.ts';
import { writeBridgeConflist } from '../containerd/cni.ts';
import { checkContainerdBinaries, ManagedContainerd } from '../containerd/managed.ts';
import { CriClient } from '../cri/client.ts';
import type { PodSandboxConfig } from '../cri/types.ts';
import { busyboxImageDefinition, pauseImageDefinition } from '../images/builtin.ts';
import { importImageArchive, writeImageArchive } from '../images/import.ts';
import { containerLogPath, LABEL_CONTAINER_NAME, LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID, podLogDirectory } from '../seams.ts';
import { realClock } from '../../api/clock.ts';
import { RestClient } from '../../client/rest/client.ts';
import { withUserAgent } from '../../client/rest/config.ts';
import { loadKubeconfig } from '../../client/rest/kubeconfig.ts';
import { accessReviewAuthorizer } from './access-review.ts';
import { KubeletServer } from './kubelet-server.ts';

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root';
  try {
    checkContainerdBinaries();
    execFileSync('sh', ['-c', 'test -x /usr/bin/catatonit && test -x /bin/busybox']);
  } catch (error) {
    return `needs containerd, runc, CNI plugins, catatonit, busybox-static: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

const missing = skipReason();
const bridge = 'k8tss0';
const ipForward = '/proc/sys/net/ipv4/ip_forward';
let ipForwardBefore = '';
let dir = '';
let containerd: ManagedContainerd;
let cri: CriClient;
let server: TestServer;
let kubelet: KubeletServer;
let ca: CertAndKey;
const stop = new AbortController();
const running: Promise<void>[] = [];

function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`)).sort((a, b) => b.length - a.length);
}

async function kubectl(version: KubectlVersion, args: readonly string[], options: { input?: string; timeoutMs?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return server.kubectl(version, args, options);
}

async function must(version: KubectlVersion, args: readonly string[], input?: string): Promise<string> {
  const r = await kubectl(version, args, input === undefined ? {} : { input });
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Runs a pod's sandbox and busybox containers through the CRI, labelled as the kubelet does:
 * one attempt of container "main" per script, each started after the one before exited.
 */
async function runPod(name: string, uid: string, ...scripts: string[]): Promise<void> {
  const labels = { [LABEL_POD_NAME]: name, [LABEL_POD_NAMESPACE]: 'default', [LABEL_POD_UID]: uid };
  const sandboxConfig: PodSandboxConfig = {
    metadata: { name, uid, namespace: 'default', attempt: 0 },
    labels,
    logDirectory: podLogDirectory(join(dir, 'pods'), 'default', name, uid),
    linux: { securityContext: { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
  };
  const sandboxId = await cri.runPodSandbox(sandboxConfig);
  for (const [attempt, script] of scripts.entries()) {
    const containerId = await cri.createContainer(sandboxId, {
      metadata: { name: 'main', attempt },
      image: { image: 'docker.io/library/busybox:1.36' },
      command: ['sh', '-c', script],
      labels: { ...labels, [LABEL_CONTAINER_NAME]: 'main' },
      logPath: containerLogPath('main', attempt),
    }, sandboxConfig);
    await cri.startContainer(containerId);
    if (attempt === scripts.length - 1) break;
    for (let i = 0; i < 100 && (await cri.containerStatus(containerId)).state !== 'CONTAINER_EXITED'; i++) await sleep(50);
  }
}

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  dir = await mkdtemp(join(tmpdir(), 'k8ts-streaming-'));
  ipForwardBefore = readFileSync(ipForward, 'utf8');
  containerd = new ManagedContainerd({ dataDir: join(dir, 'containerd'), maxBackoffMs: 2000 });
  await writeBridgeConflist(containerd.paths.cniConfDir, { name: 'k8ts-streaming', bridge, subnet: '10.244.244.0/24', ipamDataDir: join(dir, 'ipam') });
  running.push(containerd.run(stop.signal));
  await containerd.ready();
  cri = new CriClient({ endpoint: containerd.endpoint });
  for (const [file, define] of [['pause.tar', pauseImageDefinition], ['busybox.tar', busyboxImageDefinition]] as const) {
    const { path } = await writeImageArchive(join(dir, 'images'), file, await define());
    await importImageArchive(path, { address: containerd.paths.socket });
  }
  server = await TestServer.start();
  ca = { certPem: readFileSync(join(server.dataDir, 'tls', 'cluster-ca.crt'), 'utf8'), keyPem: readFileSync(join(server.dataDir, 'tls', 'cluster-ca.key'), 'utf8') };
  const serving = issueCertificate(ca, { commonName: 'system:node:n1', organizations: ['system:nodes'], ipAddresses: ['127.0.0.1'], usage: 'server' });
  kubelet = new KubeletServer({
    runtime: cri, nodeName: 'n1', port: 0, host: '127.0.0.1',
    tls: { key: serving.keyPem, cert: serving.certPem, ca: ca.certPem },
    // Decided by the API server, as the agent's kubelet does.
    authorize: accessReviewAuthorizer({ client: new RestClient(withUserAgent(await loadKubeconfig(server.kubeconfig), 'kubelet')), nodeName: 'n1', clock: realClock, log: () => undefined }),
    // The pod workers' view: "starting" has no container yet.
    pods: () => [{ metadata: { name: 'starting', namespace: 'default' }, status: { containerStatuses: [{ name: 'main', image: 'busybox:1.36', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] } }],
    log: () => undefined,
  });
  running.push(kubelet.run(stop.signal));
  while (kubelet.address() === undefined) await sleep(20);
  const port = kubelet.address()?.port ?? 0;

  writeFileSync(join(dir, 'objects.yaml'), [
    'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  nodeName: n1\n  containers:\n  - name: main\n    image: busybox:1.36\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: starting\n  namespace: default\nspec:\n  nodeName: n1\n  containers:\n  - name: main\n    image: busybox:1.36\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crashy\n  namespace: default\nspec:\n  nodeName: n1\n  containers:\n  - name: main\n    image: busybox:1.36\n',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: pending\n  namespace: default\nspec:\n  containers:\n  - name: main\n    image: busybox:1.36\n',
  ].join('---\n'));
  await must('1.33', ['create', '-f', join(dir, 'objects.yaml')]);
  await must('1.33', ['patch', 'node', 'n1', '--subresource=status', '--type=merge', '-p', JSON.stringify({
    status: { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: 'n1' }], daemonEndpoints: { kubeletEndpoint: { Port: port } } },
  })]);
  await must('1.33', ['patch', 'pod', 'web', '--subresource=status', '--type=merge', '-p', JSON.stringify({ status: { phase: 'Running' } })]);
  const uid = (await must('1.33', ['get', 'pod', 'web', '-o', 'jsonpath={.metadata.uid}'])).trim();
  const crashyUid = (await must('1.33', ['get', 'pod', 'crashy', '-o', 'jsonpath={.metadata.uid}'])).trim();
  await runPod('crashy', crashyUid, 'echo first run; exit 1', 'echo second run; sleep 600');
  await runPod('web', uid, 'mkdir -p /www && echo hello from httpd > /www/index.html && httpd -p 127.0.0.1:8080 -h /www && echo start; i=0; while true; do echo line $i; i=$((i+1)); sleep 0.2; done');
});

after(async () => {
  if (missing !== undefined) return;
  await server?.stop();
  for (const s of (await cri.listPodSandbox()) ?? []) await cri.removePodSandbox(s.id).catch(() => undefined);
  cri.close();
  stop.abort();
  await Promise.all(running);
  try {
    execFileSync('ip', ['link', 'del', bridge], { stdio: 'ignore' });
  } catch {
    // The bridge was never created.
  }
  writeFileSync(ipForward, ipForwardBefore);
  for (const point of mountsUnder(dir)) execFileSync('umount', ['-l', point]);
  await rm(dir, { recursive: true, force: true });
});

for (const version of ['1.33', '1.27'] as const) {
  test(`kubectl ${version} logs: whole, --tail, --timestamps, -f`, async () => {
    await sleep(600);
    const all = await must(version, ['logs', 'web']);
    assert.match(all, /^start\nline 0\nline 1\n/);
    const tail = await must(version, ['logs', 'web', '--tail=2']);
    assert.equal(tail.split('\n').filter((l) => l !== '').length, 2);
    const stamped = await must(version, ['logs', 'web', '--timestamps', '--tail=1']);
    assert.match(stamped, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d) line \d+\n$/);
    const followed = await kubectl(version, ['logs', '-f', '--tail=1', 'web'], { timeoutMs: 2500 });
    const lines = followed.stdout.split('\n').filter((l) => l !== '');
    assert.ok(lines.length >= 3, `followed lines: ${JSON.stringify(lines)}`);
    const numbers = lines.map((l) => Number(l.replace('line ', '')));
    assert.deepEqual(numbers, numbers.map((_, i) => (numbers[0] ?? 0) + i), 'consecutive lines while following');
  });

  test(`kubectl ${version} exec: output and exit code; stdin`, async () => {
    const r = await kubectl(version, ['exec', 'web', '--', 'sh', '-c', 'echo hi; echo oops >&2; exit 3']);
    assert.equal(r.stdout, 'hi\n');
    assert.match(r.stderr, /oops/);
    assert.equal(r.code, 3);
    const piped = await kubectl(version, ['exec', '-i', 'web', '--', 'sh', '-c', 'cat; echo done'], { input: 'hello\nworld\n' });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(piped.stdout, 'hello\nworld\ndone\n');
  });

  test(`kubectl ${version} exec -it: a terminal of the client's size`, async () => {
    // script(1) gives kubectl a pseudo-terminal whose size stty sets; kubectl sends it as a
    // resize. containerd starts the process before it applies the first resize (so does any
    // runtime with upstream's stream server), hence the second's wait before asking.
    const command = `stty cols 123 rows 45; ${KUBECTL[version]} --kubeconfig ${server.kubeconfig} exec -it web -- sh -c 'sleep 1; stty size; test -t 0 && echo is-a-tty'`;
    const r = await run('script', ['-qec', command, '/dev/null'], { timeoutMs: 30_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /45 123\r?\n/);
    assert.match(r.stdout, /is-a-tty/);
  });

  test(`kubectl ${version} cp into and out of the pod`, async () => {
    const local = join(dir, `cp-${version}.txt`);
    const content = `copied with ${version}\n`.repeat(2000);
    writeFileSync(local, content);
    await must(version, ['cp', local, `web:/tmp/in-${version}.txt`]);
    assert.equal(await must(version, ['exec', 'web', '--', 'cat', `/tmp/in-${version}.txt`]), content);
    const back = join(dir, `back-${version}.txt`);
    await must(version, ['cp', `web:/tmp/in-${version}.txt`, back]);
    assert.equal(readFileSync(back, 'utf8'), content);
  });

  test(`kubectl ${version} port-forward reaches a server on the pod's 127.0.0.1`, async () => {
    const port = await freePort();
    const child = spawn(KUBECTL[version], ['--kubeconfig', server.kubeconfig, 'port-forward', 'pod/web', `${port}:8080`], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
      for (let i = 0; i < 100 && !out.includes('Forwarding from'); i++) await sleep(100);
      assert.match(out, /Forwarding from 127\.0\.0\.1:\d+ -> 8080/);
      for (let i = 0; i < 3; i++) {
        const body = await new Promise<string>((resolve, reject) => {
          get({ host: '127.0.0.1', port, path: '/index.html' }, (res) => {
            let text = '';
            res.on('data', (d: Buffer) => { text += d.toString(); });
            res.on('end', () => resolve(text));
          }).once('error', reject);
        });
        assert.equal(body, 'hello from httpd\n');
      }
    } finally {
      child.kill('SIGKILL');
    }
  });
}

test('kubectl logs --previous shows the attempt before the current one', async () => {
  assert.equal(await must('1.33', ['logs', 'crashy']), 'second run\n');
  assert.equal(await must('1.27', ['logs', 'crashy', '--previous']), 'first run\n');
  const none = await kubectl('1.33', ['logs', 'web', '--previous']);
  assert.match(none.stderr, /previous terminated container "main" in pod "web" not found/);
});

test('kubectl attach streams the running container\'s output', async () => {
  const attached = await kubectl('1.33', ['attach', 'web'], { timeoutMs: 2000 });
  assert.match(attached.stdout, /line \d+\nline \d+\n/, attached.stderr);
});

test('nodes/proxy reaches any kubelet path', async () => {
  assert.equal(await must('1.33', ['get', '--raw', '/api/v1/nodes/n1/proxy/healthz']), 'ok');
  const pods = JSON.parse(await must('1.33', ['get', '--raw', '/api/v1/nodes/n1/proxy/pods'])) as { kind: string };
  assert.equal(pods.kind, 'PodList');
  const metrics = await must('1.33', ['get', '--raw', '/api/v1/nodes/n1/proxy/metrics']);
  assert.match(metrics, /^kubelet_running_pods [1-9]/m);
});

test('errors: no host, unknown container, a container still starting', async () => {
  const pending = await kubectl('1.33', ['exec', 'pending', '--', 'true']);
  assert.notEqual(pending.code, 0);
  assert.match(pending.stderr, /pod pending does not have a host assigned/);
  const wrong = await kubectl('1.33', ['logs', 'web', '-c', 'nope']);
  assert.match(wrong.stderr, /container nope is not valid for pod web/);
  const starting = await kubectl('1.33', ['logs', 'starting']);
  assert.equal(starting.stderr.trim(), 'Error from server (BadRequest): container "main" in pod "starting" is waiting to start: ContainerCreating');
});

test('the kubelet authenticates by certificate, authorizes through access reviews, and answers /healthz, /pods, /stats/summary', async () => {
  const port = kubelet.address()?.port ?? 0;
  const call = (path: string, identity: CertAndKey | undefined): Promise<{ status: number; body: string }> => new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, ca: ca.certPem, ...(identity === undefined ? {} : { cert: identity.certPem, key: identity.keyPem }) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).once('error', reject).end();
  });
  const admin = issueCertificate(ca, { commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
  // Any user the cluster CA vouches for passes k8ts's present authorization policy; no
  // certificate, or one from another CA, is not a user at all.
  const stranger = issueCertificate(createCertificateAuthority('another-ca'), { commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
  assert.deepEqual(await call('/pods', undefined), { status: 401, body: 'Unauthorized' });
  assert.deepEqual(await call('/pods', stranger), { status: 401, body: 'Unauthorized' });
  assert.equal((await call('/healthz', issueCertificate(ca, { commonName: 'someone', usage: 'client' }))).status, 200);
  assert.deepEqual(await call('/healthz', admin), { status: 200, body: 'ok' });
  assert.equal(JSON.parse((await call('/pods', admin)).body).kind, 'PodList');
  const summary = JSON.parse((await call('/stats/summary', admin)).body) as { node: { nodeName: string }; pods: Array<{ podRef: { name: string }; containers: Array<{ name: string; memory?: { workingSetBytes?: number } }> }> };
  assert.equal(summary.node.nodeName, 'n1');
  const web = summary.pods.find((p) => p.podRef.name === 'web');
  assert.ok(web !== undefined, 'web in the summary');
  assert.ok((web.containers[0]?.memory?.workingSetBytes ?? 0) > 0, 'container memory reported');
  const missingPod = await call('/containerLogs/default/nothere/main', admin);
  assert.deepEqual(missingPod, { status: 404, body: 'pod "nothere" does not exist\n' });
});
