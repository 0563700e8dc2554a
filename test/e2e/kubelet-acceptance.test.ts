// Acceptance of the kubelet as a new user tries it (issue 7), part 1: `k8ts server` with its
// node (real containerd, bridge k8tse0, 10.244.128.0/18) driven by the real kubectl 1.33, and 1.27 where the
// wire differs (logs, exec, port-forward): get -o wide, logs (--tail, --timestamps, -f seeing a
// later line, -f ending with the container), exec with env from a ConfigMap, a Secret and the
// downward API, exec with stdin and exit codes, run --rm -i, cp both ways, port-forward, a
// ConfigMap volume following `kubectl edit` and `kubectl apply`, and a deleted pod's container
// receiving SIGTERM. About 30 s. Needs root and the Debian packages. Leaves nothing behind.

import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ACCEPTANCE_NETWORK, AcceptanceCluster, httpGet, stopProcess } from './acceptance-kit.ts';
import { freePort, type KubectlVersion } from './harness.ts';
import { nodeSkipReason } from './kubelet-host.ts';

const NODE = 'k8ts-e2e-accept';
const missing = nodeSkipReason();
let cluster: AcceptanceCluster | undefined;
/** Temp dir of this file: the EDITOR script, files to copy, the hostPath of the SIGTERM pod. */
let scratch = '';

function c(): AcceptanceCluster {
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

const manifests = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  FOO: from-configmap
  GREETING: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: app-secret
stringData:
  PASSWORD: s3cret
  TOKEN: t0ken
---
apiVersion: v1
kind: Pod
metadata:
  name: shell
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    command: ["sh", "-c", "mkdir -p /www && echo served from the pod > /www/index.html && httpd -p 8080 -h /www && i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done"]
    ports:
    - containerPort: 8080
    envFrom:
    - configMapRef: {name: app-config}
    - secretRef: {name: app-secret}
      prefix: SECRET_
    env:
    - name: BAR
      valueFrom: {secretKeyRef: {name: app-secret, key: PASSWORD}}
    - name: GREET
      valueFrom: {configMapKeyRef: {name: app-config, key: GREETING}}
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    - name: NODE_NAME
      valueFrom: {fieldRef: {fieldPath: spec.nodeName}}
    volumeMounts:
    - {name: config, mountPath: /config}
  volumes:
  - name: config
    configMap: {name: app-config}
`;

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  scratch = mkdtempSync(join(tmpdir(), 'k8ts-e2e-accept-'));
  cluster = await AcceptanceCluster.start(NODE, ACCEPTANCE_NETWORK);
  await c().ok(['apply', '-f', '-'], { input: manifests });
  await c().waitRunning('shell');
});

after(async () => {
  if (missing !== undefined) return;
  await cluster?.stop();
  if (scratch !== '') rmSync(scratch, { recursive: true, force: true });
});

test('kubectl get pods -o wide shows the pod IP and its node', async () => {
  const out = await c().ok(['get', 'pods', '-o', 'wide']);
  const [header, ...rows] = out.trim().split('\n');
  assert.match(header ?? '', /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
  const row = rows.find((r) => r.startsWith('shell '));
  assert.ok(row !== undefined, out);
  const ip = ACCEPTANCE_NETWORK.podPrefix.replace(/\./g, '\\.');
  assert.match(row, new RegExp(`^shell\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+${ip}\\d+\\s+${NODE}\\s+<none>\\s+<none>$`));
});

for (const version of ['1.33', '1.27'] as const satisfies readonly KubectlVersion[]) {
  test(`kubectl ${version} logs shows the output; --tail and -f see later lines`, async () => {
    const logs = await c().waitFor('three ticks logged', 20_000, async () => {
      const out = await c().ok(['logs', 'shell'], { version });
      return /^tick 0\ntick 1\ntick 2\n/.test(out) ? out : undefined;
    });
    const last = Math.max(...[...logs.matchAll(/^tick (\d+)$/gm)].map((m) => Number(m[1])));
    const tail = await c().ok(['logs', 'shell', '--tail=1'], { version });
    assert.match(tail, /^tick \d+\n$/);
    const stamped = await c().ok(['logs', 'shell', '--tail=2', '--timestamps'], { version });
    assert.match(stamped, /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z tick \d+\n){2}$/);
    const wrong = await c().run(['logs', 'shell', '-c', 'nope'], { version });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /container nope is not valid for pod shell/);
    const follow = c().spawn(['logs', '-f', 'shell', '--tail=1'], version);
    try {
      const later = await c().waitFor(`a tick after ${last} through logs -f`, 15_000, async () => {
        const ticks = [...follow.stdout.matchAll(/^tick (\d+)$/gm)].map((m) => Number(m[1]));
        return ticks.some((t) => t > last + 1) ? ticks : undefined;
      });
      assert.deepEqual(later, later.map((_, i) => (later[0] ?? 0) + i), 'consecutive lines, none lost or repeated');
      assert.equal(follow.child.exitCode, null, 'logs -f keeps following');
    } finally {
      await stopProcess(follow);
    }
  });

  test(`kubectl ${version} exec -it sees env from a ConfigMap and a Secret (envFrom and valueFrom)`, async () => {
    const r = await c().run(['exec', '-it', 'shell', '--', 'sh', '-c', 'echo $FOO $BAR $GREET $SECRET_TOKEN $SECRET_PASSWORD'], { version });
    assert.equal(r.code, 0, r.stderr);
    // Without a terminal on our side kubectl falls back to -i, as it says.
    assert.equal(r.stdout.replace(/\r/g, ''), 'from-configmap s3cret hello t0ken s3cret\n');
    const ip = (await c().pod('shell')).status.podIP;
    assert.equal(await c().ok(['exec', 'shell', '--', 'sh', '-c', 'echo $POD_NAME $POD_IP $NODE_NAME'], { version }), `shell ${ip} ${NODE}\n`);
  });

  test(`kubectl ${version} exec -i passes stdin through, and the command's exit code back`, async () => {
    const upper = await c().run(['exec', '-i', 'shell', '--', 'tr', 'a-z', 'A-Z'], { version, input: 'hello through stdin\nsecond line\n' });
    assert.equal(upper.code, 0, upper.stderr);
    assert.equal(upper.stdout, 'HELLO THROUGH STDIN\nSECOND LINE\n');
    const failed = await c().run(['exec', 'shell', '--', 'sh', '-c', 'echo to stderr >&2; exit 3'], { version });
    assert.equal(failed.code, 3);
    assert.match(failed.stderr, /to stderr/);
    const wrong = await c().run(['exec', 'shell', '-c', 'nope', '--', 'true'], { version });
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /container nope is not valid for pod shell/);
    const absent = await c().run(['exec', 'shell', '--', '/no/such/binary'], { version });
    assert.notEqual(absent.code, 0);
    assert.match(absent.stderr, /no such file or directory/i);
  });

  test(`kubectl ${version} port-forward pod/shell LOCAL:8080 answers on 127.0.0.1:LOCAL`, async () => {
    const port = await freePort();
    const forward = c().spawn(['port-forward', 'pod/shell', `${port}:8080`], version);
    try {
      await c().waitFor('Forwarding from …', 15_000, async () => (forward.stdout.includes('Forwarding from') ? true : undefined));
      assert.match(forward.stdout, new RegExp(`Forwarding from 127\\.0\\.0\\.1:${port} -> 8080`));
      for (let i = 0; i < 3; i++) {
        const r = await httpGet('127.0.0.1', port);
        assert.deepEqual(r, { status: 200, body: 'served from the pod\n' });
      }
      assert.match(forward.stdout, /Handling connection for/);
    } finally {
      await stopProcess(forward);
    }
  });
}

