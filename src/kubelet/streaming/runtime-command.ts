// Bridges a client's exec or attach to the runtime's stream server. containerd 1.6 serves
// SPDY v4.channel.k8s.io (and WebSocket v4, which cannot half-close stdin), so the kubelet
// speaks SPDY to it: stdin's end becomes a FIN and the process sees EOF while its output still
// flows back. The runtime's status (a v4 Status JSON) is passed to the client last.

import type { Readable, Writable } from 'node:stream';
import type { CommandOptions, CommandStreams } from './remote-command.ts';
import { dialSpdy } from './spdy-dial.ts';
import { spdyHeaders } from './spdy-frames.ts';
import type { SpdyStream } from './spdy-stream.ts';

const SUCCESS = Buffer.from('{"metadata":{},"status":"Success"}');

function failure(message: string): Buffer {
  return Buffer.from(JSON.stringify({ metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 }));
}

/** Copies `from` into `to` without ending `to`; resolves when `from` ends or fails. */
function copy(from: Readable, to: Writable | undefined): Promise<void> {
  return new Promise((resolve) => {
    from.on('data', (chunk: Buffer) => {
      if (to !== undefined && !to.destroyed && !to.write(chunk)) {
        from.pause();
        to.once('drain', () => from.resume());
      }
    });
    from.once('end', () => resolve());
    from.once('close', () => resolve());
    from.once('error', () => resolve());
  });
}

/** Runs the exchange until the runtime finishes (or the client goes away), then reports. */
export async function bridgeCommand(url: string, options: CommandOptions, client: CommandStreams): Promise<void> {
  const abort = new AbortController();
  let session: Awaited<ReturnType<typeof dialSpdy>>['session'] | undefined;
  const onGone = (): void => { abort.abort(); session?.close(); };
  if (client.gone.aborted) return;
  client.gone.addEventListener('abort', onGone, { once: true });
  try {
    const dialed = await dialSpdy(url, ['v4.channel.k8s.io'], abort.signal);
    session = dialed.session;
    const open = (type: string): Promise<SpdyStream> => dialed.session.openStream(spdyHeaders({ streamType: type }));
    // The error stream first, as client-go does; the server starts once all it expects exist.
    const error = await open('error');
    const [stdin, stdout, stderr, resize] = await Promise.all([
      options.stdin ? open('stdin') : undefined,
      options.stdout ? open('stdout') : undefined,
      options.stderr ? open('stderr') : undefined,
      options.tty ? open('resize') : undefined,
    ]);
    for (const s of [error, stdin, stdout, stderr, resize]) s?.on('error', () => undefined);
    error.end();
    if (stdin !== undefined) {
      if (client.stdin === undefined) stdin.end();
      else client.stdin.pipe(stdin);
    }
    if (resize !== undefined && client.resize !== undefined) client.resize.pipe(resize);
    const status: Buffer[] = [];
    error.on('data', (chunk: Buffer) => status.push(chunk));
    // Everything the runtime wrote reaches the client before the status does.
    await Promise.all([
      copy(error, undefined),
      stdout === undefined ? Promise.resolve() : copy(stdout, client.stdout),
      stderr === undefined ? Promise.resolve() : copy(stderr, client.stderr),
    ]);
    await client.finish(status.length === 0 ? SUCCESS : Buffer.concat(status));
  } catch (error) {
    await client.finish(failure(error instanceof Error ? error.message : String(error)));
  } finally {
    client.gone.removeEventListener('abort', onGone);
    session?.close();
  }
}
