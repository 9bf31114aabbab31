/**
 * Losses of histogram gradient boosting (scikit-learn's `_loss` module as the
 * HGB estimators use it): the baseline raw prediction (`fit_intercept_only`),
 * per-sample gradients and hessians of the loss with respect to the raw
 * prediction, the mean loss (for early stopping on `scoring: 'loss'`), and,
 * for absolute error and quantile, the leaf values recomputed as percentiles
 * of the residuals (sklearn's `_update_leaves_values`).
 *
 * Raw predictions and gradients are stored class-major: `raw[k * n + i]` for
 * tree `k` of an iteration (only multiclass log-loss has more than one).
 * Like sklearn, the "half" variants are used (half squared error, half
 * Poisson/Gamma deviance), so the hessian of squared error is 1.
 */
import { median, percentile, weightedPercentile } from '../../base/stats.js';

/** Names of the regression losses of `HistGradientBoostingRegressor`. */
export type HgbRegressionLoss = 'squared_error' | 'absolute_error' | 'poisson' | 'gamma' | 'quantile';

/**
 * A boosting loss on raw predictions. `y` holds targets (regression) or class
 * indices (classification, as floats).
 */
export interface HgbLoss {
  /** Loss name as the user gave it. */
  readonly name: string;
  /** What rebuilds this loss in another thread ({@link lossFromSpec}). */
  readonly spec: HgbLossSpec;
  /** Trees grown per boosting iteration (number of classes for multiclass log-loss, else 1). */
  readonly nTreesPerIteration: number;
  /** Whether the (unweighted) hessian is the constant 1, so histograms can skip it. */
  readonly constantHessian: boolean;
  /** Whether leaf values are replaced by a percentile of the residuals after growing. */
  readonly needsLeafUpdate: boolean;
  /** The best constant raw prediction, one per tree of an iteration. */
  baseline(y: Float64Array, w: Float64Array | undefined): Float64Array;
  /**
   * Fills gradients and hessians (class-major, `K * n`), multiplied by the
   * weights when given; with `withLoss`, also returns the weighted mean loss
   * (computed in the same pass, as early stopping needs it every iteration), else NaN.
   */
  gradientHessian(
    y: Float64Array,
    raw: Float64Array,
    w: Float64Array | undefined,
    grad: Float64Array,
    hess: Float64Array,
    withLoss: boolean,
  ): number;
  /**
   * {@link gradientHessian} for rows `[lo, hi)` only, on the full class-major arrays
   * (`n = y.length`); returns those rows' weighted mean loss (or NaN). Losses with
   * several trees per iteration provide it, so the rows can be split between threads
   * (single-output losses are split with subarrays instead).
   */
  gradientHessianRows?(
    y: Float64Array,
    raw: Float64Array,
    w: Float64Array | undefined,
    grad: Float64Array,
    hess: Float64Array,
    withLoss: boolean,
    lo: number,
    hi: number,
  ): number;
  /** Weighted mean loss of raw predictions (`raw` class-major, `K * n`). */
  meanLoss(y: Float64Array, raw: Float64Array, w: Float64Array | undefined): number;
  /** The leaf value (before shrinkage) from residuals `y - raw` of a leaf's samples. */
  leafValue(residuals: Float64Array, w: Float64Array | undefined): number;
}

/** A loss by name and parameters, as it travels to a worker. */
export interface HgbLossSpec {
  name: HgbRegressionLoss | 'log_loss';
  /** The quantile of `'quantile'`. */
  alpha?: number;
  /** Classes of `'log_loss'` (2: binary). */
  nClasses?: number;
}

const EPS = 2.220446049250313e-16;

function weightedMeanOf(y: Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * y[i];
    sw += wi;
  }
  return s / sw;
}

function averageLoss(n: number, w: Float64Array | undefined, perSample: (i: number) => number): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    s += wi * perSample(i);
    sw += wi;
  }
  return s / sw;
}

