// The REST verbs of every resource: get, list, watch, create, update, patch, delete and
// deletecollection, on the main resource and its status subresource. Everything here is
// protocol (parameters, encodings, status codes); the rules live in the registry.

import { JsonPatchError, applyJsonPatch } from '../../api/patch/json-patch.ts';
import { applyMergePatch } from '../../api/patch/merge-patch.ts';
import { applyStrategicMergePatch } from '../../api/patch/strategic-merge.ts';
import { StrategicMergeError } from '../../api/patch/strategic-errors.ts';
import { badRequest, invalid, methodNotSupported, notFound, StatusError, unsupportedMediaType } from '../../api/status.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import { defaultPrinter, toTable } from '../printers/table.ts';
import type { GenericStore, RequestScope, WrittenJson } from '../registry/generic-store.ts';
import { checkFieldSelector, listObjects } from '../registry/generic-read.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { apiVersionOf, type ApiObject, type DeleteOptionsLike } from '../registry/resource.ts';
import { duplicateFields } from '../../api/schema/duplicate-fields.ts';
import { encodeCachedList, fieldValidationOf, parseBody, typedObject } from './codec.ts';
import { bodyType, negotiateOutput, type Output } from './negotiation.ts';
import { dryRunOf, fieldSelectorOf, includeObjectOf, intParam, labelSelectorOf, propagationPolicyOf, resourceVersionMatchOf } from './query.ts';
import type { ResourceRequest } from './request-info.ts';
import { writeObject } from './respond.ts';
import { serveBinding } from './binding.ts';
import type { ServiceAccountTokens } from '../serviceaccount/tokens.ts';
import { serveTokenRequest } from '../serviceaccount/serve.ts';
import { applyPatch, trackWrite } from './field-manager.ts';
import { serveEviction } from './eviction.ts';
import { serveScale } from './scale.ts';
import type { Pod } from '../../api/types/core/v1/index.ts';
import { serveWatch } from './watch.ts';
import { isKubeletSubresource, serveKubeletRequest, type KubeletClientConfig } from './kubelet-proxy.ts';

export interface ResourceContext {
  readonly registry: ResourceRegistry;
  readonly now: () => number;
  /** Issues service-account tokens (serviceaccounts/token); absent in servers without a signing key. */
  readonly tokens?: ServiceAccountTokens | undefined;
  /** Credentials for reaching kubelets (pods/log, exec, attach, portforward, nodes/proxy); absent: those answer 503. */
  readonly kubelet?: KubeletClientConfig | undefined;
}

const NOT_FOUND_MESSAGE = 'the server could not find the requested resource';

function resourceNotFound(): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: NOT_FOUND_MESSAGE, reason: 'NotFound', details: {}, code: 404 });
}

