// The scheduler's own HTTP endpoint (the role of kube-scheduler's serving port): GET /metrics
// in Prometheus text format, and /healthz, /livez, /readyz answering "ok". Plain HTTP, meant for
// a loopback address; anything else is 404, other methods 405.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exposition004 } from '../client/metrics/registry.ts';
import type { SchedulerMetrics } from './metrics.ts';

export interface MetricsServerOptions {
  readonly metrics: SchedulerMetrics;
  /** "host:port"; port 0 picks a free one (see `port` once listening). */
  readonly address: string;
}

/** Splits "host:port" ("[::1]:10251" for IPv6); throws on anything else. */
export function parseAddress(address: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(address);
  const port = Number(m?.[3]);
  if (m === null || !(port >= 0 && port <= 65535)) throw new Error(`invalid address "${address}": want host:port`);
  return { host: m[1] ?? m[2] ?? '', port };
}

export class MetricsServer {
  readonly #o: MetricsServerOptions;
  #port = 0;

  /** Checks the address; does no I/O. */
  constructor(o: MetricsServerOptions) {
    parseAddress(o.address);
    this.#o = o;
  }

  /** The bound port once `listening` resolved. */
  get port(): number {
    return this.#port;
  }

  /**
   * Listens until `signal` aborts, then closes every connection. `listening` resolves once the
   * port is bound (rejects if it cannot be); the returned promise when the server is closed.
   */
  run(signal: AbortSignal, listening?: (port: number) => void): Promise<void> {
    const { host, port } = parseAddress(this.#o.address);
    const server: Server = createServer((req, res) => this.#serve(req, res));
    return new Promise<void>((resolve, reject) => {
      const close = (): void => {
        server.close(() => resolve());
        server.closeAllConnections();
      };
      server.once('error', (err) => {
        signal.removeEventListener('abort', close);
        reject(err);
      });
      if (signal.aborted) {
        resolve();
        return;
      }
      signal.addEventListener('abort', close, { once: true });
      server.listen(port, host === '' ? undefined : host, () => {
        this.#port = (server.address() as AddressInfo).port;
        listening?.(this.#port);
      });
    });
  }

  #serve(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    const known = path === '/metrics' || path === '/healthz' || path === '/livez' || path === '/readyz';
    if (!known) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }).end('method not allowed\n');
      return;
    }
    const [type, body] = path === '/metrics' ? [exposition004, this.#o.metrics.text()] : ['text/plain; charset=utf-8', 'ok'];
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
