import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FlagError, intFlag, parseFlags, type FlagSpec } from './flags.ts';

const specs: FlagSpec[] = [
  { name: 'data-dir', help: 'state', default: '/var/lib/k8ts' },
  { name: 'port', help: 'port' },
  { name: 'disable-agent', help: 'no agent', boolean: true },
];

test('flags: forms that parse', () => {
  const cases: Array<[string[], Record<string, string>, string[]]> = [
    [[], { 'data-dir': '/var/lib/k8ts' }, []],
    [['--data-dir', '/tmp/x'], { 'data-dir': '/tmp/x' }, []],
    [['--data-dir=/tmp/y', '--port=7443'], { 'data-dir': '/tmp/y', port: '7443' }, []],
    [['--disable-agent', 'extra'], { 'data-dir': '/var/lib/k8ts', 'disable-agent': 'true' }, ['extra']],
    [['--disable-agent=false'], { 'data-dir': '/var/lib/k8ts', 'disable-agent': 'false' }, []],
    [['get', '--', '--port', 'x'], { 'data-dir': '/var/lib/k8ts' }, ['get', '--port', 'x']],
  ];
  for (const [argv, values, args] of cases) {
    const parsed = parseFlags(argv, specs);
    assert.deepEqual(Object.fromEntries(parsed.values), values, argv.join(' '));
    assert.deepEqual(parsed.args, args, argv.join(' '));
  }
});

test('flags: mistakes are clear errors', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--nope'], /unknown flag: --nope/],
    [['--port'], /flag needs an argument: --port/],
    [['--disable-agent=maybe'], /takes true or false/],
  ];
  for (const [argv, message] of cases) assert.throws(() => parseFlags(argv, specs), (e: unknown) => e instanceof FlagError && message.test(e.message));
  assert.throws(() => intFlag(parseFlags(['--port', '12ab'], specs), 'port'), /whole number/);
  assert.equal(intFlag(parseFlags(['--port', '6443'], specs), 'port'), 6443);
});
