import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cidrContains, fallbackPodCidr, IpPool, loopbackAddress, parseIpv4Cidr } from './ip-pool.ts';

test('a /24 hands out .2 to .254, keeps a key\'s address, and reuses released ones', () => {
  const pool = new IpPool(parseIpv4Cidr('10.42.3.0/24') ?? assert.fail());
  assert.equal(pool.allocate('a'), '10.42.3.2');
  assert.equal(pool.allocate('b'), '10.42.3.3');
  assert.equal(pool.allocate('a'), '10.42.3.2');
  pool.release('a');
  const rest = Array.from({ length: 252 }, (_, i) => pool.allocate(`k${i}`));
  assert.equal(rest.filter((ip) => ip !== undefined).length, 252);
  assert.ok(rest.includes('10.42.3.2'), 'released address reused');
  assert.ok(!rest.includes('10.42.3.255') && !rest.includes('10.42.3.1') && !rest.includes('10.42.3.0'));
  assert.equal(pool.allocate('full'), undefined);
});

test('reserve adopts addresses found on pods after a restart', () => {
  const pool = new IpPool(parseIpv4Cidr('10.42.0.0/24') ?? assert.fail());
  assert.equal(pool.reserve('a', '10.42.0.2'), true);
  assert.equal(pool.reserve('b', '10.42.0.2'), false, 'taken');
  assert.equal(pool.reserve('c', '10.42.1.2'), false, 'outside');
  assert.equal(pool.allocate('d'), '10.42.0.3');
});

test('derived addresses are stable and in their ranges', () => {
  assert.equal(fallbackPodCidr('n1'), fallbackPodCidr('n1'));
  assert.ok(cidrContains(parseIpv4Cidr('100.64.0.0/10') ?? assert.fail(), fallbackPodCidr('n1').split('/')[0] ?? ''));
  assert.match(loopbackAddress('n1'), /^127\.\d+\.\d+\.\d+$/);
  assert.equal(parseIpv4Cidr('10.42.0.7/24')?.base, parseIpv4Cidr('10.42.0.0/24')?.base);
  assert.equal(parseIpv4Cidr('nope'), undefined);
});
