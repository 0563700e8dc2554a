// k8ts scheduler: runs the scheduler alone, against any API server, with its own kubeconfig.

import { readFile } from 'node:fs/promises';
import { loadKubeconfig } from '../client/rest/kubeconfig.ts';
import { RestClient } from '../client/rest/client.ts';
import { withUserAgent } from '../client/rest/config.ts';
import { parseSchedulerConfig, runScheduler, schedulerConfig } from '../scheduler/index.ts';
import { FlagError, parseFlags, usage, type FlagSpec } from './flags.ts';
import { runUntilSignalled } from './until-signalled.ts';

const specs: FlagSpec[] = [
  { name: 'kubeconfig', help: 'the kubeconfig with the scheduler\'s credentials' },
  { name: 'config', help: 'a KubeSchedulerConfiguration file (kubescheduler.config.k8s.io/v1)' },
  { name: 'leader-elect', help: 'campaign for the kube-system/kube-scheduler Lease before scheduling', default: 'true' },
  { name: 'metrics-bind-address', help: 'host:port to serve /metrics and /healthz on over plain HTTP (empty: not served)', default: '127.0.0.1:10251' },
  { name: 'help', help: 'print this help', boolean: true },
];

export async function schedulerCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('scheduler', 'Runs the k8ts scheduler.', specs));
    return 0;
  }
  const kubeconfig = flags.values.get('kubeconfig');
  if (kubeconfig === undefined) throw new FlagError('--kubeconfig is required');
  const file = flags.values.get('config');
  let config = file === undefined ? schedulerConfig() : parseSchedulerConfig(await readFile(file, 'utf8'));
  if (flags.values.get('leader-elect') === 'false') config = { ...config, leaderElect: false };
  const client = new RestClient(withUserAgent(await loadKubeconfig(kubeconfig), 'kube-scheduler'));
  try {
    const metricsAddress = flags.values.get('metrics-bind-address') ?? '';
    await runUntilSignalled((signal) => runScheduler({ client, config, ...(metricsAddress === '' ? {} : { metricsAddress }) }, signal));
  } finally {
    client.close();
  }
  return 0;
}
