/**
 * Initial centres for k-means: greedy k-means++ exactly as scikit-learn's
 * `_kmeans_plusplus` (`2 + ⌊ln k⌋` candidates per step, sampled in proportion
 * to the squared distance to the nearest chosen centre; the candidate that
 * lowers the total potential most is kept) and `'random'` (k distinct rows).
 */
import { gemm } from '../tensor/kernels/gemm.js';
import type { RandomGenerator } from '../tensor/random.js';

/** What {@link kmeansPlusPlus} returns. */
export interface KMeansPlusPlusResult {
  /** `k x d` row-major centres. */
  centers: Float64Array;
  /** Row index in `x` of each centre. */
  indices: Int32Array;
}

/** `out[c * n + i] = max(‖x_cand_c‖² - 2 x_cand_c·x_i + ‖x_i‖², 0)` for the candidate rows. */
function squaredDistancesToAll(
  x: Float64Array,
  n: number,
  d: number,
  norms: Float64Array,
  candidates: ArrayLike<number>,
  out: Float64Array,
): void {
  const t = candidates.length;
  const cand = new Float64Array(t * d);
  for (let c = 0; c < t; c++) cand.set(x.subarray(candidates[c] * d, candidates[c] * d + d), c * d);
  gemm(false, true, t, n, d, -2, cand, d, x, d, 0, out, n);
  for (let c = 0; c < t; c++) {
    const nc = norms[candidates[c]];
    const o = c * n;
    for (let i = 0; i < n; i++) {
      const v = out[o + i] + nc + norms[i];
      out[o + i] = Math.max(v, 0);
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
  const trials = nLocalTrials ?? 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const indices = new Int32Array(k).fill(-1);
  const first = rng.integers(n);
  centers.set(x.subarray(first * d, first * d + d), 0);
  indices[0] = first;
  let closest = new Float64Array(n);
  squaredDistancesToAll(x, n, d, norms, [first], closest);
  let pot = 0;
  for (let i = 0; i < n; i++) pot += closest[i];
  const cumsum = new Float64Array(n);
  const candDist = new Float64Array(trials * n);
  const candIds = new Int32Array(trials);
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
    squaredDistancesToAll(x, n, d, norms, candIds, candDist);
    let best = 0;
    let bestPot = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      const o = t * n;
      let s = 0;
      for (let i = 0; i < n; i++) {
        const v = Math.min(candDist[o + i], closest[i]);
        candDist[o + i] = v;
        s += v;
      }
      if (s < bestPot) {
        bestPot = s;
        best = t;
      }
    }
    pot = bestPot;
    closest = candDist.slice(best * n, best * n + n);
    const id = candIds[best];
    centers.set(x.subarray(id * d, id * d + d), c * d);
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
