import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';

const fixture = new URL('./until-signalled.fixture.ts', import.meta.url).pathname;

/** Runs the fixture; `term` sends SIGTERM once it has printed "waited". */
function runFixture(args: string[], term: boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let signalled = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (term && !signalled && out.includes('waited\n')) signalled = child.kill('SIGTERM');
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

it('keeps a command alive while its components wait on nothing but unref\'d timers', async () => {
  // Without the keep-alive the loop drains at once and Node exits 13 before "waited".
  assert.deepEqual(await runFixture(['300'], false), { code: 0, out: 'waited\nreturned\n' });
});

it('stops a command on SIGTERM and lets it return', async () => {
  assert.deepEqual(await runFixture(['50', 'wait'], true), { code: 0, out: 'waited\nSIGTERM\nreturned\n' });
});
