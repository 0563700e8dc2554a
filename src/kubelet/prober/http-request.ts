// The request an httpGet probe sends, built as upstream builds it (pkg/probe/http/request.go):
// scheme HTTP unless HTTPS, host the pod IP unless set, the port by number or by container port
// name, the path with its query, header names canonicalized, `User-Agent: kube-probe/1.33` and
// `Accept: */*` unless the probe sets them (an empty Accept removes it), and a Host header
// that overrides the request's host.

import { fail, ok, type Result } from '../../api/result.ts';
import type { Container, HTTPGetAction } from '../../api/types/core/v1/index.ts';
import { joinHostPort, PROBE_USER_AGENT } from './outcome.ts';
import { resolveContainerPort } from './port.ts';

export interface HttpProbeRequest {
  readonly scheme: 'http' | 'https';
  /** Where to connect: host name or IP literal (no brackets) and port. */
  readonly host: string;
  readonly port: number;
  /** Path and query, percent-encoded, starting with "/". */
  readonly path: string;
  /** Header lines in order; names canonical as Go writes them; no Host line (see hostHeader). */
  readonly headers: readonly (readonly [string, string])[];
  /** The Host header the probe asked for, when it set one. */
  readonly hostHeader: string | undefined;
}

/** The URL as Go prints it in messages: the port always shown. */
export function requestUrl(r: Pick<HttpProbeRequest, 'scheme' | 'host' | 'port' | 'path'>): string {
  return `${r.scheme}://${joinHostPort(r.host, r.port)}${r.path}`;
}

export function httpProbeRequest(action: HTTPGetAction, container: Container, podIP: string | undefined): Result<HttpProbeRequest> {
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return fail(`unsupported protocol scheme "${scheme}"`);
  const host = action.host !== undefined && action.host !== '' ? action.host : podIP;
  if (host === undefined || host === '') return fail('the pod has no IP address yet');
  const port = resolveContainerPort(action.port, container);
  if (!port.ok) return port;

  const grouped = new Map<string, string[]>();
  for (const h of action.httpHeaders ?? []) {
    const name = canonicalHeaderKey(h.name);
    grouped.set(name, [...(grouped.get(name) ?? []), h.value]);
  }
  if (!grouped.has('User-Agent')) grouped.set('User-Agent', [PROBE_USER_AGENT]);
  if (!grouped.has('Accept')) grouped.set('Accept', ['*/*']);
  else if (grouped.get('Accept')?.[0] === '') grouped.delete('Accept');
  const hostHeader = grouped.get('Host')?.[0];
  grouped.delete('Host');
  // Go sends no User-Agent line when its value is empty.
  if (grouped.get('User-Agent')?.[0] === '') grouped.delete('User-Agent');

  const headers: (readonly [string, string])[] = [];
  for (const [name, values] of grouped) for (const value of values) headers.push([name, value]);
  return ok({
    scheme, host: host.replace(/^\[(.*)\]$/, '$1'), port: port.value, path: encodePath(action.path ?? ''), headers,
    hostHeader: hostHeader === '' ? undefined : hostHeader,
  });
}

/** Path and query of the probe's `path` (a fragment is dropped), escaped as Go's URL would send them. */
function encodePath(raw: string): string {
  const noFragment = raw.split('#', 1)[0] ?? '';
  const q = noFragment.indexOf('?');
  const path = q < 0 ? noFragment : noFragment.slice(0, q);
  const query = q < 0 ? '' : noFragment.slice(q + 1);
  const url = new URL('http://probe.invalid/');
  url.pathname = path.startsWith('/') ? path : `/${path}`;
  if (query !== '') url.search = query;
  return url.pathname + url.search;
}

/** Go's textproto.CanonicalMIMEHeaderKey: "x-custom-header" → "X-Custom-Header"; names with invalid bytes kept. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
