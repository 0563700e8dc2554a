// The paths and operations of a group version, as upstream's installer lays them out: one
// model that the v3 and v2 writers render. Per resource (namespaced shown; cluster-scoped
// ones drop the namespace part and the "for all namespaces" paths):
//
//   {prefix}/namespaces/{namespace}/{resource}          list (get), create (post), deletecollection (delete)
//   {prefix}/namespaces/{namespace}/{resource}/{name}   read (get), replace (put), patch, delete
//   {prefix}/namespaces/{namespace}/{resource}/{name}/{subresource}
//   {prefix}/{resource}                                 list across namespaces
//   {prefix}/watch/…                                    the deprecated watch paths
//
// Each operation names its group/version/kind and action (x-kubernetes-group-version-kind and
// x-kubernetes-action) and lists its own query parameters; path-wide ones sit on the path.

import { ALL_VERBS, type ResourceDef } from '../registry/resource.ts';
import { subresourcesOf, META_KINDS, type Gvk, type ResolvedSubresource, type ShapeLookup } from './kinds.ts';
import { capitalize, groupVersionWord, pathPrefix, tagOf } from './naming.ts';
import {
  CREATE_PARAMS, DELETE_PARAMS, DELETECOLLECTION_PARAMS, LIST_PARAMS, nameParam, P, PATCH_PARAMS, SUBRESOURCE_QUERY, UPDATE_PARAMS, type Param,
} from './parameters.ts';
import { PATCH_DEFINITION } from './scalar-definitions.ts';

export type Method = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch';
export type Action = 'get' | 'list' | 'watch' | 'watchlist' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection' | 'connect';
/** The media types an operation answers in. */
export type Produces = 'object' | 'list' | 'text' | 'any';

export interface Reply {
  readonly code: '200' | '201' | '202';
  /** A definition name; undefined for a plain string (logs, connect streams). */
  readonly schema: string | undefined;
}

export interface Operation {
  readonly method: Method;
  readonly operationId: string;
  readonly description: string;
  readonly tag: string;
  readonly action?: Action;
  readonly gvk?: Gvk;
  readonly params: readonly Param[];
  readonly body?: { readonly schema: string; readonly patch: boolean; readonly required: boolean };
  readonly replies: readonly Reply[];
  readonly produces: Produces;
}

export interface PathEntry {
  readonly path: string;
  readonly params: readonly Param[];
  readonly operations: Operation[];
}

const byName = (params: readonly Param[]): Param[] => [...params].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.in < b.in ? -1 : 1));
const replies = (schema: string | undefined, ...codes: Reply['code'][]): Reply[] => codes.map((code) => ({ code, schema }));

