// Nodes (upstream's pkg/registry/core/node): cluster-scoped; a kubelet registers its node
// with status included; afterwards status changes only through nodes/status and the spec's
// pod CIDRs and provider ID only from unset to set.

import { Node, NodeList } from '../../../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { defaultResourceList } from '../pods/defaults-containers.ts';
import { nodePrinter } from './printer.ts';
import { validateNode, validateNodeUpdate } from './validation.ts';

export function defaultNode(node: Node): void {
  const status = node.status;
  if (status !== undefined) {
    // A node that reports no allocatable resources can give pods all it has.
    if (status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...status.capacity };
    defaultResourceList(status.capacity);
    defaultResourceList(status.allocatable);
  }
  const spec = node.spec;
  if (spec !== undefined) {
    // podCIDRs is the source of truth; podCIDR mirrors its first entry.
    if ((spec.podCIDRs ?? []).length === 0 && spec.podCIDR) spec.podCIDRs = [spec.podCIDR];
    const first = spec.podCIDRs?.[0];
    if (first === undefined) delete spec.podCIDR;
    else spec.podCIDR = first;
  }
}

export const nodes: ResourceDef<Node> = {
  group: '', version: 'v1', resource: 'nodes', singular: 'node', kind: 'Node', listKind: 'NodeList',
  namespaced: false, shortNames: ['no'], shape: Node, listShape: NodeList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    allowUnconditionalUpdate: true,
    defaults: defaultNode,
    validate: validateNode,
    validateUpdate: (node, old) => [...validateNode(node), ...validateNodeUpdate(node, old)],
    selectableFields: (node) => ({ 'spec.unschedulable': String(node.spec?.unschedulable === true) }),
  },
  status: {
    // Status bodies are defaulted too (allocatable from capacity), as upstream decodes them.
    prepareForUpdate: (node) => defaultNode(node),
    validateUpdate: validateNodeUpdate,
  },
  subresources: [
    { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'head', 'options', 'patch', 'put'] },
  ],
  printer: nodePrinter,
};
