// The OpenAPI 3.0 documents upstream serves under /openapi/v3: one per group version
// ("api/v1", "apis/apps/v1"), one per group ("apis/apps", its discovery endpoint), "api" and
// "apis"; and the root listing them, each under a URL carrying the hash of its content so
// that clients may cache it forever (kubectl does).
//
// kubectl 1.29+ reads a group version's document before create/apply/replace/edit: a `patch`
// operation with a single-object x-kubernetes-group-version-kind and a `fieldValidation`
// query parameter means the server validates fields itself. `kubectl explain` finds a kind's
// schema by the x-kubernetes-group-version-kind list on components.schemas.

import type { ResourceDef } from '../registry/resource.ts';
import { schemaCatalogue, type SchemaCatalogue } from './components.ts';
import { META_KINDS, type ShapeLookup } from './kinds.ts';
import { groupVersionKey, groupWord, tagOf } from './naming.ts';
import type { Param } from './parameters.ts';
import { groupVersionPaths, type Operation, type PathEntry, type Produces } from './routes.ts';
import { refPrefix, type Json, type JsonObject } from './schemas.ts';

/** The media types an operation's answers come in, by what it produces. */
export const MEDIA_TYPES: Readonly<Record<Produces, readonly string[]>> = {
  object: ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml'],
  list: ['application/json', 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/yaml'],
  text: ['application/json', 'application/vnd.kubernetes.protobuf', 'application/yaml', 'text/plain'],
  any: ['*/*'],
};

export const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] as const;

export const REPLY_DESCRIPTIONS = { 200: 'OK', 201: 'Created', 202: 'Accepted' } as const;

/** The group versions served, and the groups, in registration order. */
export function servedGroupVersions(defs: readonly ResourceDef[]): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const d of defs) seen.set(`${d.group}/${d.version}`, { group: d.group, version: d.version });
  return [...seen.values()];
}

/** Every /openapi/v3 document, by its key in the root ("api/v1", "apis/apps", "api" …). */
export function buildOpenApiV3(defs: readonly ResourceDef[], lookup: ShapeLookup): Map<string, JsonObject> {
  const catalogue = schemaCatalogue(defs, lookup);
  const docs = new Map<string, JsonObject>();
  const gvs = servedGroupVersions(defs);
  if (gvs.some((gv) => gv.group === '')) {
    docs.set('api', discoveryDocument(catalogue, '/api/', 'getCoreAPIVersions', 'get available API versions', 'core', META_KINDS.APIVersions.name));
  }
  docs.set('apis', discoveryDocument(catalogue, '/apis/', 'getAPIVersions', 'get available API versions', 'apis', META_KINDS.APIGroupList.name));
  for (const { group, version } of gvs) {
    if (group !== '' && !docs.has(`apis/${group}`)) {
      docs.set(`apis/${group}`, discoveryDocument(catalogue, `/apis/${group}/`, `get${groupWord(group)}APIGroup`, 'get information of a group', tagOf(group), META_KINDS.APIGroup.name));
    }
    docs.set(groupVersionKey(group, version), document(catalogue, groupVersionPaths(defs, group, version, lookup)));
  }
  return docs;
}

function discoveryDocument(catalogue: SchemaCatalogue, path: string, operationId: string, description: string, tag: string, schema: string): JsonObject {
  const op: Operation = { method: 'get', operationId, description, tag, params: [], replies: [{ code: '200', schema }], produces: 'object' };
  return document(catalogue, [{ path, params: [], operations: [op] }]);
}

function document(catalogue: SchemaCatalogue, paths: readonly PathEntry[]): JsonObject {
  const rendered: JsonObject = {};
  for (const entry of paths) {
    const item: JsonObject = {};
    for (const op of sortedOperations(entry)) item[op.method] = operation(op);
    if (entry.params.length > 0) item['parameters'] = entry.params.map(parameter);
    rendered[entry.path] = item;
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: rendered,
    components: {
      schemas: catalogue.definitionsFor(paths, 'v3'),
      securitySchemes: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    },
  };
}

export const sortedOperations = (entry: PathEntry): Operation[] =>
  [...entry.operations].sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0));

function parameter(p: Param): JsonObject {
  return {
    description: p.description, in: p.in, name: p.name,
    ...(p.required === true ? { required: true } : {}),
    schema: { type: p.type, uniqueItems: true },
  };
}

const schemaRef = (name: string | undefined): JsonObject => (name === undefined ? { type: 'string' } : { $ref: `${refPrefix('v3')}${name}` });

function operation(op: Operation): JsonObject {
  const out: JsonObject = { description: op.description, operationId: op.operationId };
  if (op.params.length > 0) out['parameters'] = op.params.map(parameter);
  if (op.body !== undefined) {
    const types = op.body.patch ? PATCH_TYPES : ['*/*'];
    const content: JsonObject = {};
    for (const t of types) content[t] = { schema: schemaRef(op.body.schema) };
    out['requestBody'] = op.body.required ? { content, required: true } : { content };
  }
  const responses: JsonObject = {};
  for (const reply of op.replies) {
    const content: JsonObject = {};
    for (const t of MEDIA_TYPES[op.produces]) content[t] = { schema: schemaRef(reply.schema) };
    responses[reply.code] = { content, description: REPLY_DESCRIPTIONS[reply.code] };
  }
  responses['401'] = { description: 'Unauthorized' };
  out['responses'] = responses;
  out['tags'] = [op.tag];
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action;
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = gvkObject(op.gvk);
  return out;
}

export const gvkObject = (g: { group: string; version: string; kind: string }): Json => ({ group: g.group, kind: g.kind, version: g.version });
