import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { FakeClock } from '../../api/clock.ts';
import { settle } from './exec-runtime.fixture.ts';
import { tcpProbe } from './tcp.ts';

async function tcpServer(): Promise<{ port: number; sockets: Socket[]; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port, sockets,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

test('tcpSocket probes: open, refused, timed out, stopped', async () => {
  const server = await tcpServer();
  const closed = await tcpServer();
  await closed.close();
  try {
    const cases: { name: string; port: number; advanceMs?: number; abort?: boolean; want: unknown }[] = [
      { name: 'an open port succeeds', port: server.port, want: { result: 'success', output: '' } },
      { name: 'a closed port is refused', port: closed.port, want: { result: 'failure', output: `dial tcp 127.0.0.1:${closed.port}: connect: connection refused` } },
      // The clock passes the timeout before the connection's callbacks can run.
      { name: 'no connection within the timeout', port: server.port, advanceMs: 1000, want: { result: 'failure', output: `dial tcp 127.0.0.1:${server.port}: i/o timeout` } },
      { name: 'a stopped worker gives up', port: server.port, abort: true, want: { result: 'error', state: 'unknown', error: 'probe cancelled' } },
    ];
    for (const c of cases) {
      const clock = new FakeClock();
      const stop = new AbortController();
      const pending = tcpProbe({ clock, host: '127.0.0.1', port: c.port, timeoutMs: 1000, signal: stop.signal });
      if (c.advanceMs !== undefined) clock.advance(c.advanceMs);
      if (c.abort === true) stop.abort();
      assert.deepEqual(await pending, c.want, c.name);
    }
    // Every probe connection is closed by the prober, not left to the server.
    for (let i = 0; i < 200 && server.sockets.some((s) => !s.closed); i++) await settle(1);
    assert.ok(server.sockets.length >= 1);
    assert.ok(server.sockets.every((s) => s.closed), 'probe connections closed');
  } finally {
    await server.close();
  }
});
