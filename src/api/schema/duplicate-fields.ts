// Duplicate keys in a JSON text, which JSON.parse silently collapses (the last one wins).
// fieldValidation=Strict refuses them and Warn reports them, as upstream's strict decoder
// does, so this scanner reads the raw text once and names each duplicate by its JSON path
// ("metadata.name", "spec.containers[0].image").

/** The JSON paths of keys that appear twice in the same object; [] for valid JSON without any. */
export function duplicateFields(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  const n = text.length;

  const skipSpace = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      i++;
    }
  };

  const readString = (): string => {
    // At the opening quote; returns the decoded string (escapes only matter for equality).
    const start = ++i;
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 0x22) break;
      i++;
    }
    const raw = text.slice(start, i);
    i++;
    if (!escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  };

  const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

  const value = (path: string, depth: number): void => {
    if (depth > 10_000) throw new RangeError('JSON nested too deeply');
    skipSpace();
    const c = text[i];
    if (c === '{') {
      i++;
      const keys = new Set<string>();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < n) {
        skipSpace();
        if (text[i] !== '"') return;
        const key = readString();
        if (keys.has(key)) found.push(join(path, key));
        keys.add(key);
        skipSpace();
        if (text[i] !== ':') return;
        i++;
        value(join(path, key), depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') i++;
        return;
      }
    } else if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let index = 0; i < n; index++) {
        value(`${path}[${index}]`, depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') i++;
        return;
      }
    } else if (c === '"') {
      readString();
    } else {
      // A number, true, false or null: up to the next delimiter.
      while (i < n && !',]} \n\r\t'.includes(text[i] as string)) i++;
    }
  };

  value('', 0);
  return found;
}
