import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { CriError } from '../cri/errors.ts';
import { EXEC_GRACE_MS, execProbe } from './exec.ts';
import { execRuntime, exited, settle, type ExecAnswer } from './exec-runtime.fixture.ts';
import type { ProbeOutcome } from './outcome.ts';

test('exec probes: exit codes, output and runtime errors', async () => {
  const cases: { name: string; command?: string[]; answer: ExecAnswer; want: ProbeOutcome }[] = [
    { name: 'exit 0 succeeds', answer: async () => exited(0, 'ok\n'), want: { result: 'success', output: 'ok\n' } },
    { name: 'exit 1 fails with stdout then stderr', answer: async () => exited(1, 'out\n', 'err\n'), want: { result: 'failure', output: 'out\nerr\n' } },
    { name: 'exit 137 with no output', answer: async () => exited(137), want: { result: 'failure', output: '' } },
    { name: 'output is cut at 10 KiB', answer: async () => exited(2, 'x'.repeat(8000), 'y'.repeat(8000)), want: { result: 'failure', output: 'x'.repeat(8000) + 'y'.repeat(2240) } },
    {
      name: 'the runtime timing the command out is a failure', command: ['sh', '-c', 'sleep 5'],
      answer: async () => { throw new CriError('ExecSync', 'DEADLINE_EXCEEDED', 'deadline'); },
      want: { result: 'failure', output: 'command "sh -c sleep 5" timed out' },
    },
    {
      name: 'another runtime error is an error (state unknown)',
      answer: async () => { throw new CriError('ExecSync', 'NOT_FOUND', 'CRI ExecSync: container "c1" not found'); },
      want: { result: 'error', state: 'unknown', error: 'CRI ExecSync: container "c1" not found' },
    },
    { name: 'no command', command: [], answer: async () => exited(0), want: { result: 'error', state: 'unknown', error: 'exec probe has no command' } },
  ];
  for (const c of cases) {
    const { runtime, calls } = execRuntime(c.answer);
    const command = c.command ?? ['cat', '/tmp/healthy'];
    const got = await execProbe({ runtime, clock: new FakeClock(), containerId: 'c1', command, timeoutSeconds: 3, signal: new AbortController().signal });
    assert.deepEqual(got, c.want, c.name);
    if (command.length > 0) assert.deepEqual(calls, [{ containerId: 'c1', cmd: command, timeoutSeconds: 3 }], c.name);
  }
});

test('an exec probe whose runtime never answers times out on the clock', async () => {
  const clock = new FakeClock();
  const { runtime } = execRuntime(() => new Promise(() => {}));
  const pending = execProbe({ runtime, clock, containerId: 'c1', command: ['true'], timeoutSeconds: 2, signal: new AbortController().signal });
  let done: ProbeOutcome | undefined;
  void pending.then((o) => { done = o; });
  clock.advance(2000 + EXEC_GRACE_MS - 1);
  await settle();
  assert.equal(done, undefined, 'still waiting just before the bound');
  clock.advance(1);
  assert.deepEqual(await pending, { result: 'failure', output: 'command "true" timed out' });
});

test('a stopped worker abandons its exec probe at once', async () => {
  const { runtime } = execRuntime(() => new Promise(() => {}));
  const stop = new AbortController();
  const pending = execProbe({ runtime, clock: new FakeClock(), containerId: 'c1', command: ['true'], timeoutSeconds: 1, signal: stop.signal });
  stop.abort();
  assert.deepEqual(await pending, { result: 'error', state: 'unknown', error: 'probe cancelled' });
});
