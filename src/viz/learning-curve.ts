/**
 * The learning curve: training and cross-validation scores against the number
 * of training samples, mean lines with ± one-std bands, as scikit-learn's
 * `LearningCurveDisplay`.
 */
import { ValidationError } from '../base/errors.js';
import { type ChartOptions, header, round6, type VegaLiteSpec } from './spec.js';

/** Scores per training size, one array of per-split scores per size (`learningCurve`'s result fits). */
export interface LearningCurveInput {
  /** Training set sizes (`trainSizesAbs` of `learningCurve`). */
  trainSizesAbs: ArrayLike<number>;
  trainScores: readonly ArrayLike<number>[];
  testScores: readonly ArrayLike<number>[];
}

/** Options of {@link learningCurveChart}. */
export interface LearningCurveChartOptions extends ChartOptions {
  /** Name of the score for the y axis. Default `'score'`. */
  scoring?: string;
}

/** Mean and population std (numpy's defaults), ignoring NaN (failed fits). */
function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  const finite = Array.from(values).filter(Number.isFinite);
  if (finite.length === 0) return { mean: Number.NaN, std: Number.NaN };
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const variance = finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length;
  return { mean, std: Math.sqrt(variance) };
}

/**
 * Training and cross-validation score against training-set size: a line
 * through the means and a band of ± one standard deviation over the splits.
 * @example
 * const lc = await learningCurve(new Ridge(), X, y, { cv: 5 });
 * const spec = learningCurveChart(lc, { scoring: 'R²' });
 */
export function learningCurveChart(result: LearningCurveInput, options: LearningCurveChartOptions = {}): VegaLiteSpec {
  const sizes = Array.from(result.trainSizesAbs, Number);
  if (sizes.length === 0) throw new ValidationError('learningCurveChart needs at least one training size');
  if (result.trainScores.length !== sizes.length || result.testScores.length !== sizes.length) {
    throw new ValidationError(
      `learningCurveChart: ${sizes.length} training sizes but ${result.trainScores.length} train and ${result.testScores.length} test score rows`,
    );
  }
  const values = [];
  for (const [series, rows] of [
    ['Training score', result.trainScores],
    ['Cross-validation score', result.testScores],
  ] as const) {
    for (const [t, size] of sizes.entries()) {
      const { mean, std } = meanStd(rows[t]);
      if (!Number.isFinite(mean)) continue;
      values.push({ series, size, mean: round6(mean), lo: round6(mean - std), hi: round6(mean + std) });
    }
  }
  const x = { field: 'size', type: 'quantitative' as const, title: 'Training samples' };
  const color = { field: 'series', type: 'nominal' as const, title: null, sort: null };
  return {
    ...header('Learning curve', options),
    data: { values },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color },
      },
      {
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            title: options.scoring ?? 'score',
            scale: { zero: false },
          },
          color,
          tooltip: [
            { field: 'series', type: 'nominal' },
            { field: 'size', type: 'quantitative' },
            { field: 'mean', type: 'quantitative', format: '.4f' },
          ],
        },
      },
    ],
  };
}
