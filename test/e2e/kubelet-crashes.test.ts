// Acceptance of the kubelet as a new user tries it (issue 7), part 2: containers that fail, seen
// through `k8ts server` with its node (real containerd, bridge k8tse1, 10.244.0.0/18) and the real kubectl —
// readiness probes (exec, httpGet) gating Ready until `kubectl exec` creates what they check,
// failing liveness probes (exec, tcpSocket) restarting the container with Unhealthy/Killing
// events in `kubectl describe`, a crash loop whose back-off grows 10 s, 20 s, 40 s, OOMKilled on
// a memory limit, `kubectl logs --previous`, SIGKILL when a grace period ends, securityContext
// users and a read-only root as the container sees them. The crash loop's pod is created first
// so its clock runs while the other tests do (the file takes about 90 s). Needs root and the
// Debian packages. Leaves nothing behind.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AcceptanceCluster, CRASHES_NETWORK, sleep, stopProcess, type LiveProcess, type PodJson } from './acceptance-kit.ts';
import { nodeSkipReason } from './kubelet-host.ts';

const NODE = 'k8ts-e2e-crashes';
const missing = nodeSkipReason();
let cluster: AcceptanceCluster | undefined;
let createdAt = 0;
/** `kubectl get pod crash -w`, started with the pods so that it sees every attempt of the crash loop. */
let crashWatch: LiveProcess | undefined;

function c(): AcceptanceCluster {
  if (cluster === undefined) throw new Error('no cluster');
  return cluster;
}

