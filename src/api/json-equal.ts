// Structural equality of JSON values (object key order does not matter), as Go's
// reflect.DeepEqual compares decoded API objects.

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  // A key whose value is undefined is no key at all (JSON drops it); counted, not filtered, as
  // this runs on every update of every object.
  // for-in walks own keys here (JSON objects inherit none) without allocating a key array.
  let defined = 0;
  for (const key in ao) {
    const value = ao[key];
    if (value === undefined) continue;
    defined++;
    if (!Object.hasOwn(bo, key) || !jsonEqual(value, bo[key])) return false;
  }
  for (const key in bo) if (bo[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * A deep copy of a JSON value: the same as `JSON.parse(JSON.stringify(value))` (undefined
 * members dropped, undefined array items and non-finite numbers made null, `toJSON` honoured),
 * walked directly — several times faster, and every write clones objects.
 */
export function jsonClone<T>(value: T): T {
  return value === undefined ? value : (cloneValue(value) as T);
}

function cloneValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value + 0 : null; // + 0: -0 becomes 0, as JSON writes it
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      return undefined; // functions and symbols: dropped, as JSON drops them
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneValue(value[i]) ?? null;
    return copy;
  }
  const source = value as Record<string, unknown>;
  // Decoded JSON is plain objects (no toJSON, no inherited enumerable keys): for-in then walks
  // exactly the own keys. Anything else goes the long way, as JSON.stringify would.
  if (Object.getPrototypeOf(source) !== Object.prototype || Object.hasOwn(source, 'toJSON')) return cloneOther(source);
  const copy: Record<string, unknown> = {};
  for (const key in source) {
    const item = cloneValue(source[key]);
    if (item === undefined) continue;
    // "__proto__" is an ordinary key in JSON (a ConfigMap may have it); assigning it would set the prototype.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}

/** An object that is not a plain one: its toJSON honoured, own keys only. */
function cloneOther(source: Record<string, unknown>): unknown {
  if (typeof source['toJSON'] === 'function') return JSON.parse(JSON.stringify(source)) as unknown;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const item = cloneValue(source[key]);
    if (item === undefined) continue;
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}
