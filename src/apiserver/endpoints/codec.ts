// Bodies in and out: JSON, YAML and the Kubernetes protobuf encoding, for any declared kind.
// Decoding checks the object against its schema (unknown fields reported for
// fieldValidation, values of the wrong type refused), as upstream's decoders do.

import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { decodeMessage, encodeMessage } from '../../api/codec/protobuf.ts';
import { unwrap, wrap } from '../../api/codec/envelope.ts';
import { decode } from '../../api/schema/decode.ts';
import type { StructShape } from '../../api/schema/shape.ts';
import { badRequest } from '../../api/status.ts';
import { objectJson } from '../../storage/cache/object-json.ts';
import { MEDIA_TYPES, type Format } from './negotiation.ts';

export interface Encoded {
  readonly body: string | Uint8Array;
  readonly contentType: string;
}

/** Finds the schema of a kind, for protobuf. */
export type ShapeLookup = (apiVersion: string, kind: string) => StructShape | undefined;

export function encodeBody(value: Record<string, unknown>, format: Format, shapes: ShapeLookup): Encoded {
  if (format === 'yaml') return { body: stringifyYaml(value, { lineWidth: 0 }), contentType: MEDIA_TYPES.yaml };
  if (format === 'protobuf') {
    const apiVersion = typeof value['apiVersion'] === 'string' ? value['apiVersion'] : '';
    const kind = typeof value['kind'] === 'string' ? value['kind'] : '';
    const shape = shapes(apiVersion, kind);
    // Documents without a protobuf form (discovery, OpenAPI) answer in JSON, as upstream does.
    if (shape !== undefined) return { body: wrap(apiVersion, kind, encodeMessage(shape, value)), contentType: MEDIA_TYPES.protobuf };
  }
  return { body: `${JSON.stringify(value)}\n`, contentType: MEDIA_TYPES.json };
}

/**
 * The JSON of each watch-cache object as a list item (without apiVersion and kind), made once
 * per object: cached objects are never mutated (a write replaces them), so an object's
 * encoding stays valid while the object lives, as upstream's cachingObject keeps it.
 */
const itemJson = new WeakMap<object, string>();

/** The same for whole objects (watch events carry apiVersion and kind), shared with the writes' private copies. */
export const cachedObjectJson = objectJson;

/**
 * A JSON list body, byte for byte `JSON.stringify({ kind, apiVersion, metadata, items })` with
 * apiVersion and kind left out of each item, built from each item's cached encoding. Only for
 * the watch cache's own objects (see itemJson).
 */
export function encodeCachedList(kind: string, apiVersion: string, metadata: Record<string, unknown>, items: readonly Record<string, unknown>[]): Encoded {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Record<string, unknown>;
    let json = itemJson.get(item);
    if (json === undefined) {
      const { apiVersion: _a, kind: _k, ...rest } = item;
      json = JSON.stringify(rest);
      itemJson.set(item, json);
    }
    parts[i] = json;
  }
  const head = `{"kind":${JSON.stringify(kind)},"apiVersion":${JSON.stringify(apiVersion)},"metadata":${JSON.stringify(metadata)},"items":[`;
  return { body: `${head}${parts.join(',')}]}\n`, contentType: MEDIA_TYPES.json };
}

/** Parses a body into plain JSON (no schema yet). */
export function parseBody(body: Buffer, format: Format, shapes: ShapeLookup): Record<string, unknown> {
  let value: unknown;
  if (format === 'protobuf') {
    let unknown;
    try {
      unknown = unwrap(body);
    } catch (error) {
      throw badRequest(`the body is not valid protobuf: ${error instanceof Error ? error.message : String(error)}`);
    }
    const shape = shapes(unknown.apiVersion, unknown.kind);
    if (shape === undefined) throw badRequest(`no kind "${unknown.kind}" is registered for version "${unknown.apiVersion}"`);
    try {
      value = { apiVersion: unknown.apiVersion, kind: unknown.kind, ...decodeMessage(shape, unknown.raw) };
    } catch (error) {
      throw badRequest(`the body is not a valid ${unknown.kind}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else if (format === 'yaml') {
    try {
      value = parseYaml(body.toString('utf8'), { maxAliasCount: 100 });
    } catch (error) {
      throw badRequest(`error converting YAML to JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  } else {
    const text = body.toString('utf8');
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw badRequest(`couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`couldn't get version/kind; json parse error: the body must be an object, not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}. Valid values are: Strict, Warn, Ignore`);
}

export interface Typed<T> {
  readonly object: T;
  /** Warnings for the response's Warning header (unknown fields under Warn). */
  readonly warnings: string[];
}

/**
 * Checks a parsed body against the kind an endpoint serves: apiVersion and kind must match
 * when present (they are filled in when absent), every value must fit the schema, and
 * unknown fields are refused, reported or ignored as fieldValidation says.
 */
export function typedObject<T>(
  value: Record<string, unknown>,
  expected: { apiVersion: string; kind: string; shape: StructShape<T> },
  validation: FieldValidation,
  duplicates: readonly string[] = [],
): Typed<T> {
  const { apiVersion, kind } = expected;
  const prefix = `${kind} in version "${apiVersion.split('/').at(-1) ?? apiVersion}" cannot be handled as a ${kind}`;
  if (value['apiVersion'] !== undefined && value['apiVersion'] !== apiVersion) {
    throw badRequest(`the API version in the data (${String(value['apiVersion'])}) does not match the expected API version (${apiVersion})`);
  }
  if (value['kind'] !== undefined && value['kind'] !== kind) {
    throw badRequest(`${prefix}: the kind in the data (${String(value['kind'])}) does not match the expected kind (${kind})`);
  }
  const result = decode(expected.shape, { ...value, apiVersion, kind });
  if (result.value === undefined) throw badRequest(`${prefix}: ${result.errors.join(', ')}`);
  const unknown = [...result.unknownFields.map((field) => `unknown field "${field}"`), ...duplicates.map((field) => `duplicate field "${field}"`)];
  if (unknown.length > 0 && validation === 'Strict') throw badRequest(`${prefix}: strict decoding error: ${unknown.join(', ')}`);
  return { object: result.value, warnings: validation === 'Warn' ? unknown : [] };
}

/** A Warning header value (RFC 7234 code 299), as upstream sends warnings. */
export function warningHeader(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}