export async function serveResource(ctx: ResourceContext, info: ResourceRequest, req: ApiRequest, res: ApiResponse): Promise<void> {
  const store = ctx.registry.find(info.group, info.version, info.resource);
  if (store === undefined) throw resourceNotFound();
  const def = store.def;
  if (!def.namespaced && info.namespace !== '' && info.resource !== 'namespaces') throw resourceNotFound();
  if (info.subresource === 'scale' && def.scale !== undefined) {
    if (!['get', 'update', 'patch'].includes(info.verb)) throw methodNotSupported({ group: def.group, resource: `${def.resource}/scale` }, info.verb);
    return serveScale(ctx, store, def.scale, { namespace: info.namespace, dryRun: dryRunOf(req.query) }, info.name, info.verb, req, res);
  }
  if (info.subresource === 'binding' && def.group === '' && def.resource === 'pods' && info.verb === 'create') {
    return serveBinding(ctx, store as unknown as GenericStore<Pod>, { namespace: info.namespace, dryRun: dryRunOf(req.query) }, info.name, req, res);
  }
  if (info.subresource === 'token' && def.group === '' && def.resource === 'serviceaccounts' && info.verb === 'create' && ctx.tokens !== undefined) {
    return serveTokenRequest(ctx.tokens, ctx.registry.shape, info.namespace, info.name, req, res);
  }
  if (info.subresource === 'eviction' && def.group === '' && def.resource === 'pods' && info.verb === 'create') {
    return serveEviction(ctx, store as unknown as GenericStore<Pod>, { namespace: info.namespace, dryRun: dryRunOf(req.query) }, info.name, req, res);
  }
  if (ctx.kubelet !== undefined && isKubeletSubresource(info)) {
    return serveKubeletRequest({ registry: ctx.registry, kubelet: ctx.kubelet }, info, req, res);
  }
  const updater = info.subresource === 'status' ? def.status !== undefined : def.partialUpdates?.[info.subresource] !== undefined;
  if (info.subresource !== '' && !updater) {
    const known = def.subresources?.some((s) => s.name === info.subresource) === true;
    if (!known) throw resourceNotFound();
    throw new StatusError({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'ServiceUnavailable', code: 503,
      message: `${info.resource}/${info.subresource} is not served yet by this k8ts build`,
      details: { name: info.name, group: info.group, kind: info.resource },
    });
  }
  const namespace = def.namespaced ? (info.resource === 'namespaces' ? '' : info.namespace) : '';
  const needsNamespace = def.namespaced && !['list', 'watch', 'deletecollection'].includes(info.verb);
  if (needsNamespace && namespace === '') throw resourceNotFound();
  const scope: RequestScope = { namespace, dryRun: dryRunOf(req.query) };
  const sub = info.subresource === '' ? undefined : info.subresource;
  if (sub !== undefined && !['get', 'update', 'patch'].includes(info.verb)) throw methodNotSupported({ group: def.group, resource: `${def.resource}/${sub}` }, info.verb);
  const verbs = def.verbs;
  if (verbs !== undefined && sub === undefined && !(verbs as readonly string[]).includes(info.verb)) throw methodNotSupported({ group: def.group, resource: def.resource }, info.verb);

  switch (info.verb) {
    case 'get':
      return serveGet(ctx, store, scope, info.name, req, res);
    case 'list':
      return serveList(ctx, store, scope, req, res);
    case 'watch':
      return serveWatch(ctx, store, scope, info.name, req, res);
    case 'create':
      return serveCreate(ctx, store, scope, info.name, req, res);
    case 'update':
      return serveUpdate(ctx, store, scope, info.name, sub, req, res);
    case 'patch':
      return servePatch(ctx, store, scope, info.name, sub, req, res);
    case 'delete':
      return serveDelete(ctx, store, scope, info.name, req, res);
    case 'deletecollection':
      return serveDeleteCollection(ctx, store, scope, req, res);
    default:
      throw methodNotSupported({ group: def.group, resource: def.resource }, info.verb);
  }
}

function outputFor(req: ApiRequest): Output {
  return negotiateOutput(req.headers['accept'], { table: true, metadata: true, protobuf: true });
}

/** An object or list as the client asked for it: itself, a Table, or its metadata only. */
function present(ctx: ResourceContext, store: GenericStore, objects: ApiObject[], single: boolean, output: Output, req: ApiRequest, listMeta: Record<string, unknown>): Record<string, unknown> {
  const def = store.def;
  if (output.as?.kind === 'Table') {
    return toTable(objects, def.printer ?? defaultPrinter, {
      includeObject: includeObjectOf(req.query), now: ctx.now(), version: output.as.version,
      ...(listMeta as { resourceVersion?: string; continue?: string; remainingItemCount?: number }),
    });
  }
  if (output.as?.kind === 'PartialObjectMetadata' || output.as?.kind === 'PartialObjectMetadataList') {
    const apiVersion = `meta.k8s.io/${output.as.version}`;
    const items = objects.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion, metadata: o.metadata ?? {} }));
    if (single && output.as.kind === 'PartialObjectMetadata') return items[0] ?? {};
    return { kind: 'PartialObjectMetadataList', apiVersion, metadata: listMeta, items: items.map(({ metadata }) => ({ metadata })) };
  }
  if (single) return objects[0] ?? {};
  return { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: listMeta, items: objects.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) };
}

async function serveGet(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const object = await store.get(scope, name);
  writeObject(res, 200, present(ctx, store, [object], true, output, req, {}), output.format, ctx.registry.shape);
}

async function serveList(ctx: ResourceContext, store: GenericStore, scope: RequestScope, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const fields = fieldSelectorOf(req.query);
  checkFieldSelector(store, fields, {});
  const page = await listObjects(store, scope, {
    labels: labelSelectorOf(req.query),
    fields,
    limit: Math.max(0, intParam(req.query, 'limit') ?? 0),
    continue: req.query.get('continue') || undefined,
    resourceVersion: req.query.get('resourceVersion') ?? undefined,
    resourceVersionMatch: resourceVersionMatchOf(req.query),
  });
  const listMeta: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continue !== undefined) listMeta['continue'] = page.continue;
  if (page.remainingItemCount !== undefined) listMeta['remainingItemCount'] = page.remainingItemCount;
  if (page.fromCache === true && output.format === 'json' && output.as === undefined && store.def.storedAs === undefined) {
    // The common case (informers, kubectl): each cached object is encoded once, not per LIST.
    const encoded = encodeCachedList(store.def.listKind, apiVersionOf(store.def), listMeta, page.items);
    res.send(200, encoded.body, encoded.contentType);
    return;
  }
  writeObject(res, 200, present(ctx, store, page.items, false, output, req, listMeta), output.format, ctx.registry.shape);
}

