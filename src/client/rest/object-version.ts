// metadata.resourceVersion read straight from an object's JSON text, for callers that write an
// object and keep only the version the write produced (the kubelet's pod status patch): the
// whole answer, a pod of several kB with its managedFields, need not be decoded for one string.
// The scan reads the top-level members in order, skipping every value but `metadata` (strings
// by their closing quote, objects and arrays by their depth), and stops at resourceVersion,
// which the API server writes near the start; the rest of the text is never looked at.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** At an opening quote: the index just past the closing one (-1: unterminated). */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return -1;
}

/** At the start of a value: the index just past it (-1: malformed or cut short). */
function skipValue(text: string, i: number): number {
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
function decodeString(text: string, start: number, end: number): string {
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

/** Where the value of member `key` of the object starting at `i` starts (-1: no such member, or not an object). */
function memberValue(text: string, i: number, key: string): number {
  if (text.charCodeAt(i) !== 0x7b) return -1;
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return -1;
  while (text.charCodeAt(i) === QUOTE) {
    const end = skipString(text, i);
    if (end === -1) return -1;
    const found = isKey(text, i, end, key);
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x3a) return -1;
    i = skipSpace(text, i + 1);
    if (found) return i;
    i = skipValue(text, i);
    if (i === -1) return -1;
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 0x2c) return -1;
    i = skipSpace(text, i + 1);
  }
  return -1;
}

/**
 * metadata.resourceVersion of the JSON object `text`; undefined when it has none (or the text is
 * not an object). Where a key appears twice, the first one counts (the API server writes each once).
 */
export function resourceVersionOf(text: string): string | undefined {
  const metadata = memberValue(text, skipSpace(text, 0), 'metadata');
  if (metadata === -1) return undefined;
  const version = memberValue(text, metadata, 'resourceVersion');
  if (version === -1 || text.charCodeAt(version) !== QUOTE) return undefined;
  const end = skipString(text, version);
  return end === -1 ? undefined : decodeString(text, version, end);
}
