// The schema source: every API type is declared once with these builders, and everything
// else is derived from the declaration — the TypeScript type (Infer), structural decoding
// and validation, protobuf encoding (field numbers), the OpenAPI documents, and the patch
// metadata that strategic merge and server-side apply need.
//
// A declaration names each field with its protobuf number, its shape, whether it is
// required, and its patch and list semantics:
//
//   export const ConfigMap = struct('io.k8s.api.core.v1.ConfigMap', {
//     metadata: opt(1, ObjectMeta),
//     data: opt(2, map(string)),
//   });
//   export type ConfigMap = Infer<typeof ConfigMap>;
//
// Field names, types, numbers and patch rules are public facts of the Kubernetes API;
// descriptions are our own words.

/** Scalars, and the few apimachinery types that are scalars in JSON but messages in protobuf. */
export type ScalarKind =
  | 'string'
  | 'int32'
  | 'int64'
  | 'double'
  | 'boolean'
  /** []byte: base64 in JSON, bytes in protobuf. */
  | 'bytes'
  /** metav1.Time: RFC 3339 in seconds; protobuf {seconds=1, nanos=2}. */
  | 'time'
  /** metav1.MicroTime: RFC 3339 with microseconds; protobuf as time. */
  | 'microtime'
  /** metav1.Duration: a Go duration string ("1h30m"); protobuf {duration=1} in nanoseconds. */
  | 'duration'
  /** resource.Quantity: a string in JSON (numbers accepted on input); protobuf {string=1}. */
  | 'quantity'
  /** intstr.IntOrString: a number or a string; protobuf {type=1, intVal=2, strVal=3}. */
  | 'intOrString'
  /** runtime.RawExtension and apiextensions JSON: any JSON value; protobuf {raw=1} holding JSON. */
  | 'raw'
  /** metav1.FieldsV1: a JSON object; protobuf {Raw=1} holding JSON. */
  | 'fieldsV1';

/** A shape, carrying the TypeScript type of its values as a phantom parameter. */
export type Shape<T = unknown> = ScalarShape<T> | ListShape<T> | MapShape<T> | StructShape<T>;

interface Typed<T> {
  /** Never set: only carries T for Infer. */
  readonly __type?: T;
}

export interface ScalarShape<T = unknown> extends Typed<T> {
  readonly kind: 'scalar';
  readonly scalar: ScalarKind;
  /** The allowed values, for string enums. */
  readonly enum?: readonly string[];
}

export interface ListShape<T = unknown> extends Typed<T> {
  readonly kind: 'list';
  readonly items: Shape;
}

export interface MapShape<T = unknown> extends Typed<T> {
  readonly kind: 'map';
  readonly values: Shape;
}

export interface StructShape<T = unknown> extends Typed<T> {
  readonly kind: 'struct';
  /** The OpenAPI definition name, e.g. io.k8s.api.core.v1.Pod. */
  readonly name: string;
  readonly description: string;
  /** The fields, in declaration order (resolved lazily so that types may refer to each other). */
  readonly fields: readonly FieldDef[];
  /** A field by its JSON name. */
  field(name: string): FieldDef | undefined;
  /** A field by its protobuf number. */
  fieldByNumber(proto: number): FieldDef | undefined;
  /** x-kubernetes-map-type for the struct as a whole ("atomic": replaced as one value by apply). */
  readonly structType: 'atomic' | 'granular' | undefined;
}

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldOptions {
  readonly description?: string;
  /** x-kubernetes-patch-strategy, for strategic merge patch. */
  readonly patchStrategy?: PatchStrategy;
  /** x-kubernetes-patch-merge-key. */
  readonly patchMergeKey?: string;
  /** x-kubernetes-list-type, for server-side apply. */
  readonly listType?: 'atomic' | 'set' | 'map';
  /** x-kubernetes-list-map-keys, with listType "map". */
  readonly listMapKeys?: readonly string[];
  /** x-kubernetes-map-type for a map field. */
  readonly mapType?: 'atomic' | 'granular';
  /** Go's omitempty: the field is left out of JSON when it holds its zero value. */
  readonly omitEmpty?: boolean;
  /**
   * A Go pointer field: "set to the zero value" differs from "not set" (replicas: 0,
   * storageClassName: ""). Non-pointer fields are sent by Go's protobuf encoder even when
   * zero, so a decoder drops zero values of omitEmpty fields unless they are pointers.
   */
  readonly pointer?: boolean;
  /**
   * A field of an embedded Go struct (`json:",inline"`): flat in JSON, but in protobuf one
   * nested message at field `proto` of the outer struct, where this field has `fieldProto`.
   */
  readonly embedded?: { readonly proto: number; readonly fieldProto: number };
}

