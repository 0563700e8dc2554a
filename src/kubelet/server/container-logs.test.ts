import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { copyLog, parseLogOptions, parseRecord, type LogOptions } from './container-logs.ts';

let dir = '';
before(async () => { dir = await mkdtemp(join(tmpdir(), 'k8ts-logs-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

const LOG = [
  '2024-05-01T10:00:00.000000001Z stdout F first',
  '2024-05-01T10:00:01.5Z stderr F second',
  '2024-05-01T10:00:02Z stdout P par',
  '2024-05-01T10:00:02.1Z stdout F tial',
  '2024-05-01T10:00:03Z stdout F ',
  'not a record',
  '2024-05-01T10:00:04Z stdout F last',
].join('\n') + '\n';

const base: LogOptions = { follow: false, tailLines: undefined, sinceMs: undefined, timestamps: false, limitBytes: undefined };

const cases: Array<[string, Partial<LogOptions>, string]> = [
  ['everything; partial records joined', {}, 'first\nsecond\npartial\n\nlast\n'],
  ['tailLines counts records', { tailLines: 2 }, '\nlast\n'],
  ['tailLines 0', { tailLines: 0 }, ''],
  ['since a time', { sinceMs: Date.parse('2024-05-01T10:00:02.05Z') }, 'tial\n\nlast\n'],
  ['timestamps as the runtime wrote them', { timestamps: true, tailLines: 2 }, '2024-05-01T10:00:03Z \n2024-05-01T10:00:04Z last\n'],
  ['limitBytes cuts the output', { limitBytes: 9 }, 'first\nsec'],
];

for (const [name, options, expected] of cases) {
  test(`container log: ${name}`, async () => {
    const path = join(dir, 'table.log');
    await writeFile(path, LOG);
    let out = '';
    await copyLog(path, { ...base, ...options }, async (c) => { out += c.toString(); }, { clock: new FakeClock(0), running: async () => false, signal: new AbortController().signal });
    assert.equal(out, expected);
  });
}

test('parseRecord reads the four CRI fields and the partial tag', () => {
  assert.deepEqual(parseRecord(Buffer.from('2024-05-01T10:00:00Z stdout P a b c')), { time: '2024-05-01T10:00:00Z', timeMs: Date.parse('2024-05-01T10:00:00Z'), partial: true, text: Buffer.from('a b c') });
  assert.equal(parseRecord(Buffer.from('garbage')), undefined);
  assert.equal(parseRecord(Buffer.from('yesterday stdout F x')), undefined);
});

test('parseLogOptions: upstream\'s parameters and their errors', () => {
  const now = Date.parse('2024-05-01T10:00:10Z');
  const ok = parseLogOptions(new URLSearchParams('follow=true&tailLines=5&sinceSeconds=3&timestamps=true&limitBytes=100'), now);
  assert.deepEqual(ok, { follow: true, tailLines: 5, sinceMs: now - 3000, timestamps: true, limitBytes: 100 });
  const since = parseLogOptions(new URLSearchParams('sinceTime=2024-05-01T10:00:02.123456Z'), now);
  assert.equal(typeof since === 'object' ? since.sinceMs : 0, Date.parse('2024-05-01T10:00:02.123Z'));
  const errors: Array<[string, RegExp]> = [
    ['tailLines=-1', /tailLines must be an integer of at least 0/],
    ['sinceSeconds=0', /sinceSeconds must be an integer of at least 1/],
    ['limitBytes=x', /limitBytes/],
    ['sinceSeconds=5&sinceTime=2024-05-01T10:00:00Z', /at most one of sinceTime or sinceSeconds/],
    ['sinceTime=yesterday', /invalid RFC3339 time/],
  ];
  for (const [query, message] of errors) assert.match(String(parseLogOptions(new URLSearchParams(query), now)), message, query);
});

test('follow: new records as the file grows, across a rotation, until the container stops', async () => {
  const path = join(dir, 'follow.log');
  await writeFile(path, '2024-05-01T10:00:00Z stdout F one\n');
  const clock = new FakeClock(0);
  let running = true;
  let out = '';
  let finished = false;
  const done = copyLog(path, { ...base, follow: true }, async (c) => { out += c.toString(); }, { clock, running: async () => running, signal: new AbortController().signal })
    .finally(() => { finished = true; });
  /** Moves the fake clock one poll at a time until `cond` holds (at most 200 polls). */
  const until = async (cond: () => boolean): Promise<void> => {
    for (let i = 0; i < 200 && !cond(); i++) {
      clock.advance(200);
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  await until(() => out === 'one\n');
  await appendFile(path, '2024-05-01T10:00:01Z stdout F two\n');
  await until(() => out === 'one\ntwo\n');
  assert.equal(out, 'one\ntwo\n');
  // Rotation: the file is renamed away and a new one written at the same path.
  await appendFile(path, '2024-05-01T10:00:02Z stdout F three\n');
  await rename(path, `${path}.1`);
  await writeFile(path, '2024-05-01T10:00:03Z stdout F four\n');
  await until(() => out.endsWith('four\n'));
  assert.equal(out, 'one\ntwo\nthree\nfour\n');
  assert.equal(finished, false, 'still following while the container runs');
  running = false;
  await until(() => finished);
  await done;
  assert.equal(out, 'one\ntwo\nthree\nfour\n');
});

test('follow ends when the signal fires', async () => {
  const path = join(dir, 'abort.log');
  await writeFile(path, '');
  const abort = new AbortController();
  const done = copyLog(path, { ...base, follow: true }, async () => undefined, { clock: new FakeClock(0), running: async () => true, signal: abort.signal });
  abort.abort();
  await done;
});
