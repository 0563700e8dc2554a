// Two connected TCP sockets on loopback, for tests of protocols that run over a socket.

import { connect, createServer, type Socket } from 'node:net';

export async function socketPair(): Promise<{ a: Socket; b: Socket; close(): void }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const a = connect(port, '127.0.0.1');
  const b = await accepted;
  server.close();
  await new Promise<void>((resolve) => (a.connecting ? a.once('connect', () => resolve()) : resolve()));
  return { a, b, close: () => { a.destroy(); b.destroy(); } };
}
