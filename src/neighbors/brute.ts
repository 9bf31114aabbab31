/**
 * Brute-force neighbour search, block by block: euclidean and cosine through
 * GEMM (`‖x‖² - 2x·y + ‖y‖²`, or `1 - x̂·ŷ`) on blocks of queries x training
 * rows, the other metrics by direct loops. GEMM values only *select*
 * candidates; the selected distances are then recomputed exactly (difference
 * by difference), so brute force and the trees return the same numbers and
 * duplicates are at distance exactly 0.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { KnnHeap } from './knn-heap.js';
import { knnKernelAvailable, knnScan } from './knn-kernel.js';
import { type Metric, reducedDistance, toDistance, toReduced } from './metric.js';

/** A dense row-major matrix of `n` rows and `d` columns. */
export interface Rows {
  data: Float64Array;
  n: number;
  d: number;
}

/** k nearest neighbours per query: distances and training indices, `nQueries x k`, sorted by (distance, index). */
export interface KnnResult {
  dist: Float64Array;
  ind: Int32Array;
}

/** Neighbours within a radius, one array per query. */
export interface RadiusResult {
  dist: Float64Array[];
  ind: Int32Array[];
}

const QUERY_BLOCK = 64;
const TRAIN_BLOCK = 2048;

function squaredNorms(X: Rows): Float64Array {
  const out = new Float64Array(X.n);
  for (let i = 0; i < X.n; i++) {
    let s = 0;
    for (let f = 0; f < X.d; f++) s += X.data[i * X.d + f] ** 2;
    out[i] = s;
  }
  return out;
}

function normalized(X: Rows): Rows {
  const data = new Float64Array(X.data.length);
  for (let i = 0; i < X.n; i++) {
    let s = 0;
    for (let f = 0; f < X.d; f++) s += X.data[i * X.d + f] ** 2;
    const inv = s === 0 ? 0 : 1 / Math.sqrt(s);
    for (let f = 0; f < X.d; f++) data[i * X.d + f] = X.data[i * X.d + f] * inv;
  }
  return { data, n: X.n, d: X.d };
}

/**
 * Copies `X` with one more column: row `i` becomes `[scale * x_i, last(i)]`,
 * so that a GEMM of two augmented matrices adds a per-training-row term for free.
 */
function augmented(X: Rows, scale: number, last: (i: number) => number): Float64Array {
  const d = X.d;
  const out = new Float64Array(X.n * (d + 1));
  for (let i = 0; i < X.n; i++) {
    for (let f = 0; f < d; f++) out[i * (d + 1) + f] = scale * X.data[i * d + f];
    out[i * (d + 1) + d] = last(i);
  }
  return out;
}

/**
 * Calls `visit(q0, q1, j0, j1, block)` for every block of GEMM selection keys
 * between query rows `[q0, q1)` and training rows `[j0, j1)`, at
 * `block[(i - q0) * (j1 - j0) + (j - j0)]`. The key orders a query's candidates
 * like the distance: `‖t‖² - 2 q·t` (the squared distance minus `‖q‖²`) for
 * euclidean, `1 - q̂·t̂` for cosine; both come out of one GEMM on matrices
 * augmented with a column. Returns false for metrics without a GEMM form.
 */
function gemmBlocks(
  train: Rows,
  query: Rows,
  metric: Metric,
  visit: (q0: number, q1: number, j0: number, j1: number, block: Float64Array) => void,
): boolean {
  if (metric.kind !== 'euclidean' && metric.kind !== 'cosine') return false;
  const cosine = metric.kind === 'cosine';
  const T = cosine ? normalized(train) : train;
  const Q = cosine ? normalized(query) : query;
  const tt = squaredNorms(T);
  const Ta = cosine ? augmented(T, -1, () => 1) : augmented(T, -2, (i) => tt[i]);
  const Qa = augmented(Q, 1, () => 1);
  const da = train.d + 1;
  const block = new Float64Array(QUERY_BLOCK * TRAIN_BLOCK);
  for (let q0 = 0; q0 < Q.n; q0 += QUERY_BLOCK) {
    const q1 = Math.min(Q.n, q0 + QUERY_BLOCK);
    for (let j0 = 0; j0 < T.n; j0 += TRAIN_BLOCK) {
      const j1 = Math.min(T.n, j0 + TRAIN_BLOCK);
      const w = j1 - j0;
      gemm(
        false,
        true,
        q1 - q0,
        w,
        da,
        1,
        Qa.subarray(q0 * da, q1 * da),
        da,
        Ta.subarray(j0 * da, j1 * da),
        da,
        0,
        block,
        w,
      );
      visit(q0, q1, j0, j1, block);
    }
  }
  return true;
}

/** Recomputes the kept candidates exactly, sorts them and converts to distances. */
export function finishKnn(heap: KnnHeap, train: Rows, query: Rows, metric: Metric, recompute: boolean): KnnResult {
  const { k, dist, ind } = heap;
  if (recompute) {
    const rd = reducedDistance(metric);
    for (let i = 0; i < query.n; i++) {
      for (let t = 0; t < k; t++)
        dist[i * k + t] = rd(query.data, i * query.d, train.data, ind[i * k + t] * train.d, train.d);
    }
  }
  heap.sort();
  for (let t = 0; t < dist.length; t++) dist[t] = toDistance(dist[t], metric);
  return { dist, ind };
}

