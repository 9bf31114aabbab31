/**
 * The Q-matrix column cache of the SMO solver (libsvm's `Cache`): columns are
 * float32 (libsvm's `Qfloat`), kept in least-recently-used order within a
 * budget of `cacheSize` megabytes, and may be partial (only the first `len`
 * entries, the active set under shrinking). `swapIndex` mirrors the solver's
 * permutation of the active set inside every cached column.
 */

/**
 * An LRU cache of Q-matrix columns.
 * @example
 * const cache = new KernelCache(100, 1);
 * const start = cache.getData(3, 100); // entries [start, 100) of cache.data must be filled
 */
export class KernelCache {
  readonly #l: number;
  /** Budget left, in float32 entries. */
  #size: number;
  readonly #columns: (Float32Array | null)[];
  readonly #len: Int32Array;
  // Circular doubly linked LRU list over column indices; node `l` is the sentinel.
  readonly #prev: Int32Array;
  readonly #next: Int32Array;
  readonly #spare: Float32Array[] = [];
  #pending = new Int32Array(0);
  #nPending = 0;
  /** The column returned by the last {@link getData} call. */
  data: Float32Array = new Float32Array(0);

  /**
   * @param l - number of columns (and the full column length).
   * @param cacheSizeMB - memory budget in MB; at least two full columns are always allowed.
   */
  constructor(l: number, cacheSizeMB: number) {
    this.#l = l;
    // Same accounting as libsvm: bytes to floats, minus the per-column header (32 bytes).
    const floats = Math.floor((cacheSizeMB * (1 << 20)) / 4) - Math.floor((l * 32) / 4);
    this.#size = Math.max(floats, 2 * l);
    this.#columns = new Array(l).fill(null);
    this.#len = new Int32Array(l);
    this.#prev = new Int32Array(l + 1);
    this.#next = new Int32Array(l + 1);
    this.#prev[l] = l;
    this.#next[l] = l;
  }

  #delete(h: number): void {
    this.#next[this.#prev[h]] = this.#next[h];
    this.#prev[this.#next[h]] = this.#prev[h];
  }

  #insert(h: number): void {
    const head = this.#l;
    this.#next[h] = head;
    this.#prev[h] = this.#prev[head];
    this.#next[this.#prev[h]] = h;
    this.#prev[head] = h;
  }

  #evict(h: number): void {
    this.#delete(h);
    // Keep a few freed columns to reuse: allocating a fresh one per miss keeps the GC busy.
    const col = this.#columns[h];
    if (col !== null && this.#spare.length < 4) this.#spare.push(col);
    this.#columns[h] = null;
    this.#size += this.#len[h];
    this.#len[h] = 0;
  }

  /**
   * Makes column `index` hold at least `len` entries and marks it most recently
   * used; the column is left in {@link data}. Returns the position from which
   * entries still have to be computed (`>= len` when nothing is missing).
   */
  getData(index: number, len: number): number {
    this.#flush();
    const have = this.#len[index];
    if (have > 0) this.#delete(index);
    const more = len - have;
    let start = len;
    if (more > 0) {
      while (this.#size < more) this.#evict(this.#next[this.#l]);
      const old = this.#columns[index];
      if (old === null || old.length < len) {
        let grown: Float32Array | undefined;
        for (let s = this.#spare.length - 1; s >= 0; s--) {
          if (this.#spare[s].length >= len) {
            grown = this.#spare[s];
            this.#spare.splice(s, 1);
            break;
          }
        }
        grown ??= new Float32Array(len);
        if (old !== null && have > 0) grown.set(old.subarray(0, have));
        this.#columns[index] = grown;
      }
      this.#size -= more;
      this.#len[index] = len;
      start = have;
    }
    this.#insert(index);
    this.data = this.#columns[index] as Float32Array;
    return start;
  }

  /**
   * Swaps positions `i` and `j` (the solver swapped two variables). The
   * columns trade places at once; swapping the two entries inside every cached
   * column is deferred and done column by column for a whole run of swaps
   * (shrinking swaps thousands of pairs in a row), which touches the same
   * entries as libsvm but with far better memory locality.
   */
  swapIndex(i: number, j: number): void {
    if (i === j) return;
    const cols = this.#columns;
    const len = this.#len;
    if (len[i] > 0) this.#delete(i);
    if (len[j] > 0) this.#delete(j);
    const c = cols[i];
    cols[i] = cols[j];
    cols[j] = c;
    const t = len[i];
    len[i] = len[j];
    len[j] = t;
    if (len[i] > 0) this.#insert(i);
    if (len[j] > 0) this.#insert(j);
    if (this.#nPending === this.#pending.length / 2) {
      const grown = new Int32Array(this.#pending.length * 2 + 64);
      grown.set(this.#pending);
      this.#pending = grown;
    }
    this.#pending[2 * this.#nPending] = Math.min(i, j);
    this.#pending[2 * this.#nPending + 1] = Math.max(i, j);
    this.#nPending++;
  }

  /** Applies the deferred entry swaps to every cached column (libsvm drops a column a swap straddles). */
  #flush(): void {
    const n = this.#nPending;
    if (n === 0) return;
    this.#nPending = 0;
    const pending = this.#pending;
    const cols = this.#columns;
    const len = this.#len;
    const head = this.#l;
    for (let h = this.#next[head]; h !== head; ) {
      const following = this.#next[h];
      const lh = len[h];
      const col = cols[h] as Float32Array;
      for (let s = 0; s < n; s++) {
        const lo = pending[2 * s];
        if (lh <= lo) continue;
        const hi = pending[2 * s + 1];
        if (lh > hi) {
          const v = col[lo];
          col[lo] = col[hi];
          col[hi] = v;
        } else {
          this.#evict(h);
          break;
        }
      }
      h = following;
    }
  }
}
