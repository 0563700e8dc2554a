// The read side of the sqlite store: its own connection on the main thread. In WAL mode it
// never waits for the writer thread. Each read is one short transaction, so it sees one
// snapshot and reports the revision of exactly that snapshot.

import Database from 'better-sqlite3';
import { StorageError } from '../errors.ts';
import { prefixEnd } from '../input.ts';
import type { KeyValue, WatchEvent } from '../store.ts';
import { applyPragmas, type Row } from './schema.ts';

/** Bound for "no end": in SQLite every TEXT value sorts before every BLOB. */
const NO_END = Buffer.alloc(0);

type End = string | Buffer;

const endOf = (prefix: string): End => prefixEnd(prefix) ?? NO_END;

export interface Snapshot {
  readonly revision: number;
  readonly compacted: number;
}

interface HistoryRow extends Row {
  prev_value: string | null;
  prev_create_rev: number | null;
}

interface AtRange {
  readonly from: string;
  readonly end: End;
  readonly at: number;
}

export interface Page {
  readonly items: KeyValue[];
  readonly revision: number;
  /** Present when more items follow: the first key of the next page and how many remain. */
  readonly next?: { readonly key: string; readonly remaining: number };
}

export class SqliteReader {
  readonly #db: Database.Database;
  readonly #stmt;

  constructor(path: string) {
    this.#db = new Database(path, { fileMustExist: true });
    applyPragmas(this.#db);
    const db = this.#db;
    this.#stmt = {
      snapshot: db.prepare<[], Snapshot>(
        `SELECT MAX((SELECT value FROM meta WHERE name = 'revision'), IFNULL((SELECT MAX(rev) FROM kv), 0)) AS revision,
                (SELECT value FROM meta WHERE name = 'compacted') AS compacted`,
      ),
      get: db.prepare<[string], Row>(`SELECT kv.* FROM current JOIN kv ON kv.rev = current.rev WHERE current.key = ?`),
      listNow: db.prepare<[string, End, number], Row>(
        `SELECT kv.* FROM current JOIN kv ON kv.rev = current.rev
         WHERE current.key >= ? AND current.key < ? ORDER BY current.key LIMIT ?`,
      ),
      countNow: db.prepare<[string, End], number>(`SELECT COUNT(*) FROM current WHERE key >= ? AND key < ?`).pluck(),
      // The keys at a past revision `at`: those not written since are in `current` with a
      // revision <= at; each one written since had, at `at`, the row that its first write
      // after `at` replaced (the write whose prev_rev is 0 < prev_rev <= at; a key created
      // after `at` has none). The two parts never share a key; each comes in key order, so
      // the compound is merged, not sorted, and stops at the limit.
      listAt: db.prepare<[AtRange & { take: number }], Row>(
        `SELECT current.key AS key, kv.rev, kv.create_rev, kv.prev_rev, kv.deleted, kv.value FROM current JOIN kv ON kv.rev = current.rev
         WHERE current.key >= @from AND current.key < @end AND current.rev <= @at
         UNION ALL
         SELECT was.key, was.rev, was.create_rev, was.prev_rev, was.deleted, was.value FROM kv AS since JOIN kv AS was ON was.rev = since.prev_rev
         WHERE since.rev > @at AND since.prev_rev > 0 AND since.prev_rev <= @at AND since.key >= @from AND since.key < @end
         ORDER BY key LIMIT @take`,
      ),
      countAt: db.prepare<[AtRange], number>(
        `SELECT (SELECT COUNT(*) FROM current WHERE key >= @from AND key < @end AND rev <= @at)
              + (SELECT COUNT(*) FROM kv WHERE rev > @at AND prev_rev > 0 AND prev_rev <= @at AND key >= @from AND key < @end)`,
      ).pluck(),
      history: db.prepare<[number, number, string, End, number], HistoryRow>(
        `SELECT kv.*, p.value AS prev_value, p.create_rev AS prev_create_rev FROM kv LEFT JOIN kv AS p ON p.rev = kv.prev_rev
         WHERE kv.rev > ? AND kv.rev <= ? AND kv.key >= ? AND kv.key < ? ORDER BY kv.rev LIMIT ?`,
      ),
      anyExpired: db.prepare<[number], number>(
        // kv first, through the partial kv_expires index (CROSS JOIN fixes the order): left to
        // itself the planner scanned all of `current` once a second.
        `SELECT 1 FROM kv CROSS JOIN current ON current.key = kv.key AND current.rev = kv.rev
         WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= ? LIMIT 1`,
      ).pluck(),
    };
  }

