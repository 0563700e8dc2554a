// The on-disk layout of the sqlite backend, shared by the writer thread and the readers.
//
// kv is the history: one row per write, its rowid the write's revision. A delete is a row
// too (deleted = 1, no value), so a watch can replay it. `current` points at the latest row
// of every live key, so reads of the present need no scan of history. `meta` holds the
// revision counter (kept apart from kv because compaction may remove the newest row, a
// tombstone, and a revision must never be handed out twice) and the compacted revision.

import type { Database } from 'better-sqlite3';

export const SCHEMA_VERSION = 1;

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
    CREATE INDEX IF NOT EXISTS kv_key_rev ON kv (key, rev);
    CREATE INDEX IF NOT EXISTS kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
    CREATE TABLE IF NOT EXISTS current (
      key TEXT PRIMARY KEY,
      rev INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (
      name  TEXT PRIMARY KEY,
      value INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO meta (name, value) VALUES ('schema', ${SCHEMA_VERSION}), ('revision', 0), ('compacted', 0);
  `);
  const schema = db.prepare(`SELECT value FROM meta WHERE name = 'schema'`).pluck().get();
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
