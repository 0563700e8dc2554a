// Structural decoding of JSON into a declared shape, as upstream's JSON decoding does it:
// unknown fields are dropped (and reported, for fieldValidation=Strict|Warn), JSON null means
// "not set", numbers must be whole for integer fields, quantities and times are parsed and
// written back in their canonical form, and a value of the wrong JSON type is an error.

import { parseQuantity } from '../quantity.ts';
import type { JsonValue, Shape, StructShape } from './shape.ts';

export interface DecodeResult<T> {
  /** The decoded value (only known fields), when there were no type errors. */
  readonly value: T | undefined;
  /** Values of the wrong type: each makes the whole body undecodable (400 upstream). */
  readonly errors: string[];
  /** Fields the shape does not know, as JSON paths ("spec.containers[0].foo"). */
  readonly unknownFields: string[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value;
}

let lastSecond = Number.NaN;
let lastSecondText = '';

/** RFC 3339 with seconds precision, as metav1.Time marshals. The last second formatted is remembered (writes stamp the current one, many to a second). */
export function formatTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecondText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastSecondText;
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

/** Canonical forms of recently decoded times (bodies carry the same few seconds again and again). */
const canonicalTimes = new Map<string, string>();
const CANONICAL_TIMES_MAX = 1024;

function canonicalTime(value: string, scalar: 'time' | 'microtime'): string | undefined {
  const key = scalar === 'time' ? value : `µ${value}`;
  const known = canonicalTimes.get(key);
  if (known !== undefined) return known;
  if (!RFC3339.test(value)) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const canonical = scalar === 'time' ? formatTime(ms) : formatMicroTime(ms);
  if (canonicalTimes.size >= CANONICAL_TIMES_MAX) canonicalTimes.clear();
  canonicalTimes.set(key, canonical);
  return canonical;
}

/** A step of the path to a value: a field name, a map key, or a list index. */
type Step = { readonly field: string } | { readonly key: string } | { readonly index: number };

class Decoder {
  readonly errors: string[] = [];
  readonly unknownFields: string[] = [];
  /** Where the decoder is; made into a JSON path ("spec.containers[0].image") only for a report. */
  readonly #steps: Step[] = [];