/** log(1 + exp(x)) without overflow. */
function log1pExp(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The logistic sigmoid, stable for large |x|. */
export function expit(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function percentileOf(values: Float64Array, w: Float64Array | undefined, q: number): number {
  if (w) return weightedPercentile(values, w, q);
  return q === 50 ? median(values) : percentile(values, q);
}

/** A single-output loss from its pieces (all but multiclass log-loss). */
function scalarLoss(spec: {
  name: HgbRegressionLoss;
  alpha?: number;
  constantHessian: boolean;
  needsLeafUpdate: boolean;
  baseline: (y: Float64Array, w: Float64Array | undefined) => number;
  /** Writes g, h for one sample into `out[0]`, `out[1]`. */
  gh: (y: number, r: number, out: Float64Array) => void;
  loss: (y: number, r: number) => number;
  leafValue?: (res: Float64Array, w: Float64Array | undefined) => number;
}): HgbLoss {
  const tmp = new Float64Array(2);
  return {
    name: spec.name,
    spec: spec.alpha === undefined ? { name: spec.name } : { name: spec.name, alpha: spec.alpha },
    nTreesPerIteration: 1,
    constantHessian: spec.constantHessian,
    needsLeafUpdate: spec.needsLeafUpdate,
    baseline: (y, w) => Float64Array.of(spec.baseline(y, w)),
    gradientHessian(y, raw, w, grad, hess, withLoss) {
      const n = y.length;
      for (let i = 0; i < n; i++) {
        spec.gh(y[i], raw[i], tmp);
        const wi = w ? w[i] : 1;
        grad[i] = tmp[0] * wi;
        hess[i] = tmp[1] * wi;
      }
      return withLoss ? averageLoss(n, w, (i) => spec.loss(y[i], raw[i])) : Number.NaN;
    },
    meanLoss: (y, raw, w) => averageLoss(y.length, w, (i) => spec.loss(y[i], raw[i])),
    leafValue: spec.leafValue ?? (() => Number.NaN),
  };
}

/**
 * Half squared error `(y - r)² / 2`: gradient `r - y`, hessian 1; baseline the weighted mean.
 * @example squaredError().baseline(Float64Array.of(1, 2, 6), undefined) // Float64Array [3]
 */
export function squaredError(): HgbLoss {
  return {
    name: 'squared_error',
    spec: { name: 'squared_error' },
    nTreesPerIteration: 1,
    constantHessian: true,
    needsLeafUpdate: false,
    baseline: (y, w) => Float64Array.of(weightedMeanOf(y, w)),
    // A dedicated loop: this is the hot path of regression.
    gradientHessian(y, raw, w, grad, hess, withLoss) {
      const n = y.length;
      let loss = 0;
      let sw = 0;
      for (let i = 0; i < n; i++) {
        const wi = w ? w[i] : 1;
        const d = raw[i] - y[i];
        grad[i] = d * wi;
        hess[i] = wi;
        loss += wi * d * d;
        sw += wi;
      }
      return withLoss ? (0.5 * loss) / sw : Number.NaN;
    },
    meanLoss: (y, raw, w) => averageLoss(y.length, w, (i) => 0.5 * (y[i] - raw[i]) ** 2),
    leafValue: () => Number.NaN,
  };
}

/**
 * Absolute error `|y - r|`: gradient `sign(r - y)`, hessian 1; baseline and
 * leaf values are (weighted) medians of the residuals.
 * @example absoluteError().baseline(Float64Array.of(1, 2, 10), undefined) // Float64Array [2]
 */
export function absoluteError(): HgbLoss {
  return scalarLoss({
    name: 'absolute_error',
    constantHessian: true,
    needsLeafUpdate: true,
    baseline: (y, w) => percentileOf(y, w, 50),
    gh: (y, r, out) => {
      out[0] = r > y ? 1 : r < y ? -1 : 0;
      out[1] = 1;
    },
    loss: (y, r) => Math.abs(y - r),
    leafValue: (res, w) => percentileOf(res, w, 50),
  });
}

/**
 * Pinball loss at quantile `alpha`: gradient `-alpha` when `y > r` else
 * `1 - alpha`, hessian 1; baseline and leaf values are `alpha`-percentiles.
 * @example quantileLoss(0.9).baseline(Float64Array.of(0, 10), undefined) // Float64Array [9]
 */
export function quantileLoss(alpha: number): HgbLoss {
  return scalarLoss({
    name: 'quantile',
    alpha,
    constantHessian: true,
    needsLeafUpdate: true,
    baseline: (y, w) => percentileOf(y, w, 100 * alpha),
    gh: (y, r, out) => {
      out[0] = y > r ? -alpha : 1 - alpha;
      out[1] = 1;
    },
    loss: (y, r) => (y >= r ? alpha * (y - r) : (1 - alpha) * (r - y)),
    leafValue: (res, w) => percentileOf(res, w, 100 * alpha),
  });
}

/**
 * Half Poisson deviance with log link, `exp(r) - y·r`: gradient `exp(r) - y`,
 * hessian `exp(r)`; baseline `log(mean(y))`.
 * @example poissonLoss().baseline(Float64Array.of(1, 1), undefined) // Float64Array [0]
 */
export function poissonLoss(): HgbLoss {
  return scalarLoss({
    name: 'poisson',
    constantHessian: false,
    needsLeafUpdate: false,
    baseline: (y, w) => Math.log(Math.max(weightedMeanOf(y, w), EPS)),
    gh: (y, r, out) => {
      const e = Math.exp(r);
      out[0] = e - y;
      out[1] = e;
    },
    loss: (y, r) => Math.exp(r) - y * r,
  });
}

/**
 * Half Gamma deviance with log link, `r + y·exp(-r)`: gradient `1 - y·exp(-r)`,
 * hessian `y·exp(-r)`; baseline `log(mean(y))`.
 * @example gammaLoss().baseline(Float64Array.of(1, 1), undefined) // Float64Array [0]
 */
export function gammaLoss(): HgbLoss {
  return scalarLoss({
    name: 'gamma',
    constantHessian: false,
    needsLeafUpdate: false,
    baseline: (y, w) => Math.log(Math.max(weightedMeanOf(y, w), EPS)),
    gh: (y, r, out) => {
      const t = y * Math.exp(-r);
      out[0] = 1 - t;
      out[1] = t;
    },
    loss: (y, r) => r + y * Math.exp(-r),
  });
}

/**
 * Binary log-loss on the logit `r`: gradient `sigmoid(r) - y`, hessian
 * `p(1 - p)`; baseline the log-odds of the (weighted) positive rate.
 * @example binaryLogLoss().baseline(Float64Array.of(0, 1, 1, 1), undefined) // Float64Array [log(3)]
 */
export function binaryLogLoss(): HgbLoss {
  return {
    name: 'log_loss',
    spec: { name: 'log_loss', nClasses: 2 },
    nTreesPerIteration: 1,
    constantHessian: false,
    needsLeafUpdate: false,
    baseline(y, w) {
      const p = Math.min(Math.max(weightedMeanOf(y, w), EPS), 1 - EPS);
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    gradientHessian(y, raw, w, grad, hess, withLoss) {
      const n = y.length;
      let loss = 0;
      let sw = 0;
      for (let i = 0; i < n; i++) {
        const r = raw[i];
        // One exp serves the probability and log(1 + exp(r)).
        const e = Math.exp(-Math.abs(r));
        const p = r >= 0 ? 1 / (1 + e) : e / (1 + e);
        const wi = w ? w[i] : 1;
        grad[i] = (p - y[i]) * wi;
        hess[i] = p * (1 - p) * wi;
        if (withLoss) {
          loss += wi * (Math.max(r, 0) + Math.log1p(e) - y[i] * r);
          sw += wi;
        }
      }
      return withLoss ? loss / sw : Number.NaN;
    },
    meanLoss: (y, raw, w) => averageLoss(y.length, w, (i) => log1pExp(raw[i]) - y[i] * raw[i]),
    leafValue: () => Number.NaN,
  };
}

/**
 * Multiclass log-loss (softmax over `nClasses` raw scores, one tree per class
 * per iteration): gradient `p_k - [y = k]`, hessian `p_k(1 - p_k)`; baseline
 * the centred log class frequencies (symmetric multinomial logit).
 * @example multinomialLogLoss(3).nTreesPerIteration // 3
 */
export function multinomialLogLoss(nClasses: number): HgbLoss {
  const K = nClasses;
  const probs = new Float64Array(K);
  const gradientHessianRows: NonNullable<HgbLoss['gradientHessianRows']> = (
    y,
    raw,
    w,
    grad,
    hess,
    withLoss,
    lo,
    hi,
  ) => {
    const n = y.length;
    let loss = 0;
    let sw = 0;
    for (let i = lo; i < hi; i++) {
      softmaxAt(raw, n, K, i, probs);
      const wi = w ? w[i] : 1;
      const yi = y[i];
      for (let k = 0; k < K; k++) {
        const p = probs[k];
        grad[k * n + i] = (p - (yi === k ? 1 : 0)) * wi;
        hess[k * n + i] = p * (1 - p) * wi;
      }
      if (withLoss) {
        loss -= wi * Math.log(Math.max(probs[yi], 1e-300));
        sw += wi;
      }
    }
    return withLoss ? loss / sw : Number.NaN;
  };
  return {
    name: 'log_loss',
    spec: { name: 'log_loss', nClasses: K },
    nTreesPerIteration: K,
    constantHessian: false,
    needsLeafUpdate: false,
    baseline(y, w) {
      const freq = new Float64Array(K);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        const wi = w ? w[i] : 1;
        freq[y[i]] += wi;
        total += wi;
      }
      let mean = 0;
      for (let k = 0; k < K; k++) {
        freq[k] = Math.log(Math.min(Math.max(freq[k] / total, EPS), 1 - EPS));
        mean += freq[k] / K;
      }
      for (let k = 0; k < K; k++) freq[k] -= mean;
      return freq;
    },
    gradientHessian: (y, raw, w, grad, hess, withLoss) =>
      gradientHessianRows(y, raw, w, grad, hess, withLoss, 0, y.length),
    gradientHessianRows,
    meanLoss(y, raw, w) {
      const n = y.length;
      return averageLoss(n, w, (i) => {
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
        let s = 0;
        for (let k = 0; k < K; k++) s += Math.exp(raw[k * n + i] - max);
        return max + Math.log(s) - raw[y[i] * n + i];
      });
    },
    leafValue: () => Number.NaN,
  };
}

/**
 * Softmax of sample `i`'s scores (class-major `raw`, `n` samples, `K` classes) into `out`.
 * @example softmaxAt(Float64Array.of(0, 0), 1, 2, 0, out) // out = [0.5, 0.5]
 */
export function softmaxAt(raw: ArrayLike<number>, n: number, K: number, i: number, out: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) max = Math.max(max, raw[k * n + i]);
  let s = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp(raw[k * n + i] - max);
    out[k] = e;
    s += e;
  }
  for (let k = 0; k < K; k++) out[k] /= s;
}

/**
 * The regression loss named `name` (`alpha` is the quantile for `'quantile'`).
 * @example regressionLoss('squared_error', 0.5).constantHessian // true
 */
export function regressionLoss(name: HgbRegressionLoss, alpha: number): HgbLoss {
  switch (name) {
    case 'squared_error':
      return squaredError();
    case 'absolute_error':
      return absoluteError();
    case 'quantile':
      return quantileLoss(alpha);
    case 'poisson':
      return poissonLoss();
    default:
      return gammaLoss();
  }
}

/**
 * The loss a {@link HgbLossSpec} describes (the same arithmetic as the original's).
 * @example lossFromSpec(binaryLogLoss().spec).name // 'log_loss'
 */
export function lossFromSpec(spec: HgbLossSpec): HgbLoss {
  if (spec.name !== 'log_loss') return regressionLoss(spec.name, spec.alpha ?? 0.5);
  const nClasses = spec.nClasses ?? 2;
  return nClasses <= 2 ? binaryLogLoss() : multinomialLogLoss(nClasses);
}
