// Serves the OpenAPI documents as kube-apiserver does (kube-openapi's handler and handler3):
//
//   GET /openapi/v3                    the root: {"paths": {"apis/apps/v1": {"serverRelativeURL": "/openapi/v3/apis/apps/v1?hash=H"}, …}}
//   GET /openapi/v3/apis/apps/v1[?hash=H]   one document; with the current hash it may be cached
//                                      forever (Cache-Control: public, immutable; Expires a year on),
//                                      with an old one it redirects (301) to the current URL
//   GET /openapi/v2                    Swagger 2.0, as JSON or gnostic protobuf by Accept
//   GET /swagger-2.0.0.pb-v1           the protobuf form at its pre-1.14 path (kubectl 1.27/1.28 fall back to it)
//
// Every answer carries an ETag (the quoted SHA-512 of the body); If-None-Match with it is
// answered 304. Documents are built on first request and kept (documents.ts).

import type { ApiRequest, ApiResponse } from '../http/types.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import { OpenApiDocuments, type ServedDocument } from './documents.ts';

/** The protobuf Content-Type upstream answers with; the "@v1.0" spelling kubectl asks for fails Go's MIME parser. */
const PROTOBUF_SUBTYPE = 'com.github.proto-openapi.spec.v2.v1.0+protobuf';
const PROTOBUF_SUBTYPE_ASKED = 'com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const V2_PROTOBUF = `application/${PROTOBUF_SUBTYPE}`;
const JSON_TYPE = 'application/json';
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface OpenApiHandlerOptions {
  readonly now?: () => number;
}

export type OpenApiHandler = (req: ApiRequest, res: ApiResponse) => Promise<boolean>;

/** Answers the OpenAPI paths and resolves true; resolves false, sending nothing, for any other path. */
export function createOpenApiHandler(registry: ResourceRegistry, options: OpenApiHandlerOptions = {}): OpenApiHandler {
  const now = options.now ?? Date.now;
  let cached: { readonly count: number; readonly docs: OpenApiDocuments } | undefined;
  // Resources are all registered before serving; rebuilding on a changed count only guards
  // against a handler created before registration finished.
  const documents = (): OpenApiDocuments => {
    const count = registry.defs.length;
    if (cached?.count !== count) cached = { count, docs: new OpenApiDocuments([...registry.defs], registry.shape, now) };
    return cached.docs;
  };

  return async (req, res) => {
    const path = req.path;
    const v3 = path === '/openapi/v3' ? '' : path.startsWith('/openapi/v3/') ? path.slice('/openapi/v3/'.length) : undefined;
    const v2 = path === '/openapi/v2' || path === '/swagger-2.0.0.pb-v1';
    if (v3 === undefined && !v2) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.json(405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      return true;
    }

    if (path === '/openapi/v3') {
      serve(req, res, documents().v3Root(), JSON_TYPE);
    } else if (v3 !== undefined) {
      serveGroupVersion(req, res, documents().v3(v3), v3, now);
    } else if (path === '/swagger-2.0.0.pb-v1') {
      serve(req, res, documents().v2Proto(), V2_PROTOBUF);
    } else {
      res.setHeader('vary', 'Accept');
      const format = negotiate(req.headers['accept'], [
        ['application', 'json', 'json'], ['application', PROTOBUF_SUBTYPE_ASKED, 'proto'], ['application', PROTOBUF_SUBTYPE, 'proto'],
      ]);
      if (format === undefined) res.send(406, '', 'text/plain');
      else if (format === 'json') serve(req, res, documents().v2Json(), JSON_TYPE);
      else serve(req, res, documents().v2Proto(), V2_PROTOBUF);
    }
    return true;
  };
}

function serveGroupVersion(req: ApiRequest, res: ApiResponse, doc: ServedDocument | undefined, key: string, now: () => number): void {
  res.setHeader('vary', 'Accept');
  if (negotiate(req.headers['accept'], [['application', 'json', 'json']]) === undefined) {
    res.send(406, '', 'text/plain');
    return;
  }
  if (doc === undefined) {
    res.json(404, failure(404, 'NotFound', 'the server could not find the requested resource'));
    return;
  }
  const hash = req.query.get('hash');
  if (hash !== null && hash !== '') {
    if (hash !== doc.hash) {
      // A client holding an old root: send it to the document as it is now.
      const location = `/openapi/v3/${key}?hash=${doc.hash}`;
      res.setHeader('location', location);
      res.send(301, `<a href="${location}">Moved Permanently</a>.\n\n`, 'text/html; charset=utf-8');
      return;
    }
    res.setHeader('cache-control', 'public, immutable');
    res.setHeader('expires', new Date(now() + YEAR_MS).toUTCString());
  }
  serve(req, res, doc, JSON_TYPE);
}

/** A document with its validators; 304 when the client already holds it. */
function serve(req: ApiRequest, res: ApiResponse, doc: ServedDocument, contentType: string): void {
  const etag = `"${doc.hash}"`;
  res.setHeader('etag', etag);
  res.setHeader('last-modified', doc.lastModified);
  if (matches(req.headers['if-none-match'], etag)) {
    res.send(304, '', contentType);
    return;
  }
  res.send(200, doc.body, contentType);
}

/** If-None-Match: a list of entity tags (weak ones compare equal too), or "*". */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

/**
 * The first of `offers` (type, subtype, result) that the Accept header allows, taking its
 * media ranges by descending q in the order sent, as goautoneg does. No header accepts all.
 */
export function negotiate<T>(accept: string | undefined, offers: ReadonlyArray<readonly [string, string, T]>): T | undefined {
  const clauses = (accept === undefined || accept.trim() === '' ? '*/*' : accept).split(',').map((part, index) => {
    const [range = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const [type = '', subtype = ''] = range.split('/');
    return { type, subtype, q: q === undefined ? 1 : Number(q.slice(2)), index };
  }).filter((c) => c.type !== '' && c.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
  for (const clause of clauses) {
    for (const [type, subtype, result] of offers) {
      if ((clause.type === type || clause.type === '*') && (clause.subtype === subtype || clause.subtype === '*')) return result;
    }
  }
  return undefined;
}

/** A Status answer, written here so that this handler needs nothing around it. */
const failure = (code: number, reason: string, message: string): object => ({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: {}, code,
});
