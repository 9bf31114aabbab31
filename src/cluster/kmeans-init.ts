/**
 * Initial centres for k-means: greedy k-means++ exactly as scikit-learn's
 * `_kmeans_plusplus` (`2 + ⌊ln k⌋` candidates per step, sampled in proportion
 * to the squared distance to the nearest chosen centre; the candidate that
 * lowers the total potential most is kept) and `'random'` (k distinct rows).
 */
import { gemm } from '../tensor/kernels/gemm.js';
import type { RandomGenerator } from '../tensor/random.js';
import { blockRows, rowFromBlocks, toRowBlocks } from './kmeans-blocks.js';

/** What {@link kmeansPlusPlus} returns. */
export interface KMeansPlusPlusResult {
  /** `k x d` row-major centres. */
  centers: Float64Array;
  /** Row index in `x` of each centre. */
  indices: Int32Array;
}

/** Scratch of {@link candidateDistances}. */
interface CandidateScratch {
  /** `d x t`: the candidate rows transposed. */
  candT: Float64Array;
  /** `t x blockRows(d)`: `-2 cand·x` for one block. */
  block: Float64Array;
}

/**
 * For the candidate rows `cand` (`t` of them): `dist = max(‖x_c‖² - 2 x_c·x_i + ‖x_i‖², 0)`,
 * block by block. With `closest === null` (the first centre, `t = 1`) `dist` goes to
 * `out[i]`; otherwise `min(dist, closest[i])` goes to `out[c * n + i]` and its sum over
 * `i` to `sums[c]`. Sums run over `i` in order, as a whole-matrix pass would.
 */
function candidateDistances(
  xb: Float64Array,
  n: number,
  d: number,
  norms: Float64Array,
  cand: Int32Array,
  t: number,
  closest: Float64Array | null,
  out: Float64Array,
  sums: Float64Array,
  ws: CandidateScratch,
): void {
  const { candT, block } = ws;
  const b = blockRows(d);
  for (let c = 0; c < t; c++) {
    const r = cand[c];
    const r0 = r - (r % b);
    const rows = Math.min(b, n - r0);
    for (let f = 0, o = r0 * d + (r - r0); f < d; f++, o += rows) candT[f * t + c] = xb[o];
  }
  sums.fill(0, 0, t);
  for (let r0 = 0; r0 < n; r0 += b) {
    const rows = Math.min(b, n - r0);
    if (t === 1) {
      // One candidate: a plain loop beats the GEMM call (same sums: features in order, then × -2).
      block.fill(0, 0, rows);
      for (let f = 0; f < d; f++) {
        const cf = candT[f];
        const o = r0 * d + f * rows;
        for (let i = 0; i < rows; i++) block[i] += cf * xb[o + i];
      }
      for (let i = 0; i < rows; i++) block[i] *= -2;
    } else {
      gemm(true, false, t, rows, d, -2, candT, t, xb.subarray(r0 * d, (r0 + rows) * d), rows, 0, block, rows);
    }
    for (let c = 0; c < t; c++) {
      const nc = norms[cand[c]];
      const o = c * rows;
      if (closest === null) {
        for (let i = 0; i < rows; i++) out[r0 + i] = Math.max(block[o + i] + nc + norms[r0 + i], 0);
        continue;
      }
      const oc = c * n + r0;
      let s = sums[c];
      for (let i = 0; i < rows; i++) {
        // min(max(·, 0), closest) by comparisons (no -0 or NaN can occur here): cheaper than Math.min/max.
        let v = block[o + i] + nc + norms[r0 + i];
        if (v < 0) v = 0;
        const cl = closest[r0 + i];
        if (cl < v) v = cl;
        out[oc + i] = v;
        s += v;
      }
      sums[c] = s;
    }
  }
}

/**
 * Greedy k-means++ seeding (sklearn's `_kmeans_plusplus`). `norms` are the
 * squared row norms of `x`; `nLocalTrials` defaults to `2 + ⌊ln k⌋`.
 * @example
 * const { centers, indices } = kmeansPlusPlus(x, n, d, 3, rowSquaredNorms(x, n, d), checkRandomState(0));
 */
export function kmeansPlusPlus(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  norms: Float64Array,
  rng: RandomGenerator,
  nLocalTrials?: number,
): KMeansPlusPlusResult {
  return kmeansPlusPlusBlocks(toRowBlocks(x, n, d), n, d, k, norms, rng, nLocalTrials);
}

/**
 * {@link kmeansPlusPlus} on data in row-block layout (`kmeans-blocks.ts`); same result.
 * @example
 * const { centers } = kmeansPlusPlusBlocks(toRowBlocks(x, n, d), n, d, 3, norms, checkRandomState(0));
 */
export function kmeansPlusPlusBlocks(
  xb: Float64Array,
  n: number,
  d: number,
  k: number,
  norms: Float64Array,
  rng: RandomGenerator,
  nLocalTrials?: number,
): KMeansPlusPlusResult {
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const indices = new Int32Array(k).fill(-1);
  const ws: CandidateScratch = {
    candT: new Float64Array(d * Math.max(trials, 1)),
    block: new Float64Array(Math.max(trials, 1) * blockRows(d)),
  };
  const sums = new Float64Array(Math.max(trials, 1));
  const first = rng.integers(n);
  rowFromBlocks(xb, n, d, first, centers, 0);
  indices[0] = first;
  const closest = new Float64Array(n);
  const candIds = new Int32Array(Math.max(trials, 1));
  candIds[0] = first;
  candidateDistances(xb, n, d, norms, candIds, 1, null, closest, sums, ws);
  let pot = 0;
  for (let i = 0; i < n; i++) pot += closest[i];
  const cumsum = new Float64Array(n);
  const candDist = new Float64Array(trials * n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    for (let t = 0; t < trials; t++) {
      const r = rng.random() * pot;
      // numpy searchsorted (side 'left'): first index with cumsum >= r, clipped to n - 1.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      candIds[t] = Math.min(lo, n - 1);
    }
    candidateDistances(xb, n, d, norms, candIds, trials, closest, candDist, sums, ws);
    let best = 0;
    let bestPot = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      if (sums[t] < bestPot) {
        bestPot = sums[t];
        best = t;
      }
    }
    pot = bestPot;
    closest.set(candDist.subarray(best * n, best * n + n));
    const id = candIds[best];
    rowFromBlocks(xb, n, d, id, centers, c * d);
    indices[c] = id;
  }
  return { centers, indices };
}

/**
 * `k` distinct rows of `x` chosen uniformly (sklearn's `init='random'`).
 * @example randomCenters(x, n, d, 3, checkRandomState(0))
 */
export function randomCenters(x: Float64Array, n: number, d: number, k: number, rng: RandomGenerator): Float64Array {
  const perm = rng.permutation(n);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) centers.set(x.subarray(perm[c] * d, perm[c] * d + d), c * d);
  return centers;
}

/**
 * {@link randomCenters} on data in row-block layout (`kmeans-blocks.ts`); same draws, same centres.
 * @example randomCentersBlocks(toRowBlocks(x, n, d), n, d, 3, checkRandomState(0))
 */
export function randomCentersBlocks(
  xb: Float64Array,
  n: number,
  d: number,
  k: number,
  rng: RandomGenerator,
): Float64Array {
  const perm = rng.permutation(n);
  const centers = new Float64Array(k * d);
  for (let c = 0; c < k; c++) rowFromBlocks(xb, n, d, perm[c], centers, c * d);
  return centers;
}
