import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pemDecode, pemDecodeOne, pemEncode } from './pem.ts';

test('pem: encode wraps at 64 columns and decodes back', () => {
  const der = Buffer.from(Array.from({ length: 100 }, (_, i) => i));
  const text = pemEncode('CERTIFICATE', der);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
  assert.equal(lines.at(-1), '-----END CERTIFICATE-----');
  assert.ok(lines.slice(1, -1).every((l) => l.length <= 64));
  assert.deepEqual(pemDecodeOne(text, 'CERTIFICATE'), der);
});

test('pem: several blocks, CRLF and text between them', () => {
  const a = pemEncode('CERTIFICATE', Buffer.from('a'));
  const b = pemEncode('PRIVATE KEY', Buffer.from('bb')).replace(/\n/g, '\r\n');
  const blocks = pemDecode(`Bag Attributes\n${a}junk\n${b}`);
  assert.deepEqual(blocks.map((x) => [x.label, x.der.toString()]), [['CERTIFICATE', 'a'], ['PRIVATE KEY', 'bb']]);
  assert.equal(pemDecodeOne(b, 'PRIVATE KEY').toString(), 'bb');
});

test('pem: missing or damaged blocks are errors', () => {
  assert.throws(() => pemDecodeOne('nothing here', 'CERTIFICATE'), /no CERTIFICATE block/);
  assert.throws(() => pemDecode('-----BEGIN X-----\nab!d\n-----END X-----\n'), /invalid base64/);
  // Mismatched labels are not a block at all.
  assert.deepEqual(pemDecode('-----BEGIN X-----\nYQ==\n-----END Y-----\n'), []);
});
