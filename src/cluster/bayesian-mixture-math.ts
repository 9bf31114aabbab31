/**
 * The variational updates of scikit-learn 1.2's `BayesianGaussianMixture`
 * (`sklearn/mixture/_bayesian_mixture.py`), operation for operation, as pure
 * functions on row-major buffers: priors, the M-step (Dirichlet / Gaussian /
 * Wishart posteriors), expected log weights, weighted log probabilities and
 * the evidence lower bound.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';
import type { NestedNumbers } from './gaussian-mixture.js';
import {
  type CovarianceType,
  estimateGaussianParameters,
  estimateLogGaussianProb,
  precisionCholesky,
} from './gmm-math.js';
import { betaln, digamma, gammaln } from './special-functions.js';

/** Number of components, covariance type, `regCovar` and weight prior kind of a mixture. */
export interface MixtureShape {
  k: number;
  type: CovarianceType;
  regCovar: number;
  /** Dirichlet-process (stick-breaking) weight prior, else Dirichlet distribution. */
  dp: boolean;
}

/** The prior options (`null` = from the data, as sklearn). */
export interface PriorOptions {
  nComponents: number;
  covarianceType: CovarianceType;
  weightConcentrationPrior: number | null;
  meanPrecisionPrior: number | null;
  meanPrior: NestedNumbers | null;
  degreesOfFreedomPrior: number | null;
  covariancePrior: NestedNumbers | null;
}

/** The variational parameters (sklearn's `_get_parameters`). */
export interface Posterior {
  /** Dirichlet process: `[a_0..a_K-1, b_0..b_K-1]`; Dirichlet distribution: `K` values. */
  weightConcentration: Float64Array;
  meanPrecision: Float64Array;
  means: Float64Array;
  /** `K` values (one for tied). */
  dof: Float64Array;
  covariances: Float64Array;
  precChol: Float64Array;
}

/** The resolved priors (sklearn's trailing-underscore attributes). */
export interface Priors {
  weight: number;
  meanPrecision: number;
  mean: Float64Array;
  dof: number;
  covariance: Float64Array;
}

export function flatten(v: NestedNumbers, name: string, length: number): Float64Array {
  const out: number[] = [];
  const walk = (u: unknown) => {
    if (typeof u === 'number') out.push(u);
    else if (u instanceof Tensor) for (let i = 0; i < u.size; i++) out.push(Number(u.data[i]));
    else for (const w of Array.from(u as ArrayLike<unknown>)) walk(w);
  };
  walk(v);
  if (out.length !== length || out.some((x) => !Number.isFinite(x))) {
    throw new ValidationError(`${name} must hold ${length} finite numbers, got ${out.length}`, { param: name });
  }
  return Float64Array.from(out);
}

/** `sum_f log L_ff` per component (sklearn's `_compute_log_det_cholesky`). */
function logDetCholesky(pc: Float64Array, type: CovarianceType, k: number, d: number): Float64Array {
  if (type === 'full' || type === 'tied') {
    const count = type === 'full' ? k : 1;
    const out = new Float64Array(count);
    for (let c = 0; c < count; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += Math.log(pc[c * d * d + f * d + f]);
      out[c] = s;
    }
    return out;
  }
  if (type === 'diag') {
    const out = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += Math.log(pc[c * d + f]);
      out[c] = s;
    }
    return out;
  }
  return pc.map((v) => d * Math.log(v));
}

/** sklearn's `_log_wishart_norm` for one degrees-of-freedom value. */
function logWishartNorm(dof: number, logDet: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) s += gammaln(0.5 * (dof - f));
  return -(dof * logDet + dof * d * 0.5 * Math.LN2 + s);
}

