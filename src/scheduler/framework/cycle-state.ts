// Per-cycle scratch space (upstream's CycleState): PreFilter and PreScore results keyed by plugin,
// plus the snapshot the cycle reads. Each cycle gets its own; preemption clones it.

import type { Snapshot } from './snapshot.ts';
import type { FilterPlugin } from './types.ts';

export class CycleState {
  readonly snapshot: Snapshot;
  readonly #data = new Map<string, unknown>();
  /** Plugins whose PreFilter/PreScore answered Skip: their Filter/Score is not run. */
  readonly skipFilter = new Set<string>();
  readonly skipScore = new Set<string>();
  /** The Filter plugins to run this cycle (those PreFilter did not skip); set by the framework. */
  activeFilters: readonly FilterPlugin[] | undefined;

  constructor(snapshot: Snapshot) {
    this.snapshot = snapshot;
  }

  read<T>(key: string): T | undefined {
    return this.#data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.#data.set(key, value);
  }
}
