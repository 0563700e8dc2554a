// The joining node's side of the join token (see apiserver/node-join.ts): fetch the cluster CA
// from GET /cacerts and check it against the token's hash, then trade the secret for the node's
// certificates with POST /v1-k8ts/node-credentials over a connection that trusts only that CA.

import { request } from 'node:https';
import { caHash, type JoinToken } from './join-token.ts';

export const CACERTS_PATH = '/cacerts';
export const NODE_CREDENTIALS_PATH = '/v1-k8ts/node-credentials';

/** What POST /v1-k8ts/node-credentials answers (PEM text throughout). */
export interface NodeCredentials {
  readonly caCertificate: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  readonly servingCertificate: string;
  readonly servingKey: string;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

const TIMEOUT_MS = 15_000;
const MAX_BODY = 1 << 20;

function call(url: URL, options: { method: string; ca?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: options.method,
      headers: options.headers ?? {},
      // Before the CA is known the connection cannot be verified; the caller checks the answer's hash.
      ...(options.ca === undefined ? { rejectUnauthorized: false } : { ca: options.ca }),
      timeout: TIMEOUT_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_BODY) req.destroy(new Error(`${url.pathname}: answer larger than ${MAX_BODY} bytes`));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${url.origin}${url.pathname}: no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

function failure(what: string, answer: Answer): Error {
  let message = answer.body.trim();
  try {
    const status = JSON.parse(answer.body) as { message?: unknown };
    if (typeof status.message === 'string') message = status.message;
  } catch {
    // Not a Status object: keep the text.
  }
  return new Error(`${what}: HTTP ${answer.status}${message === '' ? '' : `: ${message}`}`);
}

/**
 * The cluster CA from `server`. With a hash in the token a mismatch is an error (someone else
 * answered); without one the CA is trusted on first use and `onUnpinned` is told its hash.
 */
export async function fetchClusterCa(server: string, token: JoinToken, options: { signal?: AbortSignal; onUnpinned?: (hash: string) => void } = {}): Promise<string> {
  const answer = await call(new URL(CACERTS_PATH, server), { method: 'GET', ...(options.signal === undefined ? {} : { signal: options.signal }) });
  if (answer.status !== 200) throw failure(`GET ${CACERTS_PATH}`, answer);
  if (!answer.body.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`GET ${CACERTS_PATH}: the answer is not a PEM certificate`);
  const hash = caHash(answer.body);
  if (token.caHash === undefined) options.onUnpinned?.(hash);
  else if (token.caHash !== hash) throw new Error(`the CA of ${server} (sha256 ${hash}) is not the one the join token names (${token.caHash})`);
  return answer.body;
}

/** Trades the join secret for this node's certificates. */
export async function requestNodeCredentials(server: string, caPem: string, secret: string, node: { nodeName: string; addresses: readonly string[] }, signal?: AbortSignal): Promise<NodeCredentials> {
  const answer = await call(new URL(NODE_CREDENTIALS_PATH, server), {
    method: 'POST', ca: caPem,
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ nodeName: node.nodeName, addresses: node.addresses }),
    ...(signal === undefined ? {} : { signal }),
  });
  if (answer.status !== 200) throw failure(`POST ${NODE_CREDENTIALS_PATH}`, answer);
  const body = JSON.parse(answer.body) as Partial<Record<keyof NodeCredentials, unknown>>;
  const keys: (keyof NodeCredentials)[] = ['caCertificate', 'clientCertificate', 'clientKey', 'servingCertificate', 'servingKey'];
  for (const key of keys) if (typeof body[key] !== 'string') throw new Error(`POST ${NODE_CREDENTIALS_PATH}: the answer lacks ${key}`);
  return body as NodeCredentials;
}
