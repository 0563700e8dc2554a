// A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables):
// service links first, then envFrom (with prefix), then env (value with $(VAR) expansion,
// configMapKeyRef/secretKeyRef honouring optional, fieldRef, resourceFieldRef); later entries
// win. expand() is upstream's third_party/forked/golang/expansion: `$(NAME)` is replaced when
// NAME is defined, `$$` is an escaped `$`, anything else is kept as written.

import { parseQuantity } from '../../api/quantity.ts';
import type { ConfigMap, Container, Pod, Secret, Service } from '../../api/types/core/v1/index.ts';
import { flat } from '../flat-string.ts';

/** What env resolution reads through the API (the node's identity); rejects with the API error. */
export interface EnvSources {
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>;
  secret(namespace: string, name: string): Promise<Secret | undefined>;
  /**
   * Services whose variables the pod sees: default/kubernetes always, and with service links
   * (spec.enableServiceLinks, default true) every service of the pod's namespace.
   */
  services(namespace: string, links: boolean): Promise<readonly Service[]>;
  /** The node's allocatable resources (stand-ins for unset limits). */
  nodeAllocatable(): Promise<Readonly<Record<string, string>>>;
}

/** A setting the container cannot start with (waiting reason CreateContainerConfigError). */
export class ContainerConfigError extends Error {
  override readonly name = 'ContainerConfigError';
}

export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch !== '$' || i + 1 >= input.length) { out += ch; continue; }
    const next = input[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close === -1) { out += input.slice(i); break; }
      const name = input.slice(i + 2, close);
      const value = lookup(name);
      out += value ?? `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}

function decodeSecret(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The docker-link style variables of one service (pkg/kubelet/envvars). */
export function serviceEnv(service: Service): [string, string][] {
  const ip = service.spec?.clusterIP;
  if (ip === undefined || ip === '' || ip === 'None') return [];
  const name = (service.metadata?.name ?? '').toUpperCase().replaceAll('-', '_');
  const ports = service.spec?.ports ?? [];
  const first = ports[0];
  if (first === undefined) return [];
  const vars: [string, string][] = [[`${name}_SERVICE_HOST`, ip], [`${name}_SERVICE_PORT`, String(first.port)]];
  for (const p of ports) if (p.name !== undefined && p.name !== '') vars.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replaceAll('-', '_')}`, String(p.port)]);
  const host = ip.includes(':') ? `[${ip}]` : ip;
  vars.push([`${name}_PORT`, `${(first.protocol ?? 'TCP').toLowerCase()}://${host}:${first.port}`]);
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    const prefix = `${name}_PORT_${p.port}_${proto}`;
    vars.push([prefix, `${proto.toLowerCase()}://${host}:${p.port}`], [`${prefix}_PROTO`, proto.toLowerCase()], [`${prefix}_PORT`, String(p.port)], [`${prefix}_ADDR`, ip]);
  }
  return vars;
}

/**
 * serviceEnv of a service, flat, made once per Service object: the sources hand out the same
 * objects to every pod of a namespace until they list the services again, and the containers
 * then share these strings.
 */
const serviceEnvs = new WeakMap<Service, readonly (readonly [string, string])[]>();
function flatServiceEnv(service: Service): readonly (readonly [string, string])[] {
  let vars = serviceEnvs.get(service);
  if (vars === undefined) {
    vars = serviceEnv(service).map(([k, v]) => [flat(k), flat(v)] as const);
    serviceEnvs.set(service, vars);
  }
  return vars;
}

function fieldValue(pod: Pod, path: string, podIPs: readonly string[], hostIPs: readonly string[]): string {
  const meta = pod.metadata ?? {};
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (m !== null) return (m[1] === 'labels' ? meta.labels : meta.annotations)?.[m[2] ?? ''] ?? '';
  switch (path) {
    case 'metadata.name': return meta.name ?? '';
    case 'metadata.namespace': return meta.namespace ?? '';
    case 'metadata.uid': return meta.uid ?? '';
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP': return podIPs[0] ?? '';
    case 'status.podIPs': return podIPs.join(',');
    case 'status.hostIP': return hostIPs[0] ?? '';
    case 'status.hostIPs': return hostIPs.join(',');
    default: throw new ContainerConfigError(`unsupported fieldPath: ${path}`);
  }
}

