import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Tag, decodeOid, der, encodeOid, parseDer, readTime } from './asn1.ts';

// Encodings checked against X.690 examples and `openssl asn1parse`.
const encodings: [string, Buffer, string][] = [
  ['integer 0', der.integer(0), '020100'],
  ['integer 127', der.integer(127), '02017f'],
  ['integer 128 gets a leading zero', der.integer(128), '02020080'],
  ['integer 256', der.integer(256n), '02020100'],
  ['integer from bytes drops leading zeros', der.integer(Buffer.from([0, 0, 1])), '020101'],
  ['integer from bytes with the top bit set', der.integer(Buffer.from([0xff])), '020200ff'],
  ['boolean true', der.boolean(true), '0101ff'],
  ['null', der.null(), '0500'],
  ['oid commonName', der.oid('2.5.4.3'), '0603550403'],
  ['oid ecdsa-with-SHA256', der.oid('1.2.840.10045.4.3.2'), '06082a8648ce3d040302'],
  ['bit string', der.bitString(Buffer.from([0x86]), 1), '03020186'],
  ['sequence', der.sequence(der.integer(1), der.null()), '3005020101' + '0500'],
  ['set sorts its members', der.set(der.integer(2), der.integer(1)), '3106020101020102'],
  ['explicit [0]', der.explicit(0, der.integer(2)), 'a003020102'],
  ['implicit [2] (a dNSName)', der.implicit(2, Buffer.from('a')), '820161'],
  ['utc time', der.time(Date.UTC(2026, 0, 2, 3, 4, 5, 999)), '170d3236303130323033303430355a'],
  ['generalized time from 2050', der.time(Date.UTC(2050, 0, 1)), '180f32303530303130313030303030305a'],
  ['long length', der.octetString(Buffer.alloc(200)), '0481c8' + '00'.repeat(200)],
  ['two-byte length', der.octetString(Buffer.alloc(300)), '0482012c' + '00'.repeat(300)],
];

for (const [name, got, want] of encodings) {
  test(`der: ${name}`, () => assert.equal(got.toString('hex'), want));
}

test('oids round-trip, large arcs included', () => {
  for (const oid of ['2.5.29.17', '1.3.6.1.4.1.57683.2', '2.999.3', '1.2.840.113549.1.1.11']) {
    assert.equal(decodeOid(encodeOid(oid)), oid);
  }
  assert.throws(() => encodeOid('3.1'));
  assert.throws(() => encodeOid('1.40'));
  assert.throws(() => encodeOid('1.2.x'));
});

test('parseDer reads nested elements and their raw bytes', () => {
  const bytes = der.sequence(der.integer(5), der.sequence(der.utf8String('hé')), der.time(Date.UTC(2049, 11, 31, 23, 59, 59)));
  const root = parseDer(bytes);
  assert.equal(root.tag, Tag.sequence);
  assert.equal(root.children.length, 3);
  assert.deepEqual(root.bytes, bytes);
  assert.equal(root.children[0]?.contents[0], 5);
  assert.equal(root.children[1]?.children[0]?.contents.toString('utf8'), 'hé');
  assert.equal(readTime(root.children[2] as never), Date.UTC(2049, 11, 31, 23, 59, 59));
});

test('parseDer rejects what DER does not allow', () => {
  const bad: [string, string][] = [
    ['truncated contents', '300502010105'],
    ['trailing bytes', '05000000'],
    ['indefinite length', '30800000'],
    ['child past its parent', '3003020201'],
    ['empty input', ''],
  ];
  for (const [what, hex] of bad) assert.throws(() => parseDer(Buffer.from(hex, 'hex')), /asn1:/, what);
});
