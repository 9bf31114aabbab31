/**
 * Neighbour queries of the density-based clusterers (DBSCAN, OPTICS, HDBSCAN,
 * MeanShift): the epsilon-neighbourhood graph of a point set, CSR-style (for
 * every row, the rows within `eps`, inclusive, itself included, in index
 * order), and the distance of every row to its k-th nearest row.
 *
 * Trees are `typelearn/neighbors`' KDTree and BallTree, queried here by a
 * subclass that writes straight into one growing `Int32Array` instead of one
 * list per query (the generic `radius` query spends most of its time building
 * and sorting per-query arrays). Distances are compared in the metric's
 * reduced form, computed exactly difference by difference, so every method
 * returns the same lists.
 */
import type { MatrixLike } from '../base/types.js';
import { BallTree } from '../neighbors/ball-tree.js';
import type { BinaryTreeOptions } from '../neighbors/binary-tree.js';
import { bruteKneighbors, bruteRadius } from '../neighbors/brute.js';
import { KDTree } from '../neighbors/kd-tree.js';
import { type NeighborsMetricName, reducedDistance, resolveMetric, toReduced } from '../neighbors/metric.js';
import type { NeighborsAlgorithm } from '../neighbors/neighbors-base.js';
import { Tensor } from '../tensor/tensor.js';

/** A CSR adjacency: row `i`'s neighbours are `indices[indptr[i] .. indptr[i + 1])`. */
export interface RadiusGraph {
  indptr: Int32Array;
  indices: Int32Array;
}

/** Options of {@link radiusGraph}. */
export interface RadiusGraphOptions {
  /** Default `'euclidean'`. */
  metric?: NeighborsMetricName;
  /** Minkowski order. Default 2. */
  p?: number;
  /** Default `'auto'` (brute force above 15 features or for cosine, else a KD-tree). */
  algorithm?: NeighborsAlgorithm;
  /** Default 30. */
  leafSize?: number;
}

/** Growable Int32Array. */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** Shared traversal: `tree` is a KDTree or BallTree subclass exposing its protected bound. */
interface Bounded {
  readonly n: number;
  readonly d: number;
  readonly data: Float64Array;
  readonly idxArray: Int32Array;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  readonly nodeIsLeaf: Uint8Array;
  lowerBound(node: number, q: Float64Array, qo: number): number;
}

function queryInto(
  tree: Bounded,
  q: Float64Array,
  qo: number,
  rr: number,
  rd: ReturnType<typeof reducedDistance>,
  out: IntBuffer,
  stack: Int32Array,
): void {
  const { data, d, idxArray, nodeStart, nodeEnd, nodeIsLeaf } = tree;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const node = stack[--top];
    if (tree.lowerBound(node, q, qo) > rr) continue;
    if (nodeIsLeaf[node]) {
      for (let t = nodeStart[node]; t < nodeEnd[node]; t++) {
        const j = idxArray[t];
        if (rd(q, qo, data, j * d, d) <= rr) out.push(j);
      }
    } else {
      stack[top++] = 2 * node + 2;
      stack[top++] = 2 * node + 1;
    }
  }
}

class GraphKDTree extends KDTree implements Bounded {
  lowerBound(node: number, q: Float64Array, qo: number): number {
    return this.minReduced(node, q, qo);
  }
}

class GraphBallTree extends BallTree implements Bounded {
  lowerBound(node: number, q: Float64Array, qo: number): number {
    return this.minReduced(node, q, qo);
  }
}

/**
 * Neighbours within `eps` of query rows `q` (`m x d`) among the rows of a tree
 * built on `x`; CSR, each row in index order.
 */
function treeRadius(
  Tree: new (X: MatrixLike, o: BinaryTreeOptions) => Bounded,
  x: Float64Array,
  n: number,
  d: number,
  q: Float64Array,
  m: number,
  eps: number,
  options: BinaryTreeOptions,
): RadiusGraph {
  const tree = new Tree(new Tensor(x, [n, d]), options);
  const metric = resolveMetric(options.metric ?? 'euclidean', options.p ?? 2);
  const rd = reducedDistance(metric);
  const rr = toReduced(eps, metric);
  const out = new IntBuffer();
  const indptr = new Int32Array(m + 1);
  // Depth-first stack: at most one pending sibling per level.
  const stack = new Int32Array(2 * (Math.ceil(Math.log2(n + 1)) + 2) + 2);
  for (let i = 0; i < m; i++) {
    const start = out.length;
    queryInto(tree, q, i * d, rr, rd, out, stack);
    out.data.subarray(start, out.length).sort();
    indptr[i + 1] = out.length;
  }
  return { indptr, indices: out.data.slice(0, out.length) };
}

