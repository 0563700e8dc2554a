// The change listing upstream appends to "immutable after creation" messages. Upstream prints
// go-cmp's diff of its internal Go structs, which cannot be reproduced from JSON; this lists
// the changed top-level fields in the same spirit, as JSON: "-" the stored value, "+" the new.

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

export function fieldDiff(typeName: string, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string {
  const lines = [`  ${typeName}{`];
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const field of fields) {
    const a = show(before[field]);
    const b = show(after[field]);
    if (a === b) continue;
    lines.push(`- \t${field}: ${a},`, `+ \t${field}: ${b},`);
  }
  lines.push('  }');
  return lines.join('\n');
}
