// The served OpenAPI documents of one set of resources, each built on first request and kept:
// resources are registered before the server starts and never change while it runs, so
// neither do the documents, their hashes, or their ETags.

import { createHash } from 'node:crypto';
import type { ResourceDef } from '../registry/resource.ts';
import type { ShapeLookup } from './kinds.ts';
import { encodeOpenApiV2 } from './openapi-v2-proto.ts';
import { buildOpenApiV2 } from './openapi-v2.ts';
import { buildOpenApiV3 } from './openapi-v3.ts';
import type { JsonObject } from './schemas.ts';

export interface ServedDocument {
  readonly body: string | Uint8Array;
  /** Upstream's ETag value: the SHA-512 of the body in upper-case hex (quoted on the wire). */
  readonly hash: string;
  /** When the document was built, as an HTTP date (Last-Modified). */
  readonly lastModified: string;
}

const sha512 = (body: string | Uint8Array): string => createHash('sha512').update(body).digest('hex').toUpperCase();

export class OpenApiDocuments {
  readonly #defs: readonly ResourceDef[];
  readonly #lookup: ShapeLookup;
  readonly #now: () => number;
  #v3: Map<string, ServedDocument> | undefined;
  #v3Root: ServedDocument | undefined;
  #v2: JsonObject | undefined;
  #v2Json: ServedDocument | undefined;
  #v2Proto: ServedDocument | undefined;

  /** Builds nothing yet: each document is built on first use. */
  constructor(defs: readonly ResourceDef[], lookup: ShapeLookup, now: () => number = Date.now) {
    this.#defs = defs;
    this.#lookup = lookup;
    this.#now = now;
  }

  #served(body: string | Uint8Array): ServedDocument {
    return { body, hash: sha512(body), lastModified: new Date(this.#now()).toUTCString() };
  }

  /** The /openapi/v3 documents by key ("api/v1", "apis/apps/v1", "apis/apps", "api", "apis"). */
  v3(key: string): ServedDocument | undefined {
    return this.#v3Documents().get(key);
  }

  /** The /openapi/v3 root: every document's key and hashed URL. */
  v3Root(): ServedDocument {
    if (this.#v3Root === undefined) {
      const paths: Record<string, { serverRelativeURL: string }> = {};
      const docs = [...this.#v3Documents()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [key, doc] of docs) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
      this.#v3Root = this.#served(JSON.stringify({ paths }));
    }
    return this.#v3Root;
  }

  v2Json(): ServedDocument {
    this.#v2Json ??= this.#served(JSON.stringify(this.#v2Document()));
    return this.#v2Json;
  }

  v2Proto(): ServedDocument {
    this.#v2Proto ??= this.#served(encodeOpenApiV2(this.#v2Document()));
    return this.#v2Proto;
  }

  #v3Documents(): Map<string, ServedDocument> {
    if (this.#v3 === undefined) {
      this.#v3 = new Map();
      for (const [key, doc] of buildOpenApiV3(this.#defs, this.#lookup)) this.#v3.set(key, this.#served(JSON.stringify(doc)));
    }
    return this.#v3;
  }

  #v2Document(): JsonObject {
    this.#v2 ??= buildOpenApiV2(this.#defs, this.#lookup);
    return this.#v2;
  }
}
