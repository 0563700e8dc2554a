// Content negotiation: which encoding a request body is in (Content-Type) and which one the
// client wants back (Accept), including the "as=" conversions kubectl asks for:
//   application/json;as=Table;v=v1;g=meta.k8s.io                     → a Table
//   application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io  → metadata only
//   application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList → aggregated discovery

import { notAcceptable, unsupportedMediaType } from '../../api/status.ts';

export type Format = 'json' | 'yaml' | 'protobuf';

export const MEDIA_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json',
  yaml: 'application/yaml',
  protobuf: 'application/vnd.kubernetes.protobuf',
};

export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly params: Readonly<Record<string, string>>;
  readonly q: number;
}

export type Conversion = 'Table' | 'PartialObjectMetadata' | 'PartialObjectMetadataList' | 'APIGroupDiscoveryList';

export interface Output {
  readonly format: Format;
  /** A conversion the client asked for, with its version (v1, v1beta1, v2, v2beta1). */
  readonly as?: { readonly kind: Conversion; readonly version: string };
}

/** What an endpoint can answer with besides the object itself. */
export interface Offer {
  readonly table?: boolean;
  readonly metadata?: boolean;
  readonly discovery?: boolean;
  readonly protobuf?: boolean;
}

export function parseMediaRanges(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [full = '', ...paramParts] = part.split(';').map((s) => s.trim());
    if (full === '') continue;
    const [type = '', subtype = ''] = full.toLowerCase().split('/');
    const params: Record<string, string> = {};
    let q = 1;
    for (const param of paramParts) {
      const eq = param.indexOf('=');
      if (eq === -1) continue;
      const key = param.slice(0, eq).trim().toLowerCase();
      const value = param.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (key === 'q') q = Number(value);
      else params[key] = value;
    }
    ranges.push({ type, subtype, params, q: Number.isFinite(q) ? q : 0 });
  }
  // Stable sort by q, highest first: equal q keeps the client's order.
  return ranges.map((r, i) => ({ r, i })).sort((a, b) => b.r.q - a.r.q || a.i - b.i).map(({ r }) => r).filter((r) => r.q > 0);
}

function formatOf(range: MediaRange): Format | 'any' | undefined {
  if (range.type === '*' && range.subtype === '*') return 'any';
  if (range.type !== 'application') return undefined;
  switch (range.subtype) {
    case '*':
      return 'any';
    case 'json':
      return 'json';
    case 'yaml':
      return 'yaml';
    case 'vnd.kubernetes.protobuf':
      return 'protobuf';
    default:
      return undefined;
  }
}

const CONVERSIONS: ReadonlyArray<{ kind: Conversion; group: string; versions: readonly string[]; offer: keyof Offer }> = [
  { kind: 'Table', group: 'meta.k8s.io', versions: ['v1', 'v1beta1'], offer: 'table' },
  { kind: 'PartialObjectMetadata', group: 'meta.k8s.io', versions: ['v1', 'v1beta1'], offer: 'metadata' },
  { kind: 'PartialObjectMetadataList', group: 'meta.k8s.io', versions: ['v1', 'v1beta1'], offer: 'metadata' },
  { kind: 'APIGroupDiscoveryList', group: 'apidiscovery.k8s.io', versions: ['v2', 'v2beta1'], offer: 'discovery' },
];

/**
 * Answers already worked out, by offer and Accept header: clients send the same few headers
 * on every request. Bounded: cleared when full (headers are client-chosen).
 */
const negotiated = new Map<string, Output>();
const NEGOTIATED_MAX = 256;

/** The best answer for an Accept header among what the endpoint offers; 406 if none fits. */
export function negotiateOutput(accept: string | undefined, offer: Offer = {}): Output {
  if (accept === undefined) return JSON_OUTPUT;
  const key = `${offer.table === true ? 't' : ''}${offer.metadata === true ? 'm' : ''}${offer.discovery === true ? 'd' : ''}${offer.protobuf === false ? '' : 'p'}|${accept}`;
  let output = negotiated.get(key);
  if (output === undefined) {
    output = negotiate(accept, offer); // a 406 is thrown, not kept
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(key, output);
  }
  return output;
}

const JSON_OUTPUT: Output = Object.freeze({ format: 'json' });

function negotiate(accept: string, offer: Offer): Output {
  if (accept.trim() === '') return JSON_OUTPUT;
  const ranges = parseMediaRanges(accept);
  for (const range of ranges) {
    const format = formatOf(range);
    if (format === undefined) continue;
    if (format === 'protobuf' && offer.protobuf === false) continue;
    const concrete: Format = format === 'any' ? 'json' : format;
    const as = range.params['as'];
    if (as === undefined) return { format: concrete };
    const conversion = CONVERSIONS.find((c) => c.kind === as);
    if (conversion === undefined || offer[conversion.offer] !== true) continue;
    if (range.params['g'] !== conversion.group) continue;
    const version = range.params['v'] ?? '';
    if (!conversion.versions.includes(version)) continue;
    return { format: concrete, as: { kind: conversion.kind, version } };
  }
  throw notAcceptable([MEDIA_TYPES.json, MEDIA_TYPES.yaml, ...(offer.protobuf === false ? [] : [MEDIA_TYPES.protobuf])]);
}

export type BodyType = Format | 'json-patch' | 'merge-patch' | 'strategic-merge-patch' | 'apply-patch';

const BODY_TYPES: Readonly<Record<string, BodyType>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/vnd.kubernetes.protobuf': 'protobuf',
  'application/json-patch+json': 'json-patch',
  'application/merge-patch+json': 'merge-patch',
  'application/strategic-merge-patch+json': 'strategic-merge-patch',
  'application/apply-patch+yaml': 'apply-patch',
};

/** The encoding of a request body; a missing Content-Type is JSON (kubectl scale sends none). */
export function bodyType(contentType: string | undefined, allowed: readonly BodyType[]): BodyType {
  const type = (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? '';
  const found = BODY_TYPES[type === '' ? 'application/json' : type];
  if (found === undefined || !allowed.includes(found)) {
    throw unsupportedMediaType(Object.entries(BODY_TYPES).filter(([, v]) => allowed.includes(v)).map(([k]) => k));
  }
  return found;
}
