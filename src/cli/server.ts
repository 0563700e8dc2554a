// k8ts server: starts the control plane, part by part, each awaiting what it needs: the API
// server and its datastore, then the scheduler, the controllers (each of these on a thread of its
// own, hosted/) and (unless --disable-agent) this machine's own node agent on the main thread,
// which joins through the same token as any other agent and carries the control-plane label.

import { join } from 'node:path';
import { DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT, DEFAULT_MAX_REQUESTS_INFLIGHT } from '../apiserver/http/inflight.ts';
import { parseEndpoint } from '../storage/endpoint.ts';
import { parseJoinToken } from '../client/pki/join-token.ts';
import { Kubelet } from '../kubelet/kubelet.ts';
import { agentFlagSpecs, agentSettings } from './agent.ts';
import { controllerManagerFlagSpecs, controllerManagerSettings } from './controller-manager.ts';
import { hostComponent } from './hosted/component.ts';
import type { ApiServerReady, HostedSpec } from './hosted/protocol.ts';
import { roomyYoungGenerationForThreads } from './hosted/young-generation.ts';
import { FlagError, parseFlags, intFlag, usage, type FlagSpec } from './flags.ts';

const defaultDataDir = process.getuid?.() === 0 ? '/var/lib/k8ts' : join(process.env['HOME'] ?? '.', '.k8ts');

const specs: FlagSpec[] = [
  { name: 'data-dir', help: 'where state, certificates and the admin kubeconfig live', default: defaultDataDir },
  { name: 'port', help: 'the HTTPS port of the API server', default: '6443' },
  { name: 'bind-address', help: 'the address the API server listens on', default: '0.0.0.0' },
  { name: 'tls-san', help: 'extra host names or IPs for the serving certificate (comma-separated)' },
  { name: 'datastore-endpoint', help: 'sqlite://PATH (default: sqlite://DATA_DIR/state.db) or etcd://HOST:PORT[,HOST:PORT…]' },
  { name: 'datastore-compact-interval', help: 'seconds between compactions of the embedded store (0: never)', default: '300' },
  { name: 'datastore-retain-revisions', help: 'revisions of history the embedded store always keeps', default: '1000' },
  { name: 'max-requests-inflight', help: 'read-only API requests served at once; more wait their turn (0: no limit)', default: String(DEFAULT_MAX_REQUESTS_INFLIGHT) },
  { name: 'max-mutating-requests-inflight', help: 'mutating API requests served at once; more wait their turn (0: no limit)', default: String(DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT) },
  { name: 'disable', help: 'components not to run in this process, comma-separated (scheduler, controller-manager)' },
  { name: 'scheduler-metrics-bind-address', help: "host:port of the scheduler's /metrics and /healthz over plain HTTP (empty: not served)", default: '127.0.0.1:10251' },
  ...controllerManagerFlagSpecs,
  { name: 'token', help: 'the node join token (K10…::server:SECRET or a bare secret; default: generated once, kept in DATA_DIR/token)' },
  { name: 'disable-agent', help: 'do not run a node agent (kubelet + containerd) in this process', boolean: true },
  ...agentFlagSpecs,
  { name: 'help', help: 'print this help', boolean: true },
];

