// The shared contract of RuntimeService/ImageService (runtime.ts), run against every
// implementation: the in-memory runtime (fakeruntime/) and containerd through CriClient. What
// is asserted here is what the kubelet relies on, so both must behave the same.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { isNotFound } from './errors.ts';
import type { ImageService, RuntimeService } from './runtime.ts';
import type { ContainerStatus, PodSandboxConfig } from './types.ts';

export interface ContractTarget {
  readonly runtime: RuntimeService;
  readonly images: ImageService;
  /** An image the runtime has, with sh, echo, sleep and exit (busybox). */
  readonly image: string;
  /** Lets `ms` of the runtime's time pass (a FakeClock advance, or a real sleep). */
  advance(ms: number): Promise<void>;
  /** Where sandboxes may put their logs. */
  readonly logRoot: string;
  /** Pod IPs must match this. */
  readonly podIp: RegExp;
}

let serial = 0;

function sandboxConfig(t: ContractTarget, name: string, hostNetwork = false): PodSandboxConfig {
  const uid = `contract-${process.pid}-${++serial}`;
  return {
    metadata: { name, uid, namespace: 'contract', attempt: 0 },
    // runc cannot set a hostname in the node's UTS namespace: host-network sandboxes have none.
    ...(hostNetwork ? {} : { hostname: name }),
    logDirectory: join(t.logRoot, `contract_${name}_${uid}`),
    labels: { 'io.kubernetes.pod.uid': uid, 'io.kubernetes.pod.name': name, suite: 'contract' },
    linux: { securityContext: { namespaceOptions: { network: hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', ipc: 'POD' } } },
  };
}

/** Polls the container until `done` holds, moving the runtime's time 100 ms per try (at most ~20 s). */
async function waitStatus(t: ContractTarget, id: string, done: (s: ContainerStatus) => boolean): Promise<ContainerStatus> {
  let s = await t.runtime.containerStatus(id);
  for (let i = 0; i < 200 && !done(s); i++) {
    await t.advance(100);
    s = await t.runtime.containerStatus(id);
  }
  return s;
}

export function runtimeContract(name: string, target: () => ContractTarget): void {
  const start = async (t: ContractTarget, sandboxId: string, sb: PodSandboxConfig, cname: string, command: string[], labels: Record<string, string> = {}): Promise<string> => {
    const id = await t.runtime.createContainer(sandboxId, {
      metadata: { name: cname, attempt: 0 }, image: { image: t.image }, command, logPath: `${cname}/0.log`,
      labels: { 'io.kubernetes.container.name': cname, ...labels },
    }, sb);
    await t.runtime.startContainer(id);
    return id;
  };

  test(`${name}: sandbox runs with an IP, is listed by labels, stops and removes idempotently`, async () => {
    const t = target();
    const sb = sandboxConfig(t, 'net');
    const id = await t.runtime.runPodSandbox(sb);
    const status = await t.runtime.podSandboxStatus(id);
    assert.equal(status.state, 'SANDBOX_READY');
    assert.match(status.network?.ip ?? '', t.podIp);
    assert.equal(status.metadata?.uid, sb.metadata.uid);
    const byLabel = await t.runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': sb.metadata.uid } });
    assert.deepEqual(byLabel.map((s) => s.id), [id]);
    assert.equal((await t.runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': 'nobody' } })).length, 0);
    await t.runtime.stopPodSandbox(id);
    await t.runtime.stopPodSandbox(id);
    assert.equal((await t.runtime.podSandboxStatus(id)).state, 'SANDBOX_NOTREADY');
    await t.runtime.removePodSandbox(id);
    await t.runtime.removePodSandbox(id);
    assert.equal((await t.runtime.listPodSandbox({ id })).length, 0);
    await assert.rejects(t.runtime.podSandboxStatus(id), (e) => isNotFound(e));
  });

  test(`${name}: containers exit with their code and reason; logs are in CRI format; exec runs commands`, async () => {
    const t = target();
    const sb = sandboxConfig(t, 'exits', true);
    const sandboxId = await t.runtime.runPodSandbox(sb);
    try {
      const cases: { cname: string; command: string[]; exitCode: number; reason: string }[] = [
        { cname: 'three', command: ['sh', '-c', 'exit 3'], exitCode: 3, reason: 'Error' },
        { cname: 'ok', command: ['true'], exitCode: 0, reason: 'Completed' },
        { cname: 'fails', command: ['false'], exitCode: 1, reason: 'Error' },
        { cname: 'sleeps', command: ['sleep', '1'], exitCode: 0, reason: 'Completed' },
      ];
      const ids = [];
      for (const c of cases) ids.push(await start(t, sandboxId, sb, c.cname, c.command));
      for (const [i, c] of cases.entries()) {
        const s = await waitStatus(t, ids[i] ?? '', (x) => x.state === 'CONTAINER_EXITED');
        assert.equal(s.state, 'CONTAINER_EXITED', c.cname);
        assert.equal(s.exitCode, c.exitCode, c.cname);
        assert.equal(s.reason, c.reason, c.cname);
        // containerd may record a fast exit a little before it records the start: only order against creation.
        assert.ok(s.startedAt > 0 && s.finishedAt > 0 && s.finishedAt >= s.createdAt, `${c.cname}: times ${s.createdAt} ${s.startedAt} ${s.finishedAt}`);
      }
      const talker = await start(t, sandboxId, sb, 'talker', ['sh', '-c', 'echo hello world; sleep 3600']);
      const running = await waitStatus(t, talker, (x) => x.state === 'CONTAINER_RUNNING');
      assert.equal(running.state, 'CONTAINER_RUNNING');
      assert.equal(running.logPath, join(sb.logDirectory ?? '', 'talker', '0.log'));
      let log = '';
      for (let i = 0; i < 50 && !log.includes('hello'); i++) {
        log = await readFile(running.logPath, 'utf8').catch(() => '');
        if (!log.includes('hello')) await t.advance(100);
      }
      assert.match(log, /^\d{4}-\d\d-\d\dT\S+ stdout F hello world$/m);
      const echo = await t.runtime.execSync(talker, ['echo', 'hi'], 10);
      assert.deepEqual([echo.exitCode, echo.stdout.toString()], [0, 'hi\n']);
      assert.equal((await t.runtime.execSync(talker, ['sh', '-c', 'exit 5'], 10)).exitCode, 5);
      await t.runtime.stopContainer(talker, 0);
      const killed = await t.runtime.containerStatus(talker);
      assert.deepEqual([killed.state, killed.exitCode], ['CONTAINER_EXITED', 137]);
      await assert.rejects(t.runtime.execSync(talker, ['echo', 'hi'], 10));
    } finally {
      await t.runtime.removePodSandbox(sandboxId);
    }
  });

  test(`${name}: stop honours a TERM trap, is idempotent; list filters by label and state; remove is idempotent`, async () => {
    const t = target();
    const sb = sandboxConfig(t, 'stops', true);
    const sandboxId = await t.runtime.runPodSandbox(sb);
    try {
      const trapped = await start(t, sandboxId, sb, 'trapped', ['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"], { role: 'a' });
      const plain = await start(t, sandboxId, sb, 'plain', ['sleep', '3600'], { role: 'b' });
      await waitStatus(t, trapped, (x) => x.state === 'CONTAINER_RUNNING');
      const byRole = await t.runtime.listContainers({ podSandboxId: sandboxId, labelSelector: { role: 'a' } });
      assert.deepEqual(byRole.map((c) => c.id), [trapped]);
      assert.equal(byRole[0]?.metadata?.name, 'trapped');
      const runningOnes = await t.runtime.listContainers({ podSandboxId: sandboxId, state: { state: 'CONTAINER_RUNNING' } });
      assert.deepEqual(runningOnes.map((c) => c.id).sort(), [trapped, plain].sort());
      await t.runtime.stopContainer(trapped, 10);
      const s = await t.runtime.containerStatus(trapped);
      assert.deepEqual([s.state, s.exitCode, s.reason], ['CONTAINER_EXITED', 0, 'Completed']);
      await t.runtime.stopContainer(trapped, 10);
      const exited = await t.runtime.listContainers({ podSandboxId: sandboxId, state: { state: 'CONTAINER_EXITED' } });
      assert.deepEqual(exited.map((c) => c.id), [trapped]);
      await t.runtime.removeContainer(trapped);
      await t.runtime.removeContainer(trapped);
      await assert.rejects(t.runtime.containerStatus(trapped), (e) => isNotFound(e));
      // Stopping the sandbox stops what still runs in it.
      await t.runtime.stopPodSandbox(sandboxId);
      assert.equal((await t.runtime.containerStatus(plain)).state, 'CONTAINER_EXITED');
    } finally {
      await t.runtime.removePodSandbox(sandboxId);
    }
  });

  test(`${name}: image status, pull errors, create with an absent image`, async () => {
    const t = target();
    const present = await t.images.imageStatus({ image: t.image });
    assert.ok(present, 'the test image is present');
    assert.ok(present.repoTags.length > 0 && present.id.startsWith('sha256:'));
    assert.equal(await t.images.imageStatus({ image: 'localhost:1/absent/image:1' }), undefined);
    // Loopback port 1: nothing answers, so the pull fails without leaving the machine.
    await assert.rejects(t.images.pullImage({ image: 'localhost:1/absent/image:1' }), (e: Error) => e.name === 'CriError');
    const sb = sandboxConfig(t, 'noimage', true);
    const sandboxId = await t.runtime.runPodSandbox(sb);
    try {
      await assert.rejects(t.runtime.createContainer(sandboxId, { metadata: { name: 'x' }, image: { image: 'localhost:1/absent/image:1' } }, sb),
        (e: Error) => e.name === 'CriError');
    } finally {
      await t.runtime.removePodSandbox(sandboxId);
    }
  });
}
