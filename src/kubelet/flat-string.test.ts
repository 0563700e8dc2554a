import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { flat } from './flat-string.ts';

test('flat answers the same string, whatever it is made of', () => {
  const cases: string[] = [
    '', 'plain', join('/a', 'b', '..', 'c', `${3}-termination-log`), `${'x'.repeat(1000)}${'y'.repeat(1000)}`, '12', ' 7 ', 'NaN', 'é\u0000∂',
  ];
  for (const s of cases) assert.equal(flat(s), s);
});
