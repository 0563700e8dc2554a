// metadata.resourceVersion read straight from an object's JSON text, for callers that write an
// object and keep only the version the write produced (the kubelet's pod status patch): the
// whole answer, a pod of several kB with its managedFields, need not be decoded for one string.
// The scan (json-scan.ts) stops at resourceVersion, which the API server writes near the
// start; the rest of the text is never looked at.

import { decodeString, memberValue, skipSpace, skipString } from './json-scan.ts';

const QUOTE = 0x22;

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