/** Every path of one group version, sorted, beginning with its discovery document. */
export function groupVersionPaths(defs: readonly ResourceDef[], group: string, version: string, lookup: ShapeLookup): PathEntry[] {
  const tag = tagOf(group, version);
  const paths: PathEntry[] = [{
    path: `${pathPrefix(group, version)}/`,
    params: [],
    operations: [{
      method: 'get', operationId: `get${groupVersionWord(group, version)}APIResources`, description: 'get available resources', tag,
      params: [], replies: replies(META_KINDS.APIResourceList.name, '200'), produces: 'object',
    }],
  }];
  for (const def of defs) if (def.group === group && def.version === version) paths.push(...resourcePaths(def, lookup));
  return paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function resourcePaths(def: ResourceDef, lookup: ShapeLookup): PathEntry[] {
  const verbs = new Set<string>(def.verbs ?? ALL_VERBS);
  const gv = groupVersionWord(def.group, def.version);
  const scope = def.namespaced ? 'Namespaced' : '';
  const kind = def.kind;
  const gvk: Gvk = { group: def.group, version: def.version, kind };
  const tag = tagOf(def.group, def.version);
  const base = pathPrefix(def.group, def.version);
  const nsPart = def.namespaced ? '/namespaces/{namespace}' : '';
  const scopeParams = def.namespaced ? [P.namespace] : [];
  const collection = `${base}${nsPart}/${def.resource}`;
  const item = `${collection}/{name}`;
  const itemParams = byName([nameParam(kind), ...scopeParams, P.pretty]);
  const op = (method: Method, action: Action, operationId: string, description: string, rest: Pick<Operation, 'params' | 'replies' | 'produces'> & Partial<Operation>): Operation =>
    ({ method, action, operationId, description, tag, gvk, ...rest });
  const object = def.shape.name;
  const list = def.listShape?.name;
  const deleted = def.strategy.returnDeletedObject === true ? object : META_KINDS.Status.name;
  const out: PathEntry[] = [];

  const collectionOps: Operation[] = [];
  if (verbs.has('deletecollection')) {
    collectionOps.push(op('delete', 'deletecollection', `delete${gv}Collection${scope}${kind}`, `delete collection of ${kind}`, {
      params: byName(DELETECOLLECTION_PARAMS), body: { schema: META_KINDS.DeleteOptions.name, patch: false, required: false },
      replies: replies(META_KINDS.Status.name, '200'), produces: 'object',
    }));
  }
  if (verbs.has('list') && list !== undefined) {
    collectionOps.push(op('get', 'list', `list${gv}${scope}${kind}`, `list or watch objects of kind ${kind}`, { params: byName(LIST_PARAMS), replies: replies(list, '200'), produces: 'list' }));
  }
  if (verbs.has('create')) {
    collectionOps.push(op('post', 'post', `create${gv}${scope}${kind}`, `create a ${kind}`, {
      params: byName(CREATE_PARAMS), body: { schema: object, patch: false, required: true }, replies: replies(object, '200', '201', '202'), produces: 'object',
    }));
  }
  if (collectionOps.length > 0) out.push({ path: collection, params: byName([...scopeParams, P.pretty]), operations: collectionOps });

  const itemOps: Operation[] = [];
  if (verbs.has('delete')) {
    itemOps.push(op('delete', 'delete', `delete${gv}${scope}${kind}`, `delete a ${kind}`, {
      params: byName(DELETE_PARAMS), body: { schema: META_KINDS.DeleteOptions.name, patch: false, required: false }, replies: replies(deleted, '200', '202'), produces: 'object',
    }));
  }
  if (verbs.has('get')) itemOps.push(op('get', 'get', `read${gv}${scope}${kind}`, `read the specified ${kind}`, { params: [], replies: replies(object, '200'), produces: 'object' }));
  if (verbs.has('patch')) {
    itemOps.push(op('patch', 'patch', `patch${gv}${scope}${kind}`, `partially update the specified ${kind}`, {
      params: byName(PATCH_PARAMS), body: { schema: PATCH_DEFINITION.name, patch: true, required: true }, replies: replies(object, '200', '201'), produces: 'object',
    }));
  }
  if (verbs.has('update')) {
    itemOps.push(op('put', 'put', `replace${gv}${scope}${kind}`, `replace the specified ${kind}`, {
      params: byName(UPDATE_PARAMS), body: { schema: object, patch: false, required: true }, replies: replies(object, '200', '201'), produces: 'object',
    }));
  }
  if (itemOps.length > 0) out.push({ path: item, params: itemParams, operations: itemOps });

  if (def.namespaced && verbs.has('list') && list !== undefined) {
    out.push({
      path: `${base}/${def.resource}`, params: byName([...LIST_PARAMS, P.pretty]),
      operations: [op('get', 'list', `list${gv}${kind}ForAllNamespaces`, `list or watch objects of kind ${kind}`, { params: [], replies: replies(list, '200'), produces: 'list' })],
    });
  }
  if (verbs.has('watch')) {
    const watchEvent = META_KINDS.WatchEvent.name;
    const watchList = (path: string, operationId: string, params: Param[]): PathEntry => ({
      path, params: byName([...LIST_PARAMS, ...params, P.pretty]),
      operations: [op('get', 'watchlist', operationId, `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`, { params: [], replies: replies(watchEvent, '200'), produces: 'list' })],
    });
    out.push(watchList(`${base}/watch${nsPart}/${def.resource}`, `watch${gv}${scope}${kind}List`, scopeParams));
    out.push({
      path: `${base}/watch${nsPart}/${def.resource}/{name}`, params: byName([...LIST_PARAMS, nameParam(kind), ...scopeParams, P.pretty]),
      operations: [op('get', 'watch', `watch${gv}${scope}${kind}`, `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`, { params: [], replies: replies(watchEvent, '200'), produces: 'list' })],
    });
    if (def.namespaced) out.push(watchList(`${base}/watch/${def.resource}`, `watch${gv}${kind}ListForAllNamespaces`, []));
  }

  for (const sub of subresourcesOf(def, lookup)) out.push(...subresourcePaths(sub, { item, itemParams, gv, scope, kind, tag }));
  return out;
}

interface ItemContext {
  readonly item: string;
  readonly itemParams: readonly Param[];
  readonly gv: string;
  readonly scope: string;
  readonly kind: string;
  readonly tag: string;
}

const CONNECT_METHODS: Readonly<Record<string, Method>> = { get: 'get', create: 'post', delete: 'delete', head: 'head', options: 'options', patch: 'patch', put: 'put', update: 'put' };

function subresourcePaths(sub: ResolvedSubresource, c: ItemContext): PathEntry[] {
  const path = `${c.item}/${sub.name}`;
  const word = `${c.gv}${c.scope}${c.kind}${capitalize(sub.name)}`;
  const common = { tag: c.tag, gvk: sub.gvk };
  switch (sub.style) {
    case 'log':
      return [{
        path, params: c.itemParams,
        operations: [{ ...common, method: 'get', action: 'get', operationId: `read${word}`, description: `read log of the specified ${c.kind}`, params: byName(SUBRESOURCE_QUERY['log'] ?? []), replies: replies(undefined, '200'), produces: 'text' }],
      }];
    case 'connect': {
      const methods = [...new Set(sub.verbs.map((v) => CONNECT_METHODS[v]).filter((m) => m !== undefined))];
      const connect = (suffix: string, how: string): Operation[] => methods.map((method) => ({
        ...common, method, action: 'connect', operationId: `connect${c.gv}${capitalize(method)}${c.scope}${c.kind}${capitalize(sub.name)}${suffix}`,
        description: `connect ${method.toUpperCase()} requests to ${sub.name} of ${c.kind}${how}`, params: [], replies: replies(undefined, '200'), produces: 'any',
      }));
      const query = SUBRESOURCE_QUERY[sub.name] ?? [];
      const entries: PathEntry[] = [{ path, params: byName([...c.itemParams.filter((p) => p.name !== 'pretty'), ...query]), operations: connect('', '') }];
      // Proxies also take the rest of the URL as a path.
      if (sub.name === 'proxy') {
        entries.push({ path: `${path}/{path}`, params: byName([...c.itemParams.filter((p) => p.name !== 'pretty'), P.path, ...query]), operations: connect('WithPath', '') });
      }
      return entries;
    }
    case 'object': {
      const schema = sub.shape?.name;
      if (schema === undefined) return [];
      const operations: Operation[] = [];
      const verbs = new Set(sub.verbs);
      if (verbs.has('get')) operations.push({ ...common, method: 'get', action: 'get', operationId: `read${word}`, description: `read ${sub.name} of the specified ${c.kind}`, params: [], replies: replies(schema, '200'), produces: 'object' });
      if (verbs.has('patch')) {
        operations.push({
          ...common, method: 'patch', action: 'patch', operationId: `patch${word}`, description: `partially update ${sub.name} of the specified ${c.kind}`,
          params: byName(PATCH_PARAMS), body: { schema: PATCH_DEFINITION.name, patch: true, required: true }, replies: replies(schema, '200', '201'), produces: 'object',
        });
      }
      if (verbs.has('create')) {
        operations.push({
          ...common, method: 'post', action: 'post', operationId: `create${word}`, description: `create ${sub.name} of a ${c.kind}`,
          params: byName(CREATE_PARAMS), body: { schema, patch: false, required: true }, replies: replies(schema, '200', '201', '202'), produces: 'object',
        });
      }
      if (verbs.has('update')) {
        operations.push({
          ...common, method: 'put', action: 'put', operationId: `replace${word}`, description: `replace ${sub.name} of the specified ${c.kind}`,
          params: byName(UPDATE_PARAMS), body: { schema, patch: false, required: true }, replies: replies(schema, '200', '201'), produces: 'object',
        });
      }
      return operations.length === 0 ? [] : [{ path, params: c.itemParams, operations }];
    }
  }
}
