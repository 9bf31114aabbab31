/**
 * Regression metrics (scikit-learn's `sklearn.metrics` regression
 * functions): errors (MSE, RMSE, MAE, MAPE, median AE, max error, pinball,
 * MSLE) and scores (R², explained variance). Deviances and D² scores are in
 * `deviance.ts`.
 */
import { ValidationError } from '../base/errors.js';
import { median, weightedPercentile } from '../base/stats.js';
import {
  column,
  columnMeans,
  combineOutputs,
  type RegressionMetricOptions,
  regressionInput,
} from './regression-input.js';
import type { NumericArray } from './vector.js';
import { warnUndefined } from './warnings.js';

export type { Multioutput, RegressionMetricOptions } from './regression-input.js';

/** Options with per-output results. */
type Raw = RegressionMetricOptions & { multioutput: 'raw_values' };

/**
 * Mean squared error.
 * @example meanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.375
 */
export function meanSquaredError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function meanSquaredError(yTrue: NumericArray, yPred: NumericArray, options?: RegressionMetricOptions): number;
export function meanSquaredError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  return combineOutputs(
    columnMeans(input, (t, p) => (t - p) ** 2),
    input.multioutput,
  );
}

/**
 * Root mean squared error (per output, then combined).
 * @example rootMeanSquaredError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.612...
 */
export function rootMeanSquaredError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function rootMeanSquaredError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: RegressionMetricOptions,
): number;
export function rootMeanSquaredError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  const mse = columnMeans(input, (t, p) => (t - p) ** 2);
  for (let j = 0; j < mse.length; j++) mse[j] = Math.sqrt(mse[j]);
  return combineOutputs(mse, input.multioutput);
}

/**
 * Mean absolute error.
 * @example meanAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function meanAbsoluteError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function meanAbsoluteError(yTrue: NumericArray, yPred: NumericArray, options?: RegressionMetricOptions): number;
export function meanAbsoluteError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  return combineOutputs(
    columnMeans(input, (t, p) => Math.abs(p - t)),
    input.multioutput,
  );
}

/**
 * Mean absolute percentage error `mean(|y - ŷ| / max(|y|, eps))`, as a
 * fraction (not percent); huge when yTrue has zeros.
 * @example meanAbsolutePercentageError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.3273...
 */
export function meanAbsolutePercentageError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function meanAbsolutePercentageError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: RegressionMetricOptions,
): number;
export function meanAbsolutePercentageError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  return combineOutputs(
    columnMeans(input, (t, p) => Math.abs(p - t) / Math.max(Math.abs(t), Number.EPSILON)),
    input.multioutput,
  );
}

/**
 * Median absolute error (weighted: the lower weighted median); robust to outliers.
 * @example medianAbsoluteError([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.5
 */
export function medianAbsoluteError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function medianAbsoluteError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: RegressionMetricOptions,
): number;
export function medianAbsoluteError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  const out = new Float64Array(input.k);
  for (let j = 0; j < input.k; j++) {
    const t = column(input.T, j);
    const p = column(input.P, j);
    const abs = new Float64Array(input.n);
    for (let i = 0; i < input.n; i++) abs[i] = Math.abs(p[i] - t[i]);
    out[j] = input.w ? weightedPercentile(abs, input.w, 50) : median(abs);
  }
  return combineOutputs(out, input.multioutput);
}

/**
 * Largest absolute error (single output only).
 * @example maxError([3, 2, 7, 1], [4, 2, 7, 1]) // 1
 */
export function maxError(yTrue: NumericArray, yPred: NumericArray): number {
  const input = regressionInput(yTrue, yPred);
  if (input.k !== 1) throw new ValidationError('Multioutput not supported in maxError');
  let m = 0;
  for (let i = 0; i < input.n; i++) m = Math.max(m, Math.abs(input.T.data[i] - input.P.data[i]));
  return m;
}

/** Options of {@link meanPinballLoss}. */
export interface PinballOptions extends RegressionMetricOptions {
  /** Quantile level in [0, 1]. Default 0.5 (half the MAE). */
  alpha?: number;
}

/**
 * Pinball (quantile) loss: `α·(y-ŷ)` when under-predicting, `(1-α)·(ŷ-y)` otherwise.
 * @example meanPinballLoss([1, 2, 3], [0, 2, 3], { alpha: 0.1 }) // 0.0333...
 */
export function meanPinballLoss(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PinballOptions & { multioutput: 'raw_values' },
): Float64Array;
export function meanPinballLoss(yTrue: NumericArray, yPred: NumericArray, options?: PinballOptions): number;
export function meanPinballLoss(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: PinballOptions = {},
): number | Float64Array {
  const { alpha = 0.5 } = options;
  const input = regressionInput(yTrue, yPred, options);
  return combineOutputs(pinballColumns(input, alpha), input.multioutput);
}

