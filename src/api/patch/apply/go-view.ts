// An object as upstream's field manager sees it. Upstream reads built-in objects from Go structs,
// where a field that JSON leaves out still has a value: non-pointer structs are always present
// (`resources: {}`), a nil slice without omitempty is `null` (`containers: null`), metav1.Time
// is `null` when zero, and so on. Which fields exist decides what a comparison reports as added
// (and so whether an Update manager owns a list or map itself, `"."` in FieldsV1), so the
// comparisons of live and new objects run on this view.
//
// k8ts objects are plain JSON where absent means "not set"; goView adds the values Go would
// hold, drops what Go's omitempty leaves out, and drops undeclared fields. It never changes the
// input.

import type { FieldDef, ScalarKind, StructShape } from '../../schema/shape.ts';
import { isObject } from './go-json.ts';
import type { PathElement } from './path-element.ts';
import type { StructNode, TypeNode } from './type-node.ts';

/** Scalars that are Go structs: present even with omitempty, with these zero values in JSON. */
const STRUCT_SCALAR_ZERO: Partial<Record<ScalarKind, unknown>> = {
  time: null,
  microtime: null,
  quantity: '0',
  duration: '0s',
  intOrString: 0,
  raw: null,
  fieldsV1: null,
};

const VOLUME_SOURCES = new Set(['Volume', 'VolumeSource', 'PersistentVolumeSpec', 'PersistentVolumeSource'].map((n) => `io.k8s.api.core.v1.${n}`));
const PROBES = new Set(['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'securityContext']);
const HANDLERS = new Set(['exec', 'httpGet', 'tcpSocket', 'grpc']);
const CONTAINERS = new Set(['Container', 'EphemeralContainer', 'EphemeralContainerCommon'].map((n) => `io.k8s.api.core.v1.${n}`));
const PROBE_TYPES = new Set(['Probe', 'ProbeHandler'].map((n) => `io.k8s.api.core.v1.${n}`));

/**
 * Whether a field is a Go pointer. Some struct fields that are pointers upstream are declared
 * without `pointer: true` (the flag only matters to protobuf for scalars); they are listed here
 * so that an absent one is nil, as upstream sees it, not an empty struct.
 */
function isPointer(parent: StructShape, def: FieldDef): boolean {
  if (def.pointer === true) return true;
  if (def.shape.kind !== 'struct') return false;
  if (VOLUME_SOURCES.has(parent.name)) return true;
  if (CONTAINERS.has(parent.name)) return PROBES.has(def.name);
  return PROBE_TYPES.has(parent.name) && HANDLERS.has(def.name);
}

function zeroValue(def: FieldDef, pointer: boolean): unknown {
  const shape = def.shape;
  if (pointer || shape.kind === 'list' || shape.kind === 'map') return null;
  if (shape.kind === 'struct') return undefined;
  if (shape.scalar in STRUCT_SCALAR_ZERO) return STRUCT_SCALAR_ZERO[shape.scalar];
  switch (shape.scalar) {
    case 'int32':
    case 'int64':
    case 'double':
      return 0;
    case 'boolean':
      return false;
    case 'bytes':
      return null;
    default:
      return '';
  }
}

/** Go's omitempty test for a value that is present (pointers are never empty once set). */
function isEmptyForGo(def: FieldDef, pointer: boolean, v: unknown): boolean {
  if (pointer) return false;
  const shape = def.shape;
  if (shape.kind === 'struct') return false;
  if (shape.kind === 'scalar' && shape.scalar in STRUCT_SCALAR_ZERO) return false;
  if (v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return shape.kind === 'map' && Object.keys(v).length === 0;
  return false;
}

/** A struct field that Go's encoding/json leaves out (omitempty on an empty value). */
export const OMITTED: unique symbol = Symbol('omitted');

/** The zero struct's input: a shared empty object, never written to. */
const EMPTY_STRUCT: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** A declared field of a struct node with what its view depends on, worked out once. */
export interface ViewField {
  readonly name: string;
  readonly def: FieldDef;
  readonly node: TypeNode;
  readonly element: PathElement;
  readonly pointer: boolean;
  /** fieldInput of an absent (or null) value. */
  readonly absent: unknown;
}

const viewFieldsCache = new WeakMap<StructNode, readonly ViewField[]>();

/** The declared fields of a struct node in declaration order (the order of its view's keys). */
export function viewFields(node: StructNode): readonly ViewField[] {
  let fields = viewFieldsCache.get(node);
  if (fields !== undefined) return fields;
  const list: ViewField[] = [];
  for (const def of node.shape.fields) {
    const field = node.field(def.name);
    if (field === undefined) continue;
    const pointer = isPointer(node.shape, def);
    let absent: unknown = OMITTED;
    if (def.shape.kind === 'struct' && !pointer) absent = EMPTY_STRUCT;
    else if (def.omitEmpty !== true || (def.shape.kind === 'scalar' && def.shape.scalar in STRUCT_SCALAR_ZERO && !pointer)) absent = zeroValue(def, pointer);
    list.push({ name: def.name, def, node: field.node, element: field.element, pointer, absent });
  }
  fields = list;
  viewFieldsCache.set(node, fields);
  return fields;
}

/**
 * One field of a struct's view, before viewing below it: OMITTED, or the value to view with the
 * field's node. For a struct node that value is an object (raw, to view) or null (a nil pointer,
 * already the view); for any other node goView(node, value) is the view (zero values are fixed
 * points of it). structView and the comparison of raw objects (view-compare.ts) share this, so
 * they cannot disagree on which fields exist.
 */
export function fieldInput(f: ViewField, v: unknown): unknown {
  if (v === undefined || v === null) return f.absent;
  if (f.def.omitEmpty === true && isEmptyForGo(f.def, f.pointer, v)) return OMITTED;
  return f.node.kind === 'struct' && !isObject(v) ? EMPTY_STRUCT : v;
}

/** The view of a value given as fieldInput returns it (or as a list item or map value). */
export function viewOf(node: TypeNode, input: unknown): unknown {
  return node.kind === 'struct' && input === null ? null : goView(node, input);
}

function structView(node: StructNode, value: unknown): Record<string, unknown> {
  const src = isObject(value) ? value : EMPTY_STRUCT;
  const out: Record<string, unknown> = {};
  for (const f of viewFields(node)) {
    const input = fieldInput(f, src[f.name]);
    if (input !== OMITTED) out[f.name] = viewOf(f.node, input);
  }
  return out;
}

/** The value as upstream's field manager sees the Go object it decodes to. */
export function goView(node: TypeNode, value: unknown): unknown {
  switch (node.kind) {
    case 'struct':
      return structView(node, value);
    case 'list':
      if (!Array.isArray(value)) return value;
      // A null item of a list of structs decodes to the zero struct.
      return value.map((item) => (item === null && node.item.kind === 'struct' ? structView(node.item, {}) : goView(node.item, item)));
    case 'map': {
      if (!isObject(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = goView(node.values, v);
      return out;
    }
    default:
      return value;
  }
}

/** The view of a whole object, without metadata.managedFields (never compared, never owned). */
export function objectView(root: StructNode, obj: unknown): Record<string, unknown> {
  const view = structView(root, obj);
  const meta = view['metadata'];
  if (isObject(meta) && 'managedFields' in meta) {
    const { managedFields: _dropped, ...rest } = meta;
    view['metadata'] = rest;
  }
  return view;
}
