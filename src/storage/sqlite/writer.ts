// The writer thread of the sqlite store: the only connection that writes. It runs each batch
// it is sent in one transaction, so writes that arrive together share one fsync (group
// commit), and it does that off the main thread so reads and the event loop never wait on
// a commit.

import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { KeyValue } from '../store.ts';
import { packResults, unpackOps, type BatchRequest, type Change, type OpResult, type WriteOp, type WriterData, type WriterMessage } from './protocol.ts';
import { applyPragmas, createSchema, type Row } from './schema.ts';

const { path } = workerData as WriterData;
const port = parentPort;
if (port === null) throw new Error('writer.ts runs only as a worker thread');

const db = new Database(path);
applyPragmas(db);
createSchema(db);

const stmt = {
  current: db.prepare<[string], Row>(`SELECT kv.* FROM current JOIN kv ON kv.rev = current.rev WHERE current.key = ?`),
  exists: db.prepare<[string], number>(`SELECT 1 FROM current WHERE key = ?`).pluck(),
  row: db.prepare<[number], Row>(`SELECT * FROM kv WHERE rev = ?`),
  insert: db.prepare(`INSERT INTO kv (rev, key, create_rev, prev_rev, deleted, value, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
  setCurrent: db.prepare(`INSERT INTO current (key, rev) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET rev = excluded.rev`),
  dropCurrent: db.prepare(`DELETE FROM current WHERE key = ?`),
  getMeta: db.prepare<[string], number>(`SELECT value FROM meta WHERE name = ?`).pluck(),
  setMeta: db.prepare(`UPDATE meta SET value = ? WHERE name = ?`),
  expired: db.prepare<[number, number], { key: string }>(
    `SELECT current.key AS key FROM kv CROSS JOIN current ON current.key = kv.key AND current.rev = kv.rev
     WHERE kv.expires_at IS NOT NULL AND kv.expires_at <= ? ORDER BY kv.rev LIMIT ?`,
  ),
  // The writes compaction walks next: each one at or below the compaction revision makes
  // the row it replaced (prev_rev) unneeded by any reader of a revision >= it, and so is
  // a tombstone itself.
  compactStep: db.prepare<[number, number, number], { rev: number; prev_rev: number; deleted: number }>(
    `SELECT rev, prev_rev, deleted FROM kv WHERE rev > ? AND rev <= ? ORDER BY rev LIMIT ?`,
  ),
  remove: db.prepare(`DELETE FROM kv WHERE rev = ?`),
};

let revision = Math.max(stmt.getMeta.get('revision') ?? 0, maxRevision());
let compacted = stmt.getMeta.get('compacted') ?? 0;
/** Writes up to this revision have been walked by compaction. */
let compactCursor = stmt.getMeta.get('compact_cursor') ?? 0;

function maxRevision(): number {
  return db.prepare<[], number | null>('SELECT MAX(rev) FROM kv').pluck().get() ?? 0;
}

function toKeyValue(row: Row): KeyValue {
  return { key: row.key, value: row.value ?? '', createRevision: row.create_rev, modRevision: row.rev };
}

function create(key: string, value: string, expiresAt: number | null): OpResult {
  // A create of a new key reads nothing of kv (nor any value) to learn that it is new.
  const existing = stmt.exists.get(key) === undefined ? undefined : stmt.current.get(key);
  if (existing !== undefined) return { ok: false, code: 'KeyExists', message: `key already exists: ${key}`, current: toKeyValue(existing) };
  const rev = ++revision;
  stmt.insert.run(rev, key, rev, 0, 0, value, expiresAt);
  stmt.setCurrent.run(key, rev);
  return { ok: true, changes: [{ type: 'ADDED', kv: { key, value, createRevision: rev, modRevision: rev }, prev: undefined }] };
}

function update(key: string, value: string, expected: number, expiresAt: number | null): OpResult {
  const existing = stmt.current.get(key);
  if (existing === undefined) return { ok: false, code: 'KeyNotFound', message: `key not found: ${key}` };
  const prev = toKeyValue(existing);
  if (existing.rev !== expected) {
    return { ok: false, code: 'Conflict', message: `precondition failed for ${key}: expected modRevision ${expected}, found ${existing.rev}`, current: prev };
  }
  const rev = ++revision;
  stmt.insert.run(rev, key, existing.create_rev, existing.rev, 0, value, expiresAt);
  stmt.setCurrent.run(key, rev);
  return { ok: true, changes: [{ type: 'MODIFIED', kv: { key, value, createRevision: existing.create_rev, modRevision: rev }, prev }] };
}

function remove(key: string, expected: number | null): OpResult {
  const existing = stmt.current.get(key);
  if (existing === undefined) return { ok: false, code: 'KeyNotFound', message: `key not found: ${key}` };
  const prev = toKeyValue(existing);
  if (expected !== null && existing.rev !== expected) {
    return { ok: false, code: 'Conflict', message: `precondition failed for ${key}: expected modRevision ${expected}, found ${existing.rev}`, current: prev };
  }
  const rev = ++revision;
  stmt.insert.run(rev, key, existing.create_rev, existing.rev, 1, null, null);
  stmt.dropCurrent.run(key);
  return { ok: true, changes: [{ type: 'DELETED', kv: { ...prev, modRevision: rev }, prev }] };
}

function expire(now: number, max: number): OpResult {
  const changes: Change[] = [];
  for (const { key } of stmt.expired.all(now, max)) {
    const result = remove(key, null);
    if (result.ok) changes.push(...result.changes);
  }
  return { ok: true, changes };
}

function compact(target: number, max: number): OpResult {
  if (target > compacted) {
    // Recorded before any row goes, in the same transaction, so no reader can ever see a
    // gap in history without also seeing that it was compacted.
    compacted = target;
    stmt.setMeta.run(compacted, 'compacted');
  }
  const rows = stmt.compactStep.all(compactCursor, compacted, max);
  // The newest row may be a tombstone that goes now: the revision is kept in meta whenever
  // rows go, so that it is never handed out again (see schema.ts).
  if (rows.length > 0) stmt.setMeta.run(revision, 'revision');
  for (const row of rows) {
    if (row.prev_rev > 0) stmt.remove.run(row.prev_rev);
    if (row.deleted === 1) stmt.remove.run(row.rev);
  }
  const done = rows.length < max;
  compactCursor = done ? compacted : (rows.at(-1)?.rev ?? compactCursor);
  stmt.setMeta.run(compactCursor, 'compact_cursor');
  return { ok: true, changes: [], done };
}

function apply(op: WriteOp): OpResult {
  switch (op.op) {
    case 'create': return create(op.key, op.value, op.expiresAt);
    case 'update': return update(op.key, op.value, op.expected, op.expiresAt);
    case 'delete': return remove(op.key, op.expected);
    case 'expire': return expire(op.now, op.max);
    case 'compact': return compact(op.revision, op.max);
  }
}

const runBatch = db.transaction((ops: readonly WriteOp[]): OpResult[] => ops.map(apply));

/** After a compaction: give freed pages back and cut the WAL down. */
function reclaim(): void {
  db.pragma('incremental_vacuum');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function send(message: WriterMessage): void {
  if (message.kind === 'batch') port?.postMessage(message, [message.results.numbers.buffer]);
  else port?.postMessage(message);
}

port.on('message', (message: BatchRequest | { kind: 'close' }) => {
  if ('kind' in message) {
    db.close();
    port.close();
    return;
  }
  const before = { revision, compacted, compactCursor };
  try {
    const ops = unpackOps(message.ops);
    const results = runBatch(ops);
    if (results.some((r) => r.ok && r.done === true)) reclaim();
    send({ kind: 'batch', id: message.id, results: packResults(ops, results), revision, compacted });
  } catch (error) {
    // The transaction rolled back: forget the revisions it took.
    revision = before.revision;
    compacted = before.compacted;
    compactCursor = before.compactCursor;
    send({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});

send({ kind: 'ready', revision, compacted });
