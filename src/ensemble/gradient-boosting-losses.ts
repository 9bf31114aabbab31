/**
 * Losses of classic gradient boosting (scikit-learn 1.2's `_gb_losses`): the
 * initial raw prediction, the negative gradient each stage's regression tree
 * is fitted to, and the leaf values after fitting (a Newton step for
 * log-loss, a median / percentile of the residuals for absolute error and
 * quantile; squared error keeps the tree's mean). Raw predictions are
 * class-major, `raw[k * n + i]`.
 */
import { percentile, weightedPercentile } from '../base/stats.js';
import { expit, softmaxAt } from './hist-gradient-boosting/loss.js';

/** A classic boosting loss. */
export interface GbLoss {
  /** Trees per stage (classes for multiclass log-loss, else 1). */
  readonly K: number;
  /** Initial raw prediction per tree of a stage. */
  init(y: Float64Array, w: Float64Array): Float64Array;
  /** Writes the negative gradient for tree `k` into `out`. */
  negativeGradient(y: Float64Array, raw: Float64Array, k: number, out: Float64Array): void;
  /** The value of a leaf holding samples `rows` (null: keep the tree's value). */
  leafValue(
    rows: number[],
    y: Float64Array,
    raw: Float64Array,
    residual: Float64Array,
    w: Float64Array,
    k: number,
  ): number | null;
  /** Weighted mean loss. */
  loss(y: Float64Array, raw: Float64Array, w: Float64Array): number;
}

function mean(values: ArrayLike<number>, w: Float64Array, f: (i: number) => number): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < values.length; i++) {
    s += w[i] * f(i);
    sw += w[i];
  }
  return s / sw;
}

function quantileOf(values: Float64Array, w: Float64Array, q: number): number {
  let uniform = true;
  for (let i = 1; i < w.length; i++) if (w[i] !== w[0]) uniform = false;
  return uniform ? percentile(values, q) : weightedPercentile(values, w, q);
}

function residualPercentile(rows: number[], y: Float64Array, raw: Float64Array, w: Float64Array, q: number): number {
  const diff = Float64Array.from(rows, (i) => y[i] - raw[i]);
  const ww = Float64Array.from(rows, (i) => w[i]);
  return weightedPercentile(diff, ww, q);
}

/**
 * Squared error: the tree fits `y - raw` and keeps its leaf means.
 * @example gbSquaredError().init(Float64Array.of(1, 3), Float64Array.of(1, 1)) // [2]
 */
export function gbSquaredError(): GbLoss {
  return {
    K: 1,
    init: (y, w) => Float64Array.of(mean(y, w, (i) => y[i])),
    negativeGradient(y, raw, _k, out) {
      for (let i = 0; i < y.length; i++) out[i] = y[i] - raw[i];
    },
    leafValue: () => null,
    loss: (y, raw, w) => mean(y, w, (i) => (y[i] - raw[i]) ** 2),
  };
}

/**
 * Pinball loss at `alpha` (`alpha = 0.5` is absolute error up to a factor): leaves are percentiles of the residuals.
 * @example gbQuantile(0.5).init(Float64Array.of(1, 2, 9), Float64Array.of(1, 1, 1)) // [2]
 */
export function gbQuantile(alpha: number, name: 'absolute_error' | 'quantile'): GbLoss {
  return {
    K: 1,
    init: (y, w) => Float64Array.of(quantileOf(y, w, alpha * 100)),
    negativeGradient(y, raw, _k, out) {
      for (let i = 0; i < y.length; i++) {
        if (name === 'absolute_error') out[i] = y[i] - raw[i] > 0 ? 1 : -1;
        else out[i] = y[i] > raw[i] ? alpha : -(1 - alpha);
      }
    },
    leafValue: (rows, y, raw, _r, w) => residualPercentile(rows, y, raw, w, alpha * 100),
    loss: (y, raw, w) =>
      mean(y, w, (i) => {
        const d = y[i] - raw[i];
        if (name === 'absolute_error') return Math.abs(d);
        return d > 0 ? alpha * d : (alpha - 1) * d;
      }),
  };
}

/**
 * Binary log-loss (`y` in {0, 1}): Newton leaf values `Σw·r / Σw·p(1-p)`.
 * @example gbBinomial().init(Float64Array.of(0, 1, 1, 1), Float64Array.of(1, 1, 1, 1)) // [log 3]
 */
export function gbBinomial(): GbLoss {
  return {
    K: 1,
    init(y, w) {
      const p = Math.min(
        Math.max(
          mean(y, w, (i) => y[i]),
          2.220446049250313e-16,
        ),
        1 - 2.220446049250313e-16,
      );
      return Float64Array.of(Math.log(p / (1 - p)));
    },
    negativeGradient(y, raw, _k, out) {
      for (let i = 0; i < y.length; i++) out[i] = y[i] - expit(raw[i]);
    },
    leafValue(rows, y, _raw, residual, w) {
      let num = 0;
      let den = 0;
      for (const i of rows) {
        const r = residual[i];
        const p = y[i] - r;
        num += w[i] * r;
        den += w[i] * p * (1 - p);
      }
      return Math.abs(den) < 1e-150 ? 0 : num / den;
    },
    loss: (y, raw, w) =>
      mean(y, w, (i) => {
        const r = raw[i];
        return 2 * ((r > 0 ? r + Math.log1p(Math.exp(-r)) : Math.log1p(Math.exp(r))) - y[i] * r);
      }),
  };
}

/**
 * Multinomial log-loss over `K` classes (`y` the class index): one tree per class per stage.
 * @example gbMultinomial(3).K // 3
 */
export function gbMultinomial(K: number): GbLoss {
  const probs = new Float64Array(K);
  return {
    K,
    init(y, w) {
      const prior = new Float64Array(K);
      let total = 0;
      for (let i = 0; i < y.length; i++) {
        prior[y[i]] += w[i];
        total += w[i];
      }
      for (let k = 0; k < K; k++) prior[k] = Math.log(Math.max(prior[k] / total, 2.220446049250313e-16));
      return prior;
    },
    negativeGradient(y, raw, k, out) {
      const n = y.length;
      for (let i = 0; i < n; i++) {
        softmaxAt(raw, n, K, i, probs);
        out[i] = (y[i] === k ? 1 : 0) - probs[k];
      }
    },
    leafValue(rows, y, _raw, residual, w, k) {
      let num = 0;
      let den = 0;
      for (const i of rows) {
        const r = residual[i];
        const yk = y[i] === k ? 1 : 0;
        num += w[i] * r;
        den += w[i] * (yk - r) * (1 - yk + r);
      }
      num *= (K - 1) / K;
      return Math.abs(den) < 1e-150 ? 0 : num / den;
    },
    loss(y, raw, w) {
      const n = y.length;
      return mean(y, w, (i) => {
        softmaxAt(raw, n, K, i, probs);
        return -Math.log(Math.max(probs[y[i]], 1e-300));
      });
    },
  };
}