/**
 * The `k` nearest training rows of every query row, by brute force.
 * @example bruteKneighbors({ data, n, d }, { data: q, n: 1, d }, 3, resolveMetric('euclidean'))
 */
export function bruteKneighbors(train: Rows, query: Rows, k: number, metric: Metric): KnnResult {
  const heap = new KnnHeap(query.n, k);
  if ((metric.kind === 'euclidean' || metric.kind === 'cosine') && knnKernelAvailable()) {
    // Same keys as the GEMM blocks below, selected inside the fused kernel.
    const cosine = metric.kind === 'cosine';
    const T = cosine ? normalized(train) : train;
    const Q = cosine ? normalized(query) : query;
    const last = cosine ? new Float64Array(T.n).fill(1) : squaredNorms(T);
    knnScan(T.data, T.n, Q.data, Q.n, T.d, cosine ? -1 : -2, last, {
      worst: (i) => heap.largest(i),
      offer: (i, v, j) => heap.push(i, v, j),
    });
    return finishKnn(heap, train, query, metric, true);
  }
  const viaGemm = gemmBlocks(train, query, metric, (q0, q1, j0, j1, block) => {
    const w = j1 - j0;
    for (let i = q0; i < q1; i++) {
      const row = (i - q0) * w;
      let worst = heap.largest(i);
      for (let j = 0; j < w; j++) {
        const v = block[row + j];
        if (v <= worst) {
          heap.push(i, v, j0 + j);
          worst = heap.largest(i);
        }
      }
    }
  });
  if (!viaGemm) {
    const rd = reducedDistance(metric);
    const d = train.d;
    for (let i = 0; i < query.n; i++) {
      let worst = heap.largest(i);
      for (let j = 0; j < train.n; j++) {
        const v = rd(query.data, i * d, train.data, j * d, d);
        if (v <= worst) {
          heap.push(i, v, j);
          worst = heap.largest(i);
        }
      }
    }
  }
  return finishKnn(heap, train, query, metric, viaGemm);
}

/** Growable per-query candidate lists. */
class Collector {
  readonly ind: number[][];
  constructor(n: number) {
    this.ind = Array.from({ length: n }, () => []);
  }
}

/**
 * Sorts each query's neighbours by index (or by distance, then index, with
 * `sortResults`) and converts reduced distances to distances.
 */
export function finishRadius(
  lists: number[][],
  reduced: number[][],
  metric: Metric,
  sortResults: boolean,
): RadiusResult {
  const dist: Float64Array[] = [];
  const ind: Int32Array[] = [];
  for (let i = 0; i < lists.length; i++) {
    const idx = lists[i];
    const r = reduced[i];
    const order = Array.from(idx.keys());
    if (sortResults) order.sort((a, b) => r[a] - r[b] || idx[a] - idx[b]);
    else order.sort((a, b) => idx[a] - idx[b]);
    ind.push(Int32Array.from(order, (t) => idx[t]));
    dist.push(Float64Array.from(order, (t) => toDistance(r[t], metric)));
  }
  return { dist, ind };
}

/**
 * Every training row within `radius` (inclusive) of each query row, by brute force.
 * @example bruteRadius(train, query, 1.5, resolveMetric('manhattan'), false)
 */
export function bruteRadius(
  train: Rows,
  query: Rows,
  radius: number,
  metric: Metric,
  sortResults: boolean,
): RadiusResult {
  const rr = toReduced(radius, metric);
  const rd = reducedDistance(metric);
  const d = train.d;
  const found = new Collector(query.n);
  const reduced: number[][] = Array.from({ length: query.n }, () => []);
  const accept = (i: number, j: number) => {
    const v = rd(query.data, i * d, train.data, j * d, d);
    if (v <= rr) {
      found.ind[i].push(j);
      reduced[i].push(v);
    }
  };
  // GEMM values carry rounding error: select with a margin, then decide exactly.
  let maxNorm = 0;
  if (metric.kind === 'euclidean') for (const v of squaredNorms(train)) maxNorm = Math.max(maxNorm, v);
  const qq = metric.kind === 'euclidean' ? squaredNorms(query) : undefined;
  const viaGemm = gemmBlocks(train, query, metric, (q0, q1, j0, j1, block) => {
    const w = j1 - j0;
    for (let i = q0; i < q1; i++) {
      const row = (i - q0) * w;
      // Keys omit ‖q‖² (euclidean): move it to the limit.
      const limit = qq ? rr - qq[i] + 1e-9 * (qq[i] + maxNorm + rr) + 1e-12 : rr + 1e-9;
      for (let j = 0; j < w; j++) if (block[row + j] <= limit) accept(i, j0 + j);
    }
  });
  if (!viaGemm) for (let i = 0; i < query.n; i++) for (let j = 0; j < train.n; j++) accept(i, j);
  return finishRadius(found.ind, reduced, metric, sortResults);
}
