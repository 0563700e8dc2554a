// Interplay with client-side apply's last-applied-configuration annotation, for the manager
// "kubectl" only (upstream's lastAppliedManager and lastAppliedUpdater):
// - a server-side apply by "kubectl" that conflicts only on fields whose live values still
//   match the annotation is forced: those fields were set by the same user's client-side
//   applies, so taking them over is the migration, not a conflict;
// - after such an apply, an object that carries the annotation gets it rewritten to the new
//   configuration, so that a later client-side apply diffs against the right thing.

import { compare } from './compare.ts';
import type { FieldSet } from './field-set.ts';
import { goJson, isObject } from './go-json.ts';
import { toFieldSet } from './to-field-set.ts';
import type { StructNode } from './type-node.ts';
import { validateConfig } from './validate.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The manager whose applies upgrade from, and keep in step with, client-side apply. */
export const KUBECTL_MANAGER = 'kubectl';

function annotationsOf(obj: unknown): Record<string, unknown> | undefined {
  const meta = isObject(obj) ? obj['metadata'] : undefined;
  const annotations = isObject(meta) ? meta['annotations'] : undefined;
  return isObject(annotations) ? annotations : undefined;
}

export function lastAppliedOf(obj: unknown): string | undefined {
  const value = annotationsOf(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The fields a client-side apply set that still hold the values it set: the conflicts a
 * "kubectl" server-side apply may override. Undefined when there is no usable annotation (none,
 * not JSON, another apiVersion, or not valid for the schema).
 */
export function allowedConflictsFromLastApplied(root: StructNode, apiVersion: string, live: unknown, liveView: unknown): FieldSet | undefined {
  const text = lastAppliedOf(live);
  if (text === undefined) return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(lastApplied) || lastApplied['apiVersion'] !== apiVersion) return undefined;
  if (validateConfig(root, lastApplied) !== undefined) return undefined;
  const c = compare(root, lastApplied, liveView);
  return toFieldSet(root, lastApplied).difference(c.modified).difference(c.added).difference(c.removed);
}

/**
 * The annotation's new value: the applied configuration without the annotation itself, as
 * upstream encodes an unstructured object (keys sorted, HTML escaped, newline-terminated).
 */
export function encodeLastApplied(config: Record<string, unknown>): string {
  const meta = config['metadata'];
  let copy = config;
  if (isObject(meta) && isObject(meta['annotations'])) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...annotations } = meta['annotations'];
    copy = { ...config, metadata: { ...meta, annotations } };
  }
  return goJson(copy) + '\n';
}

/** `obj` with its last-applied annotation replaced by `value` (a copy along that path). */
export function withLastApplied(obj: Record<string, unknown>, value: string): Record<string, unknown> {
  const meta = isObject(obj['metadata']) ? obj['metadata'] : {};
  const annotations = isObject(meta['annotations']) ? meta['annotations'] : {};
  return { ...obj, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED_ANNOTATION]: value } } };
}
