/**
 * The numerical core of non-negative matrix factorisation (scikit-learn's
 * `sklearn/decomposition/_nmf.py`): NNDSVD and random initialisation,
 * the beta-divergence, the coordinate-descent solver (Cichocki & Phan 2009)
 * and the multiplicative-update solver (Lee & Seung 2001, Févotte & Idier
 * 2011). All matrices are dense row-major `Float64Array`s: `X` is `n x d`,
 * `W` is `n x k`, `H` is `k x d`.
 */
import { gemm } from '../tensor/kernels/gemm.js';
import type { RandomGenerator } from '../tensor/random.js';
import { denseOperator, randomizedSvd } from './randomized-svd.js';

/** Machine epsilon of float32, sklearn's `EPSILON` in `_nmf.py`. */
export const EPSILON = 2 ** -23;
const EPS64 = 2 ** -52;

/** NMF initialisation schemes. */
export type NMFInit = 'random' | 'nndsvd' | 'nndsvda' | 'nndsvdar';

function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Initial `W` and `H` (sklearn's `_initialize_nmf`). NNDSVD variants use the
 * randomized SVD (sklearn's defaults: 10 oversamples, `'auto'` power
 * iterations), which is exact when `k + 10 >= min(n, d)`.
 * @example const { W, H } = initializeNmf(x, 150, 4, 2, 'nndsvda', rng);
 */
export function initializeNmf(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  init: NMFInit,
  rng: RandomGenerator,
  eps = 1e-6,
): { W: Float64Array; H: Float64Array } {
  const W = new Float64Array(n * k);
  const H = new Float64Array(k * d);
  if (init === 'random') {
    const avg = Math.sqrt(mean(x) / k);
    // sklearn draws H first, then W.
    for (let i = 0; i < H.length; i++) H[i] = Math.abs(avg * rng.normal());
    for (let i = 0; i < W.length; i++) W[i] = Math.abs(avg * rng.normal());
    return { W, H };
  }
  const { u, s, vt } = randomizedSvd(denseOperator(x, n, d), k, rng, { flipSign: true });
  const xp = new Float64Array(n);
  const xn = new Float64Array(n);
  const yp = new Float64Array(d);
  const yn = new Float64Array(d);
  for (let j = 0; j < k; j++) {
    if (j === 0) {
      const r = Math.sqrt(s[0]);
      for (let i = 0; i < n; i++) W[i * k] = r * Math.abs(u[i * k]);
      for (let f = 0; f < d; f++) H[f] = r * Math.abs(vt[f]);
      continue;
    }
    let xpn = 0;
    let xnn = 0;
    let ypn = 0;
    let ynn = 0;
    for (let i = 0; i < n; i++) {
      const v = u[i * k + j];
      xp[i] = Math.max(v, 0);
      xn[i] = Math.abs(Math.min(v, 0));
      xpn += xp[i] * xp[i];
      xnn += xn[i] * xn[i];
    }
    for (let f = 0; f < d; f++) {
      const v = vt[j * d + f];
      yp[f] = Math.max(v, 0);
      yn[f] = Math.abs(Math.min(v, 0));
      ypn += yp[f] * yp[f];
      ynn += yn[f] * yn[f];
    }
    xpn = Math.sqrt(xpn);
    xnn = Math.sqrt(xnn);
    ypn = Math.sqrt(ypn);
    ynn = Math.sqrt(ynn);
    const mp = xpn * ypn;
    const mn = xnn * ynn;
    const positive = mp > mn;
    const sigma = positive ? mp : mn;
    const lbd = Math.sqrt(s[j] * sigma);
    const uu = positive ? xp : xn;
    const un = positive ? xpn : xnn;
    const vv = positive ? yp : yn;
    const vn = positive ? ypn : ynn;
    for (let i = 0; i < n; i++) W[i * k + j] = (lbd * uu[i]) / un;
    for (let f = 0; f < d; f++) H[j * d + f] = (lbd * vv[f]) / vn;
  }
  for (let i = 0; i < W.length; i++) if (W[i] < eps) W[i] = 0;
  for (let i = 0; i < H.length; i++) if (H[i] < eps) H[i] = 0;
  if (init === 'nndsvda') {
    const avg = mean(x);
    for (let i = 0; i < W.length; i++) if (W[i] === 0) W[i] = avg;
    for (let i = 0; i < H.length; i++) if (H[i] === 0) H[i] = avg;
  } else if (init === 'nndsvdar') {
    const avg = mean(x);
    for (let i = 0; i < W.length; i++) if (W[i] === 0) W[i] = Math.abs((avg * rng.normal()) / 100);
    for (let i = 0; i < H.length; i++) if (H[i] === 0) H[i] = Math.abs((avg * rng.normal()) / 100);
  }
  return { W, H };
}

/** `W H`, `n x d` (row-major). */
export function product(W: Float64Array, H: Float64Array, n: number, d: number, k: number): Float64Array {
  const wh = new Float64Array(n * d);
  gemm(false, false, n, d, k, 1, W, k, H, d, 0, wh, d);
  return wh;
}

/**
 * The beta-divergence between `X` and `WH` (sklearn's `_beta_divergence`);
 * with `squareRoot`, `sqrt(2 · divergence)` (the Frobenius norm for beta = 2).
 * @example betaDivergence(x, W, H, n, d, k, 2, true) // ‖X - WH‖_F
 */
export function betaDivergence(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  n: number,
  d: number,
  k: number,
  beta: number,
  squareRoot: boolean,
): number {
  const wh = product(W, H, n, d, k);
  let res = 0;
  if (beta === 2) {
    for (let i = 0; i < x.length; i++) res += (x[i] - wh[i]) ** 2;
    res /= 2;
    return squareRoot ? Math.sqrt(2 * res) : res;
  }
  if (beta === 1) {
    // sum(WH) over all entries, then the terms on the entries where X > EPSILON.
    let sumWH = 0;
    for (let i = 0; i < wh.length; i++) sumWH += wh[i];
    let sumX = 0;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] > EPSILON)) continue;
      const v = wh[i] === 0 ? EPSILON : wh[i];
      res += x[i] * Math.log(x[i] / v);
      sumX += x[i];
    }
    res += sumWH - sumX;
  } else if (beta === 0) {
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] > EPSILON)) continue;
      const div = x[i] / (wh[i] === 0 ? EPSILON : wh[i]);
      res += div - Math.log(div);
    }
    res -= n * d;
  } else {
    let sumWHBeta = 0;
    for (let i = 0; i < wh.length; i++) sumWHBeta += wh[i] ** beta;
    let sumXWH = 0;
    let sumXBeta = 0;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] > EPSILON)) continue;
      const v = wh[i] === 0 ? EPSILON : wh[i];
      sumXWH += x[i] * v ** (beta - 1);
      sumXBeta += x[i] ** beta;
    }
    res = (sumXBeta - beta * sumXWH + sumWHBeta * (beta - 1)) / (beta * (beta - 1));
  }
  return squareRoot ? Math.sqrt(2 * Math.max(res, 0)) : res;
}

