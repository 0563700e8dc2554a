// Which resources the API server serves, read from its legacy discovery documents (/api/v1,
// /apis, /apis/{group}/{version}) as client-go's discovery client does: the namespace
// controller and the garbage collector work on whatever is served, never on a fixed list.
// (This belongs in src/client/discovery once other components need it.)

import type { RestClient } from '../../client/rest/client.ts';
import type { ResourceType } from '../../client/rest/types.ts';

export interface DiscoveredResource extends ResourceType {
  readonly kind: string;
  readonly verbs: readonly string[];
  /** True for the group's preferred version (what upstream's ServerPreferredResources returns). */
  readonly preferred: boolean;
}

export interface DiscoveryResult {
  readonly resources: readonly DiscoveredResource[];
  /** Group versions whose resource list could not be read: "group/version" → error. */
  readonly failures: ReadonlyMap<string, unknown>;
}

interface ApiResource { name: string; namespaced: boolean; kind: string; verbs?: string[] }
interface ApiResourceList { resources?: ApiResource[] }
interface ApiGroupList { groups?: Array<{ name: string; versions?: Array<{ version: string }>; preferredVersion?: { version: string } }> }

/** Reads every group version's resources (subresources left out); partial failures are reported, not thrown. */
export async function discoverResources(client: RestClient, signal?: AbortSignal): Promise<DiscoveryResult> {
  const opts = signal === undefined ? {} : { signal };
  const groupVersions: Array<{ group: string; version: string; preferred: boolean }> = [{ group: '', version: 'v1', preferred: true }];
  const groups = await client.request<ApiGroupList>({ method: 'GET', path: '/apis', ...opts });
  for (const group of groups.groups ?? []) {
    const preferred = group.preferredVersion?.version ?? group.versions?.[0]?.version;
    for (const v of group.versions ?? []) groupVersions.push({ group: group.name, version: v.version, preferred: v.version === preferred });
  }
  const resources: DiscoveredResource[] = [];
  const failures = new Map<string, unknown>();
  await Promise.all(groupVersions.map(async ({ group, version, preferred }) => {
    const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
    try {
      const list = await client.request<ApiResourceList>({ method: 'GET', path, ...opts });
      for (const r of list.resources ?? []) {
        if (r.name.includes('/')) continue;
        resources.push({ group, version, resource: r.name, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs ?? [], preferred });
      }
    } catch (err) {
      if (signal?.aborted === true) throw err;
      failures.set(group === '' ? version : `${group}/${version}`, err);
    }
  }));
  resources.sort((a, b) => (a.group + a.resource < b.group + b.resource ? -1 : 1));
  return { resources, failures };
}

/** `apps/v1` → { group: 'apps', version: 'v1' }; `v1` → core. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Finds the resource of a kind (upstream's RESTMapper.RESTMapping), in the exact version asked. */
export function resourceForKind(resources: readonly DiscoveredResource[], apiVersion: string, kind: string): DiscoveredResource | undefined {
  const { group, version } = parseApiVersion(apiVersion);
  return resources.find((r) => r.group === group && r.version === version && r.kind === kind)
    // An owner written with another version of its group is still the same object.
    ?? resources.find((r) => r.group === group && r.kind === kind && r.preferred);
}

export function supportsVerbs(resource: DiscoveredResource, ...verbs: string[]): boolean {
  return verbs.every((v) => resource.verbs.includes(v));
}
