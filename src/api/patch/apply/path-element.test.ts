import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareGoStrings } from '../../go-format.ts';
import { compareElements, fieldElement } from './path-element.ts';

test('field elements sort by the UTF-8 bytes of their names, as Go compares strings', () => {
  // ASCII, Latin-1, the private use area above the surrogates, and astral characters (surrogate
  // pairs, which UTF-16 order would put before U+E000..U+FFFF).
  const names = ['', 'a', 'ab', 'b', 'B', 'A', 'a-b', 'a.b', 'zz', 'é', 'z\u{1F600}', 'z\uFFFD', '\u{10000}', '\uE000', 'ab\u{1F600}', 'ab\uFFFF'];
  for (const x of names) {
    for (const y of names) assert.equal(compareElements(fieldElement(x), fieldElement(y)), compareGoStrings(x, y), `${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
  }
  assert.equal(compareElements(fieldElement('z\u{1F600}'), fieldElement('z\uFFFD')), 1);
});
