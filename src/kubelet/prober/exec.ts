// The exec handler: the command runs in the container through the CRI's ExecSync with the
// probe's timeout; exit code 0 is success, any other code a failure whose output (stdout then
// stderr, at most 10 KiB) goes into the event, as upstream's exec prober reports it.

import type { Clock } from '../../api/clock.ts';
import { goQuote } from '../../api/go-format.ts';
import { CriError } from '../cri/errors.ts';
import type { RuntimeService } from '../cri/runtime.ts';
import { Deadline } from './deadline.ts';
import { errored, failure, MAX_OUTPUT_BYTES, success, type ProbeOutcome } from './outcome.ts';

/**
 * The runtime kills a command at timeoutSeconds and answers; this much longer we wait for that
 * answer before calling the command timed out ourselves, so a runtime that never answers
 * cannot hold a worker. (The CRI client's own deadline releases the call later.)
 */
export const EXEC_GRACE_MS = 10_000;

export interface ExecProbe {
  readonly runtime: RuntimeService;
  readonly clock: Clock;
  readonly containerId: string;
  readonly command: readonly string[];
  readonly timeoutSeconds: number;
  /** Aborted when the worker stops: the outcome is then discarded. */
  readonly signal: AbortSignal;
}

export async function execProbe(p: ExecProbe): Promise<ProbeOutcome> {
  if (p.command.length === 0) return errored('exec probe has no command');
  const timedOut = failure(`command ${goQuote(p.command.join(' '))} timed out`);
  const deadline = new Deadline(p.clock, p.timeoutSeconds * 1000 + EXEC_GRACE_MS, p.signal);
  try {
    const gaveUp = new Promise<'gave up'>((resolve) => {
      if (deadline.signal.aborted) resolve('gave up');
      else deadline.signal.addEventListener('abort', () => resolve('gave up'), { once: true });
    });
    const answer = await Promise.race([p.runtime.execSync(p.containerId, p.command, p.timeoutSeconds), gaveUp]);
    if (answer === 'gave up') return deadline.expired ? timedOut : errored('probe cancelled');
    const output = Buffer.concat([answer.stdout, answer.stderr]).subarray(0, MAX_OUTPUT_BYTES).toString('utf8');
    return answer.exitCode === 0 ? success(output) : failure(output);
  } catch (err) {
    // The runtime reports a command that outran its timeout as DEADLINE_EXCEEDED (upstream
    // turns that into a timeout failure); anything else means the probe could not run.
    if (err instanceof CriError && err.code === 'DEADLINE_EXCEEDED') return timedOut;
    return errored(err instanceof Error ? err.message : String(err));
  } finally {
    deadline.dispose();
  }
}
