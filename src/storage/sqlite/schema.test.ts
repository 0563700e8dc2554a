// A state database written by an older k8ts is brought up to the current schema on open.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from './schema.ts';
import { SqliteStore } from './sqlite-store.ts';

/** Writes the version 1 layout by hand: /v/a updated once, /v/b deleted, /v/c live. */
function writeVersion1(path: string): void {
  const db = new Database(path);
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE kv (rev INTEGER PRIMARY KEY, key TEXT NOT NULL, create_rev INTEGER NOT NULL, prev_rev INTEGER NOT NULL,
      deleted INTEGER NOT NULL, value TEXT, expires_at INTEGER);
    CREATE INDEX kv_key_rev ON kv (key, rev);
    CREATE INDEX kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE current (key TEXT PRIMARY KEY, rev INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO kv VALUES (1, '/v/a', 1, 0, 0, 'a1', NULL), (2, '/v/b', 2, 0, 0, 'b1', NULL), (3, '/v/a', 1, 1, 0, 'a2', NULL),
      (4, '/v/b', 2, 2, 1, NULL, NULL), (5, '/v/c', 5, 0, 0, 'c1', NULL);
    INSERT INTO current VALUES ('/v/a', 3), ('/v/c', 5);
    INSERT INTO meta VALUES ('schema', 1), ('revision', 5), ('compacted', 0);
  `);
  db.close();
}

test('a version 1 database opens: its state and history read as before, the (key, rev) index goes, compaction walks it all', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-schema-'));
  const path = join(dir, 'state.db');
  try {
    writeVersion1(path);
    const store = await SqliteStore.open(path, { compactIntervalMs: 0 });
    try {
      assert.equal(await store.currentRevision(), 5);
      assert.deepEqual((await store.list('/v/')).items.map((kv) => `${kv.key}=${kv.value}`), ['/v/a=a2', '/v/c=c1']);
      assert.deepEqual((await store.list('/v/', { revision: 2 })).items.map((kv) => `${kv.key}=${kv.value}`), ['/v/a=a1', '/v/b=b1']);
      const a = await store.update('/v/a', 'a3', 3);
      assert.equal(a.modRevision, 6);
      await store.compact(6);
      assert.deepEqual((await store.list('/v/', { revision: 6 })).items.map((kv) => `${kv.key}=${kv.value}`), ['/v/a=a3', '/v/c=c1']);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).pluck().get(), SCHEMA_VERSION);
      assert.equal(db.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'kv_key_rev'`).pluck().get(), 0);
      // Only the rows a reader at revision 6 needs are left.
      assert.deepEqual(db.prepare(`SELECT rev FROM kv ORDER BY rev`).pluck().all(), [5, 6]);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