const pod = (name: string, spec: string): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
${spec.replace(/^/gm, '    ')}
---
`;

/** An attempt counter kept in an emptyDir, which outlives container restarts. */
const counted = (then: string): string => `command: ["sh", "-c", "n=$(cat /data/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /data/n; echo attempt $n; ${then}"]
volumeMounts: [{name: data, mountPath: /data}]`;

const manifests = [
  pod('crash', 'command: ["sh", "-c", "echo crashing; exit 1"]'),
  pod('once', counted('if [ $n -lt 2 ]; then exit 1; fi; exec sleep 3600')).replace('---\n', '  volumes: [{name: data, emptyDir: {}}]\n---\n'),
  pod('oom', 'command: ["dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1"]\nresources:\n  limits: {memory: 20Mi}'),
  pod('liveness', 'command: ["sh", "-c", "echo started; exec sleep 3600"]\nlivenessProbe:\n  exec: {command: [cat, /tmp/alive]}\n  periodSeconds: 1\n  failureThreshold: 2'),
  pod('readiness', 'command: ["sleep", "3600"]\nreadinessProbe:\n  exec: {command: [cat, /tmp/ready]}\n  periodSeconds: 1'),
  pod('http-ready', 'command: ["sh", "-c", "mkdir -p /www && exec httpd -f -p 8080 -h /www"]\nreadinessProbe:\n  httpGet: {path: /ready.html, port: 8080}\n  periodSeconds: 1'),
  pod('tcp-live', 'command: ["sleep", "3600"]\nlivenessProbe:\n  tcpSocket: {port: 9999}\n  periodSeconds: 1\n  failureThreshold: 1'),
].join('');

before(async () => {
  if (missing !== undefined) throw new Error(`${missing} (run npm test as root: it installs them)`);
  cluster = await AcceptanceCluster.start(NODE, CRASHES_NETWORK);
  createdAt = Date.now();
  await c().ok(['apply', '-f', '-'], { input: manifests });
  const fields = ['restartCount', 'lastState.terminated.startedAt', 'state.waiting.reason', 'state.waiting.message'].map((f) => `{.status.containerStatuses[0].${f}}`);
  crashWatch = c().spawn(['get', 'pod', 'crash', '-w', '-o', `jsonpath=${fields.join('|')}{"\\n"}`]);
});

after(async () => {
  if (missing !== undefined) return;
  if (crashWatch !== undefined) await stopProcess(crashWatch);
  await cluster?.stop();
});

const condition = (p: PodJson, type: string): string | undefined => p.status.conditions?.find((x) => x.type === type)?.status;

test('a readiness probe keeps the pod not Ready until kubectl exec creates the file', async () => {
  await c().waitRunning('readiness');
  // The probe runs every second: three seconds of Running give it time to fail repeatedly.
  await sleep(3000);
  const waiting = await c().pod('readiness');
  assert.equal(waiting.status.containerStatuses?.[0]?.ready, false);
  assert.equal(condition(waiting, 'ContainersReady'), 'False');
  assert.equal(condition(waiting, 'Ready'), 'False');
  assert.match(await c().ok(['get', 'pod', 'readiness']), /\nreadiness\s+0\/1\s+Running\s+0\s/);
  await c().ok(['exec', 'readiness', '--', 'touch', '/tmp/ready']);
  const ready = await c().waitFor('the pod Ready', 15_000, async () => {
    const p = await c().pod('readiness');
    return condition(p, 'Ready') === 'True' ? p : undefined;
  });
  assert.equal(ready.status.containerStatuses?.[0]?.ready, true);
  assert.equal(condition(ready, 'ContainersReady'), 'True');
  assert.match(await c().ok(['get', 'pod', 'readiness']), /\nreadiness\s+1\/1\s+Running\s+0\s/);
});

test('an httpGet readiness probe: not Ready on 404, Ready once the page exists', async () => {
  await c().waitRunning('http-ready');
  const failing = await c().waitFor('an Unhealthy event for the 404', 15_000, async () => {
    const out = await c().ok(['describe', 'pod', 'http-ready']);
    return /Readiness probe failed: HTTP probe failed with statuscode: 404/.test(out) ? out : undefined;
  });
  assert.match(failing, /Warning\s+Unhealthy\s+/);
  assert.equal(condition(await c().pod('http-ready'), 'Ready'), 'False');
  await c().ok(['exec', 'http-ready', '--', 'sh', '-c', 'echo ok > /www/ready.html']);
  await c().waitFor('the pod Ready', 15_000, async () => (condition(await c().pod('http-ready'), 'Ready') === 'True' ? true : undefined));
});

test('a tcpSocket liveness probe on a closed port restarts the container', async () => {
  await c().waitFor('a liveness restart', 60_000, async () => ((await c().pod('tcp-live')).status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? true : undefined);
  const described = await c().ok(['describe', 'pod', 'tcp-live']);
  const ip = CRASHES_NETWORK.podPrefix.replace(/\./g, '\\.');
  assert.match(described, new RegExp(`Warning\\s+Unhealthy\\s+.*\\s+Liveness probe failed: dial tcp ${ip}\\d+:9999: connect: connection refused`));
  assert.match(described, /Normal\s+Killing\s+.*\s+Container main failed liveness probe, will be restarted/);
});

test('a failing liveness probe restarts the container; describe shows Unhealthy and Killing', async () => {
  const restarted = await c().waitFor('two liveness restarts', 60_000, async () => {
    const p = await c().pod('liveness');
    return (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 2 ? p : undefined;
  });
  const killed = restarted.status.containerStatuses?.[0]?.lastState?.terminated;
  assert.equal(killed?.exitCode, 137, 'sleep ignores SIGTERM as PID 1: killed after the 1 s grace period');
  const described = await c().ok(['describe', 'pod', 'liveness']);
  assert.match(described, /Warning\s+Unhealthy\s+.*\s+Liveness probe failed: cat: can't open '\/tmp\/alive': No such file or directory/);
  assert.match(described, /Normal\s+Killing\s+.*\s+Container main failed liveness probe, will be restarted/);
  assert.match(described, /Restart Count:\s+([2-9]|\d\d)/);
  const events = await c().ok(['get', 'events', '--field-selector', 'involvedObject.name=liveness']);
  assert.match(events, /Warning\s+Unhealthy\s+pod\/liveness\s+Liveness probe failed/);
  assert.match(events, /Normal\s+Killing\s+pod\/liveness\s+Container main failed liveness probe, will be restarted/);
});

test('a container over its memory limit is OOMKilled', async () => {
  // containerd may record the OOM kill just after the exit: the kubelet reports it once it does.
  const p = await c().waitFor('the OOM kill in lastState', 60_000, async () => {
    const x = await c().pod('oom');
    return x.status.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled' ? x : undefined;
  });
  assert.deepEqual(
    { reason: p.status.containerStatuses?.[0]?.lastState?.terminated?.reason, exitCode: p.status.containerStatuses?.[0]?.lastState?.terminated?.exitCode },
    { reason: 'OOMKilled', exitCode: 137 },
  );
  const described = await c().ok(['describe', 'pod', 'oom']);
  assert.match(described, /Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
});

test('kubectl logs --previous shows the crashed attempt, kubectl logs the running one', async () => {
  await c().waitFor('the second attempt running', 40_000, async () => {
    const p = await c().pod('once');
    const s = p.status.containerStatuses?.[0];
    return s?.restartCount === 1 && s.state?.running !== undefined ? true : undefined;
  });
  for (const version of ['1.33', '1.27'] as const) {
    assert.equal(await c().ok(['logs', 'once'], { version }), 'attempt 2\n');
    assert.equal(await c().ok(['logs', 'once', '--previous'], { version }), 'attempt 1\n');
    assert.equal(await c().ok(['logs', 'once', '-p', '-c', 'main'], { version }), 'attempt 1\n');
  }
  const none = await c().run(['logs', 'readiness', '--previous']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /previous terminated container "main" in pod "readiness" not found/);
});

test('a container ignoring SIGTERM is killed when its grace period ends', async () => {
  await c().ok(['apply', '-f', '-'], { input: `apiVersion: v1
kind: Pod
metadata:
  name: stubborn
spec:
  terminationGracePeriodSeconds: 3
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    command: ["sleep", "3600"]
` });
  await c().waitRunning('stubborn');
  const started = Date.now();
  const deleted = await c().run(['delete', 'pod', 'stubborn'], { timeoutMs: 60_000 });
  const took = Date.now() - started;
  assert.equal(deleted.code, 0, deleted.stderr);
  // sleep as PID 1 has no TERM handler, so only the SIGKILL after 3 s ends it.
  assert.ok(took >= 2_800 && took < 12_000, `kubectl delete took ${took} ms with a 3 s grace period`);
});

test('securityContext: the user, group and read-only root filesystem the container sees', async () => {
  await c().ok(['apply', '-f', '-'], { input: `apiVersion: v1
