// Which schemas are kinds, and under which group/version/kind: the
// `x-kubernetes-group-version-kind` list of each top-level schema, and the schema of every
// kind a path answers with (the resource's own, its list, a subresource's).

import type { StructShape } from '../../api/schema/shape.ts';
import { TokenRequest } from '../../api/types/authentication/v1/index.ts';
import { Scale } from '../../api/types/autoscaling/v1/index.ts';
import { Binding } from '../../api/types/core/v1/index.ts';
import {
  APIGroup, APIGroupList, APIResourceList, APIVersions, DeleteOptions, Status, WatchEvent,
} from '../../api/types/meta/v1/index.ts';
import { Eviction } from '../../api/types/policy/v1/index.ts';
import type { ResourceDef, SubresourceDef } from '../registry/resource.ts';

export interface Gvk {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

/** The schema of a kind by apiVersion ("v1", "apps/v1") and kind: ResourceRegistry.shape. */
export type ShapeLookup = (apiVersion: string, kind: string) => StructShape | undefined;

const apiVersion = (group: string, version: string): string => (group === '' ? version : `${group}/${version}`);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Subresource kinds the registry may not list (addKind is optional for them).
const SUBRESOURCE_KINDS: ReadonlyMap<string, StructShape> = new Map<string, StructShape>([
  ['autoscaling/v1/Scale', Scale as StructShape],
  ['v1/Binding', Binding as StructShape],
  ['policy/v1/Eviction', Eviction as StructShape],
  ['authentication.k8s.io/v1/TokenRequest', TokenRequest as StructShape],
]);

/** What a subresource is, as the documents lay it out. */
export type SubresourceStyle =
  /** exec, attach, portforward, proxy: "connect" operations answering a byte stream. */
  | 'connect'
  /** The log: a read answering text. */
  | 'log'
  /** A body of the subresource's kind (status, scale, binding, eviction, token …). */
  | 'object';

export interface ResolvedSubresource {
  readonly name: string;
  readonly gvk: Gvk;
  readonly style: SubresourceStyle;
  /** The schema of bodies and answers, for the 'object' style. */
  readonly shape: StructShape | undefined;
  readonly verbs: readonly string[];
}

/** Every subresource of a resource: status, partial updates (finalize), and the declared ones. */
export function subresourcesOf(def: ResourceDef, lookup: ShapeLookup): ResolvedSubresource[] {
  const own: Gvk = { group: def.group, version: def.version, kind: def.kind };
  const list: ResolvedSubresource[] = [];
  if (def.status !== undefined) list.push({ name: 'status', gvk: own, style: 'object', shape: def.shape, verbs: ['get', 'patch', 'update'] });
  for (const name of Object.keys(def.partialUpdates ?? {})) {
    list.push({ name, gvk: own, style: 'object', shape: def.shape, verbs: ['update'] });
  }
  for (const sub of def.subresources ?? []) list.push(resolve(def, sub, lookup));
  return list.sort((a, b) => compare(a.name, b.name));
}

function resolve(def: ResourceDef, sub: SubresourceDef, lookup: ShapeLookup): ResolvedSubresource {
  const gvk: Gvk = { group: sub.group ?? def.group, version: sub.version ?? def.version, kind: sub.kind };
  const verbs = [...sub.verbs];
  // Upstream's connect subresources take an options kind (PodExecOptions …) that only
  // carries query parameters; the log is read with PodLogOptions but reported as the pod.
  if (sub.name === 'log') return { name: sub.name, gvk, style: 'log', shape: undefined, verbs };
  if (gvk.kind.endsWith('Options')) return { name: sub.name, gvk, style: 'connect', shape: undefined, verbs };
  const shape = gvk.kind === def.kind && gvk.group === def.group && gvk.version === def.version
    ? def.shape
    : lookup(apiVersion(gvk.group, gvk.version), gvk.kind) ?? SUBRESOURCE_KINDS.get(`${apiVersion(gvk.group, gvk.version)}/${gvk.kind}`);
  return { name: sub.name, gvk, style: 'object', shape, verbs };
}

/** The discovery and meta kinds every group version's operations refer to. */
export const META_KINDS = { Status, DeleteOptions, WatchEvent, APIResourceList, APIGroup, APIGroupList, APIVersions } as const;

/** Each kind schema's group/version/kinds, by definition name, over everything served. */
export function kindIndex(defs: readonly ResourceDef[], lookup: ShapeLookup): Map<string, Gvk[]> {
  const index = new Map<string, Gvk[]>();
  const add = (shape: StructShape | undefined, gvk: Gvk): void => {
    if (shape === undefined) return;
    const list = index.get(shape.name) ?? [];
    if (!list.some((g) => g.group === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) list.push(gvk);
    index.set(shape.name, list);
  };
  const core = (kind: string): Gvk => ({ group: '', version: 'v1', kind });
  for (const kind of ['Status', 'APIResourceList', 'APIGroup', 'APIGroupList', 'APIVersions'] as const) add(META_KINDS[kind], core(kind));
  // DeleteOptions and WatchEvent are registered in every group version.
  const groupVersions = [{ group: '', version: 'v1' }, ...defs.map((d) => ({ group: d.group, version: d.version }))];
  for (const kind of ['DeleteOptions', 'WatchEvent'] as const) {
    for (const gv of groupVersions) add(META_KINDS[kind], { ...gv, kind });
  }
  for (const def of defs) {
    add(def.shape, { group: def.group, version: def.version, kind: def.kind });
    add(def.listShape, { group: def.group, version: def.version, kind: def.listKind });
    for (const sub of subresourcesOf(def, lookup)) add(sub.shape, sub.gvk);
  }
  for (const list of index.values()) list.sort(compareGvk);
  return index;
}

function compareGvk(a: Gvk, b: Gvk): number {
  return compare(a.group, b.group) || compare(a.version, b.version) || compare(a.kind, b.kind);
}
