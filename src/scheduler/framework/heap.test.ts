import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedHeap } from './heap.ts';

interface Item { readonly name: string; readonly prio: number }
const byPrio = (a: Item, b: Item): boolean => a.prio > b.prio;

test('KeyedHeap pops highest priority first, equal ones first-in first-out', () => {
  const cases: { name: string; ops: (h: KeyedHeap<Item>) => void; want: string[] }[] = [
    { name: 'priority order', ops: (h) => [1, 5, 3].forEach((p) => h.push({ name: `p${p}`, prio: p })), want: ['p5', 'p3', 'p1'] },
    { name: 'ties keep insertion order', ops: (h) => ['a', 'b', 'c', 'd'].forEach((n) => h.push({ name: n, prio: 0 })), want: ['a', 'b', 'c', 'd'] },
    { name: 'delete from the middle', ops: (h) => { ['a', 'b', 'c'].forEach((n, i) => h.push({ name: n, prio: i })); h.delete('b'); }, want: ['c', 'a'] },
    { name: 'push of a known key replaces and re-positions it', ops: (h) => { h.push({ name: 'a', prio: 1 }); h.push({ name: 'b', prio: 2 }); h.push({ name: 'a', prio: 3 }); }, want: ['a', 'b'] },
  ];
  for (const c of cases) {
    const h = new KeyedHeap<Item>((i) => i.name, byPrio);
    c.ops(h);
    const out: string[] = [];
    for (let item = h.pop(); item !== undefined; item = h.pop()) out.push(item.name);
    assert.deepEqual(out, c.want, c.name);
    assert.equal(h.size, 0, c.name);
  }
});

test('KeyedHeap agrees with a sorted list under random pushes, deletes and pops', () => {
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const h = new KeyedHeap<Item>((i) => i.name, byPrio);
  let model: { item: Item; seq: number }[] = [];
  let seq = 0;
  for (let step = 0; step < 5000; step++) {
    const op = rand(3);
    const name = `k${rand(200)}`;
    if (op === 0 && !h.has(name)) {
      const item = { name, prio: rand(10) };
      h.push(item);
      model.push({ item, seq: seq++ });
    } else if (op === 1) {
      assert.equal(h.delete(name)?.name, model.find((m) => m.item.name === name)?.item.name);
      model = model.filter((m) => m.item.name !== name);
    } else {
      model.sort((a, b) => b.item.prio - a.item.prio || a.seq - b.seq);
      assert.equal(h.pop()?.name, model.shift()?.item.name);
    }
    assert.equal(h.size, model.length);
  }
});
