// k8ts server: starts the control plane, part by part, each awaiting what it needs.
// Today only the datastore exists; the server says so plainly instead of pretending.

import { join } from 'node:path';
import { openStore } from '../storage/open.ts';
import { parseFlags, intFlag, usage, type FlagSpec } from './flags.ts';

const defaultDataDir = process.getuid?.() === 0 ? '/var/lib/k8ts' : join(process.env['HOME'] ?? '.', '.k8ts');

const specs: FlagSpec[] = [
  { name: 'data-dir', help: 'where state, certificates and the admin kubeconfig live', default: defaultDataDir },
  { name: 'datastore-endpoint', help: 'sqlite://PATH (default: sqlite://DATA_DIR/state.db) or etcd://HOST:PORT[,HOST:PORT…]' },
  { name: 'datastore-compact-interval', help: 'seconds between compactions of the embedded store (0: never)', default: '300' },
  { name: 'datastore-retain-revisions', help: 'revisions of history the embedded store always keeps', default: '1000' },
  { name: 'help', help: 'print this help', boolean: true },
];

export async function serverCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('server', 'Runs the k8ts control plane.', specs));
    return 0;
  }
  const dataDir = flags.values.get('data-dir') as string;
  const endpoint = flags.values.get('datastore-endpoint') ?? `sqlite://${join(dataDir, 'state.db')}`;
  const store = await openStore(endpoint, {
    sqlite: {
      compactIntervalMs: (intFlag(flags, 'datastore-compact-interval') ?? 300) * 1000,
      retainRevisions: intFlag(flags, 'datastore-retain-revisions') ?? 1000,
    },
  });
  const revision = await store.currentRevision();
  log(`datastore ready: ${endpoint} (revision ${revision})`);
  log('this build runs the datastore only: the API server, scheduler, controllers and agent are not built yet, so there is nothing for kubectl to talk to.');
  log('press Ctrl-C to stop.');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  log(`${signal}: closing the datastore`);
  await store.close();
  return 0;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} k8ts server: ${message}\n`);
}
