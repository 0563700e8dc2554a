// The in-memory runtime against the shared runtime contract (cri/runtime.contract.ts), on a
// FakeClock, plus what only the fake does (the command language, OOM, timeouts on the clock).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { runtimeContract, type ContractTarget } from '../cri/runtime.contract.ts';
import { parseProgram } from './commands.ts';
import { FakeImageService } from './images.ts';
import { MemoryPodFiles } from '../pods/pod-files.ts';
import { FakeRuntime } from './runtime.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8ts-fakeruntime-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fake(): { target: ContractTarget; clock: FakeClock; runtime: FakeRuntime; images: FakeImageService } {
  const clock = new FakeClock();
  const images = new FakeImageService({ present: ['docker.io/library/busybox:1.36'], pullable: ['nginx:1.27'] });
  const runtime = new FakeRuntime({ clock, images, podCidr: '10.244.241.0/24' });
  const target: ContractTarget = {
    runtime, images, image: 'busybox:1.36', logRoot: dir, podIp: /^10\.244\.241\.\d+$/,
    async advance(ms) {
      clock.advance(ms);
      await new Promise((r) => setImmediate(r));
    },
  };
  return { target, clock, runtime, images };
}

runtimeContract('fake runtime', () => fake().target);

test('command language: what a container does', () => {
  const cases: { argv: string[]; steps: string; onTerm?: number }[] = [
    { argv: [], steps: 'forever', onTerm: 0 },
    { argv: ['sh', '-c', 'exit 3'], steps: 'exit:3' },
    { argv: ['/bin/sh', '-c', 'echo a b; sleep 2 && false'], steps: 'print:a b\n;sleep:2&&;status:1' },
    { argv: ['sleep', 'infinity'], steps: 'forever' },
    { argv: ['nginx', '-g', 'daemon off;'], steps: 'forever' },
    { argv: ['sh', '-c', "trap 'exit 7' TERM; while true; do sleep 1; done"], steps: 'forever', onTerm: 7 },
    { argv: ['tail', '/dev/zero'], steps: 'forever!' },
    { argv: ['sh', '-c', 'echo "x; y" >&2'], steps: 'print(stderr):x; y\n' },
  ];
  for (const c of cases) {
    const p = parseProgram(c.argv, 'forever');
    const text = p.steps.map(({ step, and }) => {
      let s: string = step.op;
      if (step.op === 'exit' || step.op === 'status') s += `:${step.code}`;
      if (step.op === 'sleep') s += `:${step.seconds}`;
      if (step.op === 'print') s += `${step.stream === 'stderr' ? '(stderr)' : ''}:${step.text}`;
      if (step.op === 'forever' && step.eatsMemory) s += '!';
      return s + (and ? '&&' : '');
    }).join(';');
    assert.equal(text, c.steps, JSON.stringify(c.argv));
    assert.equal(p.onTerm, c.onTerm, JSON.stringify(c.argv));
  }
});

test('fake runtime: sleep follows the clock; stop waits out the timeout then kills; memory eaters are OOMKilled', async () => {
  const { runtime, clock } = fake();
  const sb = { metadata: { name: 'p', uid: 'u', namespace: 'n' }, logDirectory: join(dir, 'p') };
  const sandbox = await runtime.runPodSandbox(sb);
  const make = async (name: string, command: string[], memory = 0): Promise<string> => {
    const id = await runtime.createContainer(sandbox, { metadata: { name }, image: { image: 'busybox:1.36' }, command,
      ...(memory > 0 ? { linux: { resources: { memoryLimitInBytes: memory } } } : {}) }, sb);
    await runtime.startContainer(id);
    return id;
  };
  const sleeper = await make('sleeper', ['sleep', '5']);
  clock.advance(4_999);
  assert.equal((await runtime.containerStatus(sleeper)).state, 'CONTAINER_RUNNING');
  clock.advance(1);
  assert.equal((await runtime.containerStatus(sleeper)).exitCode, 0);
  const server = await make('server', ['httpd', '-f']);
  const stopping = runtime.stopContainer(server, 30);
  clock.advance(29_000);
  await new Promise((r) => setImmediate(r));
  assert.equal((await runtime.containerStatus(server)).state, 'CONTAINER_RUNNING', 'TERM is ignored by PID 1');
  clock.advance(1_000);
  await stopping;
  assert.equal((await runtime.containerStatus(server)).exitCode, 137);
  const eater = await make('eater', ['tail', '/dev/zero'], 64 << 20);
  assert.deepEqual([(await runtime.containerStatus(eater)).reason, (await runtime.containerStatus(eater)).exitCode], ['OOMKilled', 137]);
  const unlimited = await make('unlimited', ['tail', '/dev/zero']);
  assert.equal((await runtime.containerStatus(unlimited)).state, 'CONTAINER_RUNNING');
  await assert.rejects(runtime.execSync(unlimited, ['sleep', '10'], 2), /timed out/);
  runtime.close();
});