/** The request body as an object of the endpoint's kind, checked against its schema. */
async function readObject(ctx: ResourceContext, store: GenericStore, req: ApiRequest): Promise<{ object: ApiObject; warnings: string[] }> {
  const format = bodyType(req.headers['content-type'], ['json', 'yaml', 'protobuf']);
  if (format !== 'json' && format !== 'yaml' && format !== 'protobuf') throw unsupportedMediaType(['application/json']);
  const body = await req.body();
  const parsed = parseBody(body, format, ctx.registry.shape);
  const def = store.def;
  const validation = fieldValidationOf(req.query);
  const duplicates = format === 'json' && validation !== 'Ignore' ? duplicateFields(body.toString('utf8')) : [];
  return typedObject(parsed, { apiVersion: apiVersionOf(def), kind: def.kind, shape: def.shape }, validation, duplicates);
}

async function serveCreate(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  if (name !== '') throw methodNotSupported({ group: store.def.group, resource: store.def.resource }, 'create');
  const output = outputFor(req);
  const { object, warnings } = await readObject(ctx, store, req);
  const def = store.def;
  if (def.virtualCreate !== undefined) {
    // Answered, not stored: no metadata rules, only the resource's own.
    if (def.namespaced) (object.metadata ??= {}).namespace = scope.namespace;
    const errors = def.strategy.validate?.(object) ?? [];
    if (errors.length > 0) throw invalid({ group: def.group, kind: def.kind }, object.metadata?.name ?? '', errors);
    writeObject(res, 201, def.virtualCreate(object, { namespace: scope.namespace, user: req.user }), output.format, ctx.registry.shape, warnings);
    return;
  }
  // The decoded body is this request's own: the store takes it instead of copying it.
  const created = await store.createWithJson(scope, trackWrite(store, req, undefined, object, ctx.now()), true);
  writeObject(res, 201, created.object, output.format, ctx.registry.shape, warnings, created.json?.());
}

async function serveUpdate(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, sub: string | undefined, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const { object, warnings } = await readObject(ctx, store, req);
  const meta = (object.metadata ??= {}) as { managedFields?: unknown };
  const sentManagedFields = meta.managedFields;
  const result = await store.readModifyWrite(scope, name, async (live, cached) => {
    // trackWrite sets the body's managedFields in place: a second attempt starts from what was sent.
    if (sentManagedFields === undefined) delete meta.managedFields;
    else meta.managedFields = sentManagedFields;
    const tracked = trackWrite(store, req, live, object, ctx.now(), sub);
    return await store.update(scope, name, tracked, { ...(sub === undefined ? {} : { subresource: sub }), ...(live === undefined ? {} : { current: live, derived: cached }) });
  });
  writeObject(res, result.created ? 201 : 200, result.object, output.format, ctx.registry.shape, warnings, result.json?.());
}

