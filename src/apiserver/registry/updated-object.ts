// The object an update stores, made from the request's object and the stored one, as upstream's
// generic registry prepares it before validation: an update of the main resource keeps status
// and the system's metadata as stored (and counts a spec change in metadata.generation), an
// update of status keeps everything but status, and other subresources (e.g. ephemeral
// containers) take what their resource says they change.

import { jsonClone, jsonEqual } from '../../api/json-equal.ts';
import { notFound } from '../../api/status.ts';
import { apiVersionOf, type ApiObject, type ResourceDef } from './resource.ts';

/** The object to store for an update of `subresource` (undefined: the main resource) of `old` with `input`. */
export function updatedObject<T extends ApiObject>(def: ResourceDef<T>, input: T, old: T, subresource: string | undefined): T {
  if (subresource === undefined) return specUpdate(def, input, old);
  if (subresource === 'status') return statusUpdate(def, input, old);
  const partial = def.partialUpdates?.[subresource];
  if (partial === undefined) throw notFound({ group: def.group, resource: def.resource }, `${old.metadata?.name ?? ''}/${subresource}`);
  return partial(input, old);
}

/** The update of the main resource: status and system metadata stay as stored. */
function specUpdate<T extends ApiObject>(def: ResourceDef<T>, input: T, old: T): T {
  const object = jsonClone(input);
  object.apiVersion = apiVersionOf(def);
  object.kind = def.kind;
  const meta = (object.metadata ??= {});
  const oldMeta = old.metadata ?? {};
  def.strategy.defaults?.(object);
  meta.name = oldMeta.name ?? '';
  if (def.namespaced) meta.namespace = oldMeta.namespace ?? '';
  else delete meta.namespace;
  meta.uid ||= oldMeta.uid ?? '';
  meta.creationTimestamp ||= oldMeta.creationTimestamp ?? '';
  copyOptional(meta, oldMeta, 'deletionTimestamp');
  copyOptional(meta, oldMeta, 'deletionGracePeriodSeconds');
  copyOptional(meta, oldMeta, 'generation');
  meta.resourceVersion = oldMeta.resourceVersion ?? '';
  if (def.status !== undefined) setField(object, 'status', old['status']);
  def.strategy.prepareForUpdate?.(object, old);
  if (def.strategy.tracksGeneration === true && !jsonEqual(withoutMetaAndStatus(object), withoutMetaAndStatus(old))) {
    meta.generation = (oldMeta.generation ?? 0) + 1;
  }
  return object;
}

/** The update of the status subresource: everything but status stays as stored. */
function statusUpdate<T extends ApiObject>(def: ResourceDef<T>, input: T, old: T): T {
  // Everything but status and metadata is shared with `old`, which is only read from here on:
  // the status strategies change status alone, and the store sets metadata.resourceVersion.
  const object = { ...old, metadata: { ...old.metadata } } as T;
  setField(object, 'status', jsonClone(input['status']));
  // Who owns which status fields is tracked too (the handler computed it on the input).
  const managed = (input.metadata as { managedFields?: unknown } | undefined)?.managedFields;
  if (managed !== undefined) (object.metadata as { managedFields?: unknown }).managedFields = managed;
  def.status?.prepareForUpdate?.(object, old);
  return object;
}

function copyOptional<K extends string>(target: Partial<Record<K, unknown>>, source: Partial<Record<K, unknown>>, field: K): void {
  if (source[field] === undefined) delete target[field];
  else target[field] = source[field];
}

function setField(object: ApiObject, field: string, value: unknown): void {
  if (value === undefined) delete object[field];
  else object[field] = value;
}

function withoutMetaAndStatus(object: ApiObject): Record<string, unknown> {
  const { metadata: _m, status: _s, ...rest } = object;
  return rest;
}
