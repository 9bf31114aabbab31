/**
 * Regression diagnostics, as scikit-learn's `PredictionErrorDisplay`:
 * residuals against predicted values, and actual against predicted values.
 */
import { ValidationError } from '../base/errors.js';
import { type ChartOptions, header, round6, sameLength, type VegaLiteSpec } from './spec.js';

/** Options of {@link residualsChart} and {@link predictionErrorChart}. */
export interface RegressionChartOptions extends ChartOptions {
  /** Plot at most this many points, evenly spaced through the samples (deterministic). Default 1000, as sklearn's `subsample`. */
  maxPoints?: number;
}

/** Evenly spaced sample indices: all of them when there are at most `max`. */
function pickRows(n: number, max: number): number[] {
  if (!Number.isInteger(max) || max < 1) throw new ValidationError(`maxPoints must be a positive integer, got ${max}`);
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

function points(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, maxPoints: number) {
  sameLength(yTrue, yPred, 'yTrue', 'yPred');
  if (yTrue.length === 0) throw new ValidationError('a regression chart needs at least one sample');
  return pickRows(yTrue.length, maxPoints)
    .map((i) => ({ actual: Number(yTrue[i]), predicted: Number(yPred[i]) }))
    .filter((p) => Number.isFinite(p.actual) && Number.isFinite(p.predicted));
}

/**
 * Residuals (`yTrue - yPred`) against predicted values, with a line at zero:
 * a good model leaves a structureless band around it.
 * @example residualsChart(yTest, model.predict(XTest));
 */
export function residualsChart(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionChartOptions = {},
): VegaLiteSpec {
  const values = points(yTrue, yPred, options.maxPoints ?? 1000).map((p) => ({
    predicted: round6(p.predicted),
    residual: round6(p.actual - p.predicted),
  }));
  return {
    ...header('Residuals vs predicted', options),
    layer: [
      {
        data: { values },
        mark: { type: 'circle', opacity: 0.6, size: 24 },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Predicted value', scale: { zero: false } },
          y: { field: 'residual', type: 'quantitative', title: 'Residual (actual − predicted)' },
          tooltip: [
            { field: 'predicted', type: 'quantitative', format: '.4g' },
            { field: 'residual', type: 'quantitative', format: '.4g' },
          ],
        },
      },
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#444' },
        encoding: { y: { field: 'zero', type: 'quantitative' } },
      },
    ],
  };
}

/**
 * Actual against predicted values with the dashed identity line of a perfect
 * model (sklearn's `kind='actual_vs_predicted'`).
 * @example predictionErrorChart(yTest, model.predict(XTest));
 */
export function predictionErrorChart(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  options: RegressionChartOptions = {},
): VegaLiteSpec {
  const pts = points(yTrue, yPred, options.maxPoints ?? 1000);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const p of pts) {
    lo = Math.min(lo, p.actual, p.predicted);
    hi = Math.max(hi, p.actual, p.predicted);
  }
  const values = pts.map((p) => ({ predicted: round6(p.predicted), actual: round6(p.actual) }));
  const diagonal = Number.isFinite(lo) ? [lo, hi] : [0, 1];
  return {
    ...header('Prediction error (actual vs predicted)', options, 320, 320),
    layer: [
      {
        data: { values: diagonal.map((v) => ({ predicted: round6(v), actual: round6(v) })) },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'predicted', type: 'quantitative' },
          y: { field: 'actual', type: 'quantitative' },
        },
      },
      {
        data: { values },
        mark: { type: 'circle', opacity: 0.6, size: 24 },
        encoding: {
          x: { field: 'predicted', type: 'quantitative', title: 'Predicted value', scale: { zero: false } },
          y: { field: 'actual', type: 'quantitative', title: 'Actual value', scale: { zero: false } },
          tooltip: [
            { field: 'predicted', type: 'quantitative', format: '.4g' },
            { field: 'actual', type: 'quantitative', format: '.4g' },
          ],
        },
      },
    ],
  };
}