async function resourceValue(pod: Pod, container: Container, ref: { containerName?: string; resource: string; divisor?: string }, sources: EnvSources): Promise<string> {
  const target = ref.containerName === undefined || ref.containerName === '' ? container
    : [...pod.spec?.initContainers ?? [], ...pod.spec?.containers ?? []].find((c) => c.name === ref.containerName);
  if (target === undefined) throw new ContainerConfigError(`container ${ref.containerName ?? ''} not found`);
  const [kind, resource = ''] = ref.resource.split('.', 2) as [string, string | undefined];
  let raw = (kind === 'limits' ? target.resources?.limits : target.resources?.requests)?.[resource];
  if (raw === undefined && kind === 'limits') raw = (await sources.nodeAllocatable())[resource];
  const value = parseQuantity(raw ?? '0');
  const divisor = parseQuantity(ref.divisor ?? '1');
  if (!value.ok || !divisor.ok || divisor.value.isZero()) throw new ContainerConfigError(`bad resourceFieldRef ${ref.resource}`);
  // ceil(value / divisor), in milli-units so that cpu divisors such as 1m work.
  const v = value.value.milliValue();
  const d = divisor.value.milliValue();
  return String((v + d - 1n) / d);
}

/** The container's environment in order (later duplicates already folded in). */
export async function containerEnv(pod: Pod, container: Container, podIPs: readonly string[], hostIPs: readonly string[],
  sources: EnvSources): Promise<{ key: string; value: string }[]> {
  const ns = pod.metadata?.namespace ?? 'default';
  const env = new Map<string, string>();
  for (const svc of await sources.services(ns, pod.spec?.enableServiceLinks !== false)) for (const [k, v] of flatServiceEnv(svc)) env.set(k, v);
  const cms = new Map<string, ConfigMap | undefined>();
  const secrets = new Map<string, Secret | undefined>();
  const configMap = async (name: string): Promise<ConfigMap | undefined> => {
    if (!cms.has(name)) cms.set(name, await sources.configMap(ns, name));
    return cms.get(name);
  };
  const secret = async (name: string): Promise<Secret | undefined> => {
    if (!secrets.has(name)) secrets.set(name, await sources.secret(ns, name));
    return secrets.get(name);
  };
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef !== undefined) {
      const name = from.configMapRef.name ?? '';
      const cm = await configMap(name);
      if (cm === undefined) {
        if (from.configMapRef.optional === true) continue;
        throw new ContainerConfigError(`configmap "${name}" not found`);
      }
      for (const [k, v] of Object.entries(cm.data ?? {})) if (!k.includes('=')) env.set(prefix + k, v);
    } else if (from.secretRef !== undefined) {
      const name = from.secretRef.name ?? '';
      const s = await secret(name);
      if (s === undefined) {
        if (from.secretRef.optional === true) continue;
        throw new ContainerConfigError(`secret "${name}" not found`);
      }
      for (const [k, v] of Object.entries(s.data ?? {})) if (!k.includes('=')) env.set(prefix + k, decodeSecret(v));
    }
  }
  for (const e of container.env ?? []) {
    const from = e.valueFrom;
    if (from === undefined) {
      env.set(e.name, expand(e.value ?? '', (n) => env.get(n)));
    } else if (from.configMapKeyRef !== undefined) {
      const { name = '', key, optional } = from.configMapKeyRef;
      const cm = await configMap(name);
      if (cm === undefined) {
        if (optional === true) continue;
        throw new ContainerConfigError(`configmap "${name}" not found`);
      }
      const value = cm.data?.[key] ?? (cm.binaryData?.[key] === undefined ? undefined : decodeSecret(cm.binaryData[key] ?? ''));
      if (value === undefined) {
        if (optional === true) continue;
        throw new ContainerConfigError(`couldn't find key ${key} in ConfigMap ${ns}/${name}`);
      }
      env.set(e.name, value);
    } else if (from.secretKeyRef !== undefined) {
      const { name = '', key, optional } = from.secretKeyRef;
      const s = await secret(name);
      if (s === undefined) {
        if (optional === true) continue;
        throw new ContainerConfigError(`secret "${name}" not found`);
      }
      const value = s.data?.[key];
      if (value === undefined) {
        if (optional === true) continue;
        throw new ContainerConfigError(`couldn't find key ${key} in Secret ${ns}/${name}`);
      }
      env.set(e.name, decodeSecret(value));
    } else if (from.fieldRef !== undefined) {
      env.set(e.name, fieldValue(pod, from.fieldRef.fieldPath, podIPs, hostIPs));
    } else if (from.resourceFieldRef !== undefined) {
      env.set(e.name, await resourceValue(pod, container, from.resourceFieldRef, sources));
    }
  }
  // Kept with the container for its life (the runtime's config): flat, not trees of pieces.
  return [...env.entries()].map(([key, value]) => ({ key: flat(key), value: flat(value) }));
}
