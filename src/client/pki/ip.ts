// IP address text ⇄ bytes, for iPAddress subject alternative names (4 or 16 octets, RFC 5280
// §4.2.1.6). Formatting follows RFC 5952 (lower case, longest zero run compressed), so two
// spellings of one address compare equal once formatted.

import { isIPv4, isIPv6 } from 'node:net';

/** The 4 or 16 bytes of an IPv4 or IPv6 address; undefined if `text` is neither. */
export function ipToBytes(text: string): Buffer | undefined {
  if (isIPv4(text)) return Buffer.from(text.split('.').map(Number));
  if (!isIPv6(text) || text.includes('%')) return undefined;
  // A trailing dotted quad (::ffff:1.2.3.4) stands for the last two 16-bit words.
  const s = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_m, a: string, b: string, c: string, d: string) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`);
  const [left = '', right] = s.split('::');
  const head = left === '' ? [] : left.split(':').map((h) => parseInt(h, 16));
  const back = right === undefined || right === '' ? [] : right.split(':').map((h) => parseInt(h, 16));
  const words = right === undefined ? head : [...head, ...new Array<number>(8 - head.length - back.length).fill(0), ...back];
  if (words.length !== 8) return undefined;
  const out = Buffer.alloc(16);
  words.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

export function bytesToIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) throw new Error(`an IP address has 4 or 16 bytes, not ${bytes.length}`);
  const words = Array.from({ length: 8 }, (_, i) => ((bytes[i * 2] as number) << 8) | (bytes[i * 2 + 1] as number));
  // The longest run of two or more zero words becomes "::" (the first one on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** The canonical text of an address, or undefined if it is not one. */
export function canonicalIp(text: string): string | undefined {
  const bytes = ipToBytes(text);
  return bytes === undefined ? undefined : bytesToIp(bytes);
}
