import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MetricsRegistry } from '../client/metrics/registry.ts';
import { SqliteStore } from '../storage/sqlite/sqlite-store.ts';
import { measuredStore } from './storage-metrics.ts';

test('every Store call is timed by operation and resource', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-metrics-'));
  const registry = new MetricsRegistry();
  const store = measuredStore(await SqliteStore.open(join(dir, 'state.db')), registry);
  try {
    const kv = await store.create('/registry/apps/deployments/default/web', '{}');
    await store.update('/registry/apps/deployments/default/web', '{"a":1}', kv.modRevision);
    await store.get('/registry/core/pods/default/p');
    const text = registry.text();
    assert.match(text, /^etcd_request_duration_seconds_count\{operation="create",type="deployments\.apps"\} 1$/m);
    assert.match(text, /^etcd_request_duration_seconds_count\{operation="update",type="deployments\.apps"\} 1$/m);
    assert.match(text, /^etcd_request_duration_seconds_count\{operation="get",type="pods"\} 1$/m);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
