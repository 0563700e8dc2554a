// The subresources that reach a node's kubelet (upstream's pod/node "location" REST storage
// plus its UpgradeAwareHandler): pods/log (streamed text), pods/exec, pods/attach,
// pods/portforward (HTTP/1.1 upgrades spliced byte for byte to the kubelet, whatever protocol
// the client speaks) and nodes/proxy (any path on the kubelet). The kubelet is found at the
// node's InternalIP and status.daemonEndpoints.kubeletEndpoint.Port; its serving certificate
// is verified against the cluster CA and the API server authenticates with its own
// kubelet-client certificate.

import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { badRequest, serviceUnavailable, StatusError, type StatusReason } from '../../api/status.ts';
import type { Container, Node, Pod } from '../../api/types/core/v1/index.ts';
import type { ApiRequest, ApiResponse } from '../http/types.ts';
import type { GenericStore } from '../registry/generic-store.ts';
import type { ResourceRegistry } from '../registry/registry.ts';
import type { ApiObject } from '../registry/resource.ts';
import type { ResourceRequest } from './request-info.ts';

/** PEM material for talking to kubelets. */
export interface KubeletClientConfig {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

export interface KubeletProxyContext {
  readonly registry: ResourceRegistry;
  readonly kubelet: KubeletClientConfig;
}

/** A request for the kubelet: which one, and the path and query to send it. */
export interface KubeletTarget {
  readonly host: string;
  readonly port: number;
  /** Path and query, already encoded. */
  readonly path: string;
}

export function isKubeletSubresource(info: ResourceRequest): boolean {
  if (info.group !== '' || info.name === '') return false;
  if (info.resource === 'pods') return ['log', 'exec', 'attach', 'portforward'].includes(info.subresource);
  return info.resource === 'nodes' && info.subresource === 'proxy';
}

function store<T extends ApiObject>(ctx: KubeletProxyContext, resource: string): GenericStore<T> {
  const found = ctx.registry.find('', 'v1', resource);
  if (found === undefined) throw serviceUnavailable(`${resource} are not served`);
  return found as unknown as GenericStore<T>;
}

/** The kubelet of a node: its InternalIP (else another address) and kubelet port. */
async function nodeAddress(ctx: KubeletProxyContext, nodeName: string): Promise<{ host: string; port: number }> {
  const node = await store<Node>(ctx, 'nodes').get({ namespace: '', dryRun: false }, nodeName);
  const addresses = node.status?.addresses ?? [];
  const pick = ['InternalIP', 'ExternalIP', 'Hostname'].map((t) => addresses.find((a) => a.type === t)?.address).find((a) => a !== undefined && a !== '');
  if (pick === undefined) throw badRequest(`node ${nodeName} has no address`);
  const port = node.status?.daemonEndpoints?.kubeletEndpoint?.Port;
  return { host: pick, port: port === undefined || port === 0 ? 10250 : port };
}

const names = (containers: readonly Container[] | undefined): string => (containers ?? []).map((c) => c.name).join(' ');

/** The container a request means: the one named, or the pod's only one (upstream's messages). */
function chooseContainer(pod: Pod, name: string, wanted: string | null): string {
  const all = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...((pod.spec?.ephemeralContainers ?? []) as Container[])];
  if (wanted !== null && wanted !== '') {
    if (!all.some((c) => c.name === wanted)) throw badRequest(`container ${wanted} is not valid for pod ${name}`);
    return wanted;
  }
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 1) return (containers[0] as Container).name;
  if (containers.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
  const init = names(pod.spec?.initContainers);
  throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${names(containers)}]${init === '' ? '' : ` or one of the init containers: [${init}]`}`);
}

function copyParams(from: URLSearchParams, keys: readonly string[]): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of keys) for (const value of from.getAll(key)) out.append(key, value);
  return out;
}

const enc = encodeURIComponent;

/**
 * Where a kubelet subresource request goes (upstream's LogLocation, ExecLocation, …);
 * undefined for the log of a pod that has no node yet.
 */
export async function kubeletTarget(ctx: KubeletProxyContext, info: ResourceRequest, path: string, query: URLSearchParams): Promise<KubeletTarget | undefined> {
  if (info.resource === 'nodes') {
    const [nodeName, explicitPort] = info.name.split(':');
    const address = await nodeAddress(ctx, nodeName ?? '');
    // Everything after /proxy in the request path goes to the kubelet as it came.
    const marker = `/proxy`;
    const at = path.indexOf(marker, path.indexOf(`/nodes/`));
    const rest = at === -1 ? '/' : path.slice(at + marker.length) || '/';
    const search = query.toString();
    return { host: address.host, port: explicitPort === undefined ? address.port : Number(explicitPort), path: `${rest}${search === '' ? '' : `?${search}`}` };
  }
  const pod = await store<Pod>(ctx, 'pods').get({ namespace: info.namespace, dryRun: false }, info.name);
  const name = info.name;
  const ns = info.namespace;
  if (info.subresource === 'portforward') {
    const nodeName = pod.spec?.nodeName ?? '';
    if (nodeName === '') throw badRequest(`pod ${name} does not have a host assigned`);
    const address = await nodeAddress(ctx, nodeName);
    const params = new URLSearchParams();
    for (const value of query.getAll('ports').flatMap((v) => v.split(','))) params.append('port', value);
    const search = params.toString();
    return { ...address, path: `/portForward/${enc(ns)}/${enc(name)}${search === '' ? '' : `?${search}`}` };
  }
  const container = chooseContainer(pod, name, query.get('container'));
  const nodeName = pod.spec?.nodeName ?? '';
  // A pod not yet scheduled has no log: upstream answers an empty one.
  if (nodeName === '' && info.subresource === 'log') return undefined;
  if (nodeName === '') throw badRequest(`pod ${name} does not have a host assigned`);
  const address = await nodeAddress(ctx, nodeName);
  if (info.subresource === 'log') {
    const params = copyParams(query, ['follow', 'previous', 'sinceSeconds', 'sinceTime', 'timestamps', 'tailLines', 'limitBytes']);
    const search = params.toString();
    return { ...address, path: `/containerLogs/${enc(ns)}/${enc(name)}/${enc(container)}${search === '' ? '' : `?${search}`}` };
  }
  const params = copyParams(query, ['command', 'stdin', 'stdout', 'stderr', 'tty']);
  const search = params.toString();
  return { ...address, path: `/${info.subresource}/${enc(ns)}/${enc(name)}/${enc(container)}${search === '' ? '' : `?${search}`}` };
}

function tlsOptions(ctx: KubeletProxyContext, host: string): { ca: string; cert: string; key: string; servername?: string } {
  // SNI takes host names only; an IP address is checked against the certificate's IP SANs.
  return { ca: ctx.kubelet.caPem, cert: ctx.kubelet.certPem, key: ctx.kubelet.keyPem, ...(/^[\d.]+$|:/.test(host) ? {} : { servername: host }) };
}

const REASONS: Record<number, StatusReason> = { 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 500: 'InternalError', 503: 'ServiceUnavailable' };

/** A kubelet's non-2xx answer as the Status error the API server reports. */
function kubeletError(code: number, body: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: body.trim(), reason: REASONS[code] ?? 'InternalError', details: {}, code });
}

function unreachable(error: unknown): StatusError {
  const message = `error dialing backend: ${error instanceof Error ? error.message : String(error)}`;
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'InternalError', details: {}, code: 500 });
}

/** Plain requests (pods/log, nodes/proxy without an upgrade): the kubelet's answer streamed back. */
export async function serveKubeletRequest(ctx: KubeletProxyContext, info: ResourceRequest, req: ApiRequest, res: ApiResponse): Promise<void> {
  if (info.resource === 'pods' && info.subresource !== 'log') throw badRequest('Upgrade request required');
  if (info.resource === 'pods' && req.method !== 'GET') throw new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `the server does not allow this method on the requested resource`, reason: 'MethodNotAllowed', details: {}, code: 405 });
  const target = await kubeletTarget(ctx, info, req.path, req.query);
  if (target === undefined) {
    res.send(200, '', 'text/plain');
    return;
  }
  const body = ['GET', 'HEAD', 'DELETE'].includes(req.method) ? undefined : await req.body(64 << 20);
  const headers: Record<string, string> = {};
  for (const name of ['accept', 'content-type', 'accept-encoding']) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const options: RequestOptions = { host: target.host, port: target.port, path: target.path, method: req.method, headers, signal: req.signal, ...tlsOptions(ctx, target.host) };
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const r = httpsRequest(options, resolve);
    r.once('error', reject);
    r.end(body);
  }).catch((error: unknown) => {
    if (req.signal.aborted) return undefined;
    throw unreachable(error);
  });
  if (upstream === undefined) return;
  const code = upstream.statusCode ?? 502;
  if (info.resource === 'pods' && (code < 200 || code > 299)) {
    let text = '';
    for await (const chunk of upstream) if (text.length < 64 * 1024) text += (chunk as Buffer).toString('utf8');
    throw kubeletError(code, text);
  }
  const stream = res.stream(code, upstream.headers['content-type'] ?? 'text/plain');
  try {
    for await (const chunk of upstream) {
      await stream.write(chunk as Buffer);
      if (req.signal.aborted) break;
    }
  } catch {
    // The kubelet or the client went away mid-stream: the response just ends.
  } finally {
    upstream.destroy();
    stream.end();
  }
}

/** Headers a client's upgrade request carries to the kubelet (never its credentials). */
const FORWARDED = ['upgrade', 'connection', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions', 'x-stream-protocol-version', 'user-agent', 'origin', 'content-length'];

/**
 * Upgrade requests: the kubelet gets the translated request line and the protocol headers;
 * from then on both directions are copied byte for byte, the kubelet's 101 (or its error)
 * included, until either side closes.
 */
export async function spliceKubeletUpgrade(ctx: KubeletProxyContext, info: ResourceRequest, req: Omit<ApiRequest, 'body'>, socket: Duplex, head: Buffer): Promise<void> {
  const target = await kubeletTarget(ctx, info, req.path, req.query);
  if (target === undefined) throw badRequest(`pod ${info.name} does not have a host assigned`);
  const upstream = tlsConnect({ host: target.host, port: target.port, ...tlsOptions(ctx, target.host) });
  await new Promise<void>((resolve, reject) => {
    upstream.once('secureConnect', () => resolve());
    upstream.once('error', (error) => reject(unreachable(error)));
  });
  const lines = [`${req.method} ${target.path} HTTP/1.1`, `Host: ${target.host}:${target.port}`];
  for (const name of FORWARDED) {
    const value = req.headers[name];
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length > 0) upstream.write(head);
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
  upstream.pipe(socket);
  socket.pipe(upstream);
  await new Promise<void>((resolve) => {
    let open = 2;
    const done = (): void => { if (--open === 0) resolve(); };
    upstream.once('close', () => { socket.destroy(); done(); });
    socket.once('close', () => { upstream.destroy(); done(); });
    req.signal.addEventListener('abort', () => { upstream.destroy(); socket.destroy(); }, { once: true });
  });
}