export async function serverCommand(argv: readonly string[]): Promise<number> {
  const flags = parseFlags(argv, specs);
  if (flags.values.get('help') === 'true') {
    process.stdout.write(usage('server', 'Runs the k8ts control plane.', specs));
    return 0;
  }
  const dataDir = flags.values.get('data-dir') as string;
  const agent = flags.values.get('disable-agent') === 'true' ? undefined : agentSettings(flags);
  const token = flags.values.get('token');
  if (token !== undefined) {
    try {
      parseJoinToken(token);
    } catch (err) {
      throw new FlagError(`--token: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const endpoint = flags.values.get('datastore-endpoint') ?? `sqlite://${join(dataDir, 'state.db')}`;
  try {
    parseEndpoint(endpoint);
  } catch (err) {
    throw new FlagError(`--datastore-endpoint: ${err instanceof Error ? err.message : String(err)}`);
  }
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: shutting down`);
    stop.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const disabled = new Set((flags.values.get('disable') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''));
  const controllerSettings = controllerManagerSettings(flags);
  // Before the first thread starts (see hosted/young-generation.ts).
  roomyYoungGenerationForThreads();
  // Components run until `stop` aborts; each is awaited before the API server is told to stop,
  // so they can still release their leases.
  const components: Array<Promise<unknown>> = [];
  const host = (spec: HostedSpec): void => {
    const component = hostComponent(spec, log);
    components.push(component.done);
    if (stop.signal.aborted) component.stop();
    else stop.signal.addEventListener('abort', () => component.stop(), { once: true });
  };
  const onReady = ({ address, kubeconfig, components: creds, joinToken }: ApiServerReady): void => {
    log(`API server listening on https://${address.host}:${address.port}`);
    log(`admin kubeconfig: ${kubeconfig}`);
    log(`try: KUBECONFIG=${kubeconfig} kubectl get namespaces   (or: k8ts kubectl --data-dir ${dataDir} get namespaces)`);
    if (stop.signal.aborted) return;
    // The scheduler and the controller-manager each run on a thread of their own (hosted/).
    if (!disabled.has('scheduler')) {
      const metricsAddress = flags.values.get('scheduler-metrics-bind-address') ?? '';
      host({ component: 'scheduler', kubeconfig: creds.scheduler, ...(metricsAddress === '' ? {} : { metricsAddress }) });
    }
    if (!disabled.has('controller-manager')) {
      host({ component: 'controller-manager', kubeconfig: creds['controller-manager'], ...controllerSettings });
    }
    const local = `https://${address.host === '0.0.0.0' || address.host === '::' ? '127.0.0.1' : address.host}:${address.port}`;
    log(`node join token (also in ${join(dataDir, 'token')}): ${joinToken}`);
    log(`join another node: k8ts agent --server https://<this host>:${address.port} --token ${joinToken}`);
    if (agent !== undefined) {
      const kubelet = new Kubelet({ ...agent, server: local, token: joinToken, dataDir, controlPlane: true, log: (m) => log(`agent: ${m}`) });
      components.push(kubelet.run(stop.signal).catch((err: unknown) => log(`agent failed: ${err instanceof Error ? err.message : String(err)}`)));
    }
  };
  const apiserver = hostComponent({
    component: 'apiserver', dataDir, endpoint,
    storeOptions: {
      sqlite: {
        compactIntervalMs: (intFlag(flags, 'datastore-compact-interval') ?? 300) * 1000,
        retainRevisions: intFlag(flags, 'datastore-retain-revisions') ?? 1000,
      },
    },
    host: flags.values.get('bind-address') ?? '0.0.0.0',
    port: intFlag(flags, 'port') ?? 6443,
    tlsSans: (flags.values.get('tls-san') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    maxRequestsInflight: intFlag(flags, 'max-requests-inflight') ?? DEFAULT_MAX_REQUESTS_INFLIGHT,
    maxMutatingRequestsInflight: intFlag(flags, 'max-mutating-requests-inflight') ?? DEFAULT_MAX_MUTATING_REQUESTS_INFLIGHT,
    ...(token === undefined ? {} : { joinToken: token }),
  }, log, (message) => {
    if (message.type === 'ready') onReady(message);
  });
  stop.signal.addEventListener('abort', () => void Promise.all(components).finally(() => apiserver.stop()), { once: true });
  // The API server ends when told to, or by itself when it fails (its thread has said why):
  // then everything else stops too.
  const code = await apiserver.done;
  stop.abort();
  await Promise.all(components);
  return code === 0 ? 0 : 1;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString()} k8ts server: ${message}\n`);
}
