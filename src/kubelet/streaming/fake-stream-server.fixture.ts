// A stand-in for containerd's stream server in tests: plain HTTP on loopback, SPDY upgrades
// only, as containerd 1.6 serves kubelets. /exec/... reads stdin to its end, then writes
// "got:<stdin>" to stdout and "warn" to stderr and reports exit code 3 (a v4 Status);
// /exec/nostdin... starts without a stdin stream, /exec/...tty waits for a first resize message;
// /portforward/... answers every data stream with its bytes upper-cased, and ends it when the
// client ends its side. It records each resize message and the ports asked for.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { acceptSpdy } from './accept.ts';
import type { SpdyStream } from './spdy-stream.ts';

export const EXIT_3_STATUS = JSON.stringify({
  metadata: {}, status: 'Failure', message: 'command terminated with non-zero exit code: exit status 3', reason: 'NonZeroExitCode',
  details: { causes: [{ reason: 'ExitCode', message: '3' }] },
});

export class FakeStreamServer {
  readonly #server: Server;
  readonly #sockets = new Set<Duplex>();
  readonly resizes: string[] = [];
  readonly ports: string[] = [];

  constructor() {
    this.#server = createServer((_req, res) => { res.writeHead(400); res.end(); });
    this.#server.on('upgrade', (req, socket, head) => {
      const exec = (req.url ?? '').startsWith('/exec');
      const streams = new Map<string, SpdyStream>();
      let started = false;
      let resized = false;
      const errors = new Map<string, SpdyStream>();
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
      const accepted = acceptSpdy(req.headers, socket, head, ['v4.channel.k8s.io', 'portforward.k8s.io'], (stream) => {
        stream.on('error', () => undefined);
        const type = stream.header('streamtype') ?? '';
        if (!exec) {
          const id = stream.header('requestid') ?? '';
          if (type === 'data') {
            this.ports.push(stream.header('port') ?? '');
            stream.on('data', (d: Buffer) => stream.write(d.toString('latin1').toUpperCase()));
            stream.on('end', () => { stream.end(); errors.get(id)?.end(); });
          } else {
            errors.set(id, stream);
            stream.resume();
          }
          return;
        }
        streams.set(type, stream);
        const url = req.url ?? '';
        const check = (): void => {
          const ready = streams.has('error') && streams.has('stdout') && (streams.has('stdin') || url.includes('nostdin')) && (resized || !url.includes('tty'));
          if (!ready || started) return;
          started = true;
          setImmediate(() => void this.#runExec(streams, () => accepted?.session.close()));
        };
        if (type === 'resize') stream.on('data', (d: Buffer) => { this.resizes.push(d.toString()); resized = true; check(); });
        check();
      });
    });
  }

  async #runExec(streams: Map<string, SpdyStream>, done: () => void): Promise<void> {
    let input = '';
    const stdin = streams.get('stdin');
    if (stdin !== undefined) for await (const chunk of stdin) input += (chunk as Buffer).toString();
    const write = (type: string, text: string): Promise<void> => new Promise((r) => {
      const stream = streams.get(type);
      if (stream === undefined) r();
      else stream.write(text, () => r());
    });
    await write('stdout', `got:${input}`);
    await write('stderr', 'warn');
    await write('error', EXIT_3_STATUS);
    for (const s of streams.values()) s.end();
    done();
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${path}`;
  }

  close(): void {
    this.#server.close();
    this.#server.closeAllConnections();
    for (const socket of this.#sockets) socket.destroy();
  }
}
