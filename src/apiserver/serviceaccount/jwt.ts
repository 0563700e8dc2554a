// Service-account tokens: JWTs signed with ES256 (ECDSA P-256, the key k8ts makes for its
// service accounts), with the claims upstream's TokenRequest puts in them, and the JWKS
// document that lets anyone verify them (/openid/v1/jwks).

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface ServiceAccountClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
  readonly exp: number;
  readonly iat: number;
  readonly nbf: number;
  readonly jti: string;
  readonly 'kubernetes.io': {
    readonly namespace: string;
    readonly serviceaccount: { readonly name: string; readonly uid: string };
    readonly pod?: { readonly name: string; readonly uid: string };
    readonly secret?: { readonly name: string; readonly uid: string };
    readonly node?: { readonly name: string; readonly uid: string };
  };
}

export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The key id: a hash of the public key, as upstream derives it. */
  readonly kid: string;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Loads DATA_DIR/tls/service-account.key, making it on first start. */
export async function ensureSigningKey(dataDir: string): Promise<SigningKey> {
  const dir = join(dataDir, 'tls');
  const path = join(dir, 'service-account.key');
  if (!existsSync(path)) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  return signingKeyFrom(readFileSync(path, 'utf8'));
}

export function signingKeyFrom(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const kid = b64url(createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest());
  return { privateKey, publicKey, kid };
}

export function signToken(key: SigningKey, claims: ServiceAccountClaims): string {
  const header = b64url(JSON.stringify({ alg: 'ES256', kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${header}.${payload}.${b64url(signature)}`;
}

/** The claims of a token this key signed, or undefined when it is not one (or has expired). */
export function verifyToken(key: SigningKey, token: string, nowSeconds: number): ServiceAccountClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  let claims: ServiceAccountClaims;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (head.alg !== 'ES256') return undefined;
    const ok = verify('sha256', Buffer.from(`${header}.${payload}`), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    if (!ok) return undefined;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ServiceAccountClaims;
  } catch {
    return undefined;
  }
  if (claims.iss !== ISSUER || typeof claims.exp !== 'number' || claims.exp < nowSeconds || (claims.nbf ?? 0) > nowSeconds + 60) return undefined;
  return claims;
}

/** The JWKS document: the public key, as a JSON Web Key. */
export function jwks(key: SigningKey): object {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { keys: [{ use: 'sig', kty: jwk.kty, kid: key.kid, crv: jwk.crv, alg: 'ES256', x: jwk.x, y: jwk.y }] };
}

export function openidConfiguration(): object {
  return {
    issuer: ISSUER,
    jwks_uri: `${ISSUER}/openid/v1/jwks`,
    response_types_supported: ['id_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['ES256'],
  };
}