const finitePod = `apiVersion: v1
kind: Pod
metadata:
  name: finite
spec:
  restartPolicy: Never
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    env:
    - {name: WORD, value: line}
    # $(WORD) is expanded by the kubelet before sh sees it (sh would run it as a command).
    command: ["sh", "-c", "sleep 2; for i in 1 2 3; do echo $(WORD) $i; sleep 1; done"]
`;

test('kubectl logs -f returns once the container exits; the pod shows Completed', async () => {
  await c().ok(['apply', '-f', '-'], { input: finitePod });
  await c().waitRunning('finite');
  const follow = c().spawn(['logs', '-f', 'finite']);
  try {
    await c().waitFor('logs -f to end with the container', 30_000, async () => (follow.child.exitCode !== null ? true : undefined));
    assert.equal(follow.child.exitCode, 0, follow.stderr);
    assert.equal(follow.stdout, 'line 1\nline 2\nline 3\n');
  } finally {
    await stopProcess(follow);
  }
  await c().waitFor('the pod Succeeded', 15_000, async () => ((await c().pod('finite')).status.phase === 'Succeeded' ? true : undefined));
  const table = await c().ok(['get', 'pod', 'finite']);
  assert.match(table, /\nfinite\s+0\/1\s+Completed\s+0\s/);
  const p = await c().pod('finite');
  assert.deepEqual({ reason: p.status.containerStatuses?.[0]?.state?.terminated?.reason, exitCode: p.status.containerStatuses?.[0]?.state?.terminated?.exitCode }, { reason: 'Completed', exitCode: 0 });
  assert.equal(await c().ok(['logs', 'finite']), 'line 1\nline 2\nline 3\n', 'logs stay readable after the end');
});