/**
 * One coordinate-descent sweep over the columns of `W` (`n x k`) for
 * `min ‖X - W Hᵀ‖` given `HHt = HᵀH (+ l2 I)` and `XHt = X H (- l1)`
 * (sklearn's `_update_cdnmf_fast`). Returns the projected-gradient violation.
 */
function cdSweep(
  W: Float64Array,
  HHt: Float64Array,
  XHt: Float64Array,
  n: number,
  k: number,
  perm: Int32Array,
): number {
  let violation = 0;
  for (let s = 0; s < k; s++) {
    const t = perm[s];
    const hess = HHt[t * k + t];
    for (let i = 0; i < n; i++) {
      let grad = -XHt[i * k + t];
      for (let r = 0; r < k; r++) grad += HHt[t * k + r] * W[i * k + r];
      const w = W[i * k + t];
      const pg = w === 0 ? Math.min(0, grad) : grad;
      violation += Math.abs(pg);
      if (hess !== 0) W[i * k + t] = Math.max(w - grad / hess, 0);
    }
  }
  return violation;
}

/**
 * Updates `W` (`n x k`) against `Ht` (`d x k`) for `X` (`n x d`, row-major
 * with stride `d`; `xT` reads it transposed). sklearn's `_update_coordinate_descent`.
 */
