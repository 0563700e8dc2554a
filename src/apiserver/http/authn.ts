// Who is asking: the client certificate first (CN is the user, each O a group), then any other
// authenticators (bearer tokens, later), else anonymous. As upstream: credentials that are
// present but wrong are a 401, never anonymous.

import type { TLSSocket } from 'node:tls';
import { readCertificate } from '../../client/pki/read-certificate.ts';
import type { User } from './types.ts';

export const anonymousUser: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
export const authenticatedGroup = 'system:authenticated';

/** A user; a reason to refuse (401); or undefined when the request carries no such credential. */
export type AuthResult = { readonly user: User } | { readonly error: string } | undefined;

/** One way in. It sees the headers only: the certificate is the server's own business. */
export type Authenticator = (headers: Readonly<Record<string, string | undefined>>) => Promise<AuthResult>;

const clientAuth = '1.3.6.1.5.5.7.3.2';
const anyExtendedKeyUsage = '2.5.29.37.0';

// A TLS connection has one client certificate for its lifetime: read it once per connection.
const byConnection = new WeakMap<object, AuthResult>();

/**
 * The user named by the connection's client certificate. The TLS layer has checked the chain
 * against the cluster CA (`authorized`); this adds upstream's rules: the certificate must allow
 * client authentication and carry a common name.
 */
export function certificateUser(socket: TLSSocket): AuthResult {
  if (byConnection.has(socket)) return byConnection.get(socket);
  const result = readCertificateUser(socket);
  byConnection.set(socket, result);
  return result;
}

function readCertificateUser(socket: TLSSocket): AuthResult {
  const peer = socket.getPeerCertificate();
  if (peer === null || typeof peer !== 'object' || peer.raw === undefined) return undefined;
  if (!socket.authorized) {
    // Node gives OpenSSL's code (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, …).
    const reason: unknown = socket.authorizationError;
    return { error: `x509: client certificate not verified: ${reason instanceof Error ? reason.message : String(reason)}` };
  }
  let info;
  try {
    info = readCertificate(peer.raw);
  } catch (error) {
    return { error: `x509: unreadable client certificate: ${error instanceof Error ? error.message : String(error)}` };
  }
  const usages = info.extKeyUsage;
  if (usages.length > 0 && !usages.includes(clientAuth) && !usages.includes(anyExtendedKeyUsage)) {
    return { error: 'x509: certificate specifies an incompatible key usage' };
  }
  if (info.subject.commonName === undefined || info.subject.commonName === '') return undefined;
  const user: User = { name: info.subject.commonName, groups: withAuthenticated(info.subject.organizations) };
  return { user: info.subject.uid === undefined ? user : { ...user, uid: info.subject.uid } };
}

function withAuthenticated(groups: readonly string[]): string[] {
  return groups.includes(authenticatedGroup) ? [...groups] : [...groups, authenticatedGroup];
}

/**
 * The user for a request: the first authenticator that knows it wins; if none does and one
 * refused, the request is refused; with no credentials at all it is anonymous.
 */
export async function authenticate(
  socket: TLSSocket,
  headers: Readonly<Record<string, string | undefined>>,
  authenticators: readonly Authenticator[],
): Promise<{ user: User } | { error: string }> {
  const errors: string[] = [];
  const fromCertificate = certificateUser(socket);
  if (fromCertificate !== undefined && 'user' in fromCertificate) return fromCertificate;
  if (fromCertificate !== undefined) errors.push(fromCertificate.error);
  for (const authenticator of authenticators) {
    const result = await authenticator(headers);
    if (result === undefined) continue;
    if ('user' in result) return { user: { ...result.user, groups: withAuthenticated(result.user.groups) } };
    errors.push(result.error);
  }
  return errors.length > 0 ? { error: errors.join('; ') } : { user: anonymousUser };
}
