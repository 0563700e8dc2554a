// HTTP/1.1 requests that switch protocols (SPDY or WebSocket for exec, attach, port-forward):
// authenticated like any request, then the connection is handed to the upgrade handler.

import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { StatusError, unauthorized, type Status } from '../../api/status.ts';
import { authenticate, type Authenticator } from './authn.ts';
import { plainHeaders } from './exchange.ts';
import type { ApiRequest, UpgradeHandler } from './types.ts';

export interface UpgradeContext {
  readonly upgrade: UpgradeHandler;
  readonly authenticators: readonly Authenticator[];
  /** Fires when the server shuts down: the upgraded request's signal fires with it. */
  readonly shutdown: AbortSignal;
  readonly onError: (error: unknown, req: ApiRequest | undefined) => void;
}

export async function serveUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, context: UpgradeContext): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('the connection closed'));
  socket.once('close', stop);
  if (context.shutdown.aborted) stop();
  else context.shutdown.addEventListener('abort', stop, { once: true, signal: controller.signal });
  socket.on('error', () => undefined); // the handler sees a close
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const headers = plainHeaders(req.headers);
  try {
    const auth = await authenticate(req.socket as TLSSocket, headers, context.authenticators);
    if ('error' in auth) throw unauthorized('Unauthorized');
    const request: Omit<ApiRequest, 'body'> = {
      method: req.method ?? 'GET',
      path: q === -1 ? url : url.slice(0, q),
      query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)),
      headers,
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress ?? '',
      user: auth.user,
      signal: controller.signal,
    };
    await context.upgrade(request, socket, head);
  } catch (error) {
    if (error instanceof StatusError) writeStatus(socket, error.status);
    else {
      context.onError(error, undefined);
      socket.destroy();
    }
  }
}

/** A plain HTTP/1.1 answer on a connection no HTTP machinery owns any more. */
function writeStatus(socket: Duplex, status: Status): void {
  const body = JSON.stringify(status) + '\n';
  const code = status.code ?? 500;
  socket.end(
    `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
