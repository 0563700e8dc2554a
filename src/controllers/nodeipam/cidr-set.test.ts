import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CidrSet, CidrSetFullError, parseCidr } from './cidr-set.ts';

test('parseCidr accepts IPv4 CIDRs and refuses the rest', () => {
  const cases: [string, boolean, ReturnType<typeof parseCidr>][] = [
    ['10.42.0.0/16', false, { base: 10 * 2 ** 24 + 42 * 2 ** 16, prefix: 16 }],
    ['10.42.1.5/24', false, undefined],
    ['10.42.1.5/24', true, { base: 10 * 2 ** 24 + 42 * 2 ** 16 + 256, prefix: 24 }],
    ['10.42.0.0', false, undefined],
    ['fd00::/64', false, undefined],
    ['10.42.0.0/33', false, undefined],
  ];
  for (const [text, loose, want] of cases) assert.deepEqual(parseCidr(text, loose), want, text);
});

test('allocates /24s in order, distinct, and reuses released ones after wrapping', () => {
  const set = new CidrSet('10.42.0.0/16', 24);
  assert.equal(set.allocateNext(), '10.42.0.0/24');
  assert.equal(set.allocateNext(), '10.42.1.0/24');
  assert.equal(set.allocateNext(), '10.42.2.0/24');
  set.release('10.42.1.0/24');
  assert.equal(set.allocateNext(), '10.42.3.0/24');
  assert.equal(set.usedCount, 3);
});

test('occupied CIDRs from existing nodes are skipped', () => {
  const set = new CidrSet('10.42.0.0/16', 24);
  assert.equal(set.occupy('10.42.0.0/24'), true);
  assert.equal(set.occupy('10.42.2.0/24'), true);
  assert.equal(set.occupy('10.43.0.0/24'), false, 'outside the cluster range');
  assert.equal(set.occupy('10.42.4.0/25'), false, 'wrong size');
  assert.equal(set.allocateNext(), '10.42.1.0/24');
  assert.equal(set.allocateNext(), '10.42.3.0/24');
});

test('a full set throws, and a release makes room', () => {
  const set = new CidrSet('10.0.0.0/30', 31);
  assert.equal(set.allocateNext(), '10.0.0.0/31');
  assert.equal(set.allocateNext(), '10.0.0.2/31');
  assert.throws(() => set.allocateNext(), CidrSetFullError);
  set.release('10.0.0.0/31');
  assert.equal(set.allocateNext(), '10.0.0.0/31');
});

test('bad flags are refused', () => {
  assert.throws(() => new CidrSet('nope', 24));
  assert.throws(() => new CidrSet('10.42.0.0/16', 8));
});
