/**
 * The leaderboard chart: one panel per metric, a bar per model at its
 * cross-validated mean with a ± one-standard-deviation whisker.
 */
import { ValidationError } from '../base/errors.js';
import { CHART_CONFIG, type ChartOptions, finite, round6, VEGA_LITE_SCHEMA, type VegaLiteSpec } from './spec.js';

/** One model's scores (the shape `typelearn compare --json` writes for each leaderboard entry). */
export interface LeaderboardRow {
  model: string;
  metrics: Readonly<Record<string, { mean: number; std: number }>>;
}

/** Options of {@link leaderboardChart}. */
export interface LeaderboardChartOptions extends ChartOptions {
  /** Metrics to show, in panel order. Default: every metric of the first row. */
  metrics?: readonly string[];
  /** Panels per row. Default 3. */
  columns?: number;
}

/**
 * Mean ± std bars per model and metric (models in the order given, best first
 * for a sorted leaderboard). Each metric panel has its own x scale, since R²
 * and RMSE do not share a range. Missing (NaN) scores draw no bar.
 * @example
 * leaderboardChart([
 *   { model: 'logistic-regression', metrics: { accuracy: { mean: 0.79, std: 0.02 } } },
 *   { model: 'dummy-classifier', metrics: { accuracy: { mean: 0.62, std: 0.01 } } },
 * ]);
 */
export function leaderboardChart(rows: readonly LeaderboardRow[], options: LeaderboardChartOptions = {}): VegaLiteSpec {
  if (rows.length === 0) throw new ValidationError('leaderboardChart needs at least one row');
  const metrics = options.metrics ?? Object.keys(rows[0].metrics);
  if (metrics.length === 0) throw new ValidationError('leaderboardChart needs at least one metric');
  const values = [];
  for (const [rank, row] of rows.entries()) {
    for (const metric of metrics) {
      const score = row.metrics[metric];
      if (score === undefined) {
        throw new ValidationError(`leaderboard row '${row.model}' has no metric '${metric}'`, { got: metric });
      }
      const mean = finite(score.mean);
      const std = finite(score.std) ?? 0;
      values.push({
        model: row.model,
        metric,
        rank: rank + 1,
        mean: mean === null ? null : round6(mean),
        lo: mean === null ? null : round6(mean - std),
        hi: mean === null ? null : round6(mean + std),
        std: round6(std),
      });
    }
  }
  const models = rows.map((r) => r.model);
  const height = options.height ?? Math.max(60, 22 * models.length);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? 'Cross-validated scores (mean ± std)',
    config: CHART_CONFIG,
    data: { values },
    facet: { field: 'metric', type: 'nominal', sort: [...metrics], title: null },
    columns: options.columns ?? 3,
    spec: {
      width: options.width ?? 220,
      height,
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: {
            y: { field: 'model', type: 'nominal', sort: models, title: null },
            x: { field: 'mean', type: 'quantitative', title: 'score' },
            tooltip: [
              { field: 'model', type: 'nominal' },
              { field: 'metric', type: 'nominal' },
              { field: 'mean', type: 'quantitative', format: '.4f' },
              { field: 'std', type: 'quantitative', format: '.4f' },
            ],
          },
        },
        {
          mark: { type: 'rule', color: '#222' },
          encoding: {
            y: { field: 'model', type: 'nominal', sort: models },
            x: { field: 'lo', type: 'quantitative' },
            x2: { field: 'hi' },
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  };
}
