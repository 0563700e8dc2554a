import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import { jsonClone } from '../../../../api/json-equal.ts';
import type { Pod, PodSpec } from '../../../../api/types/core/v1/index.ts';
import { defaultPod } from './defaults.ts';
import { semanticEqual, specDiff, validatePodUpdate } from './validation-update.ts';

function stored(change: (spec: PodSpec, pod: Pod) => void = () => undefined): Pod {
  const pod: Pod = { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } };
  change(pod.spec as PodSpec, pod);
  defaultPod(pod);
  return pod;
}

const FORBIDDEN = 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,'
  + '`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),'
  + '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n';

const cases: Array<{ name: string; old?: (spec: PodSpec, pod: Pod) => void; change: (spec: PodSpec, pod: Pod) => void; expect: string[] | RegExp }> = [
  { name: 'nothing changes', change: () => undefined, expect: [] },
  { name: 'image', change: (s) => { (s.containers[0] ?? { name: '' }).image = 'nginx:1.28'; }, expect: [] },
  { name: 'init container image', old: (s) => { s.initContainers = [{ name: 'init', image: 'busybox:1' }]; }, change: (s) => { (s.initContainers?.[0] ?? { name: '' }).image = 'busybox:2'; }, expect: [] },
  { name: 'add a deadline', change: (s) => { s.activeDeadlineSeconds = 60; }, expect: [] },
  { name: 'shorten the deadline', old: (s) => { s.activeDeadlineSeconds = 60; }, change: (s) => { s.activeDeadlineSeconds = 30; }, expect: [] },
  {
    name: 'lengthen the deadline', old: (s) => { s.activeDeadlineSeconds = 60; }, change: (s) => { s.activeDeadlineSeconds = 90; },
    expect: ['spec.activeDeadlineSeconds: Invalid value: 90: must be less than or equal to previous value'],
  },
  {
    name: 'drop the deadline', old: (s) => { s.activeDeadlineSeconds = 60; }, change: (s) => { delete s.activeDeadlineSeconds; },
    expect: ['spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value'],
  },
  { name: 'add a container', change: (s) => { s.containers.push({ name: 'b', image: 'b:1', imagePullPolicy: 'IfNotPresent', terminationMessagePolicy: 'File' }); }, expect: ['spec.containers: Forbidden: pod updates may not add or remove containers'] },
  {
    name: 'change a command', change: (s) => { (s.containers[0] ?? { name: '' }).command = ['sh']; },
    expect: [`${FORBIDDEN}- spec.containers[0].command: null\n+ spec.containers[0].command: ["sh"]`],
  },
  { name: 'add a toleration', change: (s) => { s.tolerations = [...(s.tolerations ?? []), { key: 'gpu', operator: 'Exists' }]; }, expect: [] },
  { name: 'change tolerationSeconds', change: (s) => { s.tolerations = (s.tolerations ?? []).map((t) => ({ ...t, tolerationSeconds: 10 })); }, expect: [] },
  {
    name: 'remove a toleration', change: (s) => { s.tolerations = s.tolerations?.slice(1) ?? []; },
    expect: ['spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds'],
  },
  { name: 'remove a scheduling gate', old: (s) => { s.schedulingGates = [{ name: 'a' }, { name: 'b' }]; }, change: (s) => { s.schedulingGates = [{ name: 'b' }]; }, expect: [] },
  {
    name: 'add a scheduling gate', old: (s) => { s.schedulingGates = [{ name: 'a' }]; }, change: (s) => { s.schedulingGates = [{ name: 'a' }, { name: 'c' }]; },
    expect: ["spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'c'"],
  },
  { name: 'gated pod gains a node selector', old: (s) => { s.schedulingGates = [{ name: 'a' }]; }, change: (s) => { s.nodeSelector = { zone: 'a' }; }, expect: [] },
  {
    name: 'gated pod changes a node selector', old: (s) => { s.schedulingGates = [{ name: 'a' }]; s.nodeSelector = { zone: 'a' }; }, change: (s) => { s.nodeSelector = { zone: 'b' }; },
    expect: ['spec.nodeSelector: Invalid value: map[string]string{"zone":"b"}: only additions to spec.nodeSelector are allowed (no mutations or deletions)'],
  },
  { name: 'raise a negative grace period to 1', old: (s) => { s.terminationGracePeriodSeconds = -1; }, change: (s) => { s.terminationGracePeriodSeconds = 1; }, expect: [] },
  { name: 'change the grace period', change: (s) => { s.terminationGracePeriodSeconds = 5; }, expect: /^spec: Forbidden: pod updates may not change fields other than .*\n- spec.terminationGracePeriodSeconds: 30\n\+ spec.terminationGracePeriodSeconds: 5$/s },
  {
    name: 'add the mirror annotation', change: (s, p) => { s.nodeName = 'n'; p.metadata = { ...p.metadata, annotations: { 'kubernetes.io/config.mirror': 'x' } }; },
    expect: /metadata.annotations\[kubernetes.io\/config.mirror\]: Forbidden: may not add mirror pod annotation/,
  },
];

test('validatePodUpdate: only images, deadlines, tolerations, gates and grace may change', () => {
  for (const c of cases) {
    const old = stored(c.old);
    const next = jsonClone(old);
    c.change(next.spec as PodSpec, next);
    const messages = validatePodUpdate(next, old).map(fieldErrorMessage);
    if (c.expect instanceof RegExp) assert.match(messages.join('\n'), c.expect, c.name);
    else assert.deepEqual(messages, c.expect, c.name);
  }
});

test('semanticEqual treats missing and zero values alike; specDiff lists what differs', () => {
  assert.equal(semanticEqual({ a: [], b: '', c: false, d: 0, e: {} }, {}), true);
  assert.equal(semanticEqual({ a: ['x'] }, { a: [] }), false);
  assert.deepEqual(specDiff({ containers: [{ name: 'a', args: ['1'] }] }, { containers: [{ name: 'a', args: ['2'] }] }), [
    '- spec.containers[0].args[0]: "1"', '+ spec.containers[0].args[0]: "2"',
  ]);
});
