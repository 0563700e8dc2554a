// Joining a node with the cluster's join token (k3s-style), served next to the API:
//   GET  /cacerts                      unauthenticated: the cluster CA PEM, which the joining
//                                      node checks against the hash in its token;
//   POST /v1-k8ts/node-credentials     `Authorization: Bearer <secret>`, body {"nodeName", "addresses"}:
//                                      a client certificate (CN=system:node:NAME, O=system:nodes)
//                                      and a kubelet serving certificate, both signed by the CA.
// The secret is compared in constant time; anything else is a 401 Status. The join secret is
// not an API credential: exceptJoinSecret keeps the bearer-token authenticator from refusing
// it, so such a request is anonymous everywhere but here.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { badRequest, StatusError, unauthorized } from '../api/status.ts';
import { isDNS1123Subdomain } from '../api/validation/names.ts';
import { issueCertificate, type CertAndKey } from '../client/pki/authority.ts';
import { canonicalIp } from '../client/pki/ip.ts';
import { formatJoinToken, generateJoinSecret, parseJoinToken, caHash, secretsEqual } from '../client/pki/join-token.ts';
import { CACERTS_PATH, NODE_CREDENTIALS_PATH, type NodeCredentials } from '../client/pki/join-client.ts';
import type { Authenticator } from './http/authn.ts';
import type { ApiRequest, Handler } from './http/types.ts';

/**
 * The cluster's join token: `given` (full or bare) when set, else the one kept in DATA/token,
 * else a new one written there. A full token whose CA hash is not this cluster's is an error.
 */
export async function ensureJoinToken(dataDir: string, caPem: string, given?: string): Promise<{ token: string; secret: string }> {
  const path = join(dataDir, 'token');
  let text = given;
  if (text === undefined || text === '') text = await readFile(path, 'utf8').catch(() => undefined);
  const parsed = text === undefined ? { caHash: undefined, secret: generateJoinSecret() } : parseJoinToken(text);
  if (parsed.caHash !== undefined && parsed.caHash !== caHash(caPem)) {
    throw new Error(`the join token's CA hash does not match this cluster's CA (${join(dataDir, 'tls', 'cluster-ca.crt')})`);
  }
  const token = formatJoinToken(caPem, parsed.secret);
  await mkdir(dataDir, { recursive: true });
  await writeFile(path, `${token}\n`, { mode: 0o600 });
  return { token, secret: parsed.secret };
}

function bearer(req: ApiRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers['authorization'] ?? '');
  return m === null ? undefined : m[1];
}

/** The secret a bearer value carries: the value itself, or the secret part of a full token. */
function secretOf(value: string): string {
  try {
    return parseJoinToken(value).secret;
  } catch {
    return value;
  }
}

/** Lets a request bearing the join secret through unauthenticated instead of refused. */
export function exceptJoinSecret(inner: Authenticator, secret: string): Authenticator {
  return async (headers) => {
    const m = /^Bearer\s+(\S+)$/i.exec(headers['authorization'] ?? '');
    if (m !== null && secretsEqual(secretOf(m[1] as string), secret)) return undefined;
    return inner(headers);
  };
}

export interface NodeJoinOptions {
  readonly ca: CertAndKey;
  readonly secret: string;
  readonly now?: () => number;
}

/** Serves the two join paths; every other request goes to `next`. */
export function nodeJoinHandler(o: NodeJoinOptions, next: Handler): Handler {
  return async (req, res) => {
    if (req.path === CACERTS_PATH) {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
      res.send(200, o.ca.certPem, 'text/plain; charset=utf-8');
      return;
    }
    if (req.path !== NODE_CREDENTIALS_PATH) return next(req, res);
    if (req.method !== 'POST') throw methodNotAllowed();
    const presented = bearer(req);
    if (presented === undefined || !secretsEqual(secretOf(presented), o.secret)) throw unauthorized('Unauthorized');
    const { nodeName, addresses } = parseBody(await req.body(64 * 1024));
    const now = o.now?.() ?? Date.now();
    const client = issueCertificate(o.ca, { commonName: `system:node:${nodeName}`, organizations: ['system:nodes'], usage: 'client', now });
    const serving = issueCertificate(o.ca, {
      commonName: nodeName, usage: 'server', now,
      dnsNames: [...new Set([nodeName, 'localhost'])],
      ipAddresses: [...new Set(['127.0.0.1', ...addresses])],
    });
    const body: NodeCredentials = {
      caCertificate: o.ca.certPem, clientCertificate: client.certPem, clientKey: client.keyPem, servingCertificate: serving.certPem, servingKey: serving.keyPem,
    };
    res.json(200, body);
  };
}

function methodNotAllowed(): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server does not allow this method on the requested resource', reason: 'MethodNotAllowed', details: {}, code: 405 });
}

function parseBody(raw: Buffer): { nodeName: string; addresses: string[] } {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('the body must be JSON: {"nodeName": NAME, "addresses": [IP, …]}');
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const nodeName = b['nodeName'];
  if (typeof nodeName !== 'string' || nodeName === '') throw badRequest('nodeName is required');
  const nameErrors = isDNS1123Subdomain(nodeName);
  if (nameErrors.length > 0) throw badRequest(`nodeName ${JSON.stringify(nodeName)}: ${nameErrors.join('; ')}`);
  const list = b['addresses'] ?? [];
  if (!Array.isArray(list) || list.length > 16) throw badRequest('addresses must be a list of at most 16 IP addresses');
  const addresses = list.map((a) => {
    const ip = typeof a === 'string' ? canonicalIp(a) : undefined;
    if (ip === undefined) throw badRequest(`not an IP address: ${JSON.stringify(a)}`);
    return ip;
  });
  return { nodeName, addresses };
}
