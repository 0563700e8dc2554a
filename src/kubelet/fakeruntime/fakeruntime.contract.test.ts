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
