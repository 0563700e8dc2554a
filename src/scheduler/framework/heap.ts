// A binary heap with lookup by key (upstream's internal/heap): O(log n) push, pop, delete and
// re-position, O(1) membership. Items the order calls equal come out first in, first out (an
// insertion counter breaks ties), as a sorted list would have them.

interface Entry<T> {
  item: T;
  readonly key: string;
  readonly seq: number;
}

export class KeyedHeap<T> {
  readonly #key: (item: T) => string;
  readonly #less: (a: T, b: T) => boolean;
  readonly #entries: Entry<T>[] = [];
  readonly #index = new Map<string, number>();
  #seq = 0;

  constructor(key: (item: T) => string, less: (a: T, b: T) => boolean) {
    this.#key = key;
    this.#less = less;
  }

  get size(): number {
    return this.#entries.length;
  }

  has(key: string): boolean {
    return this.#index.has(key);
  }

  get(key: string): T | undefined {
    const i = this.#index.get(key);
    return i === undefined ? undefined : this.#entries[i]?.item;
  }

  /** Adds the item, or replaces the one with the same key and moves it to its new place. */
  push(item: T): void {
    const key = this.#key(item);
    const i = this.#index.get(key);
    if (i !== undefined) {
      (this.#entries[i] as Entry<T>).item = item;
      this.#fix(i);
      return;
    }
    this.#entries.push({ item, key, seq: this.#seq++ });
    this.#index.set(key, this.#entries.length - 1);
    this.#up(this.#entries.length - 1);
  }

  pop(): T | undefined {
    const top = this.#entries[0];
    if (top === undefined) return undefined;
    this.#removeAt(0);
    return top.item;
  }

  delete(key: string): T | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    const item = (this.#entries[i] as Entry<T>).item;
    this.#removeAt(i);
    return item;
  }

  /** Every item, in no particular order. */
  items(): T[] {
    return this.#entries.map((e) => e.item);
  }

  #removeAt(i: number): void {
    this.#index.delete((this.#entries[i] as Entry<T>).key);
    const last = this.#entries.pop() as Entry<T>;
    if (i < this.#entries.length) {
      this.#entries[i] = last;
      this.#index.set(last.key, i);
      this.#fix(i);
    }
  }

  #before(a: Entry<T>, b: Entry<T>): boolean {
    if (this.#less(a.item, b.item)) return true;
    if (this.#less(b.item, a.item)) return false;
    return a.seq < b.seq;
  }

  #fix(i: number): void {
    if (!this.#up(i)) this.#down(i);
  }

  #swap(i: number, j: number): void {
    const a = this.#entries[i] as Entry<T>;
    const b = this.#entries[j] as Entry<T>;
    this.#entries[i] = b;
    this.#entries[j] = a;
    this.#index.set(b.key, i);
    this.#index.set(a.key, j);
  }

  /** True if the entry moved. */
  #up(start: number): boolean {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(this.#entries[i] as Entry<T>, this.#entries[parent] as Entry<T>)) break;
      this.#swap(i, parent);
      i = parent;
    }
    return i !== start;
  }

  #down(start: number): void {
    let i = start;
    const n = this.#entries.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const child = r < n && this.#before(this.#entries[r] as Entry<T>, this.#entries[l] as Entry<T>) ? r : l;
      if (!this.#before(this.#entries[child] as Entry<T>, this.#entries[i] as Entry<T>)) return;
      this.#swap(i, child);
      i = child;
    }
  }
}
