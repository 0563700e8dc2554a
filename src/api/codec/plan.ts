// A struct shape compiled for the protobuf codec: its fields in field-number order (the order
// Go's generated marshallers write), each with its tag and wire type worked out once, and a
// lookup by number for decoding. Plans are built on first use and cached per shape.

import type { ScalarKind, Shape, StructShape } from '../schema/shape.ts';
import { opt, struct } from '../schema/shape.ts';
import { FIXED64, LEN, VARINT } from './wire.ts';

/** How one value (of a field, a list item or a map value) is carried. */
export type Elem =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'struct'; readonly shape: StructShape; plan: StructPlan | undefined }
  /**
   * A list or map inside a list or map (Go's ExtraValue, for map[string][]string): protobuf
   * has no such thing, so it travels as a message whose field 1 holds the inner container.
   */
  | { readonly kind: 'wrapper'; readonly container: 'list' | 'map'; readonly items: FieldPlan }
  /**
   * An embedded Go struct (`json:",inline"`): its fields sit flat in the outer object, and
   * travel as one message whose plan names those outer fields.
   */
  | { readonly kind: 'embedded'; readonly plan: StructPlan };

export interface FieldPlan {
  readonly name: string;
  readonly proto: number;
  /** The field's position among the struct's protobuf fields in declaration order. */
  readonly slot: number;
  readonly container: 'one' | 'list' | 'map';
  readonly elem: Elem;
  /** The wire type of one element. */
  readonly wire: number;
  /** (proto << 3) | wire; for a map, the tag of each entry message. */
  readonly tag: number;
  /** Repeated numbers may also arrive packed (one length-delimited run). */
  readonly packable: boolean;
  /**
   * A decoded zero scalar ("", 0, false) means "not set": Go's encoder writes non-pointer
   * fields even when zero, and its JSON leaves them out (omitempty).
   */
  readonly zeroIsUnset: boolean;
}

export interface StructPlan {
  readonly name: string;
  /** By field number: the order to encode in. */
  readonly fields: readonly FieldPlan[];
  /** In declaration order (by slot): the order of keys in decoded objects. */
  readonly slots: readonly FieldPlan[];
  /** Fields by number (numbers below DIRECT); `far` holds any larger ones. */
  readonly byNumber: readonly (FieldPlan | undefined)[];
  readonly far: ReadonlyMap<number, FieldPlan>;
}

const DIRECT = 1 << 12;
const MAX_FIELD = 2 ** 29 - 1;

/** The field with the given number, if the plan has one. */
export function fieldByNumber(plan: StructPlan, n: number): FieldPlan | undefined {
  return n < plan.byNumber.length ? plan.byNumber[n] : plan.far.get(n);
}

/** Messages nest no deeper than this: deeper input is hostile, a deeper value has a cycle. */
export const MAX_DEPTH = 500;

const plans = new WeakMap<StructShape, StructPlan>();

export function planOf(shape: StructShape): StructPlan {
  let plan = plans.get(shape);
  if (plan === undefined) {
    plan = compile(shape);
    plans.set(shape, plan);
  }
  return plan;
}

/** Map entries carry their value in field 2. */
export const entryValueTag = (f: FieldPlan): number => (2 << 3) | f.wire;

function elemOf(shape: Shape): Elem {
  switch (shape.kind) {
    case 'scalar':
      return { kind: 'scalar', scalar: shape.scalar };
    case 'struct':
      return { kind: 'struct', shape, plan: undefined };
    case 'list':
    case 'map': {
      const items = planOf(struct('(wrapper)', { items: opt(1, shape) })).fields[0];
      if (items === undefined) throw new Error('unreachable: a wrapper has its field');
      return { kind: 'wrapper', container: shape.kind, items };
    }
  }
}

function wireOf(elem: Elem): number {
  if (elem.kind !== 'scalar') return LEN;
  switch (elem.scalar) {
    case 'int32':
    case 'int64':
    case 'boolean':
      return VARINT;
    case 'double':
      return FIXED64;
    default:
      return LEN;
  }
}

function compile(shape: StructShape): StructPlan {
  const slots: FieldPlan[] = [];
  const embeds = new Map<number, Record<string, ReturnType<typeof opt>>>();
  for (const field of shape.fields) {
    if (field.embedded !== undefined) {
      const { embedded, name, shape: fieldShape, proto: _p, required: _r, ...options } = field;
      const group = embeds.get(embedded.proto) ?? {};
      group[name] = opt(embedded.fieldProto, fieldShape, options);
      embeds.set(embedded.proto, group);
      continue;
    }
    // Fields without a number (apiVersion, kind) are not carried in protobuf.
    if (field.proto <= 0) continue;
    if (!Number.isInteger(field.proto) || field.proto > MAX_FIELD) throw new Error(`${shape.name}.${field.name}: bad protobuf number ${field.proto}`);
    const container = field.shape.kind === 'list' || field.shape.kind === 'map' ? field.shape.kind : 'one';
    const elem = elemOf(field.shape.kind === 'list' ? field.shape.items : field.shape.kind === 'map' ? field.shape.values : field.shape);
    const wire = wireOf(elem);
    slots.push({
      name: field.name,
      proto: field.proto,
      slot: slots.length,
      container,
      elem,
      wire,
      tag: field.proto * 8 + (container === 'map' ? LEN : wire),
      packable: container === 'list' && wire !== LEN,
      zeroIsUnset: container === 'one' && elem.kind === 'scalar' && field.omitEmpty === true && field.pointer !== true,
    });
  }
  for (const [proto, fields] of embeds) {
    slots.push({
      name: '', proto, slot: slots.length, container: 'one',
      elem: { kind: 'embedded', plan: planOf(struct(`${shape.name} (embedded at ${proto})`, fields)) },
      wire: LEN, tag: proto * 8 + LEN, packable: false, zeroIsUnset: false,
    });
  }
  const fields = [...slots].sort((a, b) => a.proto - b.proto);
  for (let i = 1; i < fields.length; i++) {
    if (fields[i]?.proto === fields[i - 1]?.proto) throw new Error(`${shape.name}: two fields with protobuf number ${fields[i]?.proto}`);
  }
  const byNumber: (FieldPlan | undefined)[] = [];
  const far = new Map<number, FieldPlan>();
  for (const f of fields) {
    if (f.proto < DIRECT) byNumber[f.proto] = f;
    else far.set(f.proto, f);
  }
  return { name: shape.name, fields, slots, byNumber: Array.from(byNumber), far };
}
