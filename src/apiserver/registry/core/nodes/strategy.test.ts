import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorMessage } from '../../../../api/field-errors.ts';
import type { Node } from '../../../../api/types/core/v1/index.ts';
import { nodePrinter, nodeRoles, nodeStatus } from './printer.ts';
import { defaultNode, nodes } from './strategy.ts';
import { cidrFamily, validateNode, validateNodeUpdate } from './validation.ts';

const NOW = Date.parse('2025-05-01T12:00:00Z');

test('defaults: allocatable from capacity, podCIDR mirrors podCIDRs', () => {
  const node: Node = { spec: { podCIDR: '10.42.1.0/24' }, status: { capacity: { cpu: '4', memory: '8Gi' } } };
  defaultNode(node);
  assert.deepEqual(node.status?.allocatable, { cpu: '4', memory: '8Gi' });
  assert.deepEqual(node.spec, { podCIDR: '10.42.1.0/24', podCIDRs: ['10.42.1.0/24'] });
  const dual: Node = { spec: { podCIDRs: ['10.42.2.0/24', 'fd00:42:2::/64'] } };
  defaultNode(dual);
  assert.equal(dual.spec?.podCIDR, '10.42.2.0/24');
});

test('validateNode: taints, CIDRs, resources', () => {
  const cases: Array<[string, Node, string[]]> = [
    ['valid', { spec: { podCIDRs: ['10.42.0.0/24', 'fd00::/64'], taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } }, []],
    ['taint without effect', { spec: { taints: [{ key: 'k', effect: '' as 'NoSchedule' }] } }, ['metadata.taints[0].effect: Required value']],
    ['taint effect', { spec: { taints: [{ key: 'k', effect: 'Never' as 'NoSchedule' }] } }, [
      'metadata.taints[0].effect: Unsupported value: "Never": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]],
    ['duplicate taint', { spec: { taints: [{ key: 'k', value: 'a', effect: 'NoSchedule' }, { key: 'k', value: 'b', effect: 'NoSchedule' }] } }, [
      'metadata.taints[1]: Duplicate value: core.Taint{Key:"k", Value:"b", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    ]],
    ['bad CIDR', { spec: { podCIDRs: ['10.42.0.0'] } }, ['spec.podCIDRs[0]: Invalid value: "10.42.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ['two CIDRs of one family', { spec: { podCIDRs: ['10.42.0.0/24', '10.43.0.0/24'] } }, [
      'spec.podCIDRs: Invalid value: []string{"10.42.0.0/24", "10.43.0.0/24"}: may specify no more than one CIDR for each IP family',
    ]],
    ['negative capacity', { status: { capacity: { cpu: '-1' } } }, ['status.capacity.cpu: Invalid value: "-1": must be greater than or equal to 0']],
  ];
  for (const [name, node, expected] of cases) assert.deepEqual(validateNode(node).map(fieldErrorMessage), expected, name);
  assert.equal(cidrFamily('fd00::/129'), 0);
});

test('validateNodeUpdate: CIDRs and provider ID only from unset, unschedulable and taints may change', () => {
  const old: Node = { spec: { podCIDRs: ['10.42.0.0/24'], providerID: 'k8ts://n1' } };
  assert.deepEqual(validateNodeUpdate({ spec: { podCIDRs: ['10.42.0.0/24'], providerID: 'k8ts://n1', unschedulable: true } }, old), []);
  assert.deepEqual(validateNodeUpdate({ spec: { podCIDRs: ['10.42.9.0/24'], providerID: 'other' } }, old).map(fieldErrorMessage), [
    'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    'spec.providerID: Forbidden: node updates may not change providerID except from "" to valid',
  ]);
  assert.deepEqual(validateNodeUpdate({ spec: { podCIDRs: ['10.42.0.0/24'] } }, { spec: {} }), [], 'assigning CIDRs the first time');
});

test('node printer: status text, roles, wide columns', () => {
  const ready = { type: 'Ready', status: 'True' };
  const node: Node = {
    metadata: { name: 'n1', creationTimestamp: '2025-04-29T12:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '' } },
    status: {
      conditions: [ready],
      addresses: [{ type: 'InternalIP', address: '192.168.1.10' }, { type: 'Hostname', address: 'n1' }],
      nodeInfo: {
        machineID: '', systemUUID: '', bootID: '', kernelVersion: '6.1.0', osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.33.0', kubeProxyVersion: '', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
  assert.deepEqual(nodePrinter.cells(node, NOW), ['n1', 'Ready', 'control-plane,master', '2d', 'v1.33.0', '192.168.1.10', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.1.0', 'containerd://1.7.24']);
  const cases: Array<[Node, string]> = [
    [{}, 'Unknown'],
    [{ status: { conditions: [{ type: 'Ready', status: 'False' }] } }, 'NotReady'],
    [{ status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }, 'NotReady'],
    [{ spec: { unschedulable: true }, status: { conditions: [ready] } }, 'Ready,SchedulingDisabled'],
    [{ spec: { unschedulable: true } }, 'Unknown,SchedulingDisabled'],
  ];
  for (const [n, text] of cases) assert.equal(nodeStatus(n), text);
  assert.equal(nodeRoles({ metadata: { labels: { 'kubernetes.io/role': 'worker' } } }), 'worker');
  assert.equal(nodeRoles({}), '<none>');
  assert.deepEqual(nodePrinter.columns.map((c) => c.name), ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']);
});

test('the resource: cluster-scoped, status and proxy, selectable by unschedulable', () => {
  assert.deepEqual([nodes.namespaced, nodes.shortNames, nodes.subresources?.map((s) => s.kind)], [false, ['no'], ['NodeProxyOptions']]);
  assert.ok(nodes.status);
  assert.deepEqual(nodes.strategy.selectableFields?.({ spec: { unschedulable: true } }), { 'spec.unschedulable': 'true' });
  assert.deepEqual(nodes.strategy.selectableFields?.({}), { 'spec.unschedulable': 'false' });
});
