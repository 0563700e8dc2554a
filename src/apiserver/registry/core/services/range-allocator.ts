// A numbered range of slots (cluster IPs, node ports) handed out to owners, the in-memory
// half of upstream's bitmap allocators (pkg/registry/core/service/allocator). Not persistent by
// itself: the Services in the store are the record, and repair() re-syncs from them, as
// upstream's repair controllers do.

/** Who holds a slot: "namespace/name" of a Service. */
export type Owner = string;

export interface RangeOptions {
  /**
   * Slots [0, staticBand) are kept for explicit requests; dynamic allocation uses them only
   * once the rest is full (upstream's static sub-range, KEP-3070 and KEP-3668).
   */
  readonly staticBand?: number;
  /** Slots dynamic allocation never hands out (the kubernetes Service's address). */
  readonly reserved?: readonly number[];
  /** A number in [0, 1) where to start scanning; Math.random unless a test fixes it. */
  readonly random?: () => number;
}

export type ClaimOutcome = 'allocated' | 'adopted' | 'taken';

export interface RepairReport<K> {
  /** Held by an object but not recorded here: now recorded. */
  readonly repaired: K[];
  /** Recorded here but held by no object since before the previous repair: released. */
  readonly released: K[];
  /** Held by two objects at once; the first keeps it. */
  readonly conflicts: Array<{ readonly slot: K; readonly owner: Owner; readonly holder: Owner }>;
}

interface Entry {
  owner: Owner;
  /** The repair round in which the slot was taken, to spare allocations still in flight. */
  epoch: number;
}

export class RangeAllocator {
  readonly size: number;
  readonly staticBand: number;
  readonly #reserved: ReadonlySet<number>;
  readonly #random: () => number;
  readonly #used = new Map<number, Entry>();
  #epoch = 0;

  constructor(size: number, options: RangeOptions = {}) {
    this.size = Math.max(0, size);
    this.staticBand = Math.min(options.staticBand ?? 0, this.size);
    this.#reserved = new Set(options.reserved ?? []);
    this.#random = options.random ?? Math.random;
  }

  get used(): number {
    return this.#used.size;
  }

  has(slot: number): boolean {
    return this.#used.has(slot);
  }

  ownerOf(slot: number): Owner | undefined {
    return this.#used.get(slot)?.owner;
  }

  /** The slots in use, ascending, with their owners. */
  entries(): Array<[number, Owner]> {
    return [...this.#used].sort(([a], [b]) => a - b).map(([slot, e]) => [slot, e.owner]);
  }

  /**
   * Takes a given slot. A slot its owner already holds is "adopted" (a Service re-created
   * under the same name, or an update keeping its port), not an error.
   */
  claim(slot: number, owner: Owner): ClaimOutcome {
    const held = this.#used.get(slot);
    if (held !== undefined) return held.owner === owner ? 'adopted' : 'taken';
    this.#used.set(slot, { owner, epoch: this.#epoch });
    return 'allocated';
  }

  /** Takes a free slot: a random start in the dynamic band, scanning up; then the static band. */
  next(owner: Owner): number | undefined {
    const slot = this.#scan(this.staticBand, this.size) ?? this.#scan(0, this.staticBand);
    if (slot !== undefined) this.#used.set(slot, { owner, epoch: this.#epoch });
    return slot;
  }

  #scan(from: number, to: number): number | undefined {
    const span = to - from;
    if (span <= 0) return undefined;
    const start = Math.min(span - 1, Math.floor(this.#random() * span));
    for (let i = 0; i < span; i++) {
      const slot = from + ((start + i) % span);
      if (!this.#used.has(slot) && !this.#reserved.has(slot)) return slot;
    }
    return undefined;
  }

  /** Frees a slot; only its owner's release counts when an owner is given. */
  release(slot: number, owner?: Owner): boolean {
    const held = this.#used.get(slot);
    if (held === undefined || (owner !== undefined && held.owner !== owner)) return false;
    return this.#used.delete(slot);
  }

  /**
   * Re-syncs with the slots objects actually hold (in list order). Slots held by no object are
   * released only if they were taken before the previous repair, so a create that allocated
   * but has not been stored yet keeps its slot. Call with a list read after the previous
   * repair returned.
   */
  repair(claims: Iterable<readonly [number, Owner]>): RepairReport<number> {
    const report: RepairReport<number> = { repaired: [], released: [], conflicts: [] };
    const held = new Set<number>();
    for (const [slot, owner] of claims) {
      if (slot < 0 || slot >= this.size) continue;
      const entry = this.#used.get(slot);
      if (held.has(slot) && entry !== undefined && entry.owner !== owner) {
        report.conflicts.push({ slot, owner, holder: entry.owner });
        continue;
      }
      held.add(slot);
      if (entry === undefined) {
        this.#used.set(slot, { owner, epoch: this.#epoch });
        report.repaired.push(slot);
      } else {
        entry.owner = owner;
      }
    }
    for (const [slot, entry] of this.#used) {
      if (!held.has(slot) && entry.epoch < this.#epoch) {
        this.#used.delete(slot);
        report.released.push(slot);
      }
    }
    this.#epoch++;
    return report;
  }
}
