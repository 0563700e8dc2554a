import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeContract } from '../store.contract.ts';
import { SqliteStore } from './sqlite-store.ts';

const dirs: string[] = [];

storeContract('sqlite', {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
    dirs.push(dir);
    return SqliteStore.open(join(dir, 'state.db'), { expiryIntervalMs: 100 });
  },
  async teardown() {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  },
});
