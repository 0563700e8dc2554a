// SPDY/3 header compression: one zlib stream per direction for the whole connection, primed
// with the protocol's fixed dictionary (SPDY/3 §2.6.10.1), each header block ended with a sync
// flush so the peer can decode it at once. Node's zlib streams are asynchronous; callers must
// not interleave blocks, so each instance queues its work and answers in order.

import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';

// The dictionary: these words, each preceded by its length as a 4-byte big-endian integer,
// then the fixed tail below. It is a constant of the protocol; both ends must use the same.
const DICTIONARY_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding',
  'accept-language', 'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection',
  'content-base', 'content-encoding', 'content-language', 'content-length', 'content-location', 'content-md5',
  'content-range', 'content-type', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match',
  'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified', 'location',
  'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'retry-after',
  'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public',
  'set-cookie', 'keep-alive', 'origin',
];
const DICTIONARY_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY_DICTIONARY: Buffer = Buffer.concat([
  ...DICTIONARY_WORDS.flatMap((w) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(w.length);
    return [len, Buffer.from(w, 'latin1')];
  }),
  Buffer.from(DICTIONARY_TAIL, 'latin1'),
]);

/** A decompressed header block larger than this is refused (a zlib bomb guard). */
const MAX_HEADER_BLOCK = 256 * 1024;

type Engine = Deflate | Inflate;

/** Runs one chunk through the engine and sync-flushes; resolves with everything it produced. */
function pass(engine: Engine, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_HEADER_BLOCK) {
        finish(new Error(`SPDY header block decompresses to more than ${MAX_HEADER_BLOCK} bytes`));
        return;
      }
      out.push(chunk);
    };
    const onError = (error: Error): void => finish(error);
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      engine.off('data', onData);
      engine.off('error', onError);
      if (error === undefined) resolve(Buffer.concat(out));
      else reject(error);
    };
    engine.on('data', onData);
    engine.once('error', onError);
    engine.write(input);
    engine.flush(constants.Z_SYNC_FLUSH, () => finish());
  });
}

class Queued {
  readonly #engine: Engine;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(engine: Engine) {
    this.#engine = engine;
    engine.on('error', () => undefined); // reported through the pending pass
  }

  run(input: Buffer): Promise<Buffer> {
    if (this.#closed) return Promise.reject(new Error('SPDY header codec is closed'));
    const result = this.#tail.then(() => pass(this.#engine, input));
    this.#tail = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#closed = true;
    this.#engine.close();
  }
}

/** Compresses outgoing header blocks of one connection, in call order. */
export class HeaderCompressor {
  readonly #q = new Queued(createDeflate({ dictionary: SPDY_DICTIONARY, level: constants.Z_BEST_COMPRESSION }));
  compress(block: Buffer): Promise<Buffer> { return this.#q.run(block); }
  close(): void { this.#q.close(); }
}

/** Decompresses incoming header blocks of one connection, in call order. */
export class HeaderDecompressor {
  readonly #q = new Queued(createInflate({ dictionary: SPDY_DICTIONARY }));
  decompress(block: Buffer): Promise<Buffer> { return this.#q.run(block); }
  close(): void { this.#q.close(); }
}
