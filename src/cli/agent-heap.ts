// The agent process's V8 young generation. By default V8 lets each of the two semi-spaces grow
// from 1 MiB to 16 MiB when much survives a scavenge, which a batch of pod starts does; the
// grown semi-spaces stay resident and were most of the agent's RSS growth with 30 pods
// (docs/performance.md, Kubelet). `--max-semi-space-size` can only be given when the process
// starts, and a launcher that re-executes Node would add a second Node process (tens of MB) and
// a parent PID between the user and the agent. V8 reads `--semi-space-growth-factor` each time
// it grows the new space, so setting it to 1 while the process runs keeps the semi-spaces at
// the size they have then (1 MiB when called early): same process, same PID, no re-exec.
// The cost is more frequent scavenges (bench/kubelet reports the agent's CPU time per batch).

import { setFlagsFromString } from 'node:v8';

/** V8 flags, with `-` or `_` as V8 accepts them, by which a user chose the young generation's size. */
const YOUNG_GENERATION_FLAG = /^--(max[-_]semi[-_]space[-_]size|semi[-_]space[-_]growth[-_]factor)(=|$)/;

/** Whether the process was started with a young-generation flag (in its arguments or NODE_OPTIONS). */
export function youngGenerationChosen(execArgv: readonly string[], nodeOptions: string): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => YOUNG_GENERATION_FLAG.test(arg));
}

/**
 * Stops the young generation from growing past its current size, unless the user chose its size
 * when starting the process (that choice wins). Call before the heap grows (before importing the
 * kubelet). Returns whether it set the flag.
 */
export function keepYoungGenerationSmall(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  if (youngGenerationChosen(execArgv, nodeOptions)) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
