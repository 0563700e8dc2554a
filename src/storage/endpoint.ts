// --datastore-endpoint: which backend, chosen by the URL scheme (as k3s/kine do).
//   sqlite://PATH                  the embedded store, one file (sqlite:///var/lib/k8ts/state.db)
//   etcd://HOST:PORT[,HOST:PORT…]  a real etcd v3 cluster (http:// and https:// also accepted)

import { StorageError } from './errors.ts';

export type Endpoint =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'etcd'; readonly endpoints: readonly string[] };

export function parseEndpoint(endpoint: string): Endpoint {
  const match = /^([a-z0-9+]+):\/\/(.*)$/.exec(endpoint);
  if (match === null) throw StorageError.invalid(`datastore endpoint "${endpoint}" has no scheme: use sqlite://PATH or etcd://HOST:PORT[,HOST:PORT…]`);
  const [, scheme, rest = ''] = match;
  switch (scheme) {
    case 'sqlite': {
      const path = rest.split('?')[0] ?? '';
      if (path === '') throw StorageError.invalid('datastore endpoint sqlite:// needs a file path, e.g. sqlite:///var/lib/k8ts/state.db');
      return { kind: 'sqlite', path };
    }
    case 'etcd':
    case 'http':
    case 'https': {
      const protocol = scheme === 'https' ? 'https' : 'http';
      const hosts = rest.split(',').map((h) => h.trim().replace(/^https?:\/\//, '').replace(/\/+$/, ''));
      for (const host of hosts) {
        if (!/^[^\s/:]+:\d{1,5}$/.test(host) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(host)) {
          throw StorageError.invalid(`etcd member "${host}" is not HOST:PORT (endpoint ${endpoint})`);
        }
      }
      return { kind: 'etcd', endpoints: hosts.map((h) => `${protocol}://${h}`) };
    }
    default:
      throw StorageError.invalid(`datastore endpoint scheme "${scheme}" is not supported: use sqlite:// or etcd://`);
  }
}
