// Upstream compares objects with equality.Semantic.DeepEqual, which, unlike reflect.DeepEqual,
// holds an empty list or map equal to a missing one. JSON cannot tell an empty map from an
// empty struct, so an empty object counts as missing too: `rollingUpdate: {}` equals no
// rollingUpdate here, where Go would tell a nil pointer from a pointer to an empty struct.

function isVacant(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.values(value).every((v) => v === undefined);
}

export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isVacant(a) && isVacant(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => semanticEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys) if (!semanticEqual(ao[key], bo[key])) return false;
  return true;
}
