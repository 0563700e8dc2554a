// The server's certificates under DATA_DIR/tls: the cluster CA, the API server's serving
// certificate and the admin's client certificate. Created on first start and reused after;
// a serving certificate whose names no longer match (a new host name, a new --tls-san) or that
// nears its end is issued anew, as k3s does. The CA is never replaced silently: every client
// trusts it.

import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate, type CertAndKey, type IssueOptions } from '../../client/pki/authority.ts';
import { canonicalIp } from '../../client/pki/ip.ts';
import { readCertificate } from '../../client/pki/read-certificate.ts';

export interface ServerPkiOptions {
  /** Extra DNS names for the serving certificate (--tls-san). */
  readonly hostnames?: readonly string[];
  /** Extra IP addresses for the serving certificate. */
  readonly ipAddresses?: readonly string[];
  /** The first address of the service CIDR, where in-cluster clients reach the API (default 10.43.0.1). */
  readonly serviceIp?: string;
  /** The current time in ms since the epoch (default: Date.now()). */
  readonly now?: number;
}

export interface ServerPki {
  readonly dir: string;
  readonly ca: CertAndKey;
  readonly serving: CertAndKey;
  /** CN=admin, O=system:masters: the identity of the admin kubeconfig. */
  readonly admin: CertAndKey;
  /** Which of 'cluster-ca', 'serving', 'admin' were written on this call. */
  readonly written: readonly string[];
}

const dayMs = 24 * 60 * 60 * 1000;
/** Leaf certificates are valid a year and renewed in their last 90 days (k3s' rule). */
const leafDays = 365;
const renewBeforeMs = 90 * dayMs;

export async function ensureServerPki(dataDir: string, options: ServerPkiOptions = {}): Promise<ServerPki> {
  const now = options.now ?? Date.now();
  const dir = join(dataDir, 'tls');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const written: string[] = [];

  let ca = await load(dir, 'cluster-ca');
  if (ca === undefined) {
    ca = createCertificateAuthority(`k8ts-ca@${Math.floor(now / 1000)}`, { now });
    await save(dir, 'cluster-ca', ca);
    written.push('cluster-ca');
  } else if (!keyMatches(ca)) {
    throw new Error(`${join(dir, 'cluster-ca.key')} does not belong to ${join(dir, 'cluster-ca.crt')}`);
  }

  const serving = servingNames(options);
  const wanted: Record<'serving' | 'admin', IssueOptions> = {
    serving: { commonName: 'kube-apiserver', usage: 'server', dnsNames: serving.dnsNames, ipAddresses: serving.ipAddresses, days: leafDays, now },
    admin: { commonName: 'admin', organizations: ['system:masters'], usage: 'client', days: leafDays, now },
  };
  const leaves: Partial<Record<'serving' | 'admin', CertAndKey>> = {};
  for (const name of ['serving', 'admin'] as const) {
    const existing = await load(dir, name);
    if (existing !== undefined && stillGood(existing, ca, wanted[name], now)) {
      leaves[name] = existing;
      continue;
    }
    const issued = issueCertificate(ca, wanted[name]);
    await save(dir, name, issued);
    written.push(name);
    leaves[name] = issued;
  }
  return { dir, ca, serving: leaves.serving as CertAndKey, admin: leaves.admin as CertAndKey, written };
}

/** localhost and loopback, this machine's name, the in-cluster names and address, then the extras. */
export function servingNames(options: ServerPkiOptions): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames = ['localhost', hostname().toLowerCase(), 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', ...(options.hostnames ?? [])];
  const ips = ['127.0.0.1', '::1', options.serviceIp ?? '10.43.0.1', ...(options.ipAddresses ?? [])].map((ip) => {
    const canonical = canonicalIp(ip);
    if (canonical === undefined) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
    return canonical;
  });
  return { dnsNames: [...new Set(dnsNames)], ipAddresses: [...new Set(ips)] };
}

/** Signed by this CA, its key, the same identity and names, and not in its last 90 days. */
function stillGood(pair: CertAndKey, ca: CertAndKey, wanted: IssueOptions, now: number): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    if (!cert.verify(new X509Certificate(ca.certPem).publicKey) || !keyMatches(pair)) return false;
    const info = readCertificate(pair.certPem);
    return info.notAfter - now > renewBeforeMs &&
      info.notBefore <= now &&
      info.subject.commonName === wanted.commonName &&
      sameSet(info.subject.organizations, wanted.organizations ?? []) &&
      sameSet(info.dnsNames, wanted.dnsNames ?? []) &&
      sameSet(info.ipAddresses, wanted.ipAddresses ?? []);
  } catch {
    return false; // unreadable: issue a new one
  }
}

function keyMatches(pair: CertAndKey): boolean {
  const fromKey = createPublicKey(createPrivateKey(pair.keyPem)).export({ type: 'spki', format: 'der' });
  return fromKey.equals(readCertificate(pair.certPem).publicKeyInfo);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}

/** Both files, or neither (undefined); one without the other is an error to look into. */
async function load(dir: string, name: string): Promise<CertAndKey | undefined> {
  const [certPem, keyPem] = await Promise.all([readIfPresent(join(dir, `${name}.crt`)), readIfPresent(join(dir, `${name}.key`))]);
  if (certPem === undefined && keyPem === undefined) return undefined;
  if (certPem === undefined || keyPem === undefined) {
    if (name !== 'cluster-ca') return undefined; // a leaf is simply issued again
    throw new Error(`${join(dir, name)}: found only one of ${name}.crt and ${name}.key`);
  }
  return { certPem, keyPem };
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Key first, then certificate, each written atomically; keys are readable by their owner only. */
async function save(dir: string, name: string, pair: CertAndKey): Promise<void> {
  await writeAtomically(join(dir, `${name}.key`), pair.keyPem, 0o600);
  await writeAtomically(join(dir, `${name}.crt`), pair.certPem, 0o644);
}

async function writeAtomically(path: string, text: string, mode: number): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, { mode });
  await rename(temporary, path);
}
