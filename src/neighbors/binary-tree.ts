/**
 * `BinaryTree`: the space-partitioning tree shared by `KDTree` and `BallTree`
 * (scikit-learn's `BinaryTree`), stored flat: node `i` has children `2i + 1`
 * and `2i + 2`, covers `idxArray[nodeStart[i] .. nodeEnd[i])`, and the
 * per-node geometry (boxes or balls) lives in subclass typed arrays.
 *
 * Build as scikit-learn: `nLevels = floor(log2(max(1, (n - 1) / leafSize))) + 1`
 * levels, each internal node split at the median of its widest feature.
 * Queries are depth-first, nearer child first, and prune a node only when its
 * lower bound is *strictly* worse than the current k-th candidate, so that
 * equal distances resolve to the lower index exactly as brute force does.
 */
import { ValidationError } from '../base/errors.js';
import type { MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';
import { finishKnn, finishRadius, type KnnResult, type RadiusResult, type Rows } from './brute.js';
import { KnnHeap } from './knn-heap.js';
import {
  type Metric,
  type NeighborsMetricName,
  type ReducedDistance,
  reducedDistance,
  resolveMetric,
  toReduced,
} from './metric.js';

/** Options of the tree constructors. */
export interface BinaryTreeOptions {
  /** Points per leaf (between `leafSize` and `2 * leafSize`). Default 40. */
  leafSize?: number;
  /** Distance. Default `'minkowski'` (with `p` = 2: euclidean). Cosine is not supported by trees. */
  metric?: NeighborsMetricName;
  /** Minkowski order. Default 2. */
  p?: number;
}

/** Options of `query`. */
export interface TreeQueryOptions {
  /** Number of neighbours. Default 1. */
  k?: number;
  /** Return distances as well as indices. Default `true`. */
  returnDistance?: boolean;
}

/** Options of `queryRadius`. */
export interface TreeRadiusOptions {
  /** Return distances as well as indices. Default `false` (as sklearn). */
  returnDistance?: boolean;
  /** Sort each list by distance (else by index). Requires `returnDistance`. Default `false`. */
  sortResults?: boolean;
}

/** Converts a query matrix to validated rows of the right width. */
export function queryRows(X: MatrixLike, d: number, what: string): Rows {
  const { X: t } = checkArray(X, { estimatorName: what });
  if (t.shape[1] !== d) {
    throw new ValidationError(
      `query data dimension must match training data dimension: got ${t.shape[1]} features, the tree has ${d}.`,
      {
        expected: d,
        got: t.shape[1],
      },
    );
  }
  return { data: t.data as Float64Array, n: t.shape[0], d };
}

/**
 * Base class of KDTree and BallTree; see the module comment.
 * @example
 * const tree = new KDTree(X, { leafSize: 40 });
 * const { distances, indices } = tree.query(Xq, { k: 3 });
 */
export abstract class BinaryTree {
  /** The training points, row-major `n x d` (a private copy). */
  readonly data: Float64Array;
  /** Number of training points. */
  readonly n: number;
  /** Number of features. */
  readonly d: number;
  readonly leafSize: number;
  /** The effective metric. */
  readonly metric: Metric;
  /** Point indices, permuted so that every node covers a contiguous range. */
  readonly idxArray: Int32Array;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  readonly nodeIsLeaf: Uint8Array;
  readonly nNodes: number;
  protected readonly rd: ReducedDistance;

  protected constructor(X: MatrixLike, options: BinaryTreeOptions, name: string) {
    const { leafSize = 40, metric = 'minkowski', p = 2 } = options;
    if (!Number.isInteger(leafSize) || leafSize < 1) {
      throw new ValidationError(`leafSize must be an integer >= 1, got ${leafSize}`, {
        param: 'leafSize',
        got: leafSize,
      });
    }
    this.metric = resolveMetric(metric, p);
    if (this.metric.kind === 'cosine') {
      throw new ValidationError(`metric 'cosine' is not valid for ${name}; use brute force (algorithm: 'brute')`, {
        param: 'metric',
        got: metric,
      });
    }
    const { X: t } = checkArray(X, { estimatorName: name, copy: true });
    this.data = t.data as Float64Array;
    [this.n, this.d] = t.shape as [number, number];
    this.leafSize = leafSize;
    this.rd = reducedDistance(this.metric);
    const nLevels = Math.floor(Math.log2(Math.max(1, (this.n - 1) / leafSize))) + 1;
    this.nNodes = 2 ** nLevels - 1;
    this.idxArray = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.idxArray[i] = i;
    this.nodeStart = new Int32Array(this.nNodes);
    this.nodeEnd = new Int32Array(this.nNodes);
    this.nodeIsLeaf = new Uint8Array(this.nNodes);
  }

  /**
   * Builds the nodes; a subclass constructor calls it once its own geometry
   * arrays exist (its fields are only initialised after `super()` returns).
   */
  protected build(): void {
    this.#build(0, 0, this.n);
  }
  /** Fills node `i`'s geometry from the points `idxArray[start..end)`. */
  protected abstract initNode(i: number, start: number, end: number): void;
  /** Lower bound of the reduced distance from query row `q[qo..]` to any point of node `i`. */
  protected abstract minReduced(i: number, q: Float64Array, qo: number): number;

  #build(i: number, start: number, end: number): void {
    this.nodeStart[i] = start;
    this.nodeEnd[i] = end;
    this.initNode(i, start, end);
    if (2 * i + 1 >= this.nNodes || end - start < 2) {
      this.nodeIsLeaf[i] = 1;
      // Nodes below a tiny leaf stay empty; mark them leaves so nothing visits garbage.
      return;
    }
    const mid = start + ((end - start) >> 1);
    this.#partition(start, end, mid, this.#widestFeature(start, end));
    this.#build(2 * i + 1, start, mid);
    this.#build(2 * i + 2, mid, end);
  }

  #widestFeature(start: number, end: number): number {
    const { data, d, idxArray } = this;
    let best = 0;
    let bestSpread = -1;
    for (let f = 0; f < d; f++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let t = start; t < end; t++) {
        const v = data[idxArray[t] * d + f];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      if (hi - lo > bestSpread) {
        bestSpread = hi - lo;
        best = f;
      }
    }
    return best;
  }

  /** Quickselect on (value of feature f, index) so that position `mid` holds the median. */
  #partition(start: number, end: number, mid: number, f: number): void {
    const { data, d, idxArray: idx } = this;
    const less = (a: number, b: number) => {
      const va = data[a * d + f];
      const vb = data[b * d + f];
      return va < vb || (va === vb && a < b);
    };
    let lo = start;
    let hi = end - 1;
    while (hi > lo) {
      // Median of three as the pivot, moved to hi.
      const m = lo + ((hi - lo) >> 1);
      if (less(idx[m], idx[lo])) [idx[m], idx[lo]] = [idx[lo], idx[m]];
      if (less(idx[hi], idx[lo])) [idx[hi], idx[lo]] = [idx[lo], idx[hi]];
      if (less(idx[m], idx[hi])) [idx[m], idx[hi]] = [idx[hi], idx[m]];
      const pivot = idx[hi];
      let store = lo;
      for (let t = lo; t < hi; t++) {
        if (less(idx[t], pivot)) {
          const tmp = idx[t];
          idx[t] = idx[store];
          idx[store] = tmp;
          store++;
        }
      }
      idx[hi] = idx[store];
      idx[store] = pivot;
      if (store === mid) return;
      if (store < mid) lo = store + 1;
      else hi = store - 1;
    }
  }

  /** k nearest neighbours of validated query rows, sorted by (distance, index). */
  knn(query: Rows, k: number): KnnResult {
    if (!Number.isInteger(k) || k < 1)
      throw new ValidationError(`k must be a positive integer, got ${k}`, { param: 'k', got: k });
    if (k > this.n) {
      throw new ValidationError(
        `k must be less than or equal to the number of training points: k = ${k}, n = ${this.n}`,
        {
          param: 'k',
          expected: `<= ${this.n}`,
          got: k,
        },
      );
    }
    const heap = new KnnHeap(query.n, k);
    for (let i = 0; i < query.n; i++) this.#knnNode(0, this.minReduced(0, query.data, i * this.d), query.data, i, heap);
    return finishKnn(heap, { data: this.data, n: this.n, d: this.d }, query, this.metric, false);
  }

  #knnNode(node: number, lb: number, q: Float64Array, i: number, heap: KnnHeap): void {
    if (lb > heap.largest(i)) return;
    const qo = i * this.d;
    if (this.nodeIsLeaf[node]) {
      const { data, d, idxArray, rd } = this;
      for (let t = this.nodeStart[node]; t < this.nodeEnd[node]; t++) {
        const j = idxArray[t];
        heap.push(i, rd(q, qo, data, j * d, d), j);
      }
      return;
    }
    const l = 2 * node + 1;
    const r = l + 1;
    const lbl = this.minReduced(l, q, qo);
    const lbr = this.minReduced(r, q, qo);
    if (lbl <= lbr) {
      this.#knnNode(l, lbl, q, i, heap);
      this.#knnNode(r, lbr, q, i, heap);
    } else {
      this.#knnNode(r, lbr, q, i, heap);
      this.#knnNode(l, lbl, q, i, heap);
    }
  }

  /** Neighbours within `radius` (inclusive) of validated query rows. */
  radius(query: Rows, radius: number | ArrayLike<number>, sortResults: boolean): RadiusResult {
    const lists: number[][] = [];
    const reduced: number[][] = [];
    for (let i = 0; i < query.n; i++) {
      const r = typeof radius === 'number' ? radius : radius[i];
      const ind: number[] = [];
      const red: number[] = [];
      this.#radiusNode(0, query.data, i * this.d, toReduced(r, this.metric), ind, red);
      lists.push(ind);
      reduced.push(red);
    }
    return finishRadius(lists, reduced, this.metric, sortResults);
  }

  #radiusNode(node: number, q: Float64Array, qo: number, rr: number, ind: number[], red: number[]): void {
    if (this.minReduced(node, q, qo) > rr) return;
    if (this.nodeIsLeaf[node]) {
      const { data, d, idxArray, rd } = this;
      for (let t = this.nodeStart[node]; t < this.nodeEnd[node]; t++) {
        const j = idxArray[t];
        const v = rd(q, qo, data, j * d, d);
        if (v <= rr) {
          ind.push(j);
          red.push(v);
        }
      }
      return;
    }
    this.#radiusNode(2 * node + 1, q, qo, rr, ind, red);
    this.#radiusNode(2 * node + 2, q, qo, rr, ind, red);
  }

  /**
   * The `k` nearest training points of each row of `X`: `distances` (float64)
   * and `indices` (int32), both `[nQueries, k]`, nearest first; equal
   * distances are ordered by index. With `returnDistance: false` only `indices`.
   * @example tree.query([[0, 0]], { k: 2 }).indices.toArray() // [[4, 1]]
   */
  query(X: MatrixLike, options: TreeQueryOptions & { returnDistance: false }): { indices: Tensor };
  query(X: MatrixLike, options?: TreeQueryOptions): { distances: Tensor; indices: Tensor };
  query(X: MatrixLike, options: TreeQueryOptions = {}): { distances?: Tensor; indices: Tensor } {
    const { k = 1, returnDistance = true } = options;
    const rows = queryRows(X, this.d, this.constructor.name);
    const { dist, ind } = this.knn(rows, k);
    const indices = new Tensor(ind, [rows.n, k]);
    return returnDistance ? { distances: new Tensor(dist, [rows.n, k]), indices } : { indices };
  }

  /**
   * The training points within distance `r` (inclusive; one radius, or one per
   * query) of each row of `X`, as one `Int32Array` per query, in index order
   * (or nearest first with `sortResults`). `distances` only with `returnDistance`.
   * @example tree.queryRadius([[0, 0]], 1.5, { returnDistance: true }).indices[0] // Int32Array [...]
   */
  queryRadius(
    X: MatrixLike,
    r: number | ArrayLike<number>,
    options: TreeRadiusOptions = {},
  ): { indices: Int32Array[]; distances?: Float64Array[] } {
    const { returnDistance = false, sortResults = false } = options;
    if (sortResults && !returnDistance) {
      throw new ValidationError(
        'return_distance must be True if sort_results is True (returnDistance with sortResults)',
      );
    }
    const rows = queryRows(X, this.d, this.constructor.name);
    if (typeof r !== 'number' && r.length !== rows.n) {
      throw new ValidationError(`r has ${r.length} radii for ${rows.n} query points`, {
        expected: rows.n,
        got: r.length,
      });
    }
    const { dist, ind } = this.radius(rows, r, sortResults);
    return returnDistance ? { indices: ind, distances: dist } : { indices: ind };
  }
}
