// Go's sort.Sort (pattern-defeating quicksort, Go 1.19+) and sort.SliceStable (insertion-sorted
// blocks merged by SymMerge), for the lists upstream sorts with them. Upstream's "less"
// functions are not strict orders — `a <= b` for sort.Sort, "true when either item is missing
// from the order" for SliceStable — so the order they leave depends on the algorithm itself:
// which duplicate the diff pairs with which, and where unordered items of a merged list go.

/** Sorts `items` in place as Go's sort.Sort does with the given less; returns `items`. */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const n = items.length;
  if (n > 1) new GoSorter(items, less).pdqsort(0, n, bitLength(n));
  return items;
}

/** Go's bits.Len: the number of bits needed to write n. */
function bitLength(n: number): number {
  return n.toString(2).length;
}

/** Sorts `items` in place as Go's sort.SliceStable does with the given less; returns `items`. */
export function goSortStable<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const sorter = new GoSorter(items, less);
  const n = items.length;
  let block = 20;
  let a = 0;
  for (let b = block; b <= n; a = b, b += block) sorter.insertionSort(a, b);
  sorter.insertionSort(a, n);
  for (; block < n; block *= 2) {
    a = 0;
    for (let b = 2 * block; b <= n; a = b, b += 2 * block) sorter.symMerge(a, a + block, b);
    if (a + block < n) sorter.symMerge(a, a + block, n);
  }
  return items;
}

type Hint = 'unknown' | 'increasing' | 'decreasing';

class GoSorter<T> {
  readonly #d: T[];
  readonly #less: (a: T, b: T) => boolean;

  constructor(items: T[], less: (a: T, b: T) => boolean) {
    this.#d = items;
    this.#less = less;
  }

  less(i: number, j: number): boolean {
    return this.#less(this.#d[i] as T, this.#d[j] as T);
  }

  swap(i: number, j: number): void {
    const t = this.#d[i] as T;
    this.#d[i] = this.#d[j] as T;
    this.#d[j] = t;
  }

