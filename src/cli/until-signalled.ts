// How a long-running command (agent, controller-manager, scheduler, simulate) runs: until SIGINT
// or SIGTERM, whatever its components are waiting for meanwhile.
//
// The components' timers are unref'd and an idle HTTP/2 session is too (so that tests and
// embedders can stop them without leaking handles), which leaves the open requests and watches as
// the only things keeping Node's event loop alive. When every one of them ends at once (the
// connection to the API server broke, each watch backs off before it lists again), the loop would
// drain and Node would exit with code 13 (a top-level await never settled) without a word: a
// simulate process did so at the start of a benchmark's scale-up. A ref'd interval, cleared when
// the command returns, keeps the process alive until it is told to stop.

/** A timer that never fires in practice: only its being there matters. */
const KEEP_ALIVE_MS = 2 ** 30;

/**
 * Runs `run` with a signal that aborts on SIGINT or SIGTERM (`onSignal` hears which first), and
 * keeps the process alive until `run` settles.
 */
export async function runUntilSignalled(run: (signal: AbortSignal) => Promise<void>, onSignal?: (signal: NodeJS.Signals) => void): Promise<void> {
  const stop = new AbortController();
  const handler = (signal: NodeJS.Signals): void => {
    onSignal?.(signal);
    stop.abort();
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  const alive = setInterval(() => undefined, KEEP_ALIVE_MS);
  try {
    await run(stop.signal);
  } finally {
    clearInterval(alive);
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  }
}
