/**
 * Split criteria as pure functions of node statistics, following
 * scikit-learn's `_criterion.pyx`: node impurity, and the "proxy" improvement
 * the splitter maximises (cheaper than the real improvement but ordered the
 * same way). Classification statistics are weighted class counts; regression
 * statistics are `[Σw, Σw·y, Σw·y²]`.
 */

/** Names accepted by classifiers' `criterion` option. */
export type ClassificationCriterion = 'gini' | 'entropy' | 'log_loss';
/** Names accepted by regressors' `criterion` option. */
export type RegressionCriterion = 'squared_error' | 'friedman_mse' | 'absolute_error' | 'poisson';

/** Criterion codes used in the hot loops. */
export const GINI = 0;
export const ENTROPY = 1;
export const MSE = 2;
export const FRIEDMAN = 3;
export const POISSON = 4;
export const MAE = 5;

/** float64 machine epsilon (sklearn's `EPSILON` in the tree code). */
export const EPSILON = 2.220446049250313e-16;

/**
 * Criterion code of a criterion name.
 * @example criterionCode('log_loss') // ENTROPY
 */
export function criterionCode(name: ClassificationCriterion | RegressionCriterion): number {
  switch (name) {
    case 'gini':
      return GINI;
    case 'entropy':
    case 'log_loss':
      return ENTROPY;
    case 'squared_error':
      return MSE;
    case 'friedman_mse':
      return FRIEDMAN;
    case 'poisson':
      return POISSON;
    default:
      return MAE;
  }
}

const LN2 = Math.LN2;

/**
 * Gini or entropy (base 2) impurity of weighted class counts `counts[0..k)` whose sum is `w`.
 * @example classImpurity(GINI, Float64Array.of(1, 1), 2, 2) // 0.5
 */
export function classImpurity(code: number, counts: Float64Array, k: number, w: number): number {
  if (code === GINI) {
    let sq = 0;
    for (let c = 0; c < k; c++) sq += counts[c] * counts[c];
    return 1 - sq / (w * w);
  }
  let e = 0;
  for (let c = 0; c < k; c++) {
    const v = counts[c];
    if (v > 0) {
      const p = v / w;
      e -= p * (Math.log(p) / LN2);
    }
  }
  return e;
}

/**
 * Proxy improvement of a regression split from the left/right sums
 * (`sum` = Σw·y, `w` = Σw). Larger is better; `-Infinity` marks an invalid split.
 */
export function regressionProxy(code: number, sumL: number, wl: number, sumR: number, wr: number): number {
  if (code === MSE) return (sumL * sumL) / wl + (sumR * sumR) / wr;
  if (code === FRIEDMAN) {
    const diff = wr * sumL - wl * sumR;
    return (diff * diff) / (wl * wr);
  }
  // Poisson: half deviance, up to terms that do not depend on the split.
  if (sumL <= EPSILON || sumR <= EPSILON) return Number.NEGATIVE_INFINITY;
  return sumL * Math.log(sumL / wl) + sumR * Math.log(sumR / wr);
}

/**
 * Squared-error impurity (weighted variance) of `[Σw, Σw·y, Σw·y²]`.
 * @example mseImpurity(2, 4, 10) // 1 (values 1 and 3)
 */
export function mseImpurity(w: number, sum: number, sq: number): number {
  const mean = sum / w;
  return sq / w - mean * mean;
}

/**
 * Weighted median of `y[idx[0..n)]` with weights `w` (sklearn's
 * `WeightedMedianCalculator`: the first value whose cumulative weight reaches
 * half the total, averaged with the next one when it is exactly half).
 * `idx` is reordered (sorted by y).
 */
export function weightedMedian(y: Float64Array, w: Float64Array, idx: Int32Array, n: number): number {
  const view = idx.subarray(0, n);
  sortByValue(view, y);
  let total = 0;
  for (let p = 0; p < n; p++) total += w[view[p]];
  const half = total / 2;
  let cum = 0;
  for (let p = 0; p < n; p++) {
    cum += w[view[p]];
    if (cum >= half) {
      if (cum === half && p + 1 < n) return (y[view[p]] + y[view[p + 1]]) / 2;
      return y[view[p]];
    }
  }
  return n > 0 ? y[view[n - 1]] : 0;
}

/** Sorts sample indices by `values[index]` (ties by index), in place. */
export function sortByValue(idx: Int32Array, values: ArrayLike<number>): void {
  const n = idx.length;
  if (n < 2) return;
  const keys = new Float64Array(n);
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[p] = p;
  const copy = idx.slice();
  for (let p = 0; p < n; p++) keys[p] = values[copy[p]];
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  for (let p = 0; p < n; p++) idx[p] = copy[order[p]];
}
