// The node's credentials under DATA/agent/: obtained once with the join token (the CA from
// /cacerts checked against the token, then certificates from /v1-k8ts/node-credentials) and
// reused on every restart while they still fit: same CA as the token pins, the client
// certificate names this node, the serving certificate covers its addresses, and neither is
// within 30 days of its end.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetchClusterCa, requestNodeCredentials } from '../../client/pki/join-client.ts';
import { caHash, parseJoinToken } from '../../client/pki/join-token.ts';
import { readCertificate } from '../../client/pki/read-certificate.ts';
import { writeKubeconfig } from '../../client/pki/write-kubeconfig.ts';

const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

export interface NodeCredentialFiles {
  readonly caFile: string;
  readonly kubeconfig: string;
  readonly servingCertFile: string;
  readonly servingKeyFile: string;
}

export interface EnsureCredentialsOptions {
  /** https://host:port of the API server. */
  readonly server: string;
  readonly token: string;
  readonly nodeName: string;
  /** The node's IPs, for the serving certificate's SANs. */
  readonly addresses: readonly string[];
  /** DATA/agent. */
  readonly dir: string;
  readonly log: (message: string) => void;
  readonly signal?: AbortSignal;
  readonly now?: number;
}

export function credentialFiles(dir: string): NodeCredentialFiles & { clientCertFile: string; clientKeyFile: string } {
  return {
    caFile: join(dir, 'server-ca.crt'),
    kubeconfig: join(dir, 'kubelet.kubeconfig'),
    clientCertFile: join(dir, 'client-kubelet.crt'),
    clientKeyFile: join(dir, 'client-kubelet.key'),
    servingCertFile: join(dir, 'serving-kubelet.crt'),
    servingKeyFile: join(dir, 'serving-kubelet.key'),
  };
}

async function readOrUndefined(path: string): Promise<string | undefined> {
  return readFile(path, 'utf8').catch(() => undefined);
}

/** Why the kept credentials cannot be reused, or undefined when they can. */
async function staleReason(o: EnsureCredentialsOptions, pinned: string | undefined, now: number): Promise<string | undefined> {
  const f = credentialFiles(o.dir);
  const [ca, client, serving, kubeconfig] = await Promise.all([f.caFile, f.clientCertFile, f.servingCertFile, f.kubeconfig].map(readOrUndefined));
  if (ca === undefined || client === undefined || serving === undefined || kubeconfig === undefined) return 'none kept yet';
  if (pinned !== undefined && caHash(ca) !== pinned) return 'the join token names another CA';
  if (!kubeconfig.includes(`server: ${o.server}`)) return 'the server changed';
  try {
    const c = readCertificate(client);
    const s = readCertificate(serving);
    if (c.subject.commonName !== `system:node:${o.nodeName}`) return 'the node name changed';
    if (o.addresses.some((ip) => !s.ipAddresses.includes(ip))) return 'the node\'s addresses changed';
    if (Math.min(c.notAfter, s.notAfter) - now < RENEW_BEFORE_MS) return 'they expire soon';
  } catch (err) {
    return `unreadable: ${err instanceof Error ? err.message : String(err)}`;
  }
  return undefined;
}

async function writePrivate(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, { mode: 0o600 });
  await rename(temporary, path);
}

/** The node's kubeconfig and serving certificate, joining the cluster when needed. */
export async function ensureNodeCredentials(o: EnsureCredentialsOptions): Promise<NodeCredentialFiles> {
  const token = parseJoinToken(o.token);
  const files = credentialFiles(o.dir);
  const reason = await staleReason(o, token.caHash, o.now ?? Date.now());
  if (reason === undefined) return files;
  o.log(`requesting node credentials from ${o.server} (${reason})`);
  const signalOption = o.signal === undefined ? {} : { signal: o.signal };
  const caPem = await fetchClusterCa(o.server, token, {
    ...signalOption,
    onUnpinned: (hash) => o.log(`WARNING: the join token does not pin the cluster CA; trusting ${o.server}'s CA on first use (sha256 ${hash}). ` +
      'Use the full K10… token the server prints to be safe.'),
  });
  const creds = await requestNodeCredentials(o.server, caPem, token.secret, { nodeName: o.nodeName, addresses: o.addresses }, o.signal);
  await mkdir(o.dir, { recursive: true, mode: 0o700 });
  await writePrivate(files.caFile, caPem);
  await writePrivate(files.clientCertFile, creds.clientCertificate);
  await writePrivate(files.clientKeyFile, creds.clientKey);
  await writePrivate(files.servingCertFile, creds.servingCertificate);
  await writePrivate(files.servingKeyFile, creds.servingKey);
  await writeKubeconfig(files.kubeconfig, { server: o.server, caPem, certPem: creds.clientCertificate, keyPem: creds.clientKey, user: `system:node:${o.nodeName}` });
  return files;
}