/** sklearn's `_check_parameters`: the priors, from the options or the data. */
export function resolvePriors(x: Float64Array, n: number, d: number, p: PriorOptions): Priors {
  const type = p.covarianceType;
  const colMean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) colMean[f] += x[i * d + f];
  for (let f = 0; f < d; f++) colMean[f] /= n;
  const mean = p.meanPrior === null ? colMean : flatten(p.meanPrior, 'meanPrior', d);
  const dof = p.degreesOfFreedomPrior ?? d;
  if (!(dof > d - 1)) {
    throw new ValidationError(
      `The parameter 'degreesOfFreedomPrior' should be greater than ${d - 1}, but got ${dof}.`,
      { param: 'degreesOfFreedomPrior', got: dof },
    );
  }
  let covariance: Float64Array;
  if (p.covariancePrior === null) {
    // np.cov(X.T) / np.var(X, ddof=1).
    const cov = new Float64Array(d * d);
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < d; a++) {
        const va = x[i * d + a] - colMean[a];
        for (let b = 0; b < d; b++) cov[a * d + b] += va * (x[i * d + b] - colMean[b]);
      }
    }
    for (let t = 0; t < d * d; t++) cov[t] /= n - 1;
    if (type === 'full' || type === 'tied') covariance = cov;
    else {
      const v = new Float64Array(d);
      for (let f = 0; f < d; f++) v[f] = cov[f * d + f];
      if (type === 'diag') covariance = v;
      else {
        let s = 0;
        for (const t of v) s += t;
        covariance = Float64Array.of(s / d);
      }
    }
  } else {
    const size = type === 'full' || type === 'tied' ? d * d : type === 'diag' ? d : 1;
    covariance = flatten(p.covariancePrior, 'covariancePrior', size);
    if (type !== 'full' && type !== 'tied' && covariance.some((v) => !(v > 0))) {
      throw new ValidationError(`'${type}' covariancePrior should be positive`, { param: 'covariancePrior' });
    }
  }
  return {
    weight: p.weightConcentrationPrior ?? 1 / p.nComponents,
    meanPrecision: p.meanPrecisionPrior ?? 1,
    mean,
    dof,
    covariance,
  };
}

/** sklearn's `_m_step` / `_initialize` from responsibilities `resp` (`n x K`). */
export function variationalMStep(
  x: Float64Array,
  n: number,
  d: number,
  resp: Float64Array,
  pr: Priors,
  m: MixtureShape,
): Posterior {
  const { k, regCovar, type, dp } = m;
  const { nk, means: xk, covariances: sk } = estimateGaussianParameters(x, n, d, resp, k, regCovar, type);
  let weightConcentration: Float64Array;
  if (dp) {
    weightConcentration = new Float64Array(2 * k);
    let tail = 0;
    for (let c = k - 1; c >= 0; c--) {
      weightConcentration[c] = 1 + nk[c];
      weightConcentration[k + c] = pr.weight + tail;
      tail += nk[c];
    }
  } else weightConcentration = nk.map((v) => pr.weight + v);
  const meanPrecision = nk.map((v) => pr.meanPrecision + v);
  const means = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    for (let f = 0; f < d; f++) {
      means[c * d + f] = (pr.meanPrecision * pr.mean[f] + nk[c] * xk[c * d + f]) / meanPrecision[c];
    }
  }
  let dof: Float64Array;
  let cov: Float64Array;
  const mpp = pr.meanPrecision;
  if (type === 'full') {
    dof = nk.map((v) => pr.dof + v);
    cov = new Float64Array(k * d * d);
    const diff = new Float64Array(d);
    for (let c = 0; c < k; c++) {
      for (let f = 0; f < d; f++) diff[f] = xk[c * d + f] - pr.mean[f];
      const w = (nk[c] * mpp) / meanPrecision[c];
      for (let a = 0; a < d; a++) {
        for (let b = 0; b < d; b++) {
          const t = c * d * d + a * d + b;
          cov[t] = (pr.covariance[a * d + b] + nk[c] * sk[t] + w * (diff[a] * diff[b])) / dof[c];
        }
      }
    }
  } else if (type === 'tied') {
    let nkSum = 0;
    for (const v of nk) nkSum += v;
    dof = Float64Array.of(pr.dof + nkSum / k);
    const m = new Float64Array(d * d);
    for (let c = 0; c < k; c++) {
      const w = nk[c] / meanPrecision[c];
      for (let a = 0; a < d; a++) {
        const da = w * (xk[c * d + a] - pr.mean[a]);
        for (let b = 0; b < d; b++) m[a * d + b] += da * (xk[c * d + b] - pr.mean[b]);
      }
    }
    cov = new Float64Array(d * d);
    for (let t = 0; t < d * d; t++) cov[t] = (pr.covariance[t] + (sk[t] * nkSum) / k + (mpp / k) * m[t]) / dof[0];
  } else if (type === 'diag') {
    dof = nk.map((v) => pr.dof + v);
    cov = new Float64Array(k * d);
    for (let c = 0; c < k; c++) {
      const r = mpp / meanPrecision[c];
      for (let f = 0; f < d; f++) {
        const diff = xk[c * d + f] - pr.mean[f];
        cov[c * d + f] = (pr.covariance[f] + nk[c] * (sk[c * d + f] + r * (diff * diff))) / dof[c];
      }
    }
  } else {
    dof = nk.map((v) => pr.dof + v);
    cov = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      let sq = 0;
      for (let f = 0; f < d; f++) sq += (xk[c * d + f] - pr.mean[f]) ** 2;
      cov[c] = (pr.covariance[0] + nk[c] * (sk[c] + (mpp / meanPrecision[c]) * (sq / d))) / dof[c];
    }
  }
  return {
    weightConcentration,
    meanPrecision,
    means,
    dof,
    covariances: cov,
    precChol: precisionCholesky(cov, type, k, d),
  };
}

