import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEndpoint } from './endpoint.ts';
import { isStorageError } from './errors.ts';

test('datastore endpoints that parse', () => {
  const cases: Array<[string, ReturnType<typeof parseEndpoint>]> = [
    ['sqlite:///var/lib/k8ts/state.db', { kind: 'sqlite', path: '/var/lib/k8ts/state.db' }],
    ['sqlite://data/state.db?_journal=WAL', { kind: 'sqlite', path: 'data/state.db' }],
    ['etcd://127.0.0.1:2379', { kind: 'etcd', endpoints: ['http://127.0.0.1:2379'] }],
    ['etcd://a:2379,b:2379', { kind: 'etcd', endpoints: ['http://a:2379', 'http://b:2379'] }],
    ['https://etcd.local:2379', { kind: 'etcd', endpoints: ['https://etcd.local:2379'] }],
  ];
  for (const [input, expected] of cases) assert.deepEqual(parseEndpoint(input), expected, input);
});

test('datastore endpoints that do not', () => {
  const cases: Array<[string, RegExp]> = [
    ['/var/lib/state.db', /has no scheme/],
    ['sqlite://', /needs a file path/],
    ['etcd://127.0.0.1', /not HOST:PORT/],
    ['etcd://a:1,', /not HOST:PORT/],
    ['postgres://x:5432', /not supported/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => parseEndpoint(input), (e: unknown) => isStorageError(e, 'InvalidInput') && message.test(e.message), input);
  }
});
