// A watch event's text with object.metadata.managedFields cut out, for clients that drop
// managedFields from what they cache (upstream's informers with a transform that trims them):
// JSON.parse then never builds the field-set trees, often half of a pod's objects, only to have
// them dropped. The cut is made where the scan (json-scan.ts) finds the member, with its comma;
// any surprise in the text (no such member, malformed JSON) leaves the text as it is, and
// JSON.parse decides.

import { findMember, skipSpace, skipValue } from './json-scan.ts';

/** `line` (one watch event) without object.metadata.managedFields; the same text when it has none. */
export function withoutManagedFields(line: string): string {
  const object = findMember(line, skipSpace(line, 0), 'object');
  if (object === undefined) return line;
  const metadata = findMember(line, object.value, 'metadata');
  if (metadata === undefined) return line;
  const fields = findMember(line, metadata.value, 'managedFields');
  if (fields === undefined) return line;
  const end = skipValue(line, fields.value);
  if (end === -1) return line;
  const next = skipSpace(line, end);
  // Followed by another member: cut up to it. The last member: cut from the comma before it.
  if (line.charCodeAt(next) === 0x2c) return line.slice(0, fields.key) + line.slice(skipSpace(line, next + 1));
  let before = fields.key - 1;
  while (before > metadata.value && line.charCodeAt(before) !== 0x2c) before--;
  return before > metadata.value ? line.slice(0, before) + line.slice(end) : line.slice(0, fields.key) + line.slice(end);
}
