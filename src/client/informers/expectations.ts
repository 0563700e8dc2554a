// What a controller is waiting to see of its own writes (kube-controller-manager's
// ControllerExpectations). Before creating 3 pods for a ReplicaSet, the controller records
// "expect 3 adds" under the ReplicaSet's key; its pod informer's handlers lower the count as
// the pods appear. Until the count reaches zero the controller does not act on that key again,
// since its cache does not show its own writes yet and it would create them twice. Expectations
// older than 5 minutes count as met, so a lost watch event cannot wedge a controller.

import { realClock, type Clock } from '../../api/clock.ts';

/** Upstream's ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

export interface Expectations {
  readonly add: number;
  readonly del: number;
  /** When they were set (ms since the epoch). */
  readonly timestamp: number;
}

export class ControllerExpectations {
  protected readonly clock: Clock;
  readonly #timeoutMs: number;
  readonly #byKey = new Map<string, { add: number; del: number; timestamp: number }>();

  constructor(clock: Clock = realClock, timeoutMs = EXPECTATIONS_TIMEOUT_MS) {
    this.clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  getExpectations(key: string): Expectations | undefined {
    const e = this.#byKey.get(key);
    return e === undefined ? undefined : { ...e };
  }

  /**
   * True when the controller may sync `key`: no expectations are recorded, they are met (both
   * counts at or below zero), or they have expired.
   */
  satisfiedExpectations(key: string): boolean {
    const e = this.#byKey.get(key);
    if (e === undefined) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > this.#timeoutMs;
  }

  /** Replaces the expectations of `key` with these counts, timestamped now. */
  setExpectations(key: string, add: number, del: number): void {
    this.#byKey.set(key, { add, del, timestamp: this.clock.now() });
  }

  expectCreations(key: string, adds: number): void {
    this.setExpectations(key, adds, 0);
  }

  expectDeletions(key: string, dels: number): void {
    this.setExpectations(key, 0, dels);
  }

  /** Adds to existing expectations (none are created); the timestamp is kept. */
  raiseExpectations(key: string, add: number, del: number): void {
    const e = this.#byKey.get(key);
    if (e === undefined) return;
    e.add += add;
    e.del += del;
  }

  /** Subtracts from existing expectations, e.g. when a create failed and will not be observed. */
  lowerExpectations(key: string, add: number, del: number): void {
    this.raiseExpectations(key, -add, -del);
  }

  /** An informer saw one of the expected creations. */
  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  /** An informer saw one of the expected deletions. */
  deletionObserved(key: string): void {
    this.lowerExpectations(key, 0, 1);
  }

  /** Forgets `key` (its controller object was deleted). */
  deleteExpectations(key: string): void {
    this.#byKey.delete(key);
  }
}

/**
 * Expectations that know which deletions they wait for (UIDTrackingControllerExpectations): a
 * pod deleted by someone else, or reported twice (once by the watch and once by a relist's
 * tombstone), does not count.
 */
export class UIDTrackingControllerExpectations extends ControllerExpectations {
  readonly #uids = new Map<string, Set<string>>();

  /** Expects the deletion of exactly these objects (their keys or UIDs) under `key`. */
  expectDeletionsOf(key: string, deleted: readonly string[]): void {
    this.#uids.set(key, new Set(deleted));
    this.expectDeletions(key, deleted.length);
  }

  /** An informer saw `deleted` go; counted once, and only if it was expected. */
  deletionObservedOf(key: string, deleted: string): void {
    const expected = this.#uids.get(key);
    if (expected === undefined || !expected.delete(deleted)) return;
    this.deletionObserved(key);
  }

  getUIDs(key: string): ReadonlySet<string> | undefined {
    return this.#uids.get(key);
  }

  override deleteExpectations(key: string): void {
    this.#uids.delete(key);
    super.deleteExpectations(key);
  }
}
