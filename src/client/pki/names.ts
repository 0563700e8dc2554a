// X.501 distinguished names, the part of them Kubernetes reads: the common name is a user's
// name and each organization one of its groups (upstream's x509 authenticator).

import { Asn1Error, Tag, decodeOid, der, type Asn1Node } from './asn1.ts';

export const nameOids = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  /** Upstream's UID attribute for client certificates (KEP-4193, AllowParsingUserUIDFromCertAuth). */
  uid: '1.3.6.1.4.1.57683.2',
} as const;

export interface DistinguishedName {
  readonly commonName: string;
  /** Each becomes its own relative distinguished name, in the order given. */
  readonly organizations?: readonly string[];
  readonly uid?: string;
}

/** What a parsed name holds; attributes other than these are skipped. */
export interface NameInfo {
  readonly commonName: string | undefined;
  readonly organizations: readonly string[];
  readonly uid: string | undefined;
}

function attribute(oid: string, value: string): Buffer {
  return der.set(der.sequence(der.oid(oid), der.utf8String(value)));
}

/**
 * O=… (one RDN each), then CN, then the UID: the order Go's pkix.Name writes, so `openssl x509
 * -subject` prints what upstream's tools would. Values are UTF8Strings (RFC 5280 §4.1.2.6).
 */
export function encodeName(name: DistinguishedName): Buffer {
  const rdns = [
    ...(name.organizations ?? []).map((o) => attribute(nameOids.organization, o)),
    attribute(nameOids.commonName, name.commonName),
  ];
  if (name.uid !== undefined) rdns.push(attribute(nameOids.uid, name.uid));
  return der.sequence(...rdns);
}

/** Reads a Name (a SEQUENCE of SETs of type-and-value pairs), multi-valued RDNs included. */
export function decodeName(node: Asn1Node): NameInfo {
  if (node.tag !== Tag.sequence) throw new Asn1Error('Name: expected a SEQUENCE');
  let commonName: string | undefined;
  let uid: string | undefined;
  const organizations: string[] = [];
  for (const rdn of node.children) {
    if (rdn.tag !== Tag.set) throw new Asn1Error('Name: expected a SET per RDN');
    for (const pair of rdn.children) {
      const [type, value] = pair.children;
      if (pair.tag !== Tag.sequence || type?.tag !== Tag.oid || value === undefined) throw new Asn1Error('Name: malformed attribute');
      const oid = decodeOid(type.contents);
      if (oid === nameOids.commonName) commonName = decodeString(value);
      else if (oid === nameOids.organization) organizations.push(decodeString(value));
      else if (oid === nameOids.uid) uid = decodeString(value);
    }
  }
  return { commonName, organizations, uid };
}

/** The directory string types certificates use in practice. */
export function decodeString(node: Asn1Node): string {
  switch (node.tag) {
    case Tag.utf8String:
      return node.contents.toString('utf8');
    case Tag.printableString:
    case Tag.ia5String:
      return node.contents.toString('ascii');
    case 0x14: // TeletexString: treated as Latin-1, as Go and OpenSSL do
      return node.contents.toString('latin1');
    case 0x1e: // BMPString: UTF-16 big-endian
      return Buffer.from(node.contents).swap16().toString('utf16le');
    default:
      throw new Asn1Error(`unsupported string type 0x${node.tag.toString(16)}`);
  }
}
