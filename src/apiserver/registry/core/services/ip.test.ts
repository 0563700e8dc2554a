import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage, path } from '../../../../api/field-errors.ts';
import { joinHostPort, parseIP, parseIPv4CIDR, validateCIDR, validateNonSpecialIP } from './ip.ts';

test('parseIP accepts what Go ParseIPSloppy accepts', () => {
  const cases: Array<[string, string | undefined]> = [
    ['10.0.0.1', 'IPv4'], ['010.000.000.001', 'IPv4'], ['256.0.0.1', undefined], ['1.2.3', undefined], ['1.2.3.4.5', undefined],
    ['::', 'IPv6'], ['::1', 'IPv6'], ['fd00::1', 'IPv6'], ['2001:db8:0:0:0:0:0:1', 'IPv6'], ['2001:db8::1::2', undefined],
    ['::ffff:10.0.0.1', 'IPv4'], ['64:ff9b::1.2.3.4', 'IPv6'], ['fe80::1%eth0', undefined], ['1:2:3:4:5:6:7:8:9', undefined],
    ['', undefined], ['abc', undefined], [' 10.0.0.1', undefined],
  ];
  for (const [text, family] of cases) assert.equal(parseIP(text)?.family, family, text);
  assert.deepEqual(parseIP('::ffff:10.0.0.1')?.bytes, [10, 0, 0, 1]);
  assert.deepEqual(parseIP('1::2')?.bytes, [0, 1, ...new Array<number>(12).fill(0), 0, 2]);
});

test('CIDRs and special addresses', () => {
  assert.deepEqual(parseIPv4CIDR('10.43.7.9/16'), { base: ((10 << 24) >>> 0) + (43 << 16), prefix: 16, size: 65536, text: '10.43.0.0/16' });
  assert.equal(parseIPv4CIDR('10.43.0.0/33'), undefined);
  assert.equal(parseIPv4CIDR('fd00::/64'), undefined);
  assert.deepEqual(validateCIDR(path('x'), 'fd00::/64'), []);
  assert.deepEqual(validateCIDR(path('x'), '10.0.0.1').map(fieldErrorMessage), ['x: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  const special: Array<[string, string[]]> = [
    ['10.1.2.3', []],
    ['0.0.0.0', ['x: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']],
    ['::1', ['x: Invalid value: "::1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['169.254.1.1', ['x: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    ['224.0.0.5', ['x: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']],
    ['ff02::1', ['x: Invalid value: "ff02::1": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']],
    ['nope', ['x: Invalid value: "nope": must be a valid IP address']],
  ];
  for (const [ip, want] of special) assert.deepEqual(validateNonSpecialIP(path('x'), ip).map(fieldErrorMessage), want, ip);
  assert.equal(joinHostPort('fd00::1', 80), '[fd00::1]:80');
  assert.equal(joinHostPort('10.0.0.1', 80), '10.0.0.1:80');
});
