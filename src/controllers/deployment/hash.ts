// The pod-template-hash of a Deployment's template (upstream's controller.ComputeHash):
// FNV-32a over the template, then the collision count as 8 little-endian bytes when set, the
// 32-bit sum printed in decimal and re-spelt with rand.SafeEncodeString's alphabet (no vowels,
// no 0/1/3, so a hash never spells a word or looks like a number).
//
// Upstream feeds the hasher spew's dump of the Go struct; that rendering of Go types cannot be
// reproduced from JSON, so the bytes hashed here are the template's canonical JSON (keys
// sorted). Names therefore differ from a Go cluster's, but have the same form and stability:
// the same template and collision count always give the same name.

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, over `data`, continuing from `seed`. */
export function fnv32a(data: Uint8Array, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (const byte of data) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Upstream's rand.SafeEncodeString: each byte mapped into the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length] ?? '';
  return out;
}

/**
 * JSON with object keys sorted at every level, so equal objects hash alike. Null, empty
 * objects and empty lists are left out: a Go struct cannot tell them from absent fields
 * (`resources: {}` and no resources are the same template), so neither may the hash.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(prune(value)) ?? 'null';
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(prune).map((v) => (v === undefined ? null : v));
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = prune((value as Record<string, unknown>)[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

export function computeHash(template: unknown, collisionCount?: number): string {
  let hash = fnv32a(new TextEncoder().encode(canonicalJson(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    hash = fnv32a(bytes, hash);
  }
  return safeEncodeString(String(hash));
}
