// The on-disk layout of the sqlite backend, shared by the writer thread and the readers.
//
// kv is the history: one row per write, its rowid the write's revision. A delete is a row
// too (deleted = 1, no value), so a watch can replay it. prev_rev links a row to the row it
// replaced (0 for a create), so history needs no index by key: the state of a key at a past
// revision is found from the first write after it, and compaction walks the links. `current`
// points at the latest row of every live key, so reads of the present need no scan of
// history. The revision of the last write is the larger of kv's newest row and meta's
// `revision`, which compaction sets whenever it removes rows (it may remove the newest row,
// a tombstone, and a revision must never be handed out twice); writing it on every commit
// would cost a page per transaction. `meta` also holds the compacted revision and how far
// compaction has walked.
//
// Every index costs a page written at a random place on every write (keys arrive in no
// order), so there are only the ones reads need: `current` (a key's present row) and the
// partial index of TTLs. Version 1 also indexed kv by (key, rev); version 2 reads history
// through prev_rev instead.

import type { Database } from 'better-sqlite3';

export const SCHEMA_VERSION = 2;

export function applyPragmas(db: Database): void {
  // auto_vacuum must be chosen before the first table exists; it lets compaction give pages
  // back to the file system (incremental_vacuum) instead of keeping the file at its peak.
  db.pragma('auto_vacuum = INCREMENTAL');
  db.pragma('journal_mode = WAL');
  // FULL: the WAL is synced on every commit, so an acknowledged write survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  // After a checkpoint the WAL file is cut back to this size, so it cannot stay huge.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  db.pragma('foreign_keys = OFF');
  // 2 MiB of page cache instead of better-sqlite3's 16 MiB: SQLite scans the whole cache's
  // hash table at the end of most write transactions (once a b-tree balance has renumbered
  // a page, its cache forgets pages past the end of the file, and that walks every slot),
  // and a reader's cache is dropped whenever the writer has committed since its last read.
  // Both cost in proportion to the cache size; a larger cache only saves reads the OS page
  // cache answers anyway (measured: 9 % less writer CPU per write).
  db.pragma('cache_size = -2048');
}

export function createSchema(db: Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS kv (
      rev        INTEGER PRIMARY KEY,
      key        TEXT    NOT NULL,
      create_rev INTEGER NOT NULL,
      prev_rev   INTEGER NOT NULL,
      deleted    INTEGER NOT NULL,
      value      TEXT,
      expires_at INTEGER
    );
    CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE IF NOT EXISTS current (
      key TEXT PRIMARY KEY,
      rev INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (
      name  TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ${SCHEMA_VERSION}), ('revision', 0), ('compacted', 0), ('compact_cursor', 0);
  `);
  const schema = db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).pluck().get();
  if (schema === 1) {
    // From version 1: the (key, rev) index goes. compact_cursor starts at 0, so the next
    // compaction walks all of history once (version 1 did not keep a cursor).
    db.transaction(() => {
      db.exec(`DROP INDEX IF EXISTS kv_key_rev; UPDATE meta SET value = ${SCHEMA_VERSION} WHERE name = 'schema'`);
    })();
    return;
  }
  if (schema !== SCHEMA_VERSION) throw new Error(`state database has schema version ${String(schema)}, this k8ts reads ${SCHEMA_VERSION}`);
}

/** A row of kv as the readers select it. */
export interface Row {
  rev: number;
  key: string;
  create_rev: number;
  prev_rev: number;
  deleted: number;
  value: string | null;
}
