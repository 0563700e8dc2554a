// Child process of crash.test.ts: writes to a sqlite store as fast as it can from many
// concurrent writers and prints one line per acknowledged write ("key revision value"),
// until it is killed.

import { SqliteStore } from './sqlite-store.ts';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: crash-writer.fixture.ts STATE_DB');
const store = await SqliteStore.open(path);
process.stdout.write('ready\n');

async function writer(id: number): Promise<never> {
  for (let n = 0; ; n++) {
    const key = `/crash/${id}/${n % 50}`;
    const value = `w${id}-n${n}`;
    const existing = await store.get(key);
    const kv = existing === undefined ? await store.create(key, value) : await store.update(key, value, existing.modRevision);
    process.stdout.write(`${kv.key} ${kv.modRevision} ${kv.value}\n`);
  }
}

await Promise.all(Array.from({ length: 64 }, (_, id) => writer(id)));
