import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packOps, packResults, unpackOps, unpackResults, type OpResult, type WriteOp } from './protocol.ts';

const ops: WriteOp[] = [
  { op: 'create', key: '/a', value: 'a1', expiresAt: null },
  { op: 'create', key: '/e', value: 'e1', expiresAt: 1_700_000_000_000 },
  { op: 'update', key: '/a', value: 'a2', expected: 1, expiresAt: null },
  { op: 'update', key: '/e', value: 'e2', expected: 2, expiresAt: 1_700_000_001_000 },
  { op: 'delete', key: '/a', expected: null },
  { op: 'delete', key: '/e', expected: 4 },
  { op: 'expire', now: 1_700_000_002_000, max: 1000 },
  { op: 'compact', revision: 3, max: 10_000 },
  { op: 'update', key: '/x', value: 'x', expected: 9, expiresAt: null },
  { op: 'create', key: '/é', value: 'ü', expiresAt: 0 },
];

test('operations come out of their packed form as they went in', () => {
  assert.deepEqual(unpackOps(packOps(ops)), ops);
  assert.deepEqual(unpackOps(packOps([])), []);
});

test('results come out of their packed form as the writer made them, values taken from the operations', () => {
  const results: OpResult[] = [
    { ok: true, changes: [{ type: 'ADDED', kv: { key: '/a', value: 'a1', createRevision: 1, modRevision: 1 }, prev: undefined }] },
    { ok: true, changes: [{ type: 'ADDED', kv: { key: '/e', value: 'e1', createRevision: 2, modRevision: 2 }, prev: undefined }] },
    {
      ok: true,
      changes: [{ type: 'MODIFIED', kv: { key: '/a', value: 'a2', createRevision: 1, modRevision: 3 }, prev: { key: '/a', value: 'a1', createRevision: 1, modRevision: 1 } }],
    },
    {
      ok: true,
      changes: [{ type: 'MODIFIED', kv: { key: '/e', value: 'e2', createRevision: 2, modRevision: 4 }, prev: { key: '/e', value: 'e1', createRevision: 2, modRevision: 2 } }],
    },
    {
      ok: true,
      changes: [{ type: 'DELETED', kv: { key: '/a', value: 'a2', createRevision: 1, modRevision: 5 }, prev: { key: '/a', value: 'a2', createRevision: 1, modRevision: 3 } }],
    },
    { ok: false, code: 'Conflict', message: 'precondition failed', current: { key: '/e', value: 'e2', createRevision: 2, modRevision: 4 } },
    {
      ok: true,
      changes: [{ type: 'DELETED', kv: { key: '/t', value: 't', createRevision: 7, modRevision: 6 }, prev: { key: '/t', value: 't', createRevision: 7, modRevision: 7 } }],
    },
    { ok: true, changes: [], done: true },
    { ok: false, code: 'KeyNotFound', message: 'key not found: /x' },
    { ok: true, changes: [{ type: 'ADDED', kv: { key: '/é', value: 'ü', createRevision: 8, modRevision: 8 }, prev: undefined }] },
  ];
  assert.deepEqual(unpackResults(ops, packResults(ops, results)), results);
});