  close(): void {
    this.#db.close();
  }

  /** The revision of the last write (see schema.ts) and the compacted revision. */
  snapshot(): Snapshot {
    return this.#stmt.snapshot.get() ?? { revision: 0, compacted: 0 };
  }

  get(key: string): KeyValue | undefined {
    const row = this.#stmt.get.get(key);
    return row === undefined ? undefined : toKeyValue(row);
  }

  count(prefix: string): number {
    return this.#stmt.countNow.get(prefix, endOf(prefix)) ?? 0;
  }

  /**
   * One page of keys in [from, end of prefix) at `revision` (0: now), read in one snapshot.
   * Fails with Expired when that revision was compacted, TooLargeRevision when it is ahead.
   */
  readonly list = (prefix: string, from: string, revision: number, limit: number): Page =>
    this.#db.transaction((): Page => {
      const snap = this.snapshot();
      const at = revision === 0 ? snap.revision : revision;
      if (at > snap.revision) throw StorageError.tooLargeRevision(at, snap.revision);
      if (at < snap.compacted) throw StorageError.expired(at, snap.compacted);
      const end = endOf(prefix);
      const take = limit > 0 ? limit + 1 : -1;
      const rows = at === snap.revision ? this.#stmt.listNow.all(from, end, take) : this.#stmt.listAt.all({ from, end, at, take });
      if (limit <= 0 || rows.length <= limit) return { items: rows.map(toKeyValue), revision: at };
      const page = rows.slice(0, limit);
      const nextKey = (rows[limit] as Row).key;
      const remaining = at === snap.revision ? this.#stmt.countNow.get(nextKey, end) : this.#stmt.countAt.get({ from: nextKey, end, at });
      return { items: page.map(toKeyValue), revision: at, next: { key: nextKey, remaining: remaining ?? 0 } };
    })();

  /**
   * Up to `limit` changes under `prefix` with revisions in (after, upTo], in revision order,
   * read in one snapshot. Fails with Expired when some of them may have been compacted away.
   */
  readonly history = (prefix: string, after: number, upTo: number, limit: number): WatchEvent[] =>
    this.#db.transaction((): WatchEvent[] => {
      const { compacted } = this.snapshot();
      if (after < compacted) throw StorageError.expired(after, compacted);
      return this.#stmt.history.all(after, upTo, prefix, endOf(prefix), limit).map(toEvent);
    })();

  /** Whether some live key's TTL ran out by `now` (a cheap look before asking the writer). */
  anyExpired(now: number): boolean {
    return this.#stmt.anyExpired.get(now) !== undefined;
  }
}

function toKeyValue(row: Row): KeyValue {
  return { key: row.key, value: row.value ?? '', createRevision: row.create_rev, modRevision: row.rev };
}

function toEvent(row: HistoryRow): WatchEvent {
  const prev: KeyValue | undefined = row.prev_value === null || row.prev_create_rev === null
    ? undefined
    : { key: row.key, value: row.prev_value, createRevision: row.prev_create_rev, modRevision: row.prev_rev };
  if (row.deleted === 1) {
    return { type: 'DELETED', revision: row.rev, kv: { key: row.key, value: prev?.value ?? '', createRevision: row.create_rev, modRevision: row.rev }, prev };
  }
  const kv = toKeyValue(row);
  return row.prev_rev === 0 ? { type: 'ADDED', revision: row.rev, kv } : { type: 'MODIFIED', revision: row.rev, kv, prev };
}
