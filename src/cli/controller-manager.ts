// k8ts controller-manager: the controllers on their own, as upstream's kube-controller-manager,
// talking to an API server through a kubeconfig. `k8ts server` runs the same ControllerManager
// in-process with the same tunables (controllerManagerFlagSpecs / controllerManagerSettings).

import { ControllerManager } from '../controllers/manager/controller-manager.ts';
import { ALL_CONTROLLERS } from '../controllers/all.ts';
import type { ControllerOptions } from '../controllers/controller.ts';
import { FlagError, intFlag, parseFlags, usage, type FlagSpec, type ParsedFlags } from './flags.ts';
import { runUntilSignalled } from './until-signalled.ts';

/** Upstream's flag names; absent flags keep DEFAULT_CONTROLLER_OPTIONS. */
export const controllerManagerFlagSpecs: FlagSpec[] = [
  { name: 'node-monitor-grace-period', help: 'how long a node may be silent before it is marked NotReady (e.g. 40s)' },
  { name: 'node-monitor-period', help: 'how often node status is checked (e.g. 5s)' },
  { name: 'pod-eviction-timeout', help: 'grace before pods on a lost node are deleted (e.g. 5m0s)' },
  { name: 'concurrent-deployment-syncs', help: 'deployments synced at once' },
  { name: 'concurrent-replicaset-syncs', help: 'replica sets synced at once' },
  { name: 'concurrent-gc-syncs', help: 'garbage collector workers' },
  { name: 'concurrent-namespace-syncs', help: 'namespaces deleted at once' },
  { name: 'terminated-pod-gc-threshold', help: 'terminated pods kept before the oldest are deleted' },
  { name: 'cluster-cidr', help: 'the pod network range, split into node ranges' },
  { name: 'node-cidr-mask-size', help: 'the prefix length of each node\'s pod range' },
  { name: 'kube-api-qps', help: 'requests per second each controller may send to the API server on average (default 20; 0: no limit)' },
  { name: 'kube-api-burst', help: 'requests each controller may send at once after a quiet spell (default 30)' },
  { name: 'controllers', help: 'controllers to run: "*", NAME, -NAME, comma-separated', default: '*' },
];

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("40s", "1m30s", "500ms") in milliseconds. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (m === null) return undefined;
    total += Number(m[1]) * (UNITS[m[2] as string] ?? 0);
    at = re.lastIndex;
  }
  return text === '' ? undefined : total;
}

/** A float32 flag such as --kube-api-qps (0 or more). */
function numberFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new FlagError(`--${name} takes a number of 0 or more, not "${raw}"`);
  return value;
}

function durationFlag(flags: ParsedFlags, name: string): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return undefined;
  const ms = parseDuration(raw);
  if (ms === undefined) throw new FlagError(`--${name} takes a duration such as 40s, not "${raw}"`);
  return ms;
}

/** The controller tunables and the --controllers list given by the flags. */
export function controllerManagerSettings(flags: ParsedFlags): { options: Partial<ControllerOptions>; enabled: string[] } {
  const options: Record<string, number | string> = {};
  const set = (key: keyof ControllerOptions, value: number | string | undefined): void => {
    if (value !== undefined) options[key] = value;
  };
  set('nodeMonitorGracePeriodMs', durationFlag(flags, 'node-monitor-grace-period'));
  set('nodeMonitorPeriodMs', durationFlag(flags, 'node-monitor-period'));
  set('podEvictionTimeoutMs', durationFlag(flags, 'pod-eviction-timeout'));
  set('concurrentDeploymentSyncs', intFlag(flags, 'concurrent-deployment-syncs'));
  set('concurrentReplicaSetSyncs', intFlag(flags, 'concurrent-replicaset-syncs'));
  set('concurrentGcSyncs', intFlag(flags, 'concurrent-gc-syncs'));
  set('concurrentNamespaceSyncs', intFlag(flags, 'concurrent-namespace-syncs'));
  set('terminatedPodGcThreshold', intFlag(flags, 'terminated-pod-gc-threshold'));
  set('clusterCidr', flags.values.get('cluster-cidr'));
  set('nodeCidrMaskSize', intFlag(flags, 'node-cidr-mask-size'));
  set('kubeApiQps', numberFlag(flags, 'kube-api-qps'));
  set('kubeApiBurst', intFlag(flags, 'kube-api-burst'));
  const enabled = (flags.values.get('controllers') ?? '*').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { options: options as Partial<ControllerOptions>, enabled };
}

const specs: FlagSpec[] = [
  { name: 'kubeconfig', help: 'the kubeconfig with the controller-manager\'s credentials' },
  ...controllerManagerFlagSpecs,
  { name: 'help', help: 'print this help', boolean: true },
];

export async function controllerManagerCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('controller-manager', 'Runs the controllers (leader-elected) against an API server.', specs));
    return 0;
  }
  const kubeconfig = flags.values.get('kubeconfig');
  if (kubeconfig === undefined) throw new FlagError('--kubeconfig is required');
  const { options, enabled } = controllerManagerSettings(flags);
  await runUntilSignalled((signal) => new ControllerManager({ kubeconfig, controllers: ALL_CONTROLLERS, options, enabled }).run(signal));
  return 0;
}
