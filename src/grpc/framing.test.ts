// Deframing: messages come out whole however the byte stream is cut into chunks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Deframer, frame, HEADER_BYTES } from './framing.ts';

const framed = (body: string): Buffer => {
  const b = Buffer.alloc(HEADER_BYTES + Buffer.byteLength(body));
  b.write(body, HEADER_BYTES);
  return frame(b);
};

test('messages split at every possible place', () => {
  const bodies = ['hello', '', 'a somewhat longer message', 'x'];
  const stream = Buffer.concat(bodies.map(framed));
  for (let cut = 0; cut <= stream.length; cut++) {
    for (const size of [1, 2, 3, 7, stream.length]) {
      const got: string[] = [];
      const d = new Deframer(1024);
      const chunks = [stream.subarray(0, cut), ...Array.from({ length: Math.ceil((stream.length - cut) / size) }, (_, i) => stream.subarray(cut + i * size, cut + (i + 1) * size))];
      for (const chunk of chunks) d.push(chunk, (m) => got.push(m.toString()));
      assert.deepEqual(got, bodies, `cut ${cut}, size ${size}`);
      assert.equal(d.partial, false);
    }
  }
});

test('bad headers are refused', () => {
  const cases: [Buffer, RegExp][] = [
    [Buffer.from([1, 0, 0, 0, 1, 0]), /compressed message/],
    [Buffer.from([2, 0, 0, 0, 0]), /invalid compressed flag 2/],
    [Buffer.from([0, 0, 0, 4, 1]), /larger than max \(1025 vs\. 1024\)/],
  ];
  for (const [bytes, message] of cases) assert.throws(() => new Deframer(1024).push(bytes, () => undefined), message);
  const d = new Deframer(1024);
  d.push(framed('abc').subarray(0, 6), () => assert.fail('incomplete'));
  assert.equal(d.partial, true);
});
