import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, Taint, Toleration } from '../../api/types/core/v1/index.ts';
import { evictionDecision, tolerates, type EvictionDecision } from './tolerations.ts';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const notReadySchedule: Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
const pod = (tolerations: Toleration[]): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], tolerations } });

test('tolerates matches key, operator, value and effect', () => {
  const cases: [Toleration, Taint, boolean][] = [
    [{ operator: 'Exists' }, unreachable, true],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }, unreachable, true],
    [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, unreachable, false],
    [{ key: 'other', operator: 'Exists' }, unreachable, false],
    [{ key: 'k', value: 'v' }, { key: 'k', value: 'v', effect: 'NoExecute' }, true],
    [{ key: 'k', operator: 'Equal', value: 'w' }, { key: 'k', value: 'v', effect: 'NoExecute' }, false],
  ];
  for (const [t, taint, want] of cases) assert.equal(tolerates(t, taint), want, JSON.stringify(t));
});

test('evictionDecision: now, after the shortest tolerationSeconds, or never', () => {
  const cases: { name: string; tolerations: Toleration[]; taints: Taint[]; want: EvictionDecision }[] = [
    { name: 'no NoExecute taints', tolerations: [], taints: [notReadySchedule], want: { kind: 'none' } },
    { name: 'not tolerated', tolerations: [], taints: [unreachable], want: { kind: 'now' } },
    { name: 'the API server default', tolerations: [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      taints: [unreachable], want: { kind: 'after', delayMs: 300_000 } },
    { name: 'the shortest wins', tolerations: [{ operator: 'Exists', tolerationSeconds: 60 }, { key: unreachable.key, operator: 'Exists', tolerationSeconds: 2 }],
      taints: [unreachable], want: { kind: 'after', delayMs: 2000 } },
    { name: 'tolerated forever', tolerations: [{ operator: 'Exists' }], taints: [unreachable], want: { kind: 'none' } },
    { name: 'zero seconds', tolerations: [{ operator: 'Exists', tolerationSeconds: 0 }], taints: [unreachable], want: { kind: 'now' } },
    { name: 'one of two taints untolerated', tolerations: [{ key: unreachable.key, operator: 'Exists' }],
      taints: [unreachable, { key: 'x', effect: 'NoExecute' }], want: { kind: 'now' } },
  ];
  for (const c of cases) assert.deepEqual(evictionDecision(pod(c.tolerations), c.taints), c.want, c.name);
});
