/**
 * `BallTree`: a centroid and radius per node (scikit-learn's
 * `sklearn.neighbors.BallTree`); the triangle inequality bounds every node, so
 * it stays useful in more dimensions than a KD-tree.
 */
import type { MatrixLike } from '../base/types.js';
import { BinaryTree, type BinaryTreeOptions } from './binary-tree.js';
import { toDistance, toReduced } from './metric.js';

/**
 * A ball tree over the rows of `X`, for nearest-neighbour and radius queries.
 *
 * @example
 * import { BallTree } from 'typelearn/neighbors';
 * const tree = new BallTree([[0, 0], [1, 1], [2, 2], [5, 5]], { metric: 'manhattan' });
 * tree.query([[2, 1.8]], { k: 1 }).distances.toArray(); // [[0.2]] (up to rounding)
 */
export class BallTree extends BinaryTree {
  #centroid: Float64Array;
  #radius: Float64Array;

  /** @param options - `leafSize` (default 40), `metric` (default `'minkowski'`), `p` (default 2). */
  constructor(X: MatrixLike, options: BinaryTreeOptions = {}) {
    super(X, options, 'BallTree');
    this.#centroid = new Float64Array(this.nNodes * this.d);
    this.#radius = new Float64Array(this.nNodes);
    this.build();
  }

  protected initNode(i: number, start: number, end: number): void {
    const { d, data, idxArray } = this;
    const o = i * d;
    const c = this.#centroid;
    c.fill(0, o, o + d);
    for (let t = start; t < end; t++) for (let f = 0; f < d; f++) c[o + f] += data[idxArray[t] * d + f];
    const count = Math.max(1, end - start);
    for (let f = 0; f < d; f++) c[o + f] /= count;
    let r = 0;
    for (let t = start; t < end; t++) r = Math.max(r, this.rd(c, o, data, idxArray[t] * d, d));
    this.#radius[i] = toDistance(r, this.metric);
  }

  protected minReduced(i: number, q: Float64Array, qo: number): number {
    const dist = toDistance(this.rd(q, qo, this.#centroid, i * this.d, this.d), this.metric);
    const radius = this.#radius[i];
    // A small margin keeps rounding from pruning a point that lies exactly on the bound.
    const gap = dist - radius - 1e-12 * (dist + radius);
    return gap > 0 ? toReduced(gap, this.metric) : 0;
  }
}
