/**
 * Split search for the `absolute_error` criterion. Each side's impurity is
 * `Σ w·|y − median|` around its weighted median, so moving one sample from
 * right to left changes both medians. Two Fenwick trees over the node's
 * target ranks (weights and weighted targets) give each side's median and
 * deviation sum in O(log n), so one feature costs O(n log n) instead of the
 * O(n²) of recomputing medians.
 */

/** Fenwick (binary indexed) tree over weights and weighted values. */
class Fenwick {
  readonly w: Float64Array;
  readonly s: Float64Array;
  size = 0;
  #top = 1;

  constructor(capacity: number) {
    this.w = new Float64Array(capacity + 1);
    this.s = new Float64Array(capacity + 1);
  }

  reset(size: number): void {
    this.size = size;
    this.w.fill(0, 0, size + 1);
    this.s.fill(0, 0, size + 1);
    this.#top = 1;
    while (this.#top * 2 <= size) this.#top *= 2;
  }

  /** Fills from per-position values in O(n). */
  build(w: Float64Array, s: Float64Array, size: number): void {
    this.reset(size);
    for (let i = 1; i <= size; i++) {
      this.w[i] += w[i - 1];
      this.s[i] += s[i - 1];
      const j = i + (i & -i);
      if (j <= size) {
        this.w[j] += this.w[i];
        this.s[j] += this.s[i];
      }
    }
  }

  add(pos: number, dw: number, ds: number): void {
    for (let i = pos + 1; i <= this.size; i += i & -i) {
      this.w[i] += dw;
      this.s[i] += ds;
    }
  }

  /** Smallest position whose prefix weight (inclusive) is ≥ `target` (strict `>` when `strict`), plus that prefix. */
  search(target: number, strict: boolean): { pos: number; w: number; s: number } {
    let idx = 0;
    let cw = 0;
    let cs = 0;
    for (let step = this.#top; step > 0; step >>= 1) {
      const next = idx + step;
      if (next <= this.size) {
        const nw = cw + this.w[next];
        if (strict ? nw <= target : nw < target) {
          idx = next;
          cw = nw;
          cs += this.s[next];
        }
      }
    }
    // idx is the count of positions before the answer; include the answer itself.
    const pos = Math.min(idx, this.size - 1);
    return { pos, w: cw + this.pointW(pos), s: cs + this.pointS(pos) };
  }

  pointW(pos: number): number {
    return this.prefixW(pos + 1) - this.prefixW(pos);
  }

  pointS(pos: number): number {
    return this.prefixS(pos + 1) - this.prefixS(pos);
  }

  prefixW(count: number): number {
    let t = 0;
    for (let i = count; i > 0; i -= i & -i) t += this.w[i];
    return t;
  }

  prefixS(count: number): number {
    let t = 0;
    for (let i = count; i > 0; i -= i & -i) t += this.s[i];
    return t;
  }
}

/**
 * Scans one feature's thresholds for the absolute-error criterion.
 * `prepareNode` ranks the node's targets once; `scan` reports, for every
 * valid threshold position, the proxy `−(dev_left + dev_right)`.
 */
export class MaeScanner {
  readonly #y: Float64Array;
  readonly #weights: Float64Array;
  readonly #rank: Int32Array;
  readonly #msl: number;
  readonly #mwl: number;
  #sortedY = new Float64Array(0);
  #baseW = new Float64Array(0);
  #baseS = new Float64Array(0);
  #left = new Fenwick(0);
  #right = new Fenwick(0);
  #count = 0;
  #totalW = 0;
  #totalS = 0;

  constructor(y: Float64Array, weights: Float64Array, n: number, minSamplesLeaf: number, minWeightLeaf: number) {
    this.#y = y;
    this.#weights = weights;
    this.#rank = new Int32Array(n);
    this.#msl = minSamplesLeaf;
    this.#mwl = minWeightLeaf;
  }

  /** Ranks the targets of `samples[start..end)`. */
  prepareNode(samples: Int32Array, start: number, end: number): void {
    const count = end - start;
    const y = this.#y;
    const ids = samples.slice(start, end);
    const order = Array.from({ length: count }, (_, p) => p).sort((a, b) => y[ids[a]] - y[ids[b]] || a - b);
    if (this.#sortedY.length < count) {
      this.#sortedY = new Float64Array(count);
      this.#baseW = new Float64Array(count);
      this.#baseS = new Float64Array(count);
      this.#left = new Fenwick(count);
      this.#right = new Fenwick(count);
    }
    let tw = 0;
    let ts = 0;
    for (let r = 0; r < count; r++) {
      const i = ids[order[r]];
      this.#rank[i] = r;
      this.#sortedY[r] = y[i];
      const w = this.#weights[i];
      this.#baseW[r] = w;
      this.#baseS[r] = w * y[i];
      tw += w;
      ts += w * y[i];
    }
    this.#count = count;
    this.#totalW = tw;
    this.#totalS = ts;
  }

  /** Σ w·|y − median| of one side, from its Fenwick tree and totals. */
  #deviation(tree: Fenwick, tw: number, ts: number): number {
    if (tw <= 0) return 0;
    const half = tw / 2;
    const at = tree.search(half, false);
    let median = this.#sortedY[at.pos];
    if (at.w === half) {
      const next = tree.search(half, true);
      if (next.pos !== at.pos) median = (median + this.#sortedY[next.pos]) / 2;
    }
    return median * at.w - at.s + (ts - at.s) - median * (tw - at.w);
  }

  /**
   * Moves the samples `sorted[off+start..off+nm)` (values `xs`) from right to left one by one and
   * calls `report(nLeft, proxy)` at every position between distinct values
   * (`x[next] > x[current] + 1e-7`) that satisfies the minimum leaf sizes.
   */
  scan(
    sorted: Int32Array,
    xs: Float32Array,
    off: number,
    start: number,
    nm: number,
    report: (nLeft: number, proxy: number) => void,
  ): void {
    const count = this.#count;
    this.#left.reset(count);
    this.#right.build(this.#baseW, this.#baseS, count);
    let wl = 0;
    let sl = 0;
    const nNode = nm - start;
    for (let p = start; p < nm; p++) {
      const i = sorted[off + p];
      const r = this.#rank[i];
      const w = this.#weights[i];
      const ws = w * this.#y[i];
      this.#left.add(r, w, ws);
      this.#right.add(r, -w, -ws);
      wl += w;
      sl += ws;
      if (p + 1 >= nm) break;
      if (xs[off + p + 1] <= xs[off + p] + 1e-7) continue;
      const nL = p + 1 - start;
      const wr = this.#totalW - wl;
      if (nL < this.#msl || nNode - nL < this.#msl || wl < this.#mwl || wr < this.#mwl) continue;
      const dev = this.#deviation(this.#left, wl, sl) + this.#deviation(this.#right, wr, this.#totalS - sl);
      report(nL, -dev);
    }
  }
}
