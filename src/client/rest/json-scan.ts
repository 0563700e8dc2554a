// A scanner over JSON text that finds a member of an object without decoding the text: for
// callers that need one field of a large answer (object-version.ts) or want a member cut out
// before JSON.parse builds it (managed-fields-text.ts). It reads the members of an object in
// order, skipping every value it is not after (strings by their closing quote, objects and
// arrays by their depth), so the text past what is looked for is never read. Malformed or cut
// short text gives -1, never an exception: the caller then falls back to JSON.parse, which
// reports it.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/**
 * At an opening quote: the index just past the closing one (-1: unterminated). The next quote
 * is found with indexOf (native speed over a long string); it closes the string unless an odd
 * number of backslashes escapes it.
 */
export function skipString(text: string, i: number): number {
  for (;;) {
    const quote = text.indexOf('"', i + 1);
    if (quote === -1) return -1;
    let b = quote - 1;
    while (text.charCodeAt(b) === BACKSLASH) b--;
    if ((quote - 1 - b) % 2 === 0) return quote + 1;
    i = quote;
  }
}

/** At the start of a value: the index just past it (-1: malformed or cut short). */
export function skipValue(text: string, i: number): number {
  const first = text.charCodeAt(i);
  if (first === QUOTE) return skipString(text, i);
  if (first !== 0x7b && first !== 0x5b) {
    // A number, true, false or null: up to the next delimiter.
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      if (i === -1) return -1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    i++;
  }
  return -1;
}

/** The decoded text of the string from its opening quote `start` to just past its closing one `end`. */
export function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? JSON.parse(text.slice(start, end)) as string : raw;
}

/**
 * Whether the string from `start` to `end` (quotes included) is `key`. Escapes only make a string
 * longer than its text, so one of the same length is compared as it stands, and only a longer
 * one that holds a backslash is decoded.
 */
function isKey(text: string, start: number, end: number, key: string): boolean {
  const length = end - start - 2;
  if (length === key.length) return text.startsWith(key, start + 1);
  if (length < key.length) return false;
  for (let i = start + 1; i < end - 1; i++) {
    if (text.charCodeAt(i) === BACKSLASH) return decodeString(text, start, end) === key;
  }
  return false;
}

/** Where a member was found: its key's opening quote and its value's start. */
export interface MemberAt {
  readonly key: number;
  readonly value: number;
}

/**
 * Member `key` of the object starting at `i` (undefined: no such member, or not an object, or
 * malformed). Where a key appears twice, the first one counts (the API server writes each once).
 */
export function findMember(text: string, i: number, key: string): MemberAt | undefined {
  if (text.charCodeAt(i) !== 0x7b) return undefined;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return undefined;
  while (text.charCodeAt(i) === QUOTE) {
    const start = i;
    const end = skipString(text, i);
    if (end === -1) return undefined;
    const found = isKey(text, i, end, key);
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x3a) return undefined;
    i = skipSpace(text, i + 1);
    if (found) return { key: start, value: i };
    i = skipValue(text, i);
    if (i === -1) return undefined;
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 0x2c) return undefined;
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

/** Where the value of member `key` of the object starting at `i` starts (-1: no such member). */
export function memberValue(text: string, i: number, key: string): number {
  return findMember(text, i, key)?.value ?? -1;
}
