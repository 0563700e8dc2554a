// Duplicate keys in a JSON text, which JSON.parse silently collapses (the last one wins).
// fieldValidation=Strict refuses them and Warn reports them, as upstream's strict decoder
// does, so this scanner reads the raw text once and names each duplicate by its JSON path
// ("metadata.name", "spec.containers[0].image").
//
// It runs on every JSON body the API server decodes (Warn is the default), so it allocates
// little: strings are skipped with indexOf, the path is a stack of segments turned into text
// only for a duplicate, and an object's keys are compared in a small reused list.

/** Keys per object compared linearly; objects with more get a Set. */
const LINEAR_KEYS = 16;

/** The JSON paths of keys that appear twice in the same object; [] for valid JSON without any. */
export function duplicateFields(text: string): string[] {
  const found: string[] = [];
  const n = text.length;
  let i = 0;
  /** The path to the value being read: keys (strings) and list indexes (numbers). */
  const segments: Array<string | number> = [];

  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      i++;
    }
  };

  /**
   * The first backslash at or after `from` (-1: none left). Remembered between strings, so the
   * text is searched for backslashes once in all, not once per string.
   */
  let backslash = -2;
  const backslashFrom = (from: number): number => {
    if (backslash !== -1 && backslash < from) backslash = text.indexOf('\\', from);
    return backslash;
  };

  /** At the opening quote: moves past the closing one; answers whether the string has escapes. */
  const skipString = (): boolean => {
    const start = i + 1;
    const close = text.indexOf('"', start);
    const escape = backslashFrom(start);
    if (escape === -1 || (close !== -1 && escape > close)) {
      i = close === -1 ? n : close + 1;
      return false;
    }
    // Escapes: walk from the first backslash, each escape taking the character after it.
    i = escape;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    i = Math.min(n, i + 1);
    return true;
  };

  /** At the opening quote of a key: its decoded text (escapes only matter for equality). */
  const readKey = (): string => {
    const start = i + 1;
    const escaped = skipString();
    const raw = text.slice(start, i - 1);
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };

  const pathText = (key: string): string => {
    let out = '';
    for (const s of segments) out = typeof s === 'number' ? `${out}[${s}]` : out === '' ? s : `${out}.${s}`;
    return out === '' ? key : `${out}.${key}`;
  };

  const object = (depth: number): void => {
    i++;
    skipSpace();
    if (text[i] === '}') {
      i++;
      return;
    }
    const keys: string[] = [];
    let many: Set<string> | undefined;
    while (i < n) {
      skipSpace();
      if (text[i] !== '"') return;
      const key = readKey();
      const seen = many !== undefined ? many.has(key) : keys.includes(key);
      if (seen) found.push(pathText(key));
      else if (many !== undefined) many.add(key);
      else if (keys.push(key) > LINEAR_KEYS) many = new Set(keys);
      skipSpace();
      if (text[i] !== ':') return;
      i++;
      segments.push(key);
      value(depth + 1);
      segments.pop();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') i++;
      return;
    }
  };

  const list = (depth: number): void => {
    i++;
    skipSpace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (let index = 0; i < n; index++) {
      segments.push(index);
      value(depth + 1);
      segments.pop();
      skipSpace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') i++;
      return;
    }
  };

  const value = (depth: number): void => {
    if (depth > 10_000) throw new RangeError('JSON nested too deeply');
    skipSpace();
    const c = text.charCodeAt(i);
    if (c === 0x7b) object(depth);
    else if (c === 0x5b) list(depth);
    else if (c === 0x22) skipString();
    else {
      // A number, true, false or null: up to the next delimiter.
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x2c || d === 0x5d || d === 0x7d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        i++;
      }
    }
  };

  value(0);
  return found;
}