async function servePatch(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, sub: string | undefined, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const type = bodyType(req.headers['content-type'], ['json-patch', 'merge-patch', 'strategic-merge-patch', 'apply-patch']);
  const text = (await req.body()).toString('utf8');
  if (type === 'apply-patch') {
    const applied = await applyPatch(store, scope, name, req, text, ctx.now(), fieldValidationOf(req.query), sub);
    writeObject(res, applied.created ? 201 : 200, applied.object, output.format, ctx.registry.shape, [], applied.json?.());
    return;
  }
  let patch: unknown;
  try {
    patch = JSON.parse(text);
  } catch (error) {
    throw badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`);
  }
  const def = store.def;
  const patchOnce = async (current: ApiObject | undefined, cached: boolean): Promise<{ object: ApiObject; json: WrittenJson; warnings: string[]; pinned: boolean }> => {
    if (current === undefined) throw notFound({ group: def.group, resource: def.resource }, name);
    let patched: unknown;
    try {
      patched = type === 'json-patch' ? applyJsonPatch(current, patch)
        : type === 'strategic-merge-patch' ? applyStrategicMergePatch(current, patch, def.shape)
          : applyMergePatch(current, patch);
    } catch (error) {
      if (error instanceof StrategicMergeError) throw strategicMergeStatus(error, { group: def.group, kind: def.kind }, name);
      if (error instanceof JsonPatchError) {
        throw invalid({ group: def.group, kind: def.kind }, name, [{ type: 'FieldValueInvalid', field: '', badValue: undefined, detail: error.message }]);
      }
      throw error;
    }
    if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) throw badRequest('the patch does not produce an object');
    const { object, warnings } = typedObject(patched as Record<string, unknown>, { apiVersion: apiVersionOf(def), kind: def.kind, shape: def.shape }, fieldValidationOf(req.query));
    // Without a resourceVersion in the patch, a concurrent write is retried on the new state.
    const pinned = (patched as ApiObject).metadata?.resourceVersion !== current.metadata?.resourceVersion;
    const meta = (object.metadata ??= {});
    if (!pinned) meta.resourceVersion = current.metadata?.resourceVersion ?? '';
    const options = { ...(sub === undefined ? {} : { subresource: sub }), current, derived: cached };
    const result = await store.update(scope, name, trackWrite(store, req, current, object, ctx.now(), sub), options);
    return { object: result.object, json: result.json, warnings, pinned };
  };
  for (let attempt = 0; ; attempt++) {
    let pinned = true;
    try {
      const result = await store.readModifyWrite(scope, name, async (current, cached) => {
        const outcome = await patchOnce(current, cached);
        pinned = outcome.pinned;
        return outcome;
      });
      writeObject(res, 200, result.object, output.format, ctx.registry.shape, result.warnings, result.json?.());
      return;
    } catch (error) {
      const retry = !pinned && error instanceof StatusError && error.reason === 'Conflict' && attempt < 5;
      if (!retry) throw error;
    }
  }
}

/** A failed strategic merge as upstream answers it: its status code, and no reason for a 500. */
function strategicMergeStatus(error: StrategicMergeError, kind: { group: string; kind: string }, name: string): StatusError {
  if (error.code === 422) return invalid(kind, name, [{ type: 'FieldValueInvalid', field: error.field ?? '', badValue: undefined, detail: error.message }]);
  if (error.code === 400) return badRequest(error.message);
  const reason = error.code === 409 ? 'Conflict' : '';
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: error.message, ...(reason === '' ? {} : { reason }), code: error.code });
}

async function deleteOptionsOf(req: ApiRequest): Promise<DeleteOptionsLike> {
  const body = await req.body();
  let options: DeleteOptionsLike = {};
  if (body.length > 0) {
    try {
      options = JSON.parse(body.toString('utf8')) as DeleteOptionsLike;
    } catch (error) {
      throw badRequest(`error decoding DeleteOptions: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const grace = intParam(req.query, 'gracePeriodSeconds');
  if (grace !== undefined) options.gracePeriodSeconds = grace;
  const policy = propagationPolicyOf(req.query.get('propagationPolicy') ?? options.propagationPolicy);
  if (policy !== undefined) options.propagationPolicy = policy;
  const orphan = req.query.get('orphanDependents');
  if (orphan !== null) options.orphanDependents = orphan === 'true';
  if (options.orphanDependents !== undefined && options.propagationPolicy !== undefined) {
    throw invalid({ group: 'meta.k8s.io', kind: 'DeleteOptions' }, '', [{ type: 'FieldValueInvalid', field: 'propagationPolicy', badValue: options.propagationPolicy, detail: 'orphanDependents and deletionPropagation cannot be both set' }]);
  }
  return options;
}

async function serveDelete(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const options = await deleteOptionsOf(req);
  if (options.dryRun !== undefined && options.dryRun.length > 0) scope = { ...scope, dryRun: true };
  const outcome = await store.delete(scope, name, options);
  const def = store.def;
  if (!outcome.deleted || def.strategy.returnDeletedObject === true) {
    writeObject(res, outcome.deleted ? 200 : 202, outcome.object, output.format, ctx.registry.shape, [], outcome.json?.());
    return;
  }
  const details: Record<string, string> = { name, kind: def.resource };
  if (def.group !== '') details['group'] = def.group;
  if (outcome.object.metadata?.uid !== undefined) details['uid'] = outcome.object.metadata.uid;
  writeObject(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details }, output.format, ctx.registry.shape);
}

async function serveDeleteCollection(ctx: ResourceContext, store: GenericStore, scope: RequestScope, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = outputFor(req);
  const options = await deleteOptionsOf(req);
  const fields = fieldSelectorOf(req.query);
  checkFieldSelector(store, fields, {});
  const page = await listObjects(store, scope, {
    labels: labelSelectorOf(req.query), fields, limit: 0, continue: undefined, resourceVersion: undefined, resourceVersionMatch: undefined,
  });
  const deleted: ApiObject[] = [];
  for (const object of page.items) {
    try {
      const outcome = await store.delete({ ...scope, namespace: object.metadata?.namespace ?? scope.namespace }, object.metadata?.name ?? '', options);
      deleted.push(outcome.object);
    } catch (error) {
      // Already gone is fine: someone else deleted it meanwhile.
      if (!(error instanceof StatusError && error.code === 404)) throw error;
    }
  }
  const def = store.def;
  writeObject(res, 200, { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: page.resourceVersion }, items: deleted }, output.format, ctx.registry.shape);
}

