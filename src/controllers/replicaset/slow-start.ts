// Upstream's slowStartBatch: call `fn` `count` times in batches of 1, 2, 4, … run in
// parallel, stopping after the first batch with a failure, so a ReplicaSet that cannot
// create pods (quota, admission) sends one doomed request instead of hundreds.

export interface SlowStartResult {
  /** Calls that succeeded. */
  readonly successes: number;
  /** The first failure, if any; calls after its batch were never made. */
  readonly error: unknown;
  readonly failed: boolean;
}

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  let batch = Math.min(remaining, initialBatchSize);
  while (batch > 0) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    let firstError: PromiseRejectedResult | undefined;
    for (const r of results) {
      if (r.status === 'fulfilled') successes++;
      else firstError ??= r;
    }
    if (firstError !== undefined) return { successes, error: firstError.reason, failed: true };
    remaining -= batch;
    batch = Math.min(2 * batch, remaining);
  }
  return { successes, error: undefined, failed: false };
}

/** Upstream's SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
