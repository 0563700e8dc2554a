// The young generation of the threads `k8ts server` hosts. V8 lets each of the two semi-spaces
// grow from 1 MiB to 16 MiB by default; the API server under load (thousands of writes a second,
// each allocating tens of KB that die young) then scavenges several times a second and copies
// what is still in flight each time. Up to 64 MiB semi-spaces took about 5 % more pods created
// per second in the controllers benchmark (docs/performance.md, Controllers). Only the maximum is
// raised: a semi-space still starts at 1 MiB and grows only when scavenges keep much alive, so
// an idle server stays as small as before. V8 reads the size when it configures an isolate's
// heap: a flag set while the process runs reaches the threads started after it, not the main
// thread (where the node agent runs, whose young generation agent-heap.ts keeps small).

import { setFlagsFromString } from 'node:v8';
import { youngGenerationChosen } from '../agent-heap.ts';

/** The largest semi-space of a hosted thread, in MiB. */
export const HOSTED_MAX_SEMI_SPACE_MB = 64;

/**
 * Lets the young generation of threads started from now on grow to HOSTED_MAX_SEMI_SPACE_MB,
 * unless the user chose its size when starting the process (that choice wins, for every thread).
 * Returns whether it set the flag.
 */
export function roomyYoungGenerationForThreads(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  if (youngGenerationChosen(execArgv, nodeOptions)) return false;
  setFlagsFromString(`--max-semi-space-size=${HOSTED_MAX_SEMI_SPACE_MB}`);
  return true;
}