/** `E[log π_k]` (sklearn's `_estimate_log_weights`). */
export function expectedLogWeights(post: Posterior, k: number, dp: boolean): Float64Array {
  const wc = post.weightConcentration;
  const out = new Float64Array(k);
  if (dp) {
    let cum = 0;
    for (let c = 0; c < k; c++) {
      const dsum = digamma(wc[c] + wc[k + c]);
      out[c] = digamma(wc[c]) - dsum + cum;
      cum += digamma(wc[k + c]) - dsum;
    }
  } else {
    let s = 0;
    for (const v of wc) s += v;
    const ds = digamma(s);
    for (let c = 0; c < k; c++) out[c] = digamma(wc[c]) - ds;
  }
  return out;
}

/** Weighted log probabilities `n x K` (sklearn's `_estimate_weighted_log_prob`). */
export function weightedLogProb(x: Float64Array, n: number, d: number, post: Posterior, m: MixtureShape): Float64Array {
  const { k, type, dp } = m;
  const out = estimateLogGaussianProb(x, n, d, post.means, k, post.precChol, type);
  const logW = expectedLogWeights(post, k, dp);
  // log_gauss - 0.5 d log(dof) + 0.5 (log_lambda - d / mean_precision) + E[log π].
  const extra = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const dof = type === 'tied' ? post.dof[0] : post.dof[c];
    let s = 0;
    for (let f = 0; f < d; f++) s += digamma(0.5 * (dof - f));
    extra[c] = 0.5 * (d * Math.LN2 + s - d / post.meanPrecision[c]);
  }
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const dof = type === 'tied' ? post.dof[0] : post.dof[c];
      out[i * k + c] = out[i * k + c] - 0.5 * d * Math.log(dof) + extra[c] + logW[c];
    }
  }
  return out;
}

/** Row-wise log-sum-exp of `a` (`n x k`); turns `a` into log responsibilities in place. */
export function normalizeRows(a: Float64Array, n: number, k: number): Float64Array {
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < k; c++) if (a[i * k + c] > max) max = a[i * k + c];
    let s = 0;
    for (let c = 0; c < k; c++) s += Math.exp(a[i * k + c] - max);
    const lse = Number.isFinite(max) ? max + Math.log(s) : max;
    norm[i] = lse;
    for (let c = 0; c < k; c++) a[i * k + c] -= lse;
  }
  return norm;
}

/** sklearn's `_compute_lower_bound`. */
export function variationalLowerBound(logResp: Float64Array, post: Posterior, d: number, m: MixtureShape): number {
  const { k, type, dp } = m;
  let entropy = 0;
  for (const v of logResp) entropy += Math.exp(v) * v;
  const logDet = logDetCholesky(post.precChol, type, k, d);
  let logWishart = 0;
  if (type === 'tied') {
    logWishart = k * logWishartNorm(post.dof[0], logDet[0] - 0.5 * d * Math.log(post.dof[0]), d);
  } else {
    for (let c = 0; c < k; c++) {
      logWishart += logWishartNorm(post.dof[c], logDet[c] - 0.5 * d * Math.log(post.dof[c]), d);
    }
  }
  const wc = post.weightConcentration;
  let logNormWeight = 0;
  if (dp) {
    for (let c = 0; c < k; c++) logNormWeight -= betaln(wc[c], wc[k + c]);
  } else {
    let s = 0;
    let g = 0;
    for (const v of wc) {
      s += v;
      g += gammaln(v);
    }
    logNormWeight = gammaln(s) - g;
  }
  let logMp = 0;
  for (const v of post.meanPrecision) logMp += Math.log(v);
  return -entropy - logWishart - logNormWeight - 0.5 * d * logMp;
}
