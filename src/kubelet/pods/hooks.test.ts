import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import type { LifecycleHandler } from '../../api/types/core/v1/index.ts';
import { FakeImageService } from '../fakeruntime/images.ts';
import { FakeRuntime } from '../fakeruntime/runtime.ts';
import { runHook } from './hooks.ts';

let port = 0;
const seen: string[] = [];
const server = createServer((req, res) => {
  seen.push(`${req.url ?? ''} ${String(req.headers['x-token'] ?? '')}`);
  res.statusCode = req.url === '/ok' ? 200 : req.url === '/redirect' ? 302 : 500;
  res.end();
});
before(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
after(() => server.close());

test('lifecycle hooks: exec, httpGet (named port, headers, status ranges), sleep', async () => {
  const clock = new FakeClock();
  const images = new FakeImageService({ present: ['busybox:1.36'] });
  const runtime = new FakeRuntime({ clock, images });
  const sb = { metadata: { name: 'p', uid: 'u', namespace: 'n' } };
  const sandbox = await runtime.runPodSandbox(sb);
  const id = await runtime.createContainer(sandbox, { metadata: { name: 'c' }, image: { image: 'busybox:1.36' }, command: ['sleep', '3600'] }, sb);
  await runtime.startContainer(id);
  const container = { name: 'c', ports: [{ name: 'http', containerPort: port }] };
  const target = { runtime, clock, containerId: id, container, podIP: '127.0.0.1', timeoutSeconds: 5, signal: new AbortController().signal };
  const cases: { name: string; handler: LifecycleHandler; fails: RegExp | undefined }[] = [
    { name: 'exec ok', handler: { exec: { command: ['true'] } }, fails: undefined },
    { name: 'exec fails', handler: { exec: { command: ['sh', '-c', 'echo nope; exit 4'] } }, fails: /^command 'sh -c echo nope; exit 4' exited with 4: nope/ },
    { name: 'http 200 by named port', handler: { httpGet: { port: 'http', path: '/ok', httpHeaders: [{ name: 'X-Token', value: 't' }] } }, fails: undefined },
    { name: 'http 302 counts as success', handler: { httpGet: { port, path: 'redirect' } }, fails: undefined },
    { name: 'http 500', handler: { httpGet: { port, path: '/bad' } }, fails: /returned status 500/ },
    { name: 'unknown named port', handler: { httpGet: { port: 'nope' } }, fails: /invalid port nope/ },
    { name: 'nothing to do', handler: {}, fails: /needs exec, httpGet or sleep/ },
  ];
  for (const c of cases) {
    const got = await runHook(c.handler, target);
    if (c.fails === undefined) assert.equal(got, undefined, c.name);
    else assert.match(got ?? '', c.fails, c.name);
  }
  assert.ok(seen.includes('/ok t'), 'headers sent');
  let slept = false;
  const sleeping = runHook({ sleep: { seconds: 3 } }, target).then((r) => { slept = true; return r; });
  clock.advance(2_999);
  await new Promise((r) => setImmediate(r));
  assert.equal(slept, false);
  clock.advance(1);
  assert.equal(await sleeping, undefined);
  runtime.close();
});