function cdUpdate(
  x: Float64Array,
  xT: boolean,
  W: Float64Array,
  Ht: Float64Array,
  n: number,
  d: number,
  k: number,
  l1: number,
  l2: number,
  perm: Int32Array,
): number {
  const HHt = new Float64Array(k * k);
  gemm(true, false, k, k, d, 1, Ht, k, Ht, k, 0, HHt, k);
  const XHt = new Float64Array(n * k);
  // X is stored n x d (xT false) or d x n (xT true: the caller's X is the transpose).
  gemm(xT, false, n, k, d, 1, x, xT ? n : d, Ht, k, 0, XHt, k);
  if (l2 !== 0) for (let c = 0; c < k; c++) HHt[c * k + c] += l2;
  if (l1 !== 0) for (let i = 0; i < XHt.length; i++) XHt[i] -= l1;
  return cdSweep(W, HHt, XHt, n, k, perm);
}

/** Regularisation strengths, already scaled by the matrix sizes (sklearn's `_compute_regularization`). */
export interface NMFRegularization {
  l1W: number;
  l1H: number;
  l2W: number;
  l2H: number;
}

/** Options shared by the solvers. */
export interface NMFSolverOptions {
  tol: number;
  maxIter: number;
  updateH: boolean;
  reg: NMFRegularization;
  /** Shuffle the coordinate order each sweep (cd only) with this generator. */
  shuffle?: RandomGenerator | null;
  /** Checked between iterations; throws to abort. */
  onIteration?: () => void;
}

/**
 * Coordinate-descent NMF (Frobenius loss), updating `W` and `H` in place;
 * returns the number of iterations (sklearn's `_fit_coordinate_descent`).
 * @example const nIter = fitCoordinateDescent(x, W, H, n, d, k, { tol: 1e-4, maxIter: 200, updateH: true, reg });
 */
export function fitCoordinateDescent(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  n: number,
  d: number,
  k: number,
  opts: NMFSolverOptions,
): number {
  const Ht = new Float64Array(d * k);
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) Ht[f * k + c] = H[c * d + f];
  const { reg } = opts;
  let violationInit = 0;
  let nIter = 0;
  const perm = Int32Array.from({ length: k }, (_, i) => i);
  const order = () => (opts.shuffle ? opts.shuffle.permutation(k) : perm);
  for (nIter = 1; nIter <= opts.maxIter; nIter++) {
    opts.onIteration?.();
    let violation = cdUpdate(x, false, W, Ht, n, d, k, reg.l1W, reg.l2W, order());
    if (opts.updateH) violation += cdUpdate(x, true, Ht, W, d, n, k, reg.l1H, reg.l2H, order());
    if (nIter === 1) violationInit = violation;
    if (violationInit === 0) break;
    if (violation / violationInit <= opts.tol) break;
  }
  if (nIter > opts.maxIter) nIter = opts.maxIter;
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) H[c * d + f] = Ht[f * k + c];
  return nIter;
}

/** One multiplicative update of `W` in place (sklearn's `_multiplicative_update_w`). */
export function muUpdateW(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  n: number,
  d: number,
  k: number,
  beta: number,
  l1: number,
  l2: number,
  gamma: number,
): void {
  const num = new Float64Array(n * k);
  let den: Float64Array;
  if (beta === 2) {
    gemm(false, true, n, k, d, 1, x, d, H, d, 0, num, k);
    const HHt = new Float64Array(k * k);
    gemm(false, true, k, k, d, 1, H, d, H, d, 0, HHt, k);
    den = new Float64Array(n * k);
    gemm(false, false, n, k, k, 1, W, k, HHt, k, 0, den, k);
  } else {
    const wh = product(W, H, n, d, k);
    const ratio = ratioTerm(x, wh, beta);
    gemm(false, true, n, k, d, 1, ratio, d, H, d, 0, num, k);
    den = new Float64Array(n * k);
    if (beta === 1) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += H[c * d + f];
        for (let i = 0; i < n; i++) den[i * k + c] = s;
      }
    } else {
      powerTerm(wh, beta);
      gemm(false, true, n, k, d, 1, wh, d, H, d, 0, den, k);
    }
  }
  applyUpdate(W, num, den, l1, l2, gamma);
}

