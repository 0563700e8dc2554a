// Round trips over generated pods (seeded, so runs repeat): a two-way patch applied to the
// original gives the modified object, order included; a three-way patch applied to a live
// object gives the modified object plus what only the server set. One exception, upstream's:
// a list of scalars reordered into sorted order gets no patch (see two-way.test.ts), so
// finalizers are compared as sets.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Pod } from '../types/core/v1/index.ts';
import { applyStrategicMergePatch } from './strategic-merge.ts';
import { createThreeWayMergePatch, createTwoWayMergePatch } from './three-way.ts';

type Obj = Record<string, unknown>;

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number): () => Obj {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  /** A shuffled non-empty subset, or undefined (never an empty list). */
  const some = <T>(xs: readonly T[]): T[] | undefined => {
    const out = xs.filter(() => r() < 0.5).sort(() => r() - 0.5);
    return out.length === 0 ? undefined : out;
  };
  const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return () => {
    const containers = (some(['c1', 'c2', 'c3', 'c4']) ?? ['c1']).map((name) =>
      defined({
        name,
        image: pick(['x:1', 'x:2']),
        args: r() < 0.3 ? some(['-a', '-b', '-c']) : undefined,
        env: some(['A', 'B', 'C'])?.map((n) => ({ name: n, value: pick(['1', '2']) })),
        ports: some([80, 443, 8080])?.map((p) => ({ containerPort: p })),
      }),
    );
    const labels = some(['a', 'b', 'c'])?.map((k) => [k, pick(['1', '2'])] as const);
    const volumes = some(['v1', 'v2'])?.map((name) => (r() < 0.5 ? { name, emptyDir: {} } : { name, configMap: { name: pick(['cm1', 'cm2']) } }));
    return {
      metadata: defined({ name: 'p', labels: labels === undefined ? undefined : Object.fromEntries(labels), finalizers: some(['f1', 'f2', 'f3']) }),
      spec: defined({ containers, volumes, nodeSelector: r() < 0.3 ? { disk: pick(['ssd', 'hdd']) } : undefined }),
    };
  };
}

/** `obj` with fields only the server sets: a label, a finalizer, and a defaulted container field. */
function withServerFields(obj: Obj): Obj {
  const live = structuredClone(obj) as { metadata: Obj; spec: { containers: Obj[] } };
  live.metadata['labels'] = { ...(live.metadata['labels'] as Obj | undefined), srv: 'x' };
  live.metadata['finalizers'] = [...((live.metadata['finalizers'] as string[] | undefined) ?? []), 'srv-f'];
  for (const c of live.spec.containers) c['terminationMessagePath'] = '/dev/termination-log';
  return live as unknown as Obj;
}

function withoutServerFields(obj: Obj): Obj {
  const out = structuredClone(obj) as { metadata: Obj; spec: { containers?: Obj[] } };
  const labels = out.metadata['labels'] as Obj | undefined;
  if (labels !== undefined) {
    delete labels['srv'];
    if (Object.keys(labels).length === 0) delete out.metadata['labels'];
  }
  const finalizers = (out.metadata['finalizers'] as string[] | undefined)?.filter((f) => f !== 'srv-f');
  if (finalizers === undefined || finalizers.length === 0) delete out.metadata['finalizers'];
  else out.metadata['finalizers'] = finalizers;
  for (const c of out.spec.containers ?? []) delete c['terminationMessagePath'];
  return out as unknown as Obj;
}

/** `obj` with its finalizers sorted. */
function finalizersSorted(obj: unknown): unknown {
  const out = structuredClone(obj) as { metadata: Obj };
  const finalizers = out.metadata['finalizers'] as string[] | undefined;
  if (finalizers !== undefined) out.metadata['finalizers'] = [...finalizers].sort();
  return out;
}

test('round trip: two-way patches give the modified pod', () => {
  const next = generator(1);
  for (let i = 0; i < 400; i++) {
    const original = next();
    const modified = next();
    const patch = createTwoWayMergePatch(original, modified, Pod);
    const result = applyStrategicMergePatch(original, patch, Pod);
    assert.deepEqual(finalizersSorted(result), finalizersSorted(modified), JSON.stringify({ original, modified, patch }));
  }
});

test('round trip: three-way patches give the modified pod and keep server-set fields', () => {
  const next = generator(2);
  for (let i = 0; i < 400; i++) {
    const original = next();
    const modified = next();
    const live = withServerFields(original);
    const patch = createThreeWayMergePatch(original, modified, live, Pod);
    const result = applyStrategicMergePatch(live, patch, Pod) as { metadata: Obj; spec: { containers: Obj[] } };
    const context = JSON.stringify({ original, modified, patch });
    assert.deepEqual(finalizersSorted(withoutServerFields(result)), finalizersSorted(modified), context);
    // A map the configuration dropped goes whole, server-set keys included.
    const labelsDropped = (original['metadata'] as Obj)['labels'] !== undefined && (modified['metadata'] as Obj)['labels'] === undefined;
    assert.equal((result.metadata['labels'] as Obj | undefined)?.['srv'], labelsDropped ? undefined : 'x', context);
    const liveNames = new Set(((original['spec'] as Obj)['containers'] as Obj[]).map((c) => c['name']));
    for (const c of result.spec.containers) {
      assert.equal(c['terminationMessagePath'], liveNames.has(c['name']) ? '/dev/termination-log' : undefined, context);
    }
  }
});
