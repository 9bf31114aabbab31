/**
 * Kernels shared by the k-means family (KMeans, MiniBatchKMeans,
 * BisectingKMeans), on row-major `Float64Array`s: scikit-learn's chunked
 * Lloyd E/M step (`lloyd_iter_chunked_dense`), empty-cluster relocation,
 * inertia, the data-scaled tolerance and the "same clustering" test.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import { blockRows, fromRowBlocks, transposeRows } from './kmeans-blocks.js';

/**
 * Squared Euclidean norm of each of the `n` rows (length `d`) of `x`.
 * @example rowSquaredNorms(Float64Array.of(3, 4, 1, 0), 2, 2) // [25, 1]
 */
export function rowSquaredNorms(x: Float64Array, n: number, d: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * d;
    for (let f = 0; f < d; f++) s += x[o + f] * x[o + f];
    out[i] = s;
  }
  return out;
}

/**
 * sklearn's `_tolerance`: `tol` times the mean of the per-feature variances of
 * `x`, so the stopping rule does not depend on the scale of the data.
 * @example kmeansTolerance(Float64Array.of(0, 2), 2, 1, 1e-4) // 1e-4 (variance 1)
 */
export function kmeansTolerance(x: Float64Array, n: number, d: number, tol: number): number {
  if (tol === 0) return 0;
  // Row by row (each column's sums still run over i in order): two passes over X, not 2·d
  // strided ones.
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f];
  for (let f = 0; f < d; f++) mean[f] /= n;
  const v = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const t = x[i * d + f] - mean[f];
      v[f] += t * t;
    }
  }
  return toleranceFromSumSquares(v, n, d, tol);
}

/**
 * {@link kmeansTolerance} from the per-feature sums of squared deviations `ss`.
 * @example toleranceFromSumSquares(Float64Array.of(2), 2, 1, 1e-4) // 1e-4
 */
export function toleranceFromSumSquares(ss: Float64Array, n: number, d: number, tol: number): number {
  if (tol === 0) return 0;
  let total = 0;
  for (let f = 0; f < d; f++) total += ss[f] / n;
  return (total / d) * tol;
}

/** Scratch buffers reused across Lloyd iterations. */
export interface LloydWorkspace {
  /** `k x blockRows(d)`: `-2 c·x` for one block. */
  block: Float64Array;
  centerNorms: Float64Array;
  /** `d x k`: the centres transposed (the GEMM's left operand). */
  centersT: Float64Array;
  /** `d x blockRows(d)`: one block of row-major input, transposed. */
  scratch: Float64Array;
}

/** Allocates the scratch of {@link lloydStep} for `k` clusters (and `d` features; grown on demand). */
export function lloydWorkspace(k: number, d = 0): LloydWorkspace {
  return {
    block: new Float64Array(blockRows(d) * k),
    centerNorms: new Float64Array(k),
    centersT: new Float64Array(d * k),
    scratch: new Float64Array(d * blockRows(d)),
  };
}

/**
 * One Lloyd iteration (sklearn's `lloyd_iter_chunked_dense`). E-step: each row
 * gets the centre minimising `‖c‖² - 2 x·c` (a GEMM per block of `blockRows(d)` rows; the
 * first minimum wins ties). With `update`, M-step: `centersNew` becomes the
 * weighted mean of each cluster (empty clusters relocated to the farthest
 * points, as sklearn), `weightInClusters` the cluster weights and `shift` the
 * distance each centre moved. Returns nothing; writes `labels` (and the rest).
 * `xb`, when given, is `x` in row-block layout (`kmeans-blocks.ts`), which
 * saves transposing every block on every call; `x` may then be `null` (it is
 * rebuilt from `xb` if an empty cluster needs relocating).
 * @example lloydStep(x, n, d, sw, centers, k, centersNew, weights, labels, shift, true, lloydWorkspace(k, d));
 */
export function lloydStep(
  x: Float64Array | null,
  n: number,
  d: number,
  sw: Float64Array,
  centers: Float64Array,
  k: number,
  centersNew: Float64Array,
  weightInClusters: Float64Array,
  labels: Int32Array,
  shift: Float64Array,
  update: boolean,
  ws: LloydWorkspace,
  xb?: Float64Array,
): void {
  if (x === null && xb === undefined) throw new TypeError('lloydStep needs x or xb');
  if (ws.centersT.length < d * k) ws.centersT = new Float64Array(d * k);
  const b = blockRows(d);
  if (ws.block.length < b * k) ws.block = new Float64Array(b * k);
  if (xb === undefined && ws.scratch.length < d * b) ws.scratch = new Float64Array(d * b);
  const { block, centerNorms, centersT, scratch } = ws;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const c = centers[j * d + f];
      s += c * c;
      centersT[f * k + j] = c;
    }
    centerNorms[j] = s;
  }
  if (update) {
    centersNew.fill(0);
    weightInClusters.fill(0);
  }
  for (let r0 = 0; r0 < n; r0 += b) {
    const rows = Math.min(b, n - r0);
    let src: Float64Array;
    let off: number;
    if (xb === undefined) {
      transposeRows(x as Float64Array, r0, rows, d, scratch, 0);
      src = scratch;
      off = 0;
    } else {
      src = xb;
      off = r0 * d;
    }
    // C·blockᵀ (k x rows): the block is a non-transposed operand, copied whole by the GEMM.
    gemm(true, false, k, rows, d, -2, centersT, k, src.subarray(off, off + rows * d), rows, 0, block, rows);
    for (let i = 0; i < rows; i++) {
      let best = 0;
      let min = block[i] + centerNorms[0];
      for (let j = 1; j < k; j++) {
        const v = block[j * rows + i] + centerNorms[j];
        if (v < min) {
          min = v;
          best = j;
        }
      }
      labels[r0 + i] = best;
    }
    if (update) {
      for (let i = 0; i < rows; i++) {
        const label = labels[r0 + i];
        const w = sw[r0 + i];
        weightInClusters[label] += w;
        const co = label * d;
        for (let f = 0, o = off + i; f < d; f++, o += rows) centersNew[co + f] += src[o] * w;
      }
    }
  }
  if (!update) return;
  let empty = false;
  for (let j = 0; j < k; j++) if (weightInClusters[j] === 0) empty = true;
  if (empty) {
    const rows = x ?? fromRowBlocks(xb as Float64Array, n, d);
    relocateEmptyClusters(rows, n, d, sw, centers, k, centersNew, weightInClusters, labels);
  }
  averageCenters(centersNew, k, d, weightInClusters);
  centerShift(centers, centersNew, k, d, shift);
}