export interface FieldDef extends FieldOptions {
  /** The JSON name. */
  readonly name: string;
  /** The protobuf field number; 0 for fields that protobuf does not carry (kind, apiVersion). */
  readonly proto: number;
  readonly shape: Shape;
  readonly required: boolean;
}

/** A field under construction: its value type T, and R = whether it is required. */
export interface Field<T, R extends boolean> {
  readonly proto: number;
  readonly shape: Shape<T> | (() => Shape<T>);
  readonly required: R;
  readonly options: FieldOptions;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field type; Infer recovers each one
type Fields = Record<string, Field<any, boolean>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K]['required'] extends true ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;

/** The TypeScript type of a struct's values. */
export type StructType<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: ValueOf<F[K]> } & { [K in OptionalKeys<F>]?: ValueOf<F[K]> }
>;

/** The TypeScript type a shape describes. */
export type Infer<S> = S extends Typed<infer T> ? T : never;

const scalar = <T>(kind: ScalarKind): ScalarShape<T> => ({ kind: 'scalar', scalar: kind });

export const string = scalar<string>('string');
export const int32 = scalar<number>('int32');
export const int64 = scalar<number>('int64');
export const double = scalar<number>('double');
export const boolean = scalar<boolean>('boolean');
export const bytes = scalar<string>('bytes');
export const time = scalar<string>('time');
export const microtime = scalar<string>('microtime');
export const duration = scalar<string>('duration');
export const quantity = scalar<string>('quantity');
export const intOrString = scalar<number | string>('intOrString');
export const raw = scalar<JsonValue>('raw');
export const fieldsV1 = scalar<{ [key: string]: JsonValue }>('fieldsV1');

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A string restricted to the given values (a Go string enum). */
export function enumOf<const V extends string>(...values: V[]): ScalarShape<V> {
  return { kind: 'scalar', scalar: 'string', enum: values };
}

export function list<T>(items: Shape<T>): ListShape<T[]> {
  return { kind: 'list', items };
}

export function map<T>(values: Shape<T>): MapShape<Record<string, T>> {
  return { kind: 'map', values };
}

/** An optional field. `shape` may be a function for types declared further down. */
export function opt<T>(proto: number, shape: Shape<T> | (() => Shape<T>), options: FieldOptions = {}): Field<T, false> {
  return { proto, shape, required: false, options };
}

/** A required field (validation reports it missing; OpenAPI lists it in `required`). */
export function req<T>(proto: number, shape: Shape<T> | (() => Shape<T>), options: FieldOptions = {}): Field<T, true> {
  return { proto, shape, required: true, options };
}

/** All struct shapes by definition name, in declaration order. */
export interface SchemaRegistry {
  readonly structs: ReadonlyMap<string, StructShape>;
}

export interface StructOptions {
  readonly description?: string;
  readonly structType?: 'atomic' | 'granular';
}

export function struct<F extends Fields>(name: string, fields: F, options: StructOptions = {}): StructShape<StructType<F>> {
  let resolved: FieldDef[] | undefined;
  let byName: Map<string, FieldDef> | undefined;
  let byNumber: Map<number, FieldDef> | undefined;
  const resolve = (): FieldDef[] => {
    if (resolved === undefined) {
      resolved = Object.entries(fields).map(([fieldName, f]) => ({
        ...f.options,
        name: fieldName,
        proto: f.proto,
        shape: typeof f.shape === 'function' ? f.shape() : f.shape,
        required: f.required,
      }));
      byName = new Map(resolved.map((f) => [f.name, f]));
      byNumber = new Map(resolved.filter((f) => f.proto > 0).map((f) => [f.proto, f]));
    }
    return resolved;
  };
  return {
    kind: 'struct',
    name,
    description: options.description ?? '',
    structType: options.structType,
    get fields() {
      return resolve();
    },
    field(fieldName) {
      resolve();
      return byName?.get(fieldName);
    },
    fieldByNumber(proto) {
      resolve();
      return byNumber?.get(proto);
    },
  };
}

/** Every struct reachable from `roots`, by definition name (for OpenAPI and checks). */
export function collectStructs(roots: readonly Shape[]): Map<string, StructShape> {
  const found = new Map<string, StructShape>();
  const visit = (shape: Shape): void => {
    switch (shape.kind) {
      case 'scalar':
        return;
      case 'list':
        return visit(shape.items);
      case 'map':
        return visit(shape.values);
      case 'struct': {
        const seen = found.get(shape.name);
        if (seen === shape) return;
        if (seen !== undefined) throw new Error(`two declarations of ${shape.name}`);
        found.set(shape.name, shape);
        for (const field of shape.fields) visit(field.shape);
      }
    }
  };
  for (const root of roots) visit(root);
  return found;
}
