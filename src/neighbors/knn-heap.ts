/**
 * `KnnHeap`: the k best candidates of many queries at once, in flat typed
 * arrays (one max-heap of size k per query). Candidates are ordered by
 * (distance, index), so equal distances go to the lower training index, as
 * scikit-learn's stable argsort does in brute force; every search method
 * (brute force, KD-tree, ball tree) gives identical neighbour lists.
 */
export class KnnHeap {
  /** Reduced distances, `nQueries x k`, heap-ordered per row until `sort`. */
  readonly dist: Float64Array;
  /** Training indices matching `dist`. */
  readonly ind: Int32Array;

  /**
   * @example
   * const heap = new KnnHeap(10, 3);
   * heap.push(0, 1.5, 7);
   * heap.sort();
   */
  constructor(
    readonly nQueries: number,
    readonly k: number,
  ) {
    this.dist = new Float64Array(nQueries * k).fill(Number.POSITIVE_INFINITY);
    this.ind = new Int32Array(nQueries * k).fill(0x7fffffff);
  }

  /** The current worst (k-th) reduced distance of query `i` (Infinity until k candidates were seen). */
  largest(i: number): number {
    return this.dist[i * this.k];
  }

  /** Offers candidate `j` at reduced distance `v` to query `i`. */
  push(i: number, v: number, j: number): void {
    const k = this.k;
    const o = i * k;
    const dist = this.dist;
    const ind = this.ind;
    if (v > dist[o] || (v === dist[o] && j >= ind[o])) return;
    // Replace the root and sift down.
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      if (l >= k) break;
      const r = l + 1;
      let big = l;
      if (r < k && (dist[o + r] > dist[o + l] || (dist[o + r] === dist[o + l] && ind[o + r] > ind[o + l]))) big = r;
      if (dist[o + big] < v || (dist[o + big] === v && ind[o + big] < j)) break;
      dist[o + pos] = dist[o + big];
      ind[o + pos] = ind[o + big];
      pos = big;
    }
    dist[o + pos] = v;
    ind[o + pos] = j;
  }

  /** Sorts every row ascending by (distance, index). */
  sort(): void {
    const k = this.k;
    const order = new Int32Array(k);
    const d = new Float64Array(k);
    const idx = new Int32Array(k);
    for (let i = 0; i < this.nQueries; i++) {
      const o = i * k;
      for (let t = 0; t < k; t++) order[t] = t;
      order.sort((a, b) => this.dist[o + a] - this.dist[o + b] || this.ind[o + a] - this.ind[o + b]);
      for (let t = 0; t < k; t++) {
        d[t] = this.dist[o + order[t]];
        idx[t] = this.ind[o + order[t]];
      }
      this.dist.set(d, o);
      this.ind.set(idx, o);
    }
  }
}
