// Opens the Store a --datastore-endpoint names.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseEndpoint } from './endpoint.ts';
import { EtcdStore } from './etcd/etcd-store.ts';
import { SqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
import type { Store } from './store.ts';

export interface OpenOptions {
  readonly sqlite?: SqliteStoreOptions;
}

export async function openStore(endpoint: string, options: OpenOptions = {}): Promise<Store> {
  const parsed = parseEndpoint(endpoint);
  if (parsed.kind === 'sqlite') {
    mkdirSync(dirname(parsed.path), { recursive: true, mode: 0o700 });
    return SqliteStore.open(parsed.path, options.sqlite);
  }
  return EtcdStore.connect({ endpoints: [...parsed.endpoints] });
}
