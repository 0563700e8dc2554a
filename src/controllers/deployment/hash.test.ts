import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeHash, fnv32a, safeEncodeString } from './hash.ts';

test('fnv32a matches the FNV-1a reference values', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  assert.equal(fnv32a(enc('')), 0x811c9dc5);
  assert.equal(fnv32a(enc('a')), 0xe40c292c);
  assert.equal(fnv32a(enc('foobar')), 0xbf9cf968);
});

test('safeEncodeString maps digits as upstream rand.SafeEncodeString does', () => {
  assert.equal(safeEncodeString('0123456789'), '456789bcdf');
});

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', resources: {} }] } };

test('the hash is stable, ignores key order and empty fields, and changes with the collision count', () => {
  const h = computeHash(template);
  assert.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(computeHash({ spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } }), h);
  assert.notEqual(computeHash(template, 0), h);
  assert.notEqual(computeHash(template, 1), computeHash(template, 0));
  assert.notEqual(computeHash({ ...template, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }), h);
});
