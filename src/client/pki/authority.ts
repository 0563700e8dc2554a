// A certificate authority in a few calls: create one, issue server and client certificates from
// it. Keys are ECDSA P-256 (what kubeadm and k3s use today); certificates and keys travel as PEM
// text, the form they take on disk and in a kubeconfig.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createCertificate, keyIdentifier, type ExtKeyUsage } from './certificate.ts';
import { pemEncode } from './pem.ts';
import { readCertificate } from './read-certificate.ts';

/** A certificate and its private key, both PEM (the key as PKCS #8, "PRIVATE KEY"). */
export interface CertAndKey {
  readonly certPem: string;
  readonly keyPem: string;
}

export type CertificateUsage = 'server' | 'client' | 'both';

export interface IssueOptions {
  readonly commonName: string;
  /** For client certificates, Kubernetes reads these as the user's groups. */
  readonly organizations?: readonly string[];
  /** Written under upstream's UID attribute; read back as the user's uid. */
  readonly uid?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly usage: CertificateUsage;
  /** Validity in days from `now` (default 365). */
  readonly days?: number;
  /** The current time in ms since the epoch (default: Date.now()). */
  readonly now?: number;
}

const dayMs = 24 * 60 * 60 * 1000;
/** Certificates start an hour in the past, so a peer whose clock lags a little accepts them. */
const backdateMs = 60 * 60 * 1000;

export function generateKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

function keyPem(privateKey: KeyObject): string {
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A self-signed CA certificate (default: valid ten years) that may sign certificates. */
export function createCertificateAuthority(commonName: string, options: { days?: number; now?: number } = {}): CertAndKey {
  const now = options.now ?? Date.now();
  const { privateKey, publicKey } = generateKey();
  const der = createCertificate({
    subject: { commonName },
    notBefore: now - backdateMs,
    notAfter: now + (options.days ?? 3650) * dayMs,
    publicKey,
    isCA: true,
    keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'],
    extKeyUsage: [],
  }, undefined, privateKey);
  return { certPem: pemEncode('CERTIFICATE', der), keyPem: keyPem(privateKey) };
}

/** A new key and a certificate for it signed by `ca`, never valid past the CA itself. */
export function issueCertificate(ca: CertAndKey, options: IssueOptions): CertAndKey {
  const now = options.now ?? Date.now();
  const caInfo = readCertificate(ca.certPem);
  if (!caInfo.isCA) throw new Error('issueCertificate: the signing certificate is not a CA');
  const caKey = createPrivateKey(ca.keyPem);
  const caPublic = createPublicKey(caKey);
  if (!caPublic.export({ type: 'spki', format: 'der' }).equals(caInfo.publicKeyInfo)) {
    throw new Error('issueCertificate: the CA key does not match the CA certificate');
  }
  const usage: ExtKeyUsage[] = options.usage === 'both' ? ['serverAuth', 'clientAuth'] : [options.usage === 'server' ? 'serverAuth' : 'clientAuth'];
  const { privateKey, publicKey } = generateKey();
  const subject = { commonName: options.commonName, organizations: options.organizations ?? [], ...(options.uid === undefined ? {} : { uid: options.uid }) };
  const der = createCertificate({
    subject,
    notBefore: now - backdateMs,
    notAfter: Math.min(now + (options.days ?? 365) * dayMs, caInfo.notAfter),
    publicKey,
    isCA: false,
    // keyEncipherment means nothing for an EC key; digitalSignature is what TLS 1.2/1.3 check.
    keyUsage: ['digitalSignature'],
    extKeyUsage: usage,
    dnsNames: options.dnsNames ?? [],
    ipAddresses: options.ipAddresses ?? [],
  }, { name: caInfo.subjectRaw, keyId: caInfo.subjectKeyId ?? keyIdentifier(caPublic), privateKey: caKey });
  return { certPem: pemEncode('CERTIFICATE', der), keyPem: keyPem(privateKey) };
}