  insertionSort(a: number, b: number): void {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && this.less(j, j - 1); j--) this.swap(j, j - 1);
  }

  siftDown(lo: number, hi: number, first: number): void {
    let root = lo;
    for (;;) {
      let child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && this.less(first + child, first + child + 1)) child++;
      if (!this.less(first + root, first + child)) return;
      this.swap(first + root, first + child);
      root = child;
    }
  }

  heapSort(a: number, b: number): void {
    const hi = b - a;
    for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) this.siftDown(i, hi, a);
    for (let i = hi - 1; i >= 0; i--) {
      this.swap(a, a + i);
      this.siftDown(0, i, a);
    }
  }

  pdqsort(a: number, b: number, limit: number): void {
    let wasBalanced = true;
    let wasPartitioned = true;
    for (;;) {
      const length = b - a;
      if (length <= 12) return this.insertionSort(a, b);
      if (limit === 0) return this.heapSort(a, b);
      if (!wasBalanced) {
        this.breakPatterns(a, b);
        limit--;
      }
      let [pivot, hint] = this.choosePivot(a, b);
      if (hint === 'decreasing') {
        this.reverse(a, b);
        pivot = b - 1 - (pivot - a);
        hint = 'increasing';
      }
      if (wasBalanced && wasPartitioned && hint === 'increasing' && this.partialInsertionSort(a, b)) return;
      if (a > 0 && !this.less(a - 1, pivot)) {
        a = this.partitionEqual(a, b, pivot);
        continue;
      }
      const [mid, already] = this.partition(a, b, pivot);
      wasPartitioned = already;
      const left = mid - a;
      const right = b - mid;
      const threshold = Math.floor(length / 8);
      if (left < right) {
        wasBalanced = left >= threshold;
        this.pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        wasBalanced = right >= threshold;
        this.pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  partition(a: number, b: number, pivot: number): [number, boolean] {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    while (i <= j && this.less(i, a)) i++;
    while (i <= j && !this.less(j, a)) j--;
    if (i > j) {
      this.swap(j, a);
      return [j, true];
    }
    this.swap(i++, j--);
    for (;;) {
      while (i <= j && this.less(i, a)) i++;
      while (i <= j && !this.less(j, a)) j--;
      if (i > j) break;
      this.swap(i++, j--);
    }
    this.swap(j, a);
    return [j, false];
  }

  partitionEqual(a: number, b: number, pivot: number): number {
    this.swap(a, pivot);
    let i = a + 1;
    let j = b - 1;
    for (;;) {
      while (i <= j && !this.less(a, i)) i++;
      while (i <= j && this.less(a, j)) j--;
      if (i > j) return i;
      this.swap(i++, j--);
    }
  }

  partialInsertionSort(a: number, b: number): boolean {
    let i = a + 1;
    for (let step = 0; step < 5; step++) {
      while (i < b && !this.less(i, i - 1)) i++;
      if (i === b) return true;
      if (b - a < 50) return false;
      this.swap(i, i - 1);
      if (i - a >= 2) for (let j = i - 1; j >= 1 && this.less(j, j - 1); j--) this.swap(j, j - 1);
      if (b - i >= 2) for (let j = i + 1; j < b && this.less(j, j - 1); j++) this.swap(j, j - 1);
    }
    return false;
  }

  breakPatterns(a: number, b: number): void {
    const length = b - a;
    if (length < 8) return;
    // Go's xorshift on a uint64 seeded with the length.
    const mask64 = (1n << 64n) - 1n;
    let random = BigInt(length);
    const modulus = 1n << BigInt(bitLength(length));
    const centre = a + Math.floor(length / 4) * 2;
    for (let idx = centre - 1; idx <= centre + 1; idx++) {
      random ^= (random << 13n) & mask64;
      random ^= random >> 7n;
      random ^= (random << 17n) & mask64;
      let other = Number(random & (modulus - 1n));
      if (other >= length) other -= length;
      this.swap(idx, a + other);
    }
  }

  choosePivot(a: number, b: number): [number, Hint] {
    const l = b - a;
    const swaps = { n: 0 };
    const quarter = Math.floor(l / 4);
    let i = a + quarter;
    let j = a + quarter * 2;
    let k = a + quarter * 3;
    if (l >= 8) {
      if (l >= 50) {
        i = this.median(i - 1, i, i + 1, swaps);
        j = this.median(j - 1, j, j + 1, swaps);
        k = this.median(k - 1, k, k + 1, swaps);
      }
      j = this.median(i, j, k, swaps);
    }
    return [j, swaps.n === 0 ? 'increasing' : swaps.n === 12 ? 'decreasing' : 'unknown'];
  }

  /** The index of the median of three, counting the swaps a sorting network would make. */
  median(a: number, b: number, c: number, swaps: { n: number }): number {
    const order = (x: number, y: number): [number, number] => {
      if (this.less(y, x)) {
        swaps.n++;
        return [y, x];
      }
      return [x, y];
    };
    [a, b] = order(a, b);
    [b, c] = order(b, c);
    [a, b] = order(a, b);
    return b;
  }

  /** Merges the sorted runs [a, m) and [m, b) in place (SymMerge, Kim and Kutzner 2004). */
  symMerge(a: number, m: number, b: number): void {
    if (m - a === 1) {
      // Insert data[a] into [m, b) by binary search.
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (this.less(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) this.swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      // Insert data[m] into [a, m) by binary search.
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!this.less(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) this.swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n = mid + m;
    let start = m > mid ? n - b : a;
    let r = m > mid ? mid : m;
    const p = n - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!this.less(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n - start;
    if (start < m && m < end) this.rotate(start, m, end);
    if (a < start && start < mid) this.symMerge(a, start, mid);
    if (mid < end && end < b) this.symMerge(mid, end, b);
  }

  /** Swaps the blocks [a, m) and [m, b) by block swaps. */
  rotate(a: number, m: number, b: number): void {
    let i = m - a;
    let j = b - m;
    const swapRange = (x: number, y: number, count: number): void => {
      for (let k = 0; k < count; k++) this.swap(x + k, y + k);
    };
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  }

  reverse(a: number, b: number): void {
    for (let i = a, j = b - 1; i < j; i++, j--) this.swap(i, j);
  }
}
