// resource.Quantity on the wire is its canonical string (what Go's Quantity.String prints),
// and reading one parses it. The few distinct quantities of a cluster ("500m", "128Mi") recur
// in every object, so each is parsed once.

import { parseQuantity } from '../quantity.ts';
import { ProtobufError } from './wire.ts';

const canonical = new Map<string, string>();
const LIMIT = 4096;

/** The canonical form of a quantity; throws ProtobufError with upstream's message if it is not one. */
export function canonicalQuantity(text: string): string {
  let c = canonical.get(text);
  if (c === undefined) {
    const q = parseQuantity(text);
    if (!q.ok) throw new ProtobufError(`quantity ${JSON.stringify(text)}: ${q.error}`);
    c = q.value.toString();
    if (canonical.size >= LIMIT) canonical.clear();
    canonical.set(text, c);
  }
  return c;
}