  decode(shape: Shape, value: unknown): unknown {
    switch (shape.kind) {
      case 'struct':
        return this.#struct(shape, value);
      case 'list': {
        if (!Array.isArray(value)) return this.#mismatch(value, 'array');
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === null && shape.items.kind !== 'scalar') {
            out[i] = {};
            continue;
          }
          this.#steps.push({ index: i });
          out[i] = this.decode(shape.items, item);
          this.#steps.pop();
        }
        return out;
      }
      case 'map': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, 'object');
        const out: Record<string, unknown> = {};
        const source = value as Record<string, unknown>;
        for (const key in source) {
          if (!Object.hasOwn(source, key)) continue;
          const item = source[key];
          // A null map value decodes to the zero value of the value type.
          if (item === null) {
            out[key] = zeroOf(shape.values);
            continue;
          }
          this.#steps.push({ key });
          out[key] = this.decode(shape.values, item);
          this.#steps.pop();
        }
        return out;
      }
      case 'scalar':
        return this.#scalar(shape, value);
    }
  }

  #struct(shape: StructShape, value: unknown): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, 'object');
    const out: Record<string, unknown> = {};
    // for-in rather than Object.entries: no key/value pair array per field of every decoded body.
    const source = value as Record<string, unknown>;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const item = source[key];
      const field = shape.field(key);
      if (field === undefined) {
        this.unknownFields.push(this.#path(key));
        continue;
      }
      if (item === null) continue;
      // Scalars need no step of their own unless they fail (#path adds the field then).
      const decoded = field.shape.kind === 'scalar' ? this.#scalar(field.shape, item, key) : this.#descend(key, field.shape, item);
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }

  #descend(field: string, shape: Shape, value: unknown): unknown {
    this.#steps.push({ field });
    const decoded = this.decode(shape, value);
    this.#steps.pop();
    return decoded;
  }

  /** The JSON path of where the decoder is, and of `field` below it when given. */
  #path(field?: string): string {
    let path = '';
    const steps = field === undefined ? this.#steps : [...this.#steps, { field }];
    for (const step of steps) {
      if ('field' in step) path = path === '' ? step.field : `${path}.${step.field}`;
      else path += 'key' in step ? `[${step.key}]` : `[${step.index}]`;
    }
    return path;
  }

  /** `field`: the struct field holding the value, when #struct did not push a step for it. */
  #scalar(shape: Extract<Shape, { kind: 'scalar' }>, value: unknown, field?: string): unknown {
    switch (shape.scalar) {
      case 'string':
        if (typeof value !== 'string') return this.#mismatch(value, 'string', field);
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') return this.#mismatch(value, 'boolean', field);
        return value;
      case 'int32':
      case 'int64': {
        if (typeof value !== 'number') return this.#mismatch(value, shape.scalar, field);
        if (!Number.isInteger(value)) return this.#fail(`json: cannot unmarshal number ${value} into field ${this.#path(field)} of type ${shape.scalar}`);
        if (shape.scalar === 'int32' && (value < INT32_MIN || value > INT32_MAX)) return this.#fail(`json: cannot unmarshal number ${value} into field ${this.#path(field)} of type int32`);
        return value;
      }
      case 'double':
        if (typeof value !== 'number') return this.#mismatch(value, 'number', field);
        return value;
      case 'bytes':
        if (typeof value !== 'string') return this.#mismatch(value, 'string (base64)', field);
        if (!BASE64.test(value)) return this.#fail(`illegal base64 data in field ${this.#path(field)}`);
        return value;
      case 'time':
      case 'microtime': {
        if (typeof value !== 'string' || !RFC3339.test(value)) return this.#fail(`field ${this.#path(field)}: time must be RFC 3339, e.g. "2006-01-02T15:04:05Z", got ${JSON.stringify(value)}`);
        return canonicalTime(value, shape.scalar) ?? this.#fail(`field ${this.#path(field)}: ${JSON.stringify(value)} is not a valid time`);
      }
      case 'duration':
        if (typeof value !== 'string' || !DURATION.test(value)) return this.#fail(`field ${this.#path(field)}: ${JSON.stringify(value)} is not a duration such as "1h30m"`);
        return value;
      case 'quantity': {
        if (typeof value !== 'string' && typeof value !== 'number') return this.#mismatch(value, 'quantity', field);
        const parsed = parseQuantity(String(value));
        if (!parsed.ok) return this.#fail(`${this.#path(field)}: ${parsed.error}`);
        return parsed.value.toString();
      }
      case 'intOrString':
        if (typeof value === 'string') return value;
        if (typeof value === 'number' && Number.isInteger(value)) return value;
        return this.#mismatch(value, 'int or string', field);
      case 'raw':
        return value as JsonValue;
      case 'fieldsV1':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, 'object', field);
        return value;
    }
  }

  #mismatch(value: unknown, expected: string, field?: string): undefined {
    const path = this.#path(field);
    return this.#fail(`json: cannot unmarshal ${jsonType(value)} into field ${path === '' ? '(root)' : path} of type ${expected}`);
  }

  #fail(message: string): undefined {
    this.errors.push(message);
    return undefined;
  }
}

function zeroOf(shape: Shape): unknown {
  if (shape.kind === 'list') return [];
  if (shape.kind === 'map' || shape.kind === 'struct') return {};
  switch (shape.scalar) {
    case 'int32':
    case 'int64':
    case 'double':
      return 0;
    case 'boolean':
      return false;
    case 'raw':
      return null;
    default:
      return '';
  }
}

export function decode<T>(shape: Shape<T>, value: unknown): DecodeResult<T> {
  const decoder = new Decoder();
  const decoded = decoder.decode(shape, value);
  return {
    value: decoder.errors.length === 0 ? (decoded as T) : undefined,
    errors: decoder.errors,
    unknownFields: decoder.unknownFields,
  };
}
