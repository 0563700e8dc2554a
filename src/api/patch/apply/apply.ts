// Server-side apply (PATCH with application/apply-patch+yaml), as upstream's FieldManager.Apply
// runs it: check the configuration's kind and version, attribute an untracked object's fields
// to "before-first-apply", merge the configuration into the live object, prune what the
// applier stopped applying, fail on fields other managers own with other values unless forced
// (for "kubectl", except where client-side apply's last-applied annotation shows the same
// user set them), and record the applier's fields.
//
// A pure function: the caller decodes the body, and afterwards defaults, validates and stores
// the returned object (for a create, after filling in the server-set metadata).

import type { Result } from '../../result.ts';
import { badRequest, StatusError } from '../../status.ts';
import { formatTime } from '../../schema/decode.ts';
import type { ManagedFieldsEntry } from '../../types/meta/v1/object-meta.ts';
import { conflictError, conflictsFromManagers } from './conflicts.ts';
import { isObject } from './go-json.ts';
import { objectView } from './go-view.ts';
import { KUBECTL_MANAGER, allowedConflictsFromLastApplied, encodeLastApplied, lastAppliedOf, withLastApplied } from './last-applied.ts';
import { cloneManaged, decodeManagedFields, encodeManagedFields, type Managed } from './managed-fields.ts';
import { applyIdentifier, scopeContext, stripMeta, trackedUpdate, type FieldManagerScope, type ScopeContext } from './pipeline.ts';
import { plainObject } from './plain-object.ts';
import { managedFieldsOf } from './update-tracking.ts';
import { compareViews, updaterApply, type ConflictSets } from './updater.ts';
import { validateConfig } from './validate.ts';

export interface ApplyOptions extends FieldManagerScope {
  /** The stored object; undefined when the apply creates it. */
  readonly live: unknown;
  /** The request body, parsed from YAML or JSON. */
  readonly applied: unknown;
  /** ?fieldManager= (required for apply; kubectl sends "kubectl"). */
  readonly manager: string;
  /** ?force=true: take conflicting fields over instead of failing. */
  readonly force: boolean;
  /** Milliseconds since the epoch, for the entry's time. */
  readonly now: number;
  /** The kind the endpoint serves; defaults to the last segment of the shape's name. */
  readonly kind?: string | undefined;
}

export interface ApplyResult {
  /** The object to store: live with the configuration applied, managedFields set. */
  readonly object: Record<string, unknown>;
  readonly managedFields: ManagedFieldsEntry[] | undefined;
  /** Whether anything but managedFields differs from the live object. */
  readonly changed: boolean;
}

/** A failure upstream reports without a Status of its own: 500 with no reason. */
function serverError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

function fail(error: StatusError): Result<never, StatusError> {
  return { ok: false, error };
}

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

