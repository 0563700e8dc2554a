// A bare HTTP/2 client for the benchmark: the admin kubeconfig's client certificate, one TLS
// connection per session, many concurrent streams on it (as client-go multiplexes). Nothing
// between the measure and the wire: no retries, no decoding unless asked.

import { readFileSync } from 'node:fs';
import http2, { type ClientHttp2Session, type ClientHttp2Stream } from 'node:http2';
import { parse } from 'yaml';

export interface Credentials {
  /** https://127.0.0.1:PORT */
  readonly server: string;
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface Reply {
  readonly status: number;
  readonly body: Buffer;
}

/** client-go's HTTP/2 windows (4 MiB per stream, 1 GiB per connection), so large LISTs are not window-bound. */
const STREAM_WINDOW = 4 << 20;
const SESSION_WINDOW = 1 << 30;

/** The current context's cluster and user from a kubeconfig `k8ts server` wrote (inline `*-data` fields). */
export function readCredentials(kubeconfigPath: string): Credentials {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    'current-context'?: string;
    contexts?: Array<{ name: string; context: { cluster: string; user: string } }>;
    clusters?: Array<{ name: string; cluster: { server: string; 'certificate-authority-data': string } }>;
    users?: Array<{ name: string; user: { 'client-certificate-data': string; 'client-key-data': string } }>;
  };
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const user = config.users?.find((u) => u.name === context?.user)?.user;
  if (cluster === undefined || user === undefined) throw new Error(`${kubeconfigPath}: no current context`);
  const unb64 = (text: string): string => Buffer.from(text, 'base64').toString('utf8');
  return {
    server: cluster.server,
    caPem: unb64(cluster['certificate-authority-data']),
    certPem: unb64(user['client-certificate-data']),
    keyPem: unb64(user['client-key-data']),
  };
}

export class Session {
  readonly #session: ClientHttp2Session;

  private constructor(session: ClientHttp2Session) {
    this.#session = session;
  }

  /** Opens the TLS connection and waits for the HTTP/2 handshake. */
  static async connect(credentials: Credentials): Promise<Session> {
    const session = http2.connect(credentials.server, {
      ca: credentials.caPem, cert: credentials.certPem, key: credentials.keyPem,
      settings: { initialWindowSize: STREAM_WINDOW, enablePush: false },
      maxSessionMemory: 256,
    });
    await new Promise<void>((resolve, reject) => {
      session.once('connect', () => resolve());
      session.once('error', reject);
    });
    session.on('error', () => undefined); // a failure surfaces on the streams that were open
    session.setLocalWindowSize(SESSION_WINDOW);
    return new Session(session);
  }

  /** One request; resolves with the whole body once the stream ends. */
  request(method: string, path: string, body?: string, contentType = 'application/json'): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: http2.OutgoingHttpHeaders = { ':method': method, ':path': path, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = contentType;
      const stream = this.#session.request(headers, { endStream: body === undefined });
      const chunks: Buffer[] = [];
      let status = 0;
      stream.once('response', (h) => { status = Number(h[':status']); });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => resolve({ status, body: Buffer.concat(chunks) }));
      stream.once('error', reject);
      if (body !== undefined) stream.end(body);
    });
  }

  /**
   * A watch: `onLine` runs for every complete line (one event each) as it arrives. Resolves once
   * the response headers are in; `close()` cancels the stream.
   */
  async watch(path: string, onLine: (line: string) => void): Promise<{ close(): void }> {
    const stream: ClientHttp2Stream = this.#session.request({ ':method': 'GET', ':path': path, accept: 'application/json' }, { endStream: true });
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk: string) => {
      partial += chunk;
      let newline = partial.indexOf('\n');
      while (newline >= 0) {
        onLine(partial.slice(0, newline));
        partial = partial.slice(newline + 1);
        newline = partial.indexOf('\n');
      }
    });
    stream.on('error', () => undefined); // cancelled at the end, or the server went away: counted as undelivered
    await new Promise<void>((resolve, reject) => {
      stream.once('response', (h) => {
        const status = Number(h[':status']);
        if (status === 200) resolve();
        else reject(new Error(`watch ${path}: HTTP ${status}`));
      });
      stream.once('close', () => reject(new Error(`watch ${path}: closed before its headers`)));
    });
    return { close: () => stream.close(http2.constants.NGHTTP2_CANCEL) };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#session.closed || this.#session.destroyed) resolve();
      else this.#session.close(() => resolve());
    });
  }
}

/** Throws unless the reply's status is `expected` (or any 2xx when absent). */
export function expectStatus(reply: Reply, what: string, expected?: number): Reply {
  const ok = expected === undefined ? reply.status >= 200 && reply.status < 300 : reply.status === expected;
  if (!ok) throw new Error(`${what}: HTTP ${reply.status}: ${reply.body.toString('utf8').slice(0, 300)}`);
  return reply;
}
