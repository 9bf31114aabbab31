/**
 * Efficient leave-one-out cross-validation of ridge regression over a grid of
 * alphas (sklearn's `_RidgeGCV`): one decomposition of the centred, √w-scaled
 * X — thin SVD of `[X, √w]` when `m > n` (`'svd'`), eigendecomposition of the
 * Gram `XXᵀ + √w√wᵀ` otherwise (`'eigen'`) — then for each alpha the LOO
 * residuals `c / diag(G⁻¹)` in closed form. The intercept direction is left
 * unpenalised, exactly as sklearn does.
 */
import { eighInPlace } from '../linalg/eigh.js';
import { svdInPlace } from '../linalg/svd.js';
import { gemm } from '../tensor/kernels/gemm.js';

/** How `_RidgeGCV` decomposes X. */
export type GcvMode = 'auto' | 'svd' | 'eigen';

/** Result of {@link ridgeGcv}. */
export interface RidgeGcvResult {
  /** Best alpha per target (all equal unless `alphaPerTarget`). */
  alpha: Float64Array;
  /** Best score (negative mean squared LOO error), per target with `alphaPerTarget`. */
  bestScore: Float64Array;
  /** Coefficients `t × n` row-major in the centred problem. */
  coef: Float64Array;
  /** Mean squared LOO error for each alpha (averaged over targets). */
  looMse: Float64Array;
}

/** Index of the column of `q` (`m × k`) with the largest |cosine| to `v` (sklearn's `_find_smallest_angle`). */
function smallestAngle(v: Float64Array, q: Float64Array, m: number, k: number): number {
  let best = 0;
  let bestVal = -1;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += v[i] * q[i * k + c];
    if (Math.abs(s) > bestVal) {
      bestVal = Math.abs(s);
      best = c;
    }
  }
  return best;
}

/**
 * LOO-GCV over `alphas` for centred, √w-scaled `x` (`m × n`) and `y` (`m × t`).
 * @param sqrtSw - √sampleWeight (ones without weights); it is the intercept direction.
 * @example ridgeGcv(x, m, n, y, 1, Float64Array.of(0.1, 1, 10), sqrtSw, true, 'auto', false).alpha
 */
export function ridgeGcv(
  x: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  t: number,
  alphas: ArrayLike<number>,
  sqrtSw: Float64Array,
  fitIntercept: boolean,
  mode: GcvMode,
  alphaPerTarget: boolean,
): RidgeGcvResult {
  const useSvd = mode === 'svd' || (mode === 'auto' && m > n);
  let q: Float64Array;
  let k: number;
  let spectrum: Float64Array;
  if (useSvd) {
    const cols = fitIntercept ? n + 1 : n;
    const a = new Float64Array(m * cols);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) a[i * cols + j] = x[i * n + j];
      if (fitIntercept) a[i * cols + n] = sqrtSw[i];
    }
    const r = svdInPlace(a, m, cols, true, false);
    k = Math.min(m, cols);
    q = r.u as Float64Array;
    spectrum = r.s.map((s) => s * s);
  } else {
    const g = new Float64Array(m * m);
    gemm(false, true, m, m, n, 1, x, n, x, n, 0, g, m);
    if (fitIntercept) for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) g[i * m + j] += sqrtSw[i] * sqrtSw[j];
    const r = eighInPlace(g, m, true);
    k = m;
    q = r.v as Float64Array;
    spectrum = r.w;
  }
  let interceptDim = -1;
  if (fitIntercept) {
    let norm = 0;
    for (let i = 0; i < m; i++) norm += sqrtSw[i] * sqrtSw[i];
    norm = Math.sqrt(norm);
    interceptDim = smallestAngle(
      sqrtSw.map((v) => v / norm),
      q,
      m,
      k,
    );
  }
  const qty = new Float64Array(k * t);
  gemm(true, false, k, t, m, 1, q, k, y, t, 0, qty, t);

  const nAlphas = alphas.length;
  const looMse = new Float64Array(nAlphas);
  const bestScore = new Float64Array(t).fill(Number.NEGATIVE_INFINITY);
  const bestAlpha = new Float64Array(t);
  const bestC = new Float64Array(m * t);
  const w = new Float64Array(k);
  const wq = new Float64Array(k * t);
  const c = new Float64Array(m * t);
  const gInv = new Float64Array(m);
  const perTarget = new Float64Array(t);
  for (let a = 0; a < nAlphas; a++) {
    const alpha = alphas[a];
    // svd: G⁻¹ = U diag(1/(s²+α) − 1/α) Uᵀ + I/α; eigen: G⁻¹ = Q diag(1/(λ+α)) Qᵀ.
    const shift = useSvd ? 1 / alpha : 0;
    for (let j = 0; j < k; j++) w[j] = 1 / (spectrum[j] + alpha) - shift;
    if (interceptDim >= 0) w[interceptDim] = -shift;
    for (let j = 0; j < k; j++) for (let s = 0; s < t; s++) wq[j * t + s] = w[j] * qty[j * t + s];
    gemm(false, false, m, t, k, 1, q, k, wq, t, 0, c, t);
    for (let i = 0; i < m; i++) {
      let g = shift;
      for (let j = 0; j < k; j++) g += q[i * k + j] * q[i * k + j] * w[j];
      gInv[i] = g;
      for (let s = 0; s < t; s++) c[i * t + s] += shift * y[i * t + s];
    }
    perTarget.fill(0);
    let total = 0;
    for (let i = 0; i < m; i++) {
      for (let s = 0; s < t; s++) {
        const e = c[i * t + s] / gInv[i];
        perTarget[s] += e * e;
        total += e * e;
      }
    }
    looMse[a] = total / (m * t);
    if (alphaPerTarget && t > 1) {
      for (let s = 0; s < t; s++) {
        const score = -perTarget[s] / m;
        if (score > bestScore[s]) {
          bestScore[s] = score;
          bestAlpha[s] = alpha;
          for (let i = 0; i < m; i++) bestC[i * t + s] = c[i * t + s];
        }
      }
    } else if (-looMse[a] > bestScore[0]) {
      bestScore.fill(-looMse[a]);
      bestAlpha.fill(alpha);
      bestC.set(c);
    }
  }
  // coef (t × n) = cᵀ X
  const coef = new Float64Array(t * n);
  gemm(true, false, t, n, m, 1, bestC, t, x, n, 0, coef, n);
  return {
    alpha: bestAlpha,
    bestScore: alphaPerTarget && t > 1 ? bestScore : bestScore.subarray(0, 1).slice(),
    coef,
    looMse,
  };
}
