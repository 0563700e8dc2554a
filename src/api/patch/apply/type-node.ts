// The merge semantics of a declared shape, as structured-merge-diff derives them from the
// OpenAPI extensions:
// - lists: x-kubernetes-list-type atomic | set | map (+ list-map-keys); without a list type, a
//   patch strategy containing "merge" makes the list associative (keyed by patchMergeKey when
//   there is one, else a set); every other list is atomic;
// - maps: granular unless x-kubernetes-map-type is atomic;
// - structs: granular unless the type is marked atomic; the field referring to it can say
//   otherwise either way;
// - raw JSON (RawExtension, FieldsV1): "deduced" from the value: objects are granular maps,
//   lists atomic.
// Nodes are cached per declaration, so walking the same shape twice allocates nothing.

import type { FieldDef, FieldOptions, ScalarKind, Shape, StructShape } from '../../schema/shape.ts';
import type { JsonValue } from './go-json.ts';
import { fieldElement, type PathElement } from './path-element.ts';

export type TypeNode = ScalarNode | ListNode | MapNode | StructNode | DeducedNode;

export interface ScalarNode {
  readonly kind: 'scalar';
  readonly scalar: ScalarKind;
}

export interface ListNode {
  readonly kind: 'list';
  readonly atomic: boolean;
  /** The key fields of an associative list of maps; empty for a set of scalars. */
  readonly keys: readonly string[];
  readonly item: TypeNode;
  /** Values used for key fields an item leaves out (the OpenAPI defaults of those fields). */
  readonly keyDefaults: ReadonlyMap<string, JsonValue>;
}

export interface MapNode {
  readonly kind: 'map';
  readonly atomic: boolean;
  readonly values: TypeNode;
}

export interface StructNode {
  readonly kind: 'struct';
  readonly atomic: boolean;
  readonly shape: StructShape;
  /** A declared field, with its node and path element; undefined for unknown names. */
  field(name: string): FieldNode | undefined;
}

export interface FieldNode {
  readonly def: FieldDef;
  readonly node: TypeNode;
  readonly element: PathElement;
}

export interface DeducedNode {
  readonly kind: 'deduced';
}

/**
 * Defaults of list-map key fields, by struct and field name (the `default` of the field in
 * upstream's OpenAPI). Only defaulted key fields matter: an item missing a key field takes it.
 */
export const KEY_FIELD_DEFAULTS: ReadonlyMap<string, ReadonlyMap<string, JsonValue>> = new Map([
  ['io.k8s.api.core.v1.ContainerPort', new Map([['protocol', 'TCP']])],
  ['io.k8s.api.core.v1.ServicePort', new Map([['protocol', 'TCP']])],
]);

const DEDUCED: DeducedNode = { kind: 'deduced' };
const NO_DEFAULTS: ReadonlyMap<string, JsonValue> = new Map();
const scalars = new Map<ScalarKind, ScalarNode>();
const granularStructs = new WeakMap<StructShape, StructNode>();
const atomicStructs = new WeakMap<StructShape, StructNode>();

function scalarNode(kind: ScalarKind): TypeNode {
  if (kind === 'raw' || kind === 'fieldsV1') return DEDUCED;
  let node = scalars.get(kind);
  if (node === undefined) {
    node = { kind: 'scalar', scalar: kind };
    scalars.set(kind, node);
  }
  return node;
}

function structNode(shape: StructShape, atomic: boolean): StructNode {
  const cache = atomic ? atomicStructs : granularStructs;
  const cached = cache.get(shape);
  if (cached !== undefined) return cached;
  const fields = new Map<string, FieldNode | null>();
  const node: StructNode = {
    kind: 'struct',
    atomic,
    shape,
    field(name) {
      let found = fields.get(name);
      if (found === undefined) {
        const def = shape.field(name);
        found = def === undefined ? null : { def, node: typeNode(def.shape, def), element: fieldElement(name) };
        fields.set(name, found);
      }
      return found ?? undefined;
    },
  };
  cache.set(shape, node);
  return node;
}

function listNode(items: Shape, options: FieldOptions): ListNode {
  const item = typeNode(items, {});
  let atomic = true;
  let keys: readonly string[] = [];
  if (options.listType !== undefined) {
    atomic = options.listType === 'atomic';
    if (options.listType === 'map') keys = options.listMapKeys ?? [];
  } else if (options.patchStrategy?.split(',').includes('merge') === true) {
    atomic = false;
    if (options.patchMergeKey !== undefined) keys = [options.patchMergeKey];
  }
  const keyDefaults = item.kind === 'struct' ? KEY_FIELD_DEFAULTS.get(item.shape.name) ?? NO_DEFAULTS : NO_DEFAULTS;
  return { kind: 'list', atomic, keys, item, keyDefaults };
}

/**
 * The node of a shape, as used by a field with the given options (list and map types are
 * field-level extensions). Results for struct shapes are cached; list and map nodes are cached
 * per field by the struct node that owns the field.
 */
export function typeNode(shape: Shape, options: FieldOptions = {}): TypeNode {
  switch (shape.kind) {
    case 'scalar': return scalarNode(shape.scalar);
    case 'list': return listNode(shape.items, options);
    case 'map': return { kind: 'map', atomic: options.mapType === 'atomic', values: typeNode(shape.values, {}) };
    // A field-level map type overrides the struct's (PersistentVolumeSpec.claimRef is a granular
    // use of the atomic ObjectReference).
    case 'struct': return structNode(shape, (options.mapType ?? shape.structType) === 'atomic');
  }
}

/** The node of a field below a struct or map node, by name; undefined for unknown fields. */
export function childNode(node: StructNode | MapNode, name: string): TypeNode | undefined {
  return node.kind === 'struct' ? node.field(name)?.node : node.values;
}

/** The path element of a struct field or map key. */
export function childElement(node: StructNode | MapNode | DeducedNode, name: string): PathElement {
  return node.kind === 'struct' ? node.field(name)?.element ?? fieldElement(name) : fieldElement(name);
}

export { DEDUCED };
