// The join token a node presents to become part of a cluster, k3s-style:
// `K10<sha256 hex of the cluster CA PEM>::server:<secret>`. The hash lets a joining node check
// the CA the server hands out before trusting it; the secret proves the node may join. A bare
// secret is accepted too (the CA is then trusted on first use).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface JoinToken {
  /** sha256 hex of the CA bundle PEM, when the token pins it. */
  readonly caHash: string | undefined;
  readonly secret: string;
}

/** sha256 hex of the CA PEM text, exactly as GET /cacerts serves it. */
export function caHash(caPem: string): string {
  return createHash('sha256').update(caPem, 'utf8').digest('hex');
}

export function formatJoinToken(caPem: string, secret: string): string {
  return `K10${caHash(caPem)}::server:${secret}`;
}

/** A fresh random secret (32 bytes, hex). */
export function generateJoinSecret(): string {
  return randomBytes(32).toString('hex');
}

/** Reads a full or bare token; throws with the reason when it is neither. */
export function parseJoinToken(token: string): JoinToken {
  const text = token.trim();
  if (text === '') throw new Error('the join token is empty');
  if (text.startsWith('K10')) {
    const m = /^K10([0-9a-f]{64})::([^:]+):(.+)$/.exec(text);
    if (m === null) throw new Error('the join token starts with K10 but is not K10<sha256 hex>::server:<secret>');
    return { caHash: m[1] as string, secret: m[3] as string };
  }
  if (/\s|:/.test(text)) throw new Error('a bare join token may not contain spaces or colons');
  return { caHash: undefined, secret: text };
}

/** Compares two secrets in time independent of where they differ (their hashes have equal length). */
export function secretsEqual(a: string, b: string): boolean {
  const h = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(h(a), h(b));
}