test('fake runtime: lists by pod UID see that pod only, before and after its sandbox is removed', async () => {
  const { runtime } = fake();
  const sandboxOf = (uid: string) => ({ metadata: { name: uid, uid, namespace: 'n' }, labels: { 'io.kubernetes.pod.uid': uid }, logDirectory: join(dir, uid) });
  const ids = new Map<string, { sandbox: string; containers: string[] }>();
  for (const uid of ['u1', 'u2']) {
    const sb = sandboxOf(uid);
    const sandbox = await runtime.runPodSandbox(sb);
    const containers: string[] = [];
    for (const name of ['a', 'b']) {
      containers.push(await runtime.createContainer(sandbox, { metadata: { name }, image: { image: 'busybox:1.36' }, labels: { 'io.kubernetes.pod.uid': uid, name } }, sb));
    }
    ids.set(uid, { sandbox, containers });
  }
  const cases: Array<{ selector: Record<string, string>; sandboxes: string[]; containers: string[] }> = [
    { selector: { 'io.kubernetes.pod.uid': 'u1' }, sandboxes: [ids.get('u1')?.sandbox ?? ''], containers: ids.get('u1')?.containers ?? [] },
    { selector: { 'io.kubernetes.pod.uid': 'u2', name: 'b' }, sandboxes: [], containers: [ids.get('u2')?.containers[1] ?? ''] },
    { selector: { 'io.kubernetes.pod.uid': 'nobody' }, sandboxes: [], containers: [] },
  ];
  for (const c of cases) {
    assert.deepEqual((await runtime.listContainers({ labelSelector: c.selector })).map((x) => x.id).sort(), [...c.containers].sort(), JSON.stringify(c.selector));
    if (c.sandboxes.length > 0) assert.deepEqual((await runtime.listPodSandbox({ labelSelector: c.selector })).map((x) => x.id), c.sandboxes);
  }
  await runtime.removePodSandbox(ids.get('u1')?.sandbox ?? '');
  assert.deepEqual([(await runtime.listPodSandbox({ labelSelector: { 'io.kubernetes.pod.uid': 'u1' } })).length, (await runtime.listContainers({ labelSelector: { 'io.kubernetes.pod.uid': 'u1' } })).length], [0, 0]);
  assert.equal((await runtime.listContainers({ labelSelector: { 'io.kubernetes.pod.uid': 'u2' } })).length, 2);
  await runtime.removeContainer(ids.get('u2')?.containers[0] ?? '');
  assert.equal((await runtime.listContainers({ labelSelector: { 'io.kubernetes.pod.uid': 'u2' } })).length, 1);
  runtime.close();
});

test('fake images: pullable set, auth, normalised names', async () => {
  const images = new FakeImageService({ pullable: ['nginx:1.27', 'private/app:1'], requireAuth: new Map([['private/app:1', { username: 'u', password: 'p' }]]) });
  assert.equal(await images.imageStatus({ image: 'nginx:1.27' }), undefined);
  const ref = await images.pullImage({ image: 'nginx:1.27' });
  assert.equal((await images.imageStatus({ image: 'docker.io/library/nginx:1.27' }))?.id, ref);
  await assert.rejects(images.pullImage({ image: 'nginx:9' }), /docker.io\/library\/nginx:9: not found/);
  await assert.rejects(images.pullImage({ image: 'private/app:1' }), /authorization failed/);
  await images.pullImage({ image: 'private/app:1' }, { auth: Buffer.from('u:p').toString('base64') });
  assert.ok(await images.imageStatus({ image: 'docker.io/private/app:1' }));
});

test('fake runtime: logs go where it is told; in memory they read as on disk, and a removed log takes no more lines', async () => {
  const clock = new FakeClock();
  const images = new FakeImageService({ present: ['docker.io/library/busybox:1.36'] });
  const files = new MemoryPodFiles();
  const runtime = new FakeRuntime({ clock, images, logs: files });
  try {
    const sb = { metadata: { name: 'p', uid: 'u', namespace: 'n' }, logDirectory: '/nowhere/n_p_u' };
    const sandbox = await runtime.runPodSandbox(sb);
    const cases: { name: string; command: string[]; want: RegExp }[] = [
      { name: 'quiet', command: ['sleep', '3600'], want: /^$/ },
      { name: 'talker', command: ['echo', 'hello there'], want: /^\S+ stdout F hello there\n$/ },
    ];
    for (const c of cases) {
      const id = await runtime.createContainer(sandbox, { metadata: { name: c.name }, image: { image: 'busybox:1.36' }, command: c.command, logPath: `${c.name}/0.log` }, sb);
      await runtime.startContainer(id);
      assert.match(await files.read(`/nowhere/n_p_u/${c.name}/0.log`) ?? 'missing', c.want, c.name);
    }
    await files.remove('/nowhere/n_p_u');
    assert.throws(() => files.appendLog('/nowhere/n_p_u/talker/0.log', 'late\n'), /no such file/);
    assert.equal(files.size, 0);
  } finally {
    runtime.close();
  }
});