/** Per-output mean pinball loss (shared with the D² pinball score). */
export function pinballColumns(input: ReturnType<typeof regressionInput>, alpha: number): Float64Array {
  return columnMeans(input, (t, p) => {
    const d = t - p;
    const sign = d >= 0 ? 1 : 0;
    return alpha * sign * d - (1 - alpha) * (1 - sign) * d;
  });
}

/**
 * Mean squared logarithmic error `mean((log1p(y) - log1p(ŷ))²)`; targets must be ≥ 0.
 * @example meanSquaredLogError([3, 5, 2.5, 7], [2.5, 5, 4, 8]) // 0.0397...
 */
export function meanSquaredLogError(yTrue: NumericArray, yPred: NumericArray, options: Raw): Float64Array;
export function meanSquaredLogError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options?: RegressionMetricOptions,
): number;
export function meanSquaredLogError(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: RegressionMetricOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options);
  for (const [M, name] of [
    [input.T, 'yTrue'],
    [input.P, 'yPred'],
  ] as const) {
    const i = M.data.findIndex((v) => v < 0);
    if (i >= 0) {
      throw new ValidationError(
        `Mean Squared Logarithmic Error cannot be used when targets contain negative values (${name} has ${M.data[i]} at index ${i}).`,
        { row: Math.floor(i / M.cols), got: M.data[i] },
      );
    }
  }
  return combineOutputs(
    columnMeans(input, (t, p) => (Math.log1p(t) - Math.log1p(p)) ** 2),
    input.multioutput,
  );
}

/** Options of {@link r2Score} and {@link explainedVarianceScore}. */
export interface ScoreOptions extends RegressionMetricOptions {
  /**
   * Replace the NaN/-Infinity of a constant yTrue with 1 (perfect
   * prediction) or 0 (imperfect), as sklearn. Default `true`.
   */
  forceFinite?: boolean;
}

function assemble(
  num: Float64Array,
  den: Float64Array,
  multioutput: ReturnType<typeof regressionInput>['multioutput'],
  forceFinite: boolean,
): number | Float64Array {
  const k = num.length;
  const scores = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    if (!forceFinite) scores[j] = 1 - num[j] / den[j];
    else if (den[j] !== 0 && num[j] !== 0) scores[j] = 1 - num[j] / den[j];
    else scores[j] = num[j] !== 0 ? 0 : 1;
  }
  return combineOutputs(scores, multioutput, den);
}

const SCORE_MULTIOUTPUT = ['raw_values', 'uniform_average', 'variance_weighted'];

/**
 * Coefficient of determination R² = 1 - SS_res / SS_tot. As sklearn: a
 * constant `yTrue` gives 1 when predictions are perfect and 0 otherwise
 * (unless `forceFinite: false`), and fewer than two samples give NaN with a warning.
 * @example r2Score([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.9486...
 */
export function r2Score(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ScoreOptions & { multioutput: 'raw_values' },
): Float64Array;
export function r2Score(yTrue: NumericArray, yPred: NumericArray, options?: ScoreOptions): number;
export function r2Score(yTrue: NumericArray, yPred: NumericArray, options: ScoreOptions = {}): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options, SCORE_MULTIOUTPUT);
  if (input.n < 2) {
    warnUndefined('R^2 score is not well-defined with less than two samples.');
    return Number.NaN;
  }
  const { T, P, w, n, k } = input;
  const means = columnMeans(input, (t) => t);
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      num[j] += wi * (T.data[i * k + j] - P.data[i * k + j]) ** 2;
      den[j] += wi * (T.data[i * k + j] - means[j]) ** 2;
    }
  }
  return assemble(num, den, input.multioutput, options.forceFinite ?? true);
}

/**
 * Explained variance `1 - Var(y - ŷ) / Var(y)` (ignores a constant bias,
 * unlike R²).
 * @example explainedVarianceScore([3, -0.5, 2, 7], [2.5, 0, 2, 8]) // 0.9571...
 */
export function explainedVarianceScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ScoreOptions & { multioutput: 'raw_values' },
): Float64Array;
export function explainedVarianceScore(yTrue: NumericArray, yPred: NumericArray, options?: ScoreOptions): number;
export function explainedVarianceScore(
  yTrue: NumericArray,
  yPred: NumericArray,
  options: ScoreOptions = {},
): number | Float64Array {
  const input = regressionInput(yTrue, yPred, options, SCORE_MULTIOUTPUT);
  const diffAvg = columnMeans(input, (t, p) => t - p);
  const trueAvg = columnMeans(input, (t) => t);
  const { T, P, w, n, k } = input;
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  let sw = 0;
  for (let i = 0; i < n; i++) sw += w ? w[i] : 1;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < n; i++) {
      const wi = w ? w[i] : 1;
      num[j] += wi * (T.data[i * k + j] - P.data[i * k + j] - diffAvg[j]) ** 2;
      den[j] += wi * (T.data[i * k + j] - trueAvg[j]) ** 2;
    }
    num[j] /= sw;
    den[j] /= sw;
  }
  return assemble(num, den, input.multioutput, options.forceFinite ?? true);
}
