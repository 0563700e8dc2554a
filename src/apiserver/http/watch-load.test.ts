// Many watches multiplexed on one HTTP/2 session must all arrive whole. RUNTIME.md saw node
// reset such streams (ENHANCE_YOUR_CALM) once a session held tens of MB of events in flight;
// here each write waits for the transport (so a watch holds about one event, which passes even
// with a 1 MB session limit) and the server's maxSessionMemory is raised on top of that.

import assert from 'node:assert/strict';
import http2 from 'node:http2';
import { test } from 'node:test';
import { startServer, testPki } from './test-server.fixture.ts';

const watchers = 10;
const events = 3000;
const event = `{"type":"ADDED","object":{"data":"${'x'.repeat(1000)}"}}\n`;

test(`${watchers} watches of ${events} 1 KiB events on one HTTP/2 session all arrive`, async () => {
  let maxBuffered = 0;
  const running = await startServer({
    handler: async (req, res) => {
      const stream = res.stream(200, 'application/json');
      for (let i = 0; i < events && !req.signal.aborted; i++) {
        await stream.write(event);
        maxBuffered = Math.max(maxBuffered, stream.buffered);
      }
      stream.end();
    },
  });
  const session = http2.connect(running.url, { ca: testPki().ca.certPem });
  try {
    const received = await Promise.all(Array.from({ length: watchers }, async (_, i) => {
      const stream = session.request({ ':path': `/api/v1/pods?watch=true&n=${i}` });
      let bytes = 0;
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
      return bytes;
    }));
    assert.deepEqual(received, new Array<number>(watchers).fill(events * Buffer.byteLength(event)));
    // Awaiting each write keeps what a watch buffers near one event, not the whole backlog.
    assert.ok(maxBuffered < 256 * 1024, `buffered up to ${maxBuffered} bytes`);
  } finally {
    session.close();
    await running.stop();
  }
});