test('kubectl run --rm -i shows the output of a one-off pod, then deletes it', async () => {
  const r = await c().run(['run', 'one-off', '--image=docker.io/library/busybox:1.36', '--image-pull-policy=IfNotPresent', '--restart=Never', '--rm', '-i',
    '--command', '--', 'sh', '-c', 'sleep 2; echo hello from run'], { timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^hello from run\npod "one-off" deleted/m);
  const gone = await c().run(['get', 'pod', 'one-off']);
  assert.match(gone.stderr, /not found/);
});

test('kubectl cp copies a file into the pod and back out', async () => {
  const local = join(scratch, 'in.txt');
  const content = `line one\n${'x'.repeat(70_000)}\nlast line\n`;
  writeFileSync(local, content);
  await c().ok(['cp', local, 'shell:/tmp/in.txt']);
  assert.equal(await c().ok(['exec', 'shell', '--', 'wc', '-c', '/tmp/in.txt']), `${Buffer.byteLength(content)} /tmp/in.txt\n`);
  await c().ok(['exec', 'shell', '--', 'sh', '-c', 'mkdir -p /tmp/out && echo made in the pod > /tmp/out/made.txt']);
  const back = join(scratch, 'back.txt');
  await c().ok(['cp', 'shell:/tmp/in.txt', back]);
  assert.equal(readFileSync(back, 'utf8'), content);
  const dir = join(scratch, 'out');
  await c().ok(['cp', 'shell:/tmp/out', dir]);
  assert.equal(readFileSync(join(dir, 'made.txt'), 'utf8'), 'made in the pod\n');
  // kubectl's exit code races its end of the tar stream here (as upstream): only the outcome is certain.
  await c().run(['cp', 'shell:/no/such/file', join(scratch, 'absent')]);
  assert.equal(existsSync(join(scratch, 'absent')), false);
});

test('a ConfigMap volume follows kubectl edit, then kubectl apply, inside the running pod', async () => {
  const read = (): Promise<string> => c().ok(['exec', 'shell', '--', 'cat', '/config/GREETING']);
  assert.equal(await read(), 'hello');
  const editor = join(scratch, 'editor.sh');
  writeFileSync(editor, "#!/bin/sh\nsed -i 's/^  GREETING: hello$/  GREETING: edited/' \"$1\"\n");
  chmodSync(editor, 0o755);
  const edited = await c().run(['edit', 'configmap', 'app-config'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
  assert.equal(edited.code, 0, edited.stderr);
  assert.match(edited.stdout, /configmap\/app-config edited/);
  await c().waitFor('the edited value in /config/GREETING', 60_000, async () => ((await read()) === 'edited' ? true : undefined));
  await c().ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  FOO: from-configmap\n  GREETING: applied\n' });
  await c().waitFor('the applied value in /config/GREETING', 60_000, async () => ((await read()) === 'applied' ? true : undefined));
  const pod = await c().pod('shell');
  assert.equal(pod.status.containerStatuses?.[0]?.restartCount, 0, 'updated in place, no restart');
  // Environment variables are read once, when the container starts.
  assert.equal(await c().ok(['exec', 'shell', '--', 'sh', '-c', 'echo $GREET']), 'hello\n');
});

test('kubectl delete pod: the container gets SIGTERM and the pod is gone well before its grace period', async () => {
  const shared = join(scratch, 'shared');
  mkdirSync(shared);
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: graceful
spec:
  terminationGracePeriodSeconds: 30
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    command: ["sh", "-c", "trap 'echo got TERM >> /shared/log; exit 0' TERM; echo started >> /shared/log; while true; do sleep 1; done"]
    volumeMounts:
    - {name: shared, mountPath: /shared}
  volumes:
  - name: shared
    hostPath: {path: ${shared}, type: Directory}
`;
  await c().ok(['apply', '-f', '-'], { input: pod });
  await c().waitRunning('graceful');
  const log = join(shared, 'log');
  await c().waitFor('the container started', 10_000, async () => (readFileSync(log, 'utf8').includes('started') ? true : undefined));
  const started = Date.now();
  const deleted = await c().run(['delete', 'pod', 'graceful'], { timeoutMs: 60_000 });
  const took = Date.now() - started;
  assert.equal(deleted.code, 0, deleted.stderr);
  assert.equal(deleted.stdout, 'pod "graceful" deleted\n');
  assert.ok(took < 15_000, `kubectl delete took ${took} ms with a 30 s grace period`);
  assert.equal(readFileSync(log, 'utf8'), 'started\ngot TERM\n');
  const gone = await c().run(['get', 'pod', 'graceful']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /pods "graceful" not found/);
  const events = await c().ok(['get', 'events', '--field-selector', 'involvedObject.name=graceful']);
  assert.match(events, /Normal\s+Killing\s+pod\/graceful\s+Stopping container main/);
});
