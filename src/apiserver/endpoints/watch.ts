// Watch streams: one event per line in JSON (a one-row Table per event for `kubectl get -w`),
// or length-prefixed WatchEvent messages in protobuf. Headers go out at once; the stream ends
// at timeoutSeconds, when the client leaves, or with an ERROR event (410 once the requested
// resourceVersion is too old).

import { encodeMessage } from '../../api/codec/protobuf.ts';
import { wrap } from '../../api/codec/envelope.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import { defaultPrinter, toTable } from '../printers/table.ts';
import type { GenericStore, RequestScope } from '../registry/generic-store.ts';
import { checkFieldSelector, watchObjects } from '../registry/generic-read.ts';
import { apiVersionOf, type ApiObject } from '../registry/resource.ts';
import { toStatusError } from '../registry/storage-errors.ts';
import type { ResourceContext } from './resources.ts';
import { cachedObjectJson } from './codec.ts';
import { negotiateOutput, MEDIA_TYPES, type Output } from './negotiation.ts';
import { boolParam, fieldSelectorOf, includeObjectOf, intParam, labelSelectorOf } from './query.ts';

/** Upstream's --min-request-timeout: watches without timeoutSeconds last 30–60 minutes. */
const MIN_REQUEST_TIMEOUT_S = 1800;

type WireEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; object: Record<string, unknown> };

export async function serveWatch(ctx: ResourceContext, store: GenericStore, scope: RequestScope, name: string, req: ApiRequest, res: ApiResponse): Promise<void> {
  const output = negotiateOutput(req.headers['accept'], { table: true, protobuf: true });
  let fields = fieldSelectorOf(req.query);
  if (name !== '' && fields.kind === 'terms') fields = { kind: 'terms', terms: [...fields.terms, { field: 'metadata.name', operator: '=', value: name }] };
  checkFieldSelector(store, fields, {});
  const labels = labelSelectorOf(req.query);
  const timeout = intParam(req.query, 'timeoutSeconds') ?? Math.round(MIN_REQUEST_TIMEOUT_S * (1 + Math.random()));
  const bookmarks = boolParam(req.query, 'allowWatchBookmarks');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, timeout) * 1000);
  const onClientGone = (): void => controller.abort();
  req.signal.addEventListener('abort', onClientGone, { once: true });
  const contentType = output.format === 'protobuf' ? `${MEDIA_TYPES.protobuf};stream=watch` : MEDIA_TYPES.json;
  const stream = res.stream(200, contentType);
  const encoder = frameEncoder(ctx, store, output, req);
  try {
    const events = watchObjects(store, scope, {
      labels, fields, resourceVersion: req.query.get('resourceVersion') ?? undefined,
      sendInitialEvents: boolParam(req.query, 'sendInitialEvents'), allowWatchBookmarks: bookmarks, signal: controller.signal,
    });
    for await (const event of events) {
      if (event.type === 'BOOKMARK') {
        if (!bookmarks) continue;
        const metadata: Record<string, unknown> = { resourceVersion: String(event.revision) };
        if ('initialEventsEnd' in event) metadata['annotations'] = { 'k8s.io/initial-events-end': 'true' };
        await stream.write(encoder({ type: 'BOOKMARK', object: { kind: store.def.kind, apiVersion: apiVersionOf(store.def), metadata } }));
      } else {
        await stream.write(encoder({ type: event.type, object: event.object.object as Record<string, unknown> }));
      }
      if (controller.signal.aborted) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      const status = toStatusError(error, { group: store.def.group, resource: store.def.resource }, name);
      await stream.write(encoder({ type: 'ERROR', object: status.status as unknown as Record<string, unknown> }));
    }
  } finally {
    clearTimeout(timer);
    req.signal.removeEventListener('abort', onClientGone);
    controller.abort();
    stream.end();
  }
}

/** Turns events into frames of the negotiated form. */
function frameEncoder(ctx: ResourceContext, store: GenericStore, output: Output, req: ApiRequest): (event: WireEvent) => string | Uint8Array {
  let headersSent = false;
  const table = output.as?.kind === 'Table' ? output.as : undefined;
  const includeObject = includeObjectOf(req.query);
  const printer = store.def.printer ?? defaultPrinter;
  return (event) => {
    let object = event.object;
    if (table !== undefined && event.type !== 'ERROR' && event.type !== 'BOOKMARK') {
      object = toTable([object as ApiObject], printer, { includeObject, now: ctx.now(), version: table.version, noHeaders: headersSent });
      headersSent = true;
    }
    if (output.format !== 'protobuf') {
      // The watch cache's own objects (not converted, not a Table) are encoded once for every watcher.
      const shared = object === event.object && event.type !== 'ERROR' && event.type !== 'BOOKMARK' && store.def.storedAs === undefined;
      if (shared) return `{"type":"${event.type}","object":${cachedObjectJson(object)}}\n`;
      return `${JSON.stringify({ type: event.type, object })}\n`;
    }
    return protobufFrame(ctx, event.type, object);
  };
}

/** A length-prefixed meta/v1 WatchEvent {type=1, object=RawExtension{raw=1}}. */
function protobufFrame(ctx: ResourceContext, type: string, object: Record<string, unknown>): Uint8Array {
  const apiVersion = String(object['apiVersion'] ?? 'v1');
  const kind = String(object['kind'] ?? '');
  const shape = ctx.registry.shape(apiVersion, kind);
  const raw = shape === undefined ? Buffer.from(JSON.stringify(object)) : wrap(apiVersion, kind, encodeMessage(shape, object));
  const typeBytes = Buffer.from(type);
  const rawExtension = Buffer.concat([Buffer.from([0x0a]), varint(raw.length), raw]);
  const message = Buffer.concat([Buffer.from([0x0a]), varint(typeBytes.length), typeBytes, Buffer.from([0x12]), varint(rawExtension.length), rawExtension]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  return Buffer.concat([length, message]);
}

function varint(n: number): Buffer {
  const bytes: number[] = [];
  let value = n;
  while (value > 0x7f) {
    bytes.push((value & 0x7f) | 0x80);
    value = Math.floor(value / 128);
  }
  bytes.push(value);
  return Buffer.from(bytes);
}
