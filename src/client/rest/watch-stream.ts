// Decodes a JSON watch stream: one `{"type": ..., "object": ...}` per line, as the API server
// writes them. The stream ending, for whatever transport reason (the server going away, a
// reset, an abort), ends the events cleanly, as client-go's StreamWatcher treats a probable
// EOF; only a line that is not a watch event is an error.

import { StringDecoder } from 'node:string_decoder';
import { withoutManagedFields } from './managed-fields-text.ts';
import type { WatchEvent } from './types.ts';

const TYPES: ReadonlySet<string> = new Set(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR']);

/** A line of the stream that is not a watch event. */
export class WatchDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchDecodeError';
  }
}

/** Parses one line; blank lines (keep-alives) give undefined. */
export function parseWatchLine<T>(line: string): WatchEvent<T> | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new WatchDecodeError(`unable to decode an event from the watch stream: ${line.slice(0, 200)}`);
  }
  const event = value as { type?: unknown; object?: unknown };
  if (typeof value !== 'object' || value === null || typeof event.type !== 'string' || !TYPES.has(event.type)
    || typeof event.object !== 'object' || event.object === null) {
    throw new WatchDecodeError(`not a watch event: ${line.slice(0, 200)}`);
  }
  return value as WatchEvent<T>;
}

export interface DecodeOptions {
  /** Each event's object.metadata.managedFields is left out (cut from the text before it is parsed). */
  readonly dropManagedFields?: boolean | undefined;
}

/** The events of `source`, a byte stream of newline-separated JSON watch events. */
export async function* decodeWatchEvents<T>(source: AsyncIterable<Uint8Array | string>, options: DecodeOptions = {}): AsyncGenerator<WatchEvent<T>, void, undefined> {
  const prepare = options.dropManagedFields === true ? withoutManagedFields : undefined;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array | string>;
      try {
        next = await iterator.next();
      } catch {
        return; // The transport went away mid-stream: a probable EOF; a partial line is dropped.
      }
      if (next.done === true) break;
      // The decoder reads the chunk where it lies (Buffer.from would copy every chunk of every watch).
      pending += typeof next.value === 'string' ? next.value : decoder.write(next.value);
      for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n')) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        const event = parseWatchLine<T>(prepare === undefined ? line : prepare(line));
        if (event !== undefined) yield event;
      }
    }
  } finally {
    // Leaving early (the consumer stopped, or a bad line) releases the source.
    void iterator.return?.().catch(() => undefined);
  }
  const rest = pending + decoder.end();
  const event = parseWatchLine<T>(prepare === undefined ? rest : prepare(rest));
  if (event !== undefined) yield event;
}
