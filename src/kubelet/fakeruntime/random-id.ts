// Sandbox and container IDs as containerd makes them: 64 hex digits from 32 random bytes.
// Random bytes are drawn from the system a few kilobytes at a time: one randomBytes call per ID
// (a call into OpenSSL each) was a visible cost of starting thousands of simulated pods.

import { randomFillSync } from 'node:crypto';

const ID_BYTES = 32;
const IDS_PER_FILL = 128;

export class RandomIds {
  readonly #pool = Buffer.allocUnsafe(ID_BYTES * IDS_PER_FILL);
  #next = IDS_PER_FILL;

  /** A new ID; never the same twice in practice (256 random bits). */
  next(): string {
    if (this.#next === IDS_PER_FILL) {
      randomFillSync(this.#pool);
      this.#next = 0;
    }
    const start = this.#next++ * ID_BYTES;
    return this.#pool.toString('hex', start, start + ID_BYTES);
  }
}
