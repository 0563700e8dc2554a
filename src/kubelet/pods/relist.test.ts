import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, ContainerState } from '../cri/types.ts';
import { Relist } from './relist.ts';

function container(id: string, uid: string | undefined, state: ContainerState): Container {
  return { id, podSandboxId: 's', metadata: null, image: null, imageRef: '', state, createdAt: 0,
    labels: uid === undefined ? {} : { 'io.kubernetes.pod.uid': uid }, annotations: {} };
}

const R = 'CONTAINER_RUNNING';
const X = 'CONTAINER_EXITED';
const a1 = 'a1aaaaaaaaaaaaaaaa';
const a2 = 'a2aaaaaaaaaaaaaaaa';
const b1 = 'b1bbbbbbbbbbbbbbbb';

test('relist: the pods whose containers appeared, changed state or went away, with their fingerprints now', () => {
  const relist = new Relist();
  const rounds: { name: string; list: Container[]; want: Record<string, string> }[] = [
    { name: 'first list: every pod is new', list: [container(a1, 'A', R), container(b1, 'B', R), container('zz', undefined, R)],
      want: { A: `${a1.slice(0, 12)}:${R}`, B: `${b1.slice(0, 12)}:${R}` } },
    { name: 'nothing changed', list: [container(b1, 'B', R), container(a1, 'A', R)], want: {} },
    { name: 'one exited', list: [container(a1, 'A', X), container(b1, 'B', R)], want: { A: `${a1.slice(0, 12)}:${X}` } },
    { name: 'a second container of the same pod (in any order)', list: [container(a2, 'A', R), container(a1, 'A', X), container(b1, 'B', R)],
      want: { A: [`${a1.slice(0, 12)}:${X}`, `${a2.slice(0, 12)}:${R}`].sort().join(';') } },
    { name: 'a pod\'s containers removed', list: [container(a2, 'A', R), container(a1, 'A', X)], want: { B: '' } },
    { name: 'still gone', list: [container(a1, 'A', X), container(a2, 'A', R)], want: {} },
  ];
  for (const r of rounds) assert.deepEqual(Object.fromEntries(relist.changes(r.list)), r.want, r.name);
});
