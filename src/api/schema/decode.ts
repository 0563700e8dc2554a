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

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** RFC 3339 with seconds precision, as metav1.Time marshals. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 with microseconds, as metav1.MicroTime marshals. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

class Decoder {
  readonly errors: string[] = [];
  readonly unknownFields: string[] = [];

  decode(shape: Shape, value: unknown, path: string): unknown {
    switch (shape.kind) {
      case 'struct':
        return this.#struct(shape, value, path);
      case 'list': {
        if (!Array.isArray(value)) return this.#mismatch(value, path, 'array');
        return value.map((item, i) => (item === null && shape.items.kind !== 'scalar' ? {} : this.decode(shape.items, item, `${path}[${i}]`)));
      }
      case 'map': {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, path, 'object');
        const out: Record<string, unknown> = {};
        const source = value as Record<string, unknown>;
        for (const key in source) {
          if (!Object.hasOwn(source, key)) continue;
          const item = source[key];
          // A null map value decodes to the zero value of the value type.
          out[key] = item === null ? zeroOf(shape.values) : this.decode(shape.values, item, `${path}[${key}]`);
        }
        return out;
      }
      case 'scalar':
        return this.#scalar(shape, value, path);
    }
  }

  #struct(shape: StructShape, value: unknown, path: string): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, path, 'object');
    const out: Record<string, unknown> = {};
    // for-in rather than Object.entries: no key/value pair array per field of every decoded body.
    const source = value as Record<string, unknown>;
    for (const key in source) {
      if (!Object.hasOwn(source, key)) continue;
      const item = source[key];
      const field = shape.field(key);
      if (field === undefined) {
        this.unknownFields.push(join(path, key));
        continue;
      }
      if (item === null) continue;
      const decoded = this.decode(field.shape, item, join(path, key));
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }

  #scalar(shape: Extract<Shape, { kind: 'scalar' }>, value: unknown, path: string): unknown {
    switch (shape.scalar) {
      case 'string':
        if (typeof value !== 'string') return this.#mismatch(value, path, 'string');
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') return this.#mismatch(value, path, 'boolean');
        return value;
      case 'int32':
      case 'int64': {
        if (typeof value !== 'number') return this.#mismatch(value, path, shape.scalar);
        if (!Number.isInteger(value)) return this.#fail(`json: cannot unmarshal number ${value} into field ${path} of type ${shape.scalar}`);
        if (shape.scalar === 'int32' && (value < INT32_MIN || value > INT32_MAX)) return this.#fail(`json: cannot unmarshal number ${value} into field ${path} of type int32`);
        return value;
      }
      case 'double':
        if (typeof value !== 'number') return this.#mismatch(value, path, 'number');
        return value;
      case 'bytes':
        if (typeof value !== 'string') return this.#mismatch(value, path, 'string (base64)');
        if (!BASE64.test(value)) return this.#fail(`illegal base64 data in field ${path}`);
        return value;
      case 'time':
      case 'microtime': {
        if (typeof value !== 'string' || !RFC3339.test(value)) return this.#fail(`field ${path}: time must be RFC 3339, e.g. "2006-01-02T15:04:05Z", got ${JSON.stringify(value)}`);
        const ms = Date.parse(value);
        if (Number.isNaN(ms)) return this.#fail(`field ${path}: ${JSON.stringify(value)} is not a valid time`);
        return shape.scalar === 'time' ? formatTime(ms) : formatMicroTime(ms);
      }
      case 'duration':
        if (typeof value !== 'string' || !DURATION.test(value)) return this.#fail(`field ${path}: ${JSON.stringify(value)} is not a duration such as "1h30m"`);
        return value;
      case 'quantity': {
        if (typeof value !== 'string' && typeof value !== 'number') return this.#mismatch(value, path, 'quantity');
        const parsed = parseQuantity(String(value));
        if (!parsed.ok) return this.#fail(`${path}: ${parsed.error}`);
        return parsed.value.toString();
      }
      case 'intOrString':
        if (typeof value === 'string') return value;
        if (typeof value === 'number' && Number.isInteger(value)) return value;
        return this.#mismatch(value, path, 'int or string');
      case 'raw':
        return value as JsonValue;
      case 'fieldsV1':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.#mismatch(value, path, 'object');
        return value;
    }
  }

  #mismatch(value: unknown, path: string, expected: string): undefined {
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
  const decoded = decoder.decode(shape, value, '');
  return {
    value: decoder.errors.length === 0 ? (decoded as T) : undefined,
    errors: decoder.errors,
    unknownFields: decoder.unknownFields,
  };
}