kind: Pod
metadata:
  name: secure
spec:
  terminationGracePeriodSeconds: 1
  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000}
  containers:
  - name: main
    image: docker.io/library/busybox:1.36
    imagePullPolicy: IfNotPresent
    command: ["sleep", "3600"]
    securityContext: {readOnlyRootFilesystem: true, allowPrivilegeEscalation: false}
    volumeMounts:
    - {name: scratch, mountPath: /scratch}
  volumes:
  - name: scratch
    emptyDir: {}
` });
  await c().waitRunning('secure');
  assert.equal(await c().ok(['exec', 'secure', '--', 'id']), 'uid=1000 gid=3000 groups=2000,3000\n');
  const ro = await c().run(['exec', 'secure', '--', 'touch', '/file']);
  assert.equal(ro.code, 1);
  assert.match(ro.stderr, /Read-only file system/);
  // A pod update makes the kubelet sync the pod again: files made after it still get the group.
  await c().ok(['label', 'pod', 'secure', 'synced=again']);
  for (let i = 0; i < 3; i++) {
    assert.equal(await c().ok(['exec', 'secure', '--', 'sh', '-c', `echo ok > /scratch/f${i} && stat -c %g /scratch/f${i}`]), '2000\n', 'fsGroup owns the emptyDir');
    await sleep(1000);
  }
  await c().ok(['delete', 'pod', 'secure', '--wait=false']);
});

test('exit 1 with restartPolicy Always: CrashLoopBackOff, back-off 10 s, 20 s, 40 s', async () => {
  // As upstream: the first crash is restarted at once, then each restart waits 10 s, 20 s, 40 s.
  const watch = crashWatch;
  assert.ok(watch !== undefined);
  /** What the watch saw: restart count, start of the last finished attempt, waiting reason and message. */
  const seen = (): string[][] => watch.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('|'));
  let sawTable = false;
  try {
    await c().waitFor('the fifth attempt of the crashing container', 120_000 - (Date.now() - createdAt), async () => {
      const lines = seen();
      if (!sawTable && lines.at(-1)?.[2] === 'CrashLoopBackOff') {
        sawTable = /\ncrash\s+0\/1\s+CrashLoopBackOff\s+\d+ \(\d+s ago\)\s/.test(await c().ok(['get', 'pod', 'crash']));
      }
      return sawTable && lines.some(([count, , reason]) => Number(count) >= 4 && reason === 'CrashLoopBackOff') ? true : undefined;
    });
  } catch (err) {
    throw new Error(`${String(err).split('\n')[0]}\nwatch:\n${watch.stdout}${watch.stderr}`);
  }
  const lines = seen();
  const uid = (await c().pod('crash')).metadata.uid;
  const messages = new Set(lines.map((l) => l[3]));
  for (const delay of ['10s', '20s', '40s']) {
    assert.ok(messages.has(`back-off ${delay} restarting failed container=main pod=crash_default(${uid})`), `saw back-off ${delay}:\n${watch.stdout}`);
  }
  const described = await c().ok(['describe', 'pod', 'crash']);
  assert.match(described, new RegExp(`Warning\\s+BackOff\\s+.*\\s+Back-off restarting failed container main in pod crash_default\\(${uid}\\)`));
  assert.match(described, /State:\s+Waiting\n\s+Reason:\s+CrashLoopBackOff\n\s+Last State:\s+Terminated\n\s+Reason:\s+Error\n\s+Exit Code:\s+1\n/);
  assert.equal(await c().ok(['logs', 'crash']), 'crashing\n', 'the output of the last attempt, during the back-off');
  const last = (await c().pod('crash')).status.containerStatuses?.[0]?.lastState?.terminated;
  assert.deepEqual({ exitCode: last?.exitCode, reason: last?.reason }, { exitCode: 1, reason: 'Error' });
  // The first crash restarts at once: no back-off before restart 1.
  assert.ok(!lines.some(([count, , reason]) => count === '0' && reason === 'CrashLoopBackOff'), watch.stdout);
  // While backing off after restart n, lastState is attempt n's: those starts are 10, 20 and 40 s
  // apart, plus a sync's latency (timestamps have one-second resolution).
  const startOf = new Map(lines.filter((l) => l[2] === 'CrashLoopBackOff').map(([count, started]) => [Number(count), Date.parse(started ?? '') / 1000]));
  const gaps = [1, 2, 3].map((n) => (startOf.get(n + 1) ?? Number.NaN) - (startOf.get(n) ?? Number.NaN));
  for (const [i, expected] of [10, 20, 40].entries()) {
    const gap = gaps[i] ?? Number.NaN;
    assert.ok(gap >= expected - 1 && gap <= expected + 4, `restart ${i + 2} came ${gap} s after restart ${i + 1}, expected about ${expected} s:\n${watch.stdout}`);
  }
});
