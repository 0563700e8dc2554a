// Test support: resources covering every layout the documents have (cluster-scoped with
// status and a partial update, namespaced with status, scale, create-only, log and connect
// subresources, a second group), declared with the real API types and no rules, so that
// these tests do not depend on the registry's strategies.

import type { StructShape } from '../../api/schema/shape.ts';
import { Deployment, DeploymentList } from '../../api/types/apps/v1/index.ts';
import { Lease, LeaseList } from '../../api/types/coordination/v1/index.ts';
import { ConfigMap, ConfigMapList, Namespace, NamespaceList, Pod, PodList } from '../../api/types/core/v1/index.ts';
import { nameIsDNSSubdomain } from '../../api/validation/names.ts';
import type { ResourceDef } from '../registry/resource.ts';

const rules = { validateName: nameIsDNSSubdomain };
const shape = (s: unknown): StructShape<never> => s as StructShape<never>;

export const testDefs: readonly ResourceDef[] = [
  {
    group: '', version: 'v1', resource: 'namespaces', singular: 'namespace', kind: 'Namespace', listKind: 'NamespaceList', namespaced: false,
    shape: shape(Namespace), listShape: NamespaceList as StructShape, strategy: rules, status: {},
    partialUpdates: { finalize: (input) => input },
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  {
    group: '', version: 'v1', resource: 'configmaps', singular: 'configmap', kind: 'ConfigMap', listKind: 'ConfigMapList', namespaced: true,
    shape: shape(ConfigMap), listShape: ConfigMapList as StructShape, strategy: rules,
  },
  {
    group: '', version: 'v1', resource: 'pods', singular: 'pod', kind: 'Pod', listKind: 'PodList', namespaced: true,
    shape: shape(Pod), listShape: PodList as StructShape, strategy: { ...rules, returnDeletedObject: true }, status: {},
    subresources: [
      { name: 'binding', kind: 'Binding', verbs: ['create'] },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'proxy', kind: 'PodProxyOptions', verbs: ['create', 'delete', 'get', 'head', 'options', 'patch', 'put'] },
    ],
  },
  {
    group: 'apps', version: 'v1', resource: 'deployments', singular: 'deployment', kind: 'Deployment', listKind: 'DeploymentList', namespaced: true,
    shape: shape(Deployment), listShape: DeploymentList as StructShape, strategy: rules, status: {},
    subresources: [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] }],
  },
  {
    group: 'coordination.k8s.io', version: 'v1', resource: 'leases', singular: 'lease', kind: 'Lease', listKind: 'LeaseList', namespaced: true,
    shape: shape(Lease), listShape: LeaseList as StructShape, strategy: rules,
  },
];

/** No kinds beyond the resources' own: subresource kinds come from the built-in table. */
export const noKinds = (): undefined => undefined;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every `$ref` in a document, with where it was found. */
export function refsOf(value: Json, at = '#'): Array<{ ref: string; at: string }> {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => refsOf(v, `${at}/${i}`));
  const out: Array<{ ref: string; at: string }> = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === '$ref' && typeof v === 'string') out.push({ ref: v, at });
    else out.push(...refsOf(v, `${at}/${k}`));
  }
  return out;
}
