/**
 * `KDTree`: axis-aligned bounding boxes per node (scikit-learn's
 * `sklearn.neighbors.KDTree`), for euclidean, manhattan, chebyshev and minkowski.
 */
import type { MatrixLike } from '../base/types.js';
import { BinaryTree, type BinaryTreeOptions } from './binary-tree.js';

/**
 * A KD-tree over the rows of `X`, for fast nearest-neighbour and radius queries
 * in low dimensions. Each node stores the bounding box of its points.
 *
 * @example
 * import { KDTree } from 'typelearn/neighbors';
 * const tree = new KDTree([[0, 0], [1, 1], [2, 2], [5, 5]], { leafSize: 2 });
 * tree.query([[0.9, 1]], { k: 2 }).indices.toArray(); // [[1, 0]]
 * tree.queryRadius([[0, 0]], 1.5).indices;           // [Int32Array [0, 1]]
 */
export class KDTree extends BinaryTree {
  #lower: Float64Array;
  #upper: Float64Array;

  /** @param options - `leafSize` (default 40), `metric` (default `'minkowski'`), `p` (default 2). */
  constructor(X: MatrixLike, options: BinaryTreeOptions = {}) {
    super(X, options, 'KDTree');
    this.#lower = new Float64Array(this.nNodes * this.d);
    this.#upper = new Float64Array(this.nNodes * this.d);
    this.build();
  }

  protected initNode(i: number, start: number, end: number): void {
    const { d, data, idxArray } = this;
    const o = i * d;
    this.#lower.fill(Number.POSITIVE_INFINITY, o, o + d);
    this.#upper.fill(Number.NEGATIVE_INFINITY, o, o + d);
    for (let t = start; t < end; t++) {
      const p = idxArray[t] * d;
      for (let f = 0; f < d; f++) {
        const v = data[p + f];
        if (v < this.#lower[o + f]) this.#lower[o + f] = v;
        if (v > this.#upper[o + f]) this.#upper[o + f] = v;
      }
    }
  }

  protected minReduced(i: number, q: Float64Array, qo: number): number {
    const d = this.d;
    const o = i * d;
    const lower = this.#lower;
    const upper = this.#upper;
    const kind = this.metric.kind;
    const p = this.metric.p;
    let s = 0;
    for (let f = 0; f < d; f++) {
      const x = q[qo + f];
      const gap = x < lower[o + f] ? lower[o + f] - x : x > upper[o + f] ? x - upper[o + f] : 0;
      if (kind === 'euclidean') s += gap * gap;
      else if (kind === 'manhattan') s += gap;
      else if (kind === 'chebyshev') s = Math.max(s, gap);
      else s += gap ** p;
    }
    return s;
  }
}
