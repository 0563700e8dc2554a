// Building and signing X.509 v3 certificates (RFC 5280) with ECDSA P-256 and SHA-256, the way
// Go's crypto/x509 lays them out, so that Go clients (kubectl) and OpenSSL (node:tls) accept them.

import { createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import { der, parseDer } from './asn1.ts';
import { ipToBytes } from './ip.ts';
import { encodeName, type DistinguishedName } from './names.ts';

export const oids = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

/** KeyUsage bits, numbered from the most significant bit of the first byte (RFC 5280 §4.2.1.3). */
const keyUsageBits = { digitalSignature: 0, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;
export type KeyUsage = keyof typeof keyUsageBits;
export type ExtKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertificateTemplate {
  readonly subject: DistinguishedName;
  /** Milliseconds since the epoch; kept to whole seconds. */
  readonly notBefore: number;
  readonly notAfter: number;
  readonly publicKey: KeyObject;
  readonly isCA: boolean;
  readonly keyUsage: readonly KeyUsage[];
  readonly extKeyUsage: readonly ExtKeyUsage[];
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  /** Big-endian unsigned bytes; 16 random bytes when absent. */
  readonly serialNumber?: Uint8Array;
}

/** Who signs: the issuer's encoded subject Name (copied byte for byte), key id and private key. */
export interface Signer {
  readonly name: Buffer;
  readonly keyId: Buffer | undefined;
  readonly privateKey: KeyObject;
}

/** The raw subjectPublicKey bits of a key: what the key identifiers hash. */
export function publicKeyBytes(publicKey: KeyObject): Buffer {
  const spki = parseDer(publicKey.export({ type: 'spki', format: 'der' }));
  const bits = spki.children[1];
  if (bits === undefined) throw new Error('SubjectPublicKeyInfo without a key');
  return bits.contents.subarray(1); // past the unused-bits octet
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the public key bits, as Go does. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1').update(publicKeyBytes(publicKey)).digest();
}

/** A positive 128-bit serial with its top byte non-zero, so its DER is always 16 bytes long. */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x40;
  return serial;
}

/**
 * Signs `template` and returns the certificate's DER. `signer` undefined means self-signed: the
 * issuer is the subject and `selfKey` signs. Extensions follow Go's choices: basicConstraints
 * and keyUsage critical, SAN non-critical (the subject is never empty), no authorityKeyIdentifier
 * on a self-signed certificate.
 */
export function createCertificate(template: CertificateTemplate, signer: Signer | undefined, selfKey?: KeyObject): Buffer {
  const subjectName = encodeName(template.subject);
  const issuerName = signer?.name ?? subjectName;
  const privateKey = signer?.privateKey ?? selfKey;
  if (privateKey === undefined) throw new Error('createCertificate: a self-signed certificate needs its private key');
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)), // v3
    der.integer(template.serialNumber ?? randomSerial()),
    der.sequence(der.oid(oids.ecdsaWithSha256)),
    issuerName,
    der.sequence(der.time(template.notBefore), der.time(template.notAfter)),
    subjectName,
    template.publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...extensions(template, signer))),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  return der.sequence(tbs, der.sequence(der.oid(oids.ecdsaWithSha256)), der.bitString(signature));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? der.sequence(der.oid(oid), der.boolean(true), der.octetString(value)) : der.sequence(der.oid(oid), der.octetString(value));
}

function extensions(t: CertificateTemplate, signer: Signer | undefined): Buffer[] {
  const out: Buffer[] = [];
  if (t.keyUsage.length > 0) out.push(extension(oids.keyUsage, true, keyUsageBitString(t.keyUsage)));
  if (t.extKeyUsage.length > 0) out.push(extension(oids.extKeyUsage, false, der.sequence(...t.extKeyUsage.map((u) => der.oid(oids[u])))));
  // cA defaults to FALSE, and DER leaves defaults out: a leaf's basicConstraints is empty.
  out.push(extension(oids.basicConstraints, true, t.isCA ? der.sequence(der.boolean(true)) : der.sequence()));
  out.push(extension(oids.subjectKeyIdentifier, false, der.octetString(keyIdentifier(t.publicKey))));
  if (signer?.keyId !== undefined) out.push(extension(oids.authorityKeyIdentifier, false, der.sequence(der.implicit(0, signer.keyId))));
  const names = [
    ...(t.dnsNames ?? []).map((dns) => der.implicit(2, Buffer.from(dns, 'ascii'))),
    ...(t.ipAddresses ?? []).map((ip) => {
      const bytes = ipToBytes(ip);
      if (bytes === undefined) throw new Error(`not an IP address: ${JSON.stringify(ip)}`);
      return der.implicit(7, bytes);
    }),
  ];
  if (names.length > 0) out.push(extension(oids.subjectAltName, false, der.sequence(...names)));
  return out;
}

/** A named bit list: trailing zero bits are dropped, as DER requires (X.690 §11.2.2). */
function keyUsageBitString(usages: readonly KeyUsage[]): Buffer {
  let bits = 0;
  for (const u of usages) bits |= 1 << (15 - keyUsageBits[u]);
  const bytes = bits & 0xff ? Buffer.from([bits >> 8, bits & 0xff]) : Buffer.from([bits >> 8]);
  const last = bytes[bytes.length - 1] as number;
  let unused = 0;
  while (unused < 7 && (last & (1 << unused)) === 0) unused++;
  return der.bitString(bytes, unused);
}
