// The Swagger 2.0 document upstream serves at /openapi/v2: every path of every group version
// and the discovery endpoints, with `definitions` for every kind they use. kubectl 1.27/1.28
// (and later ones when v3 is missing) read it in its protobuf form (openapi-v2-proto.ts) to
// find whether the server validates fields, and to validate manifests themselves otherwise.

import type { ResourceDef } from '../registry/resource.ts';
import { schemaCatalogue } from './components.ts';
import { META_KINDS, type ShapeLookup } from './kinds.ts';
import { groupWord, tagOf } from './naming.ts';
import { gvkObject, MEDIA_TYPES, PATCH_TYPES, REPLY_DESCRIPTIONS, servedGroupVersions, sortedOperations } from './openapi-v3.ts';
import type { Param } from './parameters.ts';
import { groupVersionPaths, type Operation, type PathEntry } from './routes.ts';
import { refPrefix, type JsonObject } from './schemas.ts';

export function buildOpenApiV2(defs: readonly ResourceDef[], lookup: ShapeLookup): JsonObject {
  const catalogue = schemaCatalogue(defs, lookup);
  const discovery = (path: string, operationId: string, description: string, tag: string, schema: string): PathEntry => ({
    path, params: [],
    operations: [{ method: 'get', operationId, description, tag, params: [], replies: [{ code: '200', schema }], produces: 'object' }],
  });
  const gvs = servedGroupVersions(defs);
  const paths: PathEntry[] = [discovery('/apis/', 'getAPIVersions', 'get available API versions', 'apis', META_KINDS.APIGroupList.name)];
  if (gvs.some((gv) => gv.group === '')) paths.push(discovery('/api/', 'getCoreAPIVersions', 'get available API versions', 'core', META_KINDS.APIVersions.name));
  const groups = new Set<string>();
  for (const { group, version } of gvs) {
    if (group !== '' && !groups.has(group)) {
      groups.add(group);
      paths.push(discovery(`/apis/${group}/`, `get${groupWord(group)}APIGroup`, 'get information of a group', tagOf(group), META_KINDS.APIGroup.name));
    }
    paths.push(...groupVersionPaths(defs, group, version, lookup));
  }
  paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const rendered: JsonObject = {};
  for (const entry of paths) {
    const item: JsonObject = {};
    for (const op of sortedOperations(entry)) item[op.method] = operation(op);
    if (entry.params.length > 0) item['parameters'] = entry.params.map(parameter);
    rendered[entry.path] = item;
  }
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: rendered,
    definitions: catalogue.definitionsFor(paths, 'v2'),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', in: 'header', name: 'authorization', type: 'apiKey' } },
    security: [{ BearerToken: [] }],
  };
}

function parameter(p: Param): JsonObject {
  return {
    description: p.description, in: p.in, name: p.name,
    ...(p.required === true ? { required: true } : {}),
    type: p.type, uniqueItems: true,
  };
}

const schemaRef = (name: string | undefined): JsonObject => (name === undefined ? { type: 'string' } : { $ref: `${refPrefix('v2')}${name}` });

function operation(op: Operation): JsonObject {
  const params = op.params.map(parameter);
  if (op.body !== undefined) {
    params.unshift({ in: 'body', name: 'body', ...(op.body.required ? { required: true } : {}), schema: schemaRef(op.body.schema) });
  }
  const responses: JsonObject = {};
  for (const reply of op.replies) responses[reply.code] = { description: REPLY_DESCRIPTIONS[reply.code], schema: schemaRef(reply.schema) };
  responses['401'] = { description: 'Unauthorized' };
  const out: JsonObject = {
    consumes: op.body?.patch === true ? [...PATCH_TYPES] : ['*/*'],
    description: op.description,
    operationId: op.operationId,
  };
  if (params.length > 0) out['parameters'] = params;
  out['produces'] = [...MEDIA_TYPES[op.produces]];
  out['responses'] = responses;
  out['schemes'] = ['https'];
  out['tags'] = [op.tag];
  if (op.action !== undefined) out['x-kubernetes-action'] = op.action;
  if (op.gvk !== undefined) out['x-kubernetes-group-version-kind'] = gvkObject(op.gvk);
  return out;
}
