import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cachedObjectJson, encodeCachedList } from './codec.ts';

// A list built from cached item encodings must be byte for byte the list JSON.stringify makes.
const cases: ReadonlyArray<{ name: string; metadata: Record<string, unknown>; items: Array<Record<string, unknown>> }> = [
  { name: 'empty', metadata: { resourceVersion: '7' }, items: [] },
  {
    name: 'items with type meta, nesting and non-ASCII text',
    metadata: { resourceVersion: '12', continue: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ', remainingItemCount: 3 },
    items: [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { 'app.kubernetes.io/name': 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
      { metadata: { name: 'b', annotations: { note: 'grüße "quoted" \u2028 ☃' } }, data: { k: 'v\n' } },
    ],
  },
];

for (const c of cases) {
  test(`encodeCachedList: ${c.name}`, () => {
    const expected = `${JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: c.metadata, items: c.items.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) })}\n`;
    for (let round = 0; round < 2; round++) {
      // The second round uses the encodings kept from the first.
      const encoded = encodeCachedList('PodList', 'v1', c.metadata, c.items);
      assert.equal(encoded.body, expected);
      assert.equal(encoded.contentType, 'application/json');
      assert.deepEqual(JSON.parse(encoded.body as string), JSON.parse(expected));
    }
  });
}

test('cachedObjectJson: the object\'s JSON, type meta included, the same on every call', () => {
  for (const object of cases.flatMap((c) => c.items)) {
    assert.equal(cachedObjectJson(object), JSON.stringify(object));
    assert.equal(cachedObjectJson(object), JSON.stringify(object));
  }
});