function gvkString(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}, Kind=${gvk.kind}`;
}

/** The kind of an unstructured object, as upstream parses apiVersion (empty when malformed). */
function gvkOf(obj: Record<string, unknown>): GroupVersionKind {
  const apiVersion = typeof obj['apiVersion'] === 'string' ? obj['apiVersion'] : '';
  const kind = typeof obj['kind'] === 'string' ? obj['kind'] : '';
  const parts = apiVersion.split('/');
  if (apiVersion === '') return { group: '', version: '', kind };
  if (parts.length === 1) return { group: '', version: apiVersion, kind };
  if (parts.length === 2) return { group: parts[0] as string, version: parts[1] as string, kind };
  return { group: '', version: '', kind: '' };
}

function metaString(obj: Record<string, unknown>, key: string): string {
  const meta = obj['metadata'];
  const v = isObject(meta) ? meta[key] : undefined;
  return typeof v === 'string' ? v : '';
}

interface ChainOutcome {
  readonly object: unknown;
  readonly managed: Managed;
  readonly changed: boolean;
}

type ChainResult = Result<ChainOutcome, StatusError | ConflictSets>;

/** The part of upstream's chain that runs per attempt (the last-applied check may retry it). */
function applyOnce(ctx: ScopeContext, o: ApplyOptions, config: Record<string, unknown>, decoded: Managed, force: boolean): ChainResult {
  const live = o.live ?? {};
  const liveView = objectView(ctx.root, live);
  const managed = cloneManaged(decoded);
  if (managed.fields.size === 0 && o.live !== undefined) {
    trackedUpdate(ctx, compareViews(ctx, objectView(ctx.root, {}), liveView), managed, 'before-first-apply', o.now);
  }
  const meta = config['metadata'];
  if (isObject(meta) && meta['managedFields'] !== undefined && meta['managedFields'] !== null) {
    return { ok: false, error: badRequest('metadata.managedFields must be nil') };
  }
  const invalid = validateConfig(ctx.root, config);
  if (invalid !== undefined) {
    const where = `${metaString(config, 'namespace')}/${metaString(config, 'name')}; ${gvkString(gvkOf(config))}`;
    return { ok: false, error: serverError(`failed to create typed patch object (${where}): ${invalid}`) };
  }
  const id = applyIdentifier(ctx, o.manager);
  const outcome = updaterApply(ctx, live, liveView, config, managed.fields, id, force);
  if (!outcome.ok) {
    if (outcome.error.kind === 'conflicts') return { ok: false, error: outcome.error.conflicts };
    return { ok: false, error: serverError(`failed to merge config: ${outcome.error.errors.join('\n')}`) };
  }
  stripMeta(managed, id);
  const { object, changed } = outcome.value;
  if (changed) managed.times.set(id, formatTime(o.now));
  return { ok: true, value: { object: changed ? object : live, managed, changed } };
}

export function applyConfiguration(o: ApplyOptions): Result<ApplyResult, StatusError> {
  const ctx = scopeContext(o);
  const config = o.applied;
  if (!isObject(config)) {
    const got = Array.isArray(config) ? 'array' : config === null ? 'null' : typeof config;
    return fail(badRequest(`error decoding YAML: error unmarshaling JSON: json: cannot unmarshal ${got} into Go value of type map[string]interface {}`));
  }
  const decoded = decodeManagedFields(managedFieldsOf(o.live));
  if (!decoded.ok) return fail(serverError(`failed to decode managed fields: ${decoded.error}`));

  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const expected: GroupVersionKind = { group: group ?? '', version: version ?? '', kind: o.kind ?? o.shape.name.split('.').pop() ?? '' };
  const got = gvkOf(config);
  if (gvkString(got) !== gvkString(expected)) return fail(badRequest(`invalid object type: ${gvkString(got)}`));

  let result = applyOnce(ctx, o, config, decoded.value, o.force);
  if (!result.ok && !(result.error instanceof StatusError)) {
    let conflicts = conflictsFromManagers(result.error);
    const allowed = o.manager === KUBECTL_MANAGER
      ? allowedConflictsFromLastApplied(ctx.root, o.apiVersion, o.live, objectView(ctx.root, o.live ?? {}))
      : undefined;
    if (allowed !== undefined) conflicts = conflicts.filter((c) => !allowed.has(c.path));
    if (conflicts.length > 0) return fail(conflictError(conflicts));
    result = applyOnce(ctx, o, config, decoded.value, true);
  }
  if (!result.ok) return fail(result.error instanceof StatusError ? result.error : conflictError(conflictsFromManagers(result.error)));

  let object = plainObject(ctx.root, result.value.object) as Record<string, unknown>;
  let changed = result.value.changed;
  const previous = o.manager === KUBECTL_MANAGER ? lastAppliedOf(object) : undefined;
  if (previous !== undefined) {
    const annotation = encodeLastApplied(config);
    object = withLastApplied(object, annotation);
    changed ||= annotation !== previous;
  }
  const managedFields = encodeManagedFields(result.value.managed);
  const meta = isObject(object['metadata']) ? { ...object['metadata'] } : {};
  if (managedFields === undefined) delete meta['managedFields'];
  else meta['managedFields'] = managedFields;
  object = { ...object, metadata: meta };
  return { ok: true, value: { object, managedFields, changed } };
}
