// Who is calling the kubelet, and what upstream's kubelet authorizer would ask about it:
// the client certificate (verified against the cluster CA by TLS) names the user (CN) and
// groups (O); the request maps to a verb on a subresource of this node (upstream's
// pkg/kubelet/server/auth.go: /stats → nodes/stats, /metrics → nodes/metrics, /logs →
// nodes/log, everything else → nodes/proxy).

import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export interface KubeletUser {
  readonly name: string;
  readonly groups: string[];
}

/** The verified client certificate's identity; undefined when there is none or it failed. */
export function certificateUser(socket: TLSSocket): KubeletUser | undefined {
  if (!socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  const subject = cert.subject as Record<string, string | string[] | undefined> | undefined;
  const cn = subject?.['CN'];
  const name = Array.isArray(cn) ? cn[0] : cn;
  if (name === undefined || name === '') return undefined;
  const o = subject?.['O'];
  const groups = o === undefined ? [] : Array.isArray(o) ? [...o] : [o];
  return { name, groups: [...groups, 'system:authenticated'] };
}

const METHOD_VERBS: Record<string, string> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** The verb and `nodes/<subresource>` a request needs. */
export function requestAttributes(req: IncomingMessage, path: string): { verb: string; resource: string } {
  const verb = METHOD_VERBS[(req.method ?? 'GET').toUpperCase()] ?? 'get';
  const under = (prefix: string): boolean => path === prefix || path.startsWith(`${prefix}/`);
  const subresource = under('/stats') ? 'stats' : under('/metrics') ? 'metrics' : under('/logs') ? 'log' : 'proxy';
  return { verb, resource: `nodes/${subresource}` };
}
