/**
 * The Gaussian-mixture computations of scikit-learn's
 * `sklearn/mixture/_gaussian_mixture.py`, on row-major buffers: the M-step
 * statistics (`_estimate_gaussian_parameters`), precision Cholesky factors,
 * their log-determinants and the per-component Gaussian log-densities, for
 * the four covariance types.
 *
 * Layouts (`K` components, `d` features): `full` covariances/precision
 * factors are `K x d x d`; `tied` one `d x d`; `diag` `K x d`; `spherical` `K`.
 */
import { ValidationError } from '../base/errors.js';
import { choleskyInPlace } from '../linalg/cholesky.js';
import { triangularSolveInPlace } from '../linalg/triangular.js';
import { gemm } from '../tensor/kernels/gemm.js';

/** Covariance structure of a {@link GaussianMixture}. */
export type CovarianceType = 'full' | 'tied' | 'diag' | 'spherical';

const EPS = 2.220446049250313e-16;

/** Buffer length of the covariance (or precision factor) of `k` components in `d` dimensions. */
export function covarianceSize(type: CovarianceType, k: number, d: number): number {
  return type === 'full' ? k * d * d : type === 'tied' ? d * d : type === 'diag' ? k * d : k;
}

/** Weights (unnormalised `nk`), means and covariances from responsibilities (`n x K`). */
export function estimateGaussianParameters(
  x: Float64Array,
  n: number,
  d: number,
  resp: Float64Array,
  k: number,
  regCovar: number,
  type: CovarianceType,
): { nk: Float64Array; means: Float64Array; covariances: Float64Array } {
  const nk = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) nk[c] += resp[i * k + c];
  for (let c = 0; c < k; c++) nk[c] += 10 * EPS;
  const means = new Float64Array(k * d);
  gemm(true, false, k, d, n, 1, resp, k, x, d, 0, means, d);
  for (let c = 0; c < k; c++) for (let f = 0; f < d; f++) means[c * d + f] /= nk[c];
  let cov: Float64Array;
  if (type === 'full') {
    cov = new Float64Array(k * d * d);
    const diff = new Float64Array(n * d);
    const wdiff = new Float64Array(n * d);
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        const r = resp[i * k + c];
        for (let f = 0; f < d; f++) {
          const v = x[i * d + f] - means[c * d + f];
          diff[i * d + f] = v;
          wdiff[i * d + f] = v * r;
        }
      }
      const out = cov.subarray(c * d * d, (c + 1) * d * d);
      gemm(true, false, d, d, n, 1 / nk[c], wdiff, d, diff, d, 0, out, d);
      for (let f = 0; f < d; f++) out[f * d + f] += regCovar;
    }
  } else if (type === 'tied') {
    cov = new Float64Array(d * d);
    gemm(true, false, d, d, n, 1, x, d, x, d, 0, cov, d);
    let total = 0;
    for (let c = 0; c < k; c++) total += nk[c];
    for (let c = 0; c < k; c++) {
      for (let a = 0; a < d; a++) {
        const ma = nk[c] * means[c * d + a];
        for (let b = 0; b < d; b++) cov[a * d + b] -= ma * means[c * d + b];
      }
    }
    for (let j = 0; j < d * d; j++) cov[j] /= total;
    for (let f = 0; f < d; f++) cov[f * d + f] += regCovar;
  } else {
    // diag: E[x²] - 2 E[x] μ + μ² per component, as sklearn (spherical averages it).
    const x2 = new Float64Array(n * d);
    for (let j = 0; j < n * d; j++) x2[j] = x[j] * x[j];
    const avgX2 = new Float64Array(k * d);
    gemm(true, false, k, d, n, 1, resp, k, x2, d, 0, avgX2, d);
    const rx = new Float64Array(k * d);
    gemm(true, false, k, d, n, 1, resp, k, x, d, 0, rx, d);
    const diag = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      for (let f = 0; f < d; f++) {
        const m = means[c * d + f];
        const j = c * d + f;
        diag[j] = avgX2[j] / nk[c] - 2 * ((m * rx[j]) / nk[c]) + m * m + regCovar;
      }
    }
    if (type === 'diag') cov = diag;
    else {
      cov = new Float64Array(k);
      for (let c = 0; c < k; c++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += diag[c * d + f];
        cov[c] = s / d;
      }
    }
  }
  return { nk, means, covariances: cov };
}

const ILL_DEFINED =
  'Fitting the mixture model failed because some components have ill-defined empirical covariance (for instance caused by singleton or collapsed samples). Try to decrease the number of components, or increase regCovar.';

/** `Lᵀ⁻¹`-style precision factor of one `d x d` covariance: `solve_triangular(chol(cov), I, lower).T`. */
function precisionCholOne(cov: Float64Array, d: number, out: Float64Array): void {
  const l = cov.slice();
  if (choleskyInPlace(l, d) !== 0) throw new ValidationError(ILL_DEFINED);
  const inv = new Float64Array(d * d);
  for (let f = 0; f < d; f++) inv[f * d + f] = 1;
  triangularSolveInPlace(l, d, inv, d, true, false, false);
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) out[a * d + b] = inv[b * d + a];
}

/**
 * Cholesky factors of the precision matrices (sklearn's `_compute_precision_cholesky`).
 * Throws a `ValidationError` when a covariance is not positive definite.
 */
