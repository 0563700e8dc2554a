import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { ContainerStatus, Pod } from '../../../../api/types/core/v1/index.ts';
import { setPodCondition } from './binding.ts';
import { prepareStatusUpdate, validatePodStatusUpdate } from './status.ts';

const terminated = (exitCode: number): ContainerStatus => ({ name: 'app', image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } });
const running: ContainerStatus = { name: 'app', image: 'x', imageID: '', ready: true, restartCount: 1, state: { running: {} } };

function pod(restartPolicy: 'Always' | 'OnFailure' | 'Never', statuses: ContainerStatus[], extra: Pod['status'] = {}): Pod {
  return { spec: { restartPolicy, containers: [{ name: 'app', image: 'x' }] }, status: { qosClass: 'BestEffort', containerStatuses: statuses, ...extra } };
}

test('status updates: terminated containers of pods that do not restart stay terminated', () => {
  const cases: Array<[string, Pod, Pod, string[]]> = [
    ['Always may restart', pod('Always', [running]), pod('Always', [terminated(0)]), []],
    ['OnFailure after a failure', pod('OnFailure', [running]), pod('OnFailure', [terminated(1)]), []],
    ['OnFailure after success', pod('OnFailure', [running]), pod('OnFailure', [terminated(0)]), ['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']],
    ['Never', pod('Never', [running]), pod('Never', [terminated(1)]), ['status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state']],
    ['QoS is fixed', pod('Always', [], { qosClass: 'Guaranteed' }), pod('Always', []), ['status.qosClass: Invalid value: "Guaranteed": field is immutable']],
    ['pod IPs: one per family', pod('Always', [], { podIPs: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }] }), pod('Always', []), [
      'status.podIPs: Invalid value: []core.PodIP{core.PodIP{IP:"10.0.0.1"}, core.PodIP{IP:"10.0.0.2"}}: may specify no more than one IP for each IP family',
    ]],
    ['host IP must lead host IPs', pod('Always', [], { hostIP: '10.0.0.9', hostIPs: [{ ip: '10.0.0.8' }] }), pod('Always', []), [
      'status.hostIPs[0].ip: Invalid value: "10.0.0.8": must be equal to `hostIP`',
    ]],
  ];
  for (const [name, next, old, expected] of cases) assert.deepEqual(validatePodStatusUpdate(next, old).map(fieldErrorMessage), expected, name);
});

test('prepareStatusUpdate keeps the QoS class and observed generations a writer leaves out', () => {
  const old: Pod = { status: { qosClass: 'Burstable', observedGeneration: 3, conditions: [{ type: 'Ready', status: 'False', observedGeneration: 3 }] } };
  const next: Pod = { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } };
  prepareStatusUpdate(next, old);
  assert.deepEqual(next.status, { phase: 'Running', qosClass: 'Burstable', observedGeneration: 3, conditions: [{ type: 'Ready', status: 'True', observedGeneration: 3 }] });
});

test('setPodCondition moves the transition time only when the status changes', () => {
  const p: Pod = { status: { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', lastTransitionTime: 't0' }] } };
  setPodCondition(p, { type: 'PodScheduled', status: 'False' }, 't1');
  assert.deepEqual(p.status?.conditions, [{ type: 'PodScheduled', status: 'False', lastTransitionTime: 't0' }]);
  setPodCondition(p, { type: 'PodScheduled', status: 'True' }, 't2');
  assert.deepEqual(p.status?.conditions, [{ type: 'PodScheduled', status: 'True', lastTransitionTime: 't2' }]);
});