function muUpdateH(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  n: number,
  d: number,
  k: number,
  beta: number,
  l1: number,
  l2: number,
  gamma: number,
): void {
  const num = new Float64Array(k * d);
  const den = new Float64Array(k * d);
  if (beta === 2) {
    gemm(true, false, k, d, n, 1, W, k, x, d, 0, num, d);
    const WtW = new Float64Array(k * k);
    gemm(true, false, k, k, n, 1, W, k, W, k, 0, WtW, k);
    gemm(false, false, k, d, k, 1, WtW, k, H, d, 0, den, d);
  } else {
    const wh = product(W, H, n, d, k);
    const ratio = ratioTerm(x, wh, beta);
    gemm(true, false, k, d, n, 1, W, k, ratio, d, 0, num, d);
    if (beta === 1) {
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += W[i * k + c];
        if (s === 0) s = 1;
        for (let f = 0; f < d; f++) den[c * d + f] = s;
      }
    } else {
      powerTerm(wh, beta);
      gemm(true, false, k, d, n, 1, W, k, wh, d, 0, den, d);
    }
  }
  applyUpdate(H, num, den, l1, l2, gamma);
}

/** `X ⊙ (WH)^(beta - 2)` with sklearn's zero guards; `wh` is left unchanged. */
export function ratioTerm(x: Float64Array, wh: Float64Array, beta: number): Float64Array {
  const out = new Float64Array(wh.length);
  for (let i = 0; i < wh.length; i++) {
    let v = wh[i];
    if (beta < 2 && v === 0) v = EPSILON;
    if (beta === 1) out[i] = x[i] / v;
    else if (beta === 0) out[i] = x[i] / (v * v);
    else out[i] = v ** (beta - 2) * x[i];
  }
  return out;
}

/** `(WH)^(beta - 1)` in place, zeros guarded when the exponent is negative. */
export function powerTerm(wh: Float64Array, beta: number): void {
  for (let i = 0; i < wh.length; i++) {
    let v = wh[i];
    if (beta < 1 && v === 0) v = EPSILON;
    wh[i] = v ** (beta - 1);
  }
}

function applyUpdate(
  M: Float64Array,
  num: Float64Array,
  den: Float64Array,
  l1: number,
  l2: number,
  gamma: number,
): void {
  for (let i = 0; i < M.length; i++) {
    let dv = den[i];
    if (l1 > 0) dv += l1;
    if (l2 > 0) dv += l2 * M[i];
    if (dv === 0) dv = EPSILON;
    let delta = num[i] / dv;
    if (gamma !== 1) delta **= gamma;
    M[i] *= delta;
  }
}

/**
 * Multiplicative-update NMF for any beta-divergence, updating `W` and `H` in
 * place; returns the number of iterations (sklearn's `_fit_multiplicative_update`:
 * the error is checked every 10 iterations).
 * @example const nIter = fitMultiplicativeUpdate(x, W, H, n, d, k, 1, { tol: 1e-4, maxIter: 200, updateH: true, reg });
 */
export function fitMultiplicativeUpdate(
  x: Float64Array,
  W: Float64Array,
  H: Float64Array,
  n: number,
  d: number,
  k: number,
  beta: number,
  opts: NMFSolverOptions,
): number {
  const gamma = beta < 1 ? 1 / (2 - beta) : beta > 2 ? 1 / (beta - 1) : 1;
  const { reg } = opts;
  const errorAtInit = betaDivergence(x, W, H, n, d, k, beta, true);
  let previous = errorAtInit;
  let nIter = 0;
  for (nIter = 1; nIter <= opts.maxIter; nIter++) {
    opts.onIteration?.();
    muUpdateW(x, W, H, n, d, k, beta, reg.l1W, reg.l2W, gamma);
    if (beta < 1) for (let i = 0; i < W.length; i++) if (W[i] < EPS64) W[i] = 0;
    if (opts.updateH) {
      muUpdateH(x, W, H, n, d, k, beta, reg.l1H, reg.l2H, gamma);
      if (beta <= 1) for (let i = 0; i < H.length; i++) if (H[i] < EPS64) H[i] = 0;
    }
    if (opts.tol > 0 && nIter % 10 === 0) {
      const error = betaDivergence(x, W, H, n, d, k, beta, true);
      if ((previous - error) / errorAtInit < opts.tol) break;
      previous = error;
    }
  }
  return Math.min(nIter, opts.maxIter);
}