/**
 * For each row of `q` (default: the rows of `x` themselves), the rows of `x`
 * (`n x d`) within distance `eps` (inclusive), in index order, CSR-style;
 * searched with a KD-tree, a ball tree or brute force (all give the same lists).
 * @example radiusGraph(Float64Array.of(0, 0.3, 2), 3, 1, 0.5).indices // Int32Array [0, 1, 0, 1, 2]
 */
export function radiusGraph(
  x: Float64Array,
  n: number,
  d: number,
  eps: number,
  options: RadiusGraphOptions = {},
  query?: { data: Float64Array; n: number },
): RadiusGraph {
  const { metric: name = 'euclidean', p = 2, leafSize = 30 } = options;
  const metric = resolveMetric(name, p);
  const method = resolveAlgorithm(options.algorithm, d, metric.kind === 'cosine');
  const q = query?.data ?? x;
  const m = query?.n ?? n;
  if (method !== 'brute') {
    const Tree = method === 'kd_tree' ? GraphKDTree : GraphBallTree;
    return treeRadius(Tree, x, n, d, q, m, eps, { leafSize, metric: name, p });
  }
  const lists = bruteRadius({ data: x, n, d }, { data: q, n: m, d }, eps, metric, false).ind;
  const indptr = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) indptr[i + 1] = indptr[i] + lists[i].length;
  const indices = new Int32Array(indptr[m]);
  for (let i = 0; i < m; i++) indices.set(lists[i], indptr[i]);
  return { indptr, indices };
}

/** The search method `'auto'` resolves to for `d` features and a metric kind (sklearn's rule). */
function resolveAlgorithm(algorithm: NeighborsAlgorithm | undefined, d: number, cosine: boolean): NeighborsAlgorithm {
  const method = algorithm ?? 'auto';
  if (method !== 'auto') return method;
  return d > 15 || cosine ? 'brute' : 'kd_tree';
}

/**
 * Distance of each row of `q` (default: `x` itself, each row counting as its
 * own nearest neighbour) to its `k`-th nearest row of `x` (sklearn's
 * `kneighbors(X, k)[0][:, -1]`).
 * @example kthNeighborDistance(Float64Array.of(0, 1, 3), 3, 1, 2) // Float64Array [1, 1, 2]
 */
export function kthNeighborDistance(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  options: RadiusGraphOptions = {},
  query?: { data: Float64Array; n: number },
): Float64Array {
  const { metric: name = 'euclidean', p = 2, leafSize = 30 } = options;
  const metric = resolveMetric(name, p);
  const method = resolveAlgorithm(options.algorithm, d, metric.kind === 'cosine');
  const q = { data: query?.data ?? x, n: query?.n ?? n, d };
  const res =
    method === 'brute'
      ? bruteKneighbors({ data: x, n, d }, q, k, metric)
      : new (method === 'kd_tree' ? KDTree : BallTree)(new Tensor(x, [n, d]), { leafSize, metric: name, p }).knn(q, k);
  const out = new Float64Array(q.n);
  for (let i = 0; i < q.n; i++) out[i] = res.dist[i * k + k - 1];
  return out;
}

/**
 * A reusable radius search over the rows of `x`: `search(q, qo, eps)` lists
 * the rows within `eps` of the point `q[qo .. qo + d)`, in index order.
 * @example const within = radiusSearcher(x, n, d)(center, 0, 1.5);
 */
export function radiusSearcher(
  x: Float64Array,
  n: number,
  d: number,
  options: RadiusGraphOptions = {},
): (q: Float64Array, qo: number, eps: number) => Int32Array {
  const { metric: name = 'euclidean', p = 2, leafSize = 30 } = options;
  const metric = resolveMetric(name, p);
  const rd = reducedDistance(metric);
  const method = resolveAlgorithm(options.algorithm, d, metric.kind === 'cosine');
  const out = new IntBuffer();
  if (method === 'brute') {
    return (q, qo, eps) => {
      const rr = toReduced(eps, metric);
      out.length = 0;
      for (let j = 0; j < n; j++) if (rd(q, qo, x, j * d, d) <= rr) out.push(j);
      return out.data.slice(0, out.length);
    };
  }
  const Tree = method === 'kd_tree' ? GraphKDTree : GraphBallTree;
  const tree = new Tree(new Tensor(x, [n, d]), { leafSize, metric: name, p });
  const stack = new Int32Array(2 * (Math.ceil(Math.log2(n + 1)) + 2) + 2);
  return (q, qo, eps) => {
    out.length = 0;
    queryInto(tree, q, qo, toReduced(eps, metric), rd, out, stack);
    return out.data.slice(0, out.length).sort();
  };
}