/**
 * sklearn's `_relocate_empty_clusters_dense`: each empty cluster takes the
 * point farthest from its current centre (farthest first), moving that
 * point's weighted coordinates out of its old cluster's running sum.
 */
export function relocateEmptyClusters(
  x: Float64Array,
  n: number,
  d: number,
  sw: Float64Array,
  centersOld: Float64Array,
  k: number,
  centersNew: Float64Array,
  weightInClusters: Float64Array,
  labels: Int32Array,
): void {
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (weightInClusters[j] === 0) empty.push(j);
  if (empty.length === 0) return;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    let s = 0;
    for (let f = 0; f < d; f++) {
      const t = x[i * d + f] - centersOld[co + f];
      s += t * t;
    }
    dist[i] = s;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
  for (let e = 0; e < empty.length && e < n; e++) {
    const newId = empty[e];
    const far = order[e];
    const w = sw[far];
    const oldId = labels[far];
    for (let f = 0; f < d; f++) {
      centersNew[oldId * d + f] -= x[far * d + f] * w;
      centersNew[newId * d + f] = x[far * d + f] * w;
    }
    weightInClusters[newId] = w;
    weightInClusters[oldId] -= w;
  }
}

/** Divides each cluster's weighted sum by its weight (clusters of weight 0 are left as they are). */
export function averageCenters(centers: Float64Array, k: number, d: number, weightInClusters: Float64Array): void {
  for (let j = 0; j < k; j++) {
    const w = weightInClusters[j];
    if (w > 0) {
      const alpha = 1 / w;
      for (let f = 0; f < d; f++) centers[j * d + f] *= alpha;
    }
  }
}

/** Euclidean distance each centre moved, into `shift`. */
export function centerShift(old: Float64Array, next: Float64Array, k: number, d: number, shift: Float64Array): void {
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let f = 0; f < d; f++) {
      const t = old[j * d + f] - next[j * d + f];
      s += t * t;
    }
    shift[j] = Math.sqrt(s);
  }
}

/**
 * Weighted sum of squared distances of the rows to their assigned centres
 * (sklearn's `_inertia_dense`).
 * @example kmeansInertia(x, n, d, sw, centers, labels)
 */
export function kmeansInertia(
  x: Float64Array,
  n: number,
  d: number,
  sw: Float64Array,
  centers: Float64Array,
  labels: Int32Array,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const co = labels[i] * d;
    const xo = i * d;
    let s = 0;
    for (let f = 0; f < d; f++) {
      const t = x[xo + f] - centers[co + f];
      s += t * t;
    }
    total += s * sw[i];
  }
  return total;
}

/**
 * Labels (and inertia) of `x` for fixed centres: sklearn's
 * `_labels_inertia`, the E-step alone.
 * @example const { labels, inertia } = assignToCenters(x, n, d, sw, centers, k);
 */
export function assignToCenters(
  x: Float64Array,
  n: number,
  d: number,
  sw: Float64Array,
  centers: Float64Array,
  k: number,
): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(n);
  lloydStep(
    x,
    n,
    d,
    sw,
    centers,
    k,
    centers,
    new Float64Array(k),
    labels,
    new Float64Array(k),
    false,
    lloydWorkspace(k, d),
  );
  return { labels, inertia: kmeansInertia(x, n, d, sw, centers, labels) };
}

/**
 * Whether two labelings are the same partition up to a renaming of the
 * clusters (sklearn's `_is_same_clustering`).
 * @example isSameClustering(Int32Array.of(0, 0, 1), Int32Array.of(1, 1, 0), 2) // true
 */
export function isSameClustering(a: Int32Array, b: Int32Array, k: number): boolean {
  const map = new Int32Array(k).fill(-1);
  for (let i = 0; i < a.length; i++) {
    if (map[a[i]] === -1) map[a[i]] = b[i];
    else if (map[a[i]] !== b[i]) return false;
  }
  return true;
}

/** Number of distinct labels among the `k` possible. */
export function countDistinct(labels: Int32Array, k: number): number {
  const seen = new Uint8Array(k);
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    if (seen[labels[i]] === 0) {
      seen[labels[i]] = 1;
      count++;
    }
  }
  return count;
}

/**
 * Euclidean distance of each of the `n` rows of `x` to each of the `k` centres, `n x k`
 * row-major (KMeans' `transform`).
 * @example centerDistances(Float64Array.of(0, 0), 1, 2, Float64Array.of(3, 4), 1) // Float64Array [5]
 */
export function centerDistances(x: Float64Array, n: number, d: number, centers: Float64Array, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = x[i * d + f] - centers[j * d + f];
        s += t * t;
      }
      out[i * k + j] = Math.sqrt(s);
    }
  }
  return out;
}