export function precisionCholesky(cov: Float64Array, type: CovarianceType, k: number, d: number): Float64Array {
  const out = new Float64Array(cov.length);
  if (type === 'full') {
    for (let c = 0; c < k; c++) {
      precisionCholOne(cov.subarray(c * d * d, (c + 1) * d * d), d, out.subarray(c * d * d, (c + 1) * d * d));
    }
  } else if (type === 'tied') precisionCholOne(cov, d, out);
  else {
    for (let j = 0; j < cov.length; j++) {
      if (!(cov[j] > 0)) throw new ValidationError(ILL_DEFINED);
      out[j] = 1 / Math.sqrt(cov[j]);
    }
  }
  return out;
}

/** Precision-Cholesky factors from given precision matrices (sklearn's handling of `precisions_init`). */
export function precisionCholeskyFromPrecisions(
  prec: Float64Array,
  type: CovarianceType,
  k: number,
  d: number,
): Float64Array {
  if (type === 'diag' || type === 'spherical') return prec.map(Math.sqrt);
  const out = prec.slice();
  const count = type === 'full' ? k : 1;
  for (let c = 0; c < count; c++) {
    const l = out.subarray(c * d * d, (c + 1) * d * d);
    if (choleskyInPlace(l, d) !== 0) throw new ValidationError('precisionsInit must be symmetric positive definite');
  }
  return out;
}

/** Covariances (or precisions) from the precision factors: `(L Lᵀ)⁻¹`-free forms, as sklearn's `precisions_`. */
export function precisionsFromCholesky(pc: Float64Array, type: CovarianceType, k: number, d: number): Float64Array {
  if (type === 'diag' || type === 'spherical') return pc.map((v) => v * v);
  const out = new Float64Array(pc.length);
  const count = type === 'full' ? k : 1;
  for (let c = 0; c < count; c++) {
    const o = c * d * d;
    gemm(
      false,
      true,
      d,
      d,
      d,
      1,
      pc.subarray(o, o + d * d),
      d,
      pc.subarray(o, o + d * d),
      d,
      0,
      out.subarray(o, o + d * d),
      d,
    );
  }
  return out;
}

/**
 * `n x K` log N(x | μ_k, Σ_k) (sklearn's `_estimate_log_gaussian_prob`).
 * @example estimateLogGaussianProb(x, n, d, means, k, precChol, 'full')
 */
export function estimateLogGaussianProb(
  x: Float64Array,
  n: number,
  d: number,
  means: Float64Array,
  k: number,
  pc: Float64Array,
  type: CovarianceType,
): Float64Array {
  const out = new Float64Array(n * k);
  const logDet = new Float64Array(k);
  if (type === 'full' || type === 'tied') {
    const y = new Float64Array(n * d);
    const mu = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      const o = type === 'full' ? c * d * d : 0;
      const p = pc.subarray(o, o + d * d);
      let ld = 0;
      for (let f = 0; f < d; f++) ld += Math.log(p[f * d + f]);
      logDet[c] = ld;
      gemm(false, false, n, d, d, 1, x, d, p, d, 0, y, d);
      gemm(false, false, 1, d, d, 1, means.subarray(c * d, (c + 1) * d), d, p, d, 0, mu, d);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let f = 0; f < d; f++) {
          const v = y[i * d + f] - mu[f];
          s += v * v;
        }
        out[i * k + c] = s;
      }
    }
  } else {
    for (let c = 0; c < k; c++) {
      let ld = 0;
      let base = 0;
      for (let f = 0; f < d; f++) {
        const pf = type === 'diag' ? pc[c * d + f] : pc[c];
        ld += Math.log(pf);
        const prec = pf * pf;
        base += means[c * d + f] * means[c * d + f] * prec;
      }
      logDet[c] = ld;
      for (let i = 0; i < n; i++) {
        let s = base;
        for (let f = 0; f < d; f++) {
          const pf = type === 'diag' ? pc[c * d + f] : pc[c];
          const prec = pf * pf;
          const xv = x[i * d + f];
          s += -2 * xv * means[c * d + f] * prec + xv * xv * prec;
        }
        out[i * k + c] = s;
      }
    }
  }
  const constant = d * Math.log(2 * Math.PI);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) out[i * k + c] = -0.5 * (constant + out[i * k + c]) + logDet[c];
  return out;
}

/**
 * Adds `log w_k`, then returns per-row log-sum-exp and writes the log
 * responsibilities into `a` (n x K) in place.
 */
export function normalizeLogProb(a: Float64Array, n: number, k: number, weights: Float64Array): Float64Array {
  const norm = new Float64Array(n);
  const logW = Float64Array.from(weights, Math.log);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const v = a[i * k + c] + logW[c];
      a[i * k + c] = v;
      if (v > max) max = v;
    }
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(a[i * k + c] - max);
    const lse = Number.isFinite(max) ? max + Math.log(s) : max;
    norm[i] = lse;
    for (let c = 0; c < k; c++) a[i * k + c] -= lse;
  }
  return norm;
}

/** Number of free parameters of the mixture (sklearn's `_n_parameters`). */
export function nParameters(type: CovarianceType, k: number, d: number): number {
  const cov =
    type === 'full' ? (k * d * (d + 1)) / 2 : type === 'diag' ? k * d : type === 'tied' ? (d * (d + 1)) / 2 : k;
  return Math.trunc(cov + d * k + k - 1);
}
