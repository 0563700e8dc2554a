// Crash safety: a child writes as fast as it can and reports each acknowledged write; it is
// killed with SIGKILL mid-stream; after reopening, every acknowledged write is there.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from './sqlite-store.ts';

const fixture = new URL('./crash-writer.fixture.ts', import.meta.url).pathname;

interface Ack {
  readonly key: string;
  readonly revision: number;
  readonly value: string;
}

/** Runs the writer until it has acknowledged `target` writes, then kills it with SIGKILL. */
async function writeUntilKilled(path: string, target: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acks: Ack[] = [];
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [key, revision, value] = line.split(' ');
      if (key === undefined || revision === undefined || value === undefined) continue;
      acks.push({ key, revision: Number(revision), value });
    }
    if (acks.length >= target) child.kill('SIGKILL');
  });
  const signal = await exited;
  clearTimeout(deadline);
  assert.equal(signal, 'SIGKILL', 'the writer was killed, not stopped');
  return acks;
}

test('every acknowledged write survives SIGKILL, and revisions are never reused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-crash-'));
  try {
    const path = join(dir, 'state.db');
    const first = await writeUntilKilled(path, 3000);
    const second = await writeUntilKilled(path, 3000);
    assert.ok(first.length >= 3000 && second.length >= 3000, `acknowledged ${first.length} and ${second.length}`);

    const revisions = [...first, ...second].map((a) => a.revision);
    assert.equal(new Set(revisions).size, revisions.length, 'no revision acknowledged twice');
    const lastOfFirst = Math.max(...first.map((a) => a.revision));
    assert.ok(second.every((a) => a.revision > lastOfFirst), 'after a crash, revisions continue above every acknowledged one');

    const store = await SqliteStore.open(path, { compactIntervalMs: 0 });
    try {
      // The latest acknowledged write of every key is what the key holds (or a later one
      // that was committed but killed before its line was printed).
      const latest = new Map<string, Ack>();
      for (const ack of [...first, ...second]) {
        const seen = latest.get(ack.key);
        if (seen === undefined || seen.revision < ack.revision) latest.set(ack.key, ack);
      }
      for (const ack of latest.values()) {
        const kv = await store.get(ack.key);
        assert.ok(kv !== undefined, `${ack.key} is missing`);
        assert.ok(kv.modRevision >= ack.revision, `${ack.key} went back from ${ack.revision} to ${kv.modRevision}`);
        if (kv.modRevision === ack.revision) assert.equal(kv.value, ack.value);
      }
      // Every acknowledged write is in the history, in commit order.
      const history: number[] = [];
      for await (const event of store.watch('/crash/', { afterRevision: 0, signal: AbortSignal.timeout(10_000) })) {
        history.push(event.revision);
        if (event.revision >= (await store.currentRevision())) break;
      }
      for (let i = 1; i < history.length; i++) assert.ok(history[i]! > history[i - 1]!, 'history is strictly increasing');
      const stored = new Set(history);
      for (const revision of revisions) assert.ok(stored.has(revision), `acknowledged revision ${revision} is not in history`);
      const next = await store.create('/crash/after', 'x');
      assert.ok(next.modRevision > Math.max(...history), 'a new write never reuses a revision');
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
