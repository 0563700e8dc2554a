// Discovery documents, derived from the resources the server serves: the legacy forms
// (/api, /apis, /apis/{group}, /api/v1, /apis/{group}/{version}) and the aggregated form
// (apidiscovery.k8s.io v2 and v2beta1) that kubectl 1.30+ asks for first.

import { ALL_VERBS, apiVersionOf, type ResourceDef } from '../registry/resource.ts';

export interface GroupVersions {
  readonly group: string;
  readonly versions: readonly string[];
}

/** The groups and their versions, in the order resources were registered (first = preferred). */
export function groupsOf(defs: readonly ResourceDef[]): GroupVersions[] {
  const groups = new Map<string, string[]>();
  for (const def of defs) {
    const versions = groups.get(def.group) ?? [];
    if (!versions.includes(def.version)) versions.push(def.version);
    groups.set(def.group, versions);
  }
  return [...groups].map(([group, versions]) => ({ group, versions }));
}

function subresourcesOf(def: ResourceDef): Array<{ name: string; kind: string; group: string; version: string; verbs: readonly string[] }> {
  const list = [];
  if (def.status !== undefined) list.push({ name: 'status', kind: def.kind, group: def.group, version: def.version, verbs: ['get', 'patch', 'update'] });
  for (const sub of def.subresources ?? []) {
    list.push({ name: sub.name, kind: sub.kind, group: sub.group ?? def.group, version: sub.version ?? def.version, verbs: sub.verbs });
  }
  return list.sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupDoc(group: GroupVersions): object {
  const versions = group.versions.map((version) => ({ groupVersion: `${group.group}/${version}`, version }));
  return { name: group.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(defs: readonly ResourceDef[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(defs).filter((g) => g.group !== '').map(groupDoc) };
}

export function apiGroup(defs: readonly ResourceDef[], name: string): object | undefined {
  const group = groupsOf(defs).find((g) => g.group === name && name !== '');
  return group === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...groupDoc(group) };
}

/** /api/v1 or /apis/{group}/{version}; undefined when nothing is served there. */
export function apiResourceList(defs: readonly ResourceDef[], group: string, version: string): object | undefined {
  const served = defs.filter((d) => d.group === group && d.version === version);
  if (served.length === 0) return undefined;
  const resources: object[] = [];
  for (const def of served) {
    resources.push({
      name: def.resource,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: [...(def.verbs ?? ALL_VERBS)],
      ...(def.shortNames === undefined ? {} : { shortNames: [...def.shortNames] }),
      ...(def.categories === undefined ? {} : { categories: [...def.categories] }),
    });
    for (const sub of subresourcesOf(def)) {
      resources.push({
        name: `${def.resource}/${sub.name}`,
        singularName: '',
        namespaced: def.namespaced,
        ...(sub.group === def.group ? {} : { group: sub.group }),
        ...(sub.version === def.version ? {} : { version: sub.version }),
        kind: sub.kind,
        verbs: [...sub.verbs],
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

/**
 * The aggregated discovery document for /api (legacy: only the core group, named "") or
 * /apis (every other group), as apidiscovery.k8s.io/{version} APIGroupDiscoveryList.
 */
export function aggregatedDiscovery(defs: readonly ResourceDef[], prefix: 'api' | 'apis', version: 'v2' | 'v2beta1'): object {
  const groups = groupsOf(defs).filter((g) => (prefix === 'api' ? g.group === '' : g.group !== ''));
  const items = groups.map((group) => ({
    metadata: { name: group.group },
    versions: group.versions.map((v) => ({
      version: v,
      resources: defs.filter((d) => d.group === group.group && d.version === v).map((def) => ({
        resource: def.resource,
        responseKind: { group: def.group, version: def.version, kind: def.kind },
        scope: def.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: def.singular,
        verbs: [...(def.verbs ?? ALL_VERBS)],
        ...(def.shortNames === undefined ? {} : { shortNames: [...def.shortNames] }),
        ...(def.categories === undefined ? {} : { categories: [...def.categories] }),
        ...(subresourcesOf(def).length === 0 ? {} : {
          subresources: subresourcesOf(def).map((sub) => ({
            subresource: sub.name,
            responseKind: { group: sub.group, version: sub.version, kind: sub.kind },
            verbs: [...sub.verbs],
          })),
        }),
      })),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

/** The exact Content-Type kubectl recognizes aggregated discovery by. */
export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
