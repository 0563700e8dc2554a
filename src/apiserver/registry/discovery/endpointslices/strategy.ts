// EndpointSlices: the addresses behind a Service, in slices of one address type. Ports
// default to TCP with an empty name; the address type never changes. deprecatedTopology
// cannot be written through discovery.k8s.io/v1: writes drop it, keeping only the node
// name it used to carry for endpoints that already had it.

import { jsonEqual } from '../../../../api/json-equal.ts';
import { EndpointSlice, EndpointSliceList } from '../../../../api/types/discovery/v1/index.ts';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../../../../api/validation/names.ts';
import type { ResourceDef } from '../../resource.ts';
import { endpointSlicePrinter } from './printer.ts';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './validation.ts';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** Upstream's dropTopologyOnV1. */
function dropTopology(slice: EndpointSlice, old: EndpointSlice | undefined): void {
  if (old !== undefined && jsonEqual(slice.endpoints ?? [], old.endpoints ?? [])) return;
  const previousNodes = new Set((old?.endpoints ?? []).flatMap((e) => {
    const node = e.deprecatedTopology?.[HOSTNAME_LABEL];
    return node === undefined ? [] : [node];
  }));
  for (const endpoint of slice.endpoints ?? []) {
    const node = endpoint.deprecatedTopology?.[HOSTNAME_LABEL];
    if (endpoint.nodeName === undefined && node !== undefined && previousNodes.has(node) && isDNS1123Subdomain(node).length === 0) {
      endpoint.nodeName = node;
    }
    delete endpoint.deprecatedTopology;
  }
}

export const endpointslices: ResourceDef<EndpointSlice> = {
  group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', singular: 'endpointslice', kind: 'EndpointSlice',
  listKind: 'EndpointSliceList', namespaced: true, shape: EndpointSlice, listShape: EndpointSliceList,
  strategy: {
    validateName: nameIsDNSSubdomain,
    // Changes to endpoints, ports or address type (everything outside metadata) bump generation.
    tracksGeneration: true,
    defaults(slice) {
      for (const port of slice.ports ?? []) {
        port.name ??= '';
        port.protocol ??= 'TCP';
      }
    },
    prepareForCreate: (slice) => dropTopology(slice, undefined),
    prepareForUpdate: (slice, old) => dropTopology(slice, old),
    validate: validateEndpointSlice,
    validateUpdate: validateEndpointSliceUpdate,
  },
  printer: endpointSlicePrinter,
};
