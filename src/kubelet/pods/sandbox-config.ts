// The PodSandboxConfig the kubelet asks the runtime for (kuberuntime_sandbox.go and
// pkg/kubelet/network/dns): metadata and the CRI labels of seams.ts, hostname, the DNS config
// per dnsPolicy, port mappings for hostPorts, the log directory and the namespaces to share.

import type { Pod } from '../../api/types/core/v1/index.ts';
import type { NamespaceMode, PodSandboxConfig } from '../cri/types.ts';
import { LABEL_POD_NAME, LABEL_POD_NAMESPACE, LABEL_POD_UID, podLogDirectory } from '../seams.ts';
import { flat } from '../flat-string.ts';

export interface DnsContext {
  readonly clusterDNS: readonly string[];
  readonly clusterDomain: string;
  /** The host's /etc/resolv.conf (for dnsPolicy Default and the host's search domains). */
  readonly hostResolv: HostResolv;
}

export interface HostResolv {
  readonly servers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly string[];
}

/** Upstream's limits on what a resolv.conf may carry. */
const MAX_SEARCHES = 32;
const MAX_NAMESERVERS = 3;

/** Parses resolv.conf text. */
export function parseResolvConf(text: string): HostResolv {
  const servers: string[] = [];
  let searches: string[] = [];
  const options: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...values] = line.split(/\s+/);
    if (key === 'nameserver' && values[0] !== undefined) servers.push(values[0]);
    else if (key === 'search' || key === 'domain') searches = values.filter((v) => v !== '');
    else if (key === 'options') options.push(...values.filter((v) => v !== ''));
  }
  return { servers, searches, options };
}

/** The pod's hostname: spec.hostname or the pod name, cut to 63 characters without a trailing '-' or '.'. */
export function podHostname(pod: Pod): string {
  const name = pod.spec?.hostname !== undefined && pod.spec.hostname !== '' ? pod.spec.hostname : pod.metadata?.name ?? '';
  return name.length <= 63 ? name : name.slice(0, 63).replace(/[-.]+$/, '');
}

/** hostname.subdomain.namespace.svc.domain when the pod has a subdomain. */
export function podFqdn(pod: Pod, clusterDomain: string): string | undefined {
  const sub = pod.spec?.subdomain;
  if (sub === undefined || sub === '') return undefined;
  return `${podHostname(pod)}.${sub}.${pod.metadata?.namespace ?? 'default'}.svc.${clusterDomain}`;
}

function mergeOptions(base: readonly string[], extra: readonly { name?: string; value?: string }[]): string[] {
  const byName = new Map<string, string>();
  for (const o of base) {
    const [name = '', value] = o.split(':');
    byName.set(name, value === undefined ? name : `${name}:${value}`);
  }
  for (const o of extra) {
    if (o.name === undefined || o.name === '') continue;
    byName.set(o.name, o.value === undefined || o.value === '' ? o.name : `${o.name}:${o.value}`);
  }
  return [...byName.values()];
}

/** The DNS config per dnsPolicy, with spec.dnsConfig merged in. */
export function dnsConfig(pod: Pod, ctx: DnsContext): { servers: string[]; searches: string[]; options: string[] } {
  const spec = pod.spec;
  let policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const hostNetwork = spec?.hostNetwork === true;
  if (policy === 'ClusterFirst' && hostNetwork) policy = 'Default';
  if ((policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') && ctx.clusterDNS.length === 0) policy = 'Default';
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') {
    const ns = pod.metadata?.namespace ?? 'default';
    const d = ctx.clusterDomain;
    servers = [...ctx.clusterDNS];
    searches = [`${ns}.svc.${d}`, `svc.${d}`, d, ...ctx.hostResolv.searches];
    options = ['ndots:5'];
  } else if (policy === 'Default') {
    servers = [...ctx.hostResolv.servers];
    searches = [...ctx.hostResolv.searches];
    options = [...ctx.hostResolv.options];
  }
  const extra = spec?.dnsConfig;
  if (extra !== undefined) {
    servers = [...new Set([...servers, ...extra.nameservers ?? []])];
    searches = [...new Set([...searches, ...extra.searches ?? []])];
    options = mergeOptions(options, extra.options ?? []);
  }
  return { servers: servers.slice(0, MAX_NAMESERVERS), searches: searches.slice(0, MAX_SEARCHES), options };
}

/** Which namespaces the pod shares with the node or among its containers. */
export function namespaceOptions(pod: Pod): { network: NamespaceMode; pid: NamespaceMode; ipc: NamespaceMode } {
  const spec = pod.spec;
  return {
    network: spec?.hostNetwork === true ? 'NODE' : 'POD',
    pid: spec?.hostPID === true ? 'NODE' : spec?.shareProcessNamespace === true ? 'POD' : 'CONTAINER',
    ipc: spec?.hostIPC === true ? 'NODE' : 'POD',
  };
}

/** The sandbox config for `pod`; `attempt` counts the sandboxes made for it before. */
export function sandboxConfig(pod: Pod, attempt: number, podLogsRoot: string, dns: DnsContext): PodSandboxConfig {
  const meta = pod.metadata ?? {};
  const name = meta.name ?? '';
  const namespace = meta.namespace ?? 'default';
  const uid = meta.uid ?? '';
  const portMappings = [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].flatMap((c) => c.ports ?? [])
    .filter((p) => (p.hostPort ?? 0) > 0)
    .map((p) => ({
      protocol: (p.protocol ?? 'TCP') as 'TCP' | 'UDP' | 'SCTP', containerPort: p.containerPort, hostPort: p.hostPort ?? 0,
      ...(p.hostIP === undefined || p.hostIP === '' ? {} : { hostIp: p.hostIP }),
    }));
  const sc = pod.spec?.securityContext;
  const supplementalGroups = [...sc?.supplementalGroups ?? [], ...sc?.fsGroup === undefined ? [] : [sc.fsGroup]];
  return {
    metadata: { name, namespace, uid, attempt },
    // A host-network pod has the node's hostname; runc refuses to set one in the node's UTS namespace.
    ...(pod.spec?.hostNetwork === true ? {} : { hostname: podHostname(pod) }),
    logDirectory: flat(podLogDirectory(podLogsRoot, namespace, name, uid)),
    dnsConfig: dnsConfig(pod, dns),
    portMappings,
    labels: { ...meta.labels, [LABEL_POD_NAME]: name, [LABEL_POD_NAMESPACE]: namespace, [LABEL_POD_UID]: uid },
    annotations: { ...meta.annotations },
    linux: {
      cgroupParent: '',
      securityContext: {
        namespaceOptions: namespaceOptions(pod),
        // containerd refuses a privileged container in a sandbox that is not privileged.
        privileged: [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].some((c) => c.securityContext?.privileged === true),
        ...(sc?.runAsUser === undefined ? {} : { runAsUser: { value: sc.runAsUser } }),
        ...(sc?.runAsGroup === undefined ? {} : { runAsGroup: { value: sc.runAsGroup } }),
        ...(supplementalGroups.length === 0 ? {} : { supplementalGroups }),
      },
      ...(sc?.sysctls === undefined ? {} : { sysctls: Object.fromEntries(sc.sysctls.map((s) => [s.name, s.value])) }),
    },
  };
}
