import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToIp, canonicalIp, ipToBytes } from './ip.ts';

const cases: [string, string | undefined, string | undefined][] = [
  // input, bytes (hex), canonical text
  ['127.0.0.1', '7f000001', '127.0.0.1'],
  ['10.43.0.1', '0a2b0001', '10.43.0.1'],
  ['::1', '00000000000000000000000000000001', '::1'],
  ['::', '00000000000000000000000000000000', '::'],
  ['2001:DB8:0:0:1:0:0:1', '20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
  ['fe80::1:2', 'fe800000000000000000000000010002', 'fe80::1:2'],
  ['1:0:1:1:1:1:1:1', '00010000000100010001000100010001', '1:0:1:1:1:1:1:1'],
  ['::ffff:192.0.2.1', '00000000000000000000ffffc0000201', '::ffff:c000:201'],
  ['localhost', undefined, undefined],
  ['1.2.3', undefined, undefined],
  ['fe80::1%eth0', undefined, undefined],
];

for (const [input, hex, canonical] of cases) {
  test(`ip: ${input}`, () => {
    assert.equal(ipToBytes(input)?.toString('hex'), hex);
    assert.equal(canonicalIp(input), canonical);
  });
}

test('bytesToIp refuses other lengths', () => {
  assert.throws(() => bytesToIp(Buffer.alloc(5)));
});
