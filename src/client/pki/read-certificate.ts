// Reading the fields of an X.509 certificate from its DER: names, validity, key, and the
// extensions k8ts itself writes. It does not verify signatures (node's X509Certificate and
// the TLS stack do that); it tells what a certificate says.

import { Asn1Error, Tag, child, decodeOid, parseDer, readTime, type Asn1Node } from './asn1.ts';
import { oids } from './certificate.ts';
import { bytesToIp } from './ip.ts';
import { decodeName, type NameInfo } from './names.ts';
import { pemDecodeOne } from './pem.ts';

export interface CertificateInfo {
  readonly serialNumber: Buffer;
  readonly issuer: NameInfo;
  /** The issuer Name exactly as encoded: a child certificate's issuer must match it byte for byte. */
  readonly issuerRaw: Buffer;
  readonly subject: NameInfo;
  readonly subjectRaw: Buffer;
  readonly notBefore: number;
  readonly notAfter: number;
  /** The SubjectPublicKeyInfo DER. */
  readonly publicKeyInfo: Buffer;
  readonly isCA: boolean;
  readonly dnsNames: readonly string[];
  /** Canonical text (RFC 5952 for IPv6). */
  readonly ipAddresses: readonly string[];
  readonly extKeyUsage: readonly string[];
  readonly subjectKeyId: Buffer | undefined;
  readonly authorityKeyId: Buffer | undefined;
}

/** Parses a certificate given as DER bytes or PEM text (its first CERTIFICATE block). */
export function readCertificate(input: Uint8Array | string): CertificateInfo {
  const bytes = typeof input === 'string' ? pemDecodeOne(input, 'CERTIFICATE') : input;
  const cert = parseDer(bytes);
  const tbs = child(cert, 0, Tag.sequence, 'Certificate.tbsCertificate');
  // version [0] is optional (absent means v1): every later field shifts by one when present.
  const at = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  const serial = child(tbs, at, Tag.integer, 'TBSCertificate.serialNumber');
  const issuer = child(tbs, at + 2, Tag.sequence, 'TBSCertificate.issuer');
  const validity = child(tbs, at + 3, Tag.sequence, 'TBSCertificate.validity');
  const subject = child(tbs, at + 4, Tag.sequence, 'TBSCertificate.subject');
  const spki = child(tbs, at + 5, Tag.sequence, 'TBSCertificate.subjectPublicKeyInfo');
  const [notBefore, notAfter] = validity.children;
  if (notBefore === undefined || notAfter === undefined) throw new Asn1Error('Validity: expected two times');

  let isCA = false;
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  const extKeyUsage: string[] = [];
  let subjectKeyId: Buffer | undefined;
  let authorityKeyId: Buffer | undefined;
  for (const ext of extensionList(tbs)) {
    const oid = decodeOid(child(ext, 0, Tag.oid, 'Extension.extnID').contents);
    const valueNode = ext.children[ext.children.length - 1];
    if (valueNode?.tag !== Tag.octetString) throw new Asn1Error('Extension.extnValue: expected an OCTET STRING');
    const value = parseDer(valueNode.contents);
    switch (oid) {
      case oids.basicConstraints:
        isCA = value.children[0]?.tag === Tag.boolean && value.children[0].contents[0] !== 0;
        break;
      case oids.subjectAltName:
        for (const name of value.children) {
          if (name.tag === 0x82) dnsNames.push(name.contents.toString('ascii'));
          else if (name.tag === 0x87) ipAddresses.push(bytesToIp(name.contents));
        }
        break;
      case oids.extKeyUsage:
        for (const usage of value.children) extKeyUsage.push(decodeOid(usage.contents));
        break;
      case oids.subjectKeyIdentifier:
        subjectKeyId = Buffer.from(value.contents);
        break;
      case oids.authorityKeyIdentifier: {
        const keyId = value.children.find((c) => c.tag === 0x80);
        if (keyId !== undefined) authorityKeyId = Buffer.from(keyId.contents);
        break;
      }
    }
  }
  return {
    serialNumber: Buffer.from(serial.contents),
    issuer: decodeName(issuer),
    issuerRaw: Buffer.from(issuer.bytes),
    subject: decodeName(subject),
    subjectRaw: Buffer.from(subject.bytes),
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    publicKeyInfo: Buffer.from(spki.bytes),
    isCA,
    dnsNames,
    ipAddresses,
    extKeyUsage,
    subjectKeyId,
    authorityKeyId,
  };
}

function extensionList(tbs: Asn1Node): readonly Asn1Node[] {
  const wrapper = tbs.children.find((c) => c.tag === 0xa3);
  const list = wrapper?.children[0];
  if (wrapper === undefined) return [];
  if (list?.tag !== Tag.sequence) throw new Asn1Error('extensions: expected a SEQUENCE');
  return list.children;
}
