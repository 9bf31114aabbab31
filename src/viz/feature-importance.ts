/**
 * Feature importances as horizontal bars, largest first, with ± std whiskers
 * when the importances come from repeated permutations.
 */
import { ValidationError } from '../base/errors.js';
import { type ChartOptions, header, round6, sameLength, type VegaLiteSpec } from './spec.js';

/** Importances per feature: impurity-based (`model.featureImportances`) or permutation means and stds. */
export interface FeatureImportanceInput {
  names: readonly string[];
  importances: ArrayLike<number>;
  /** Standard deviation per feature (permutation importance). Default: no whiskers. */
  std?: ArrayLike<number>;
}

/** Options of {@link featureImportanceChart}. */
export interface FeatureImportanceChartOptions extends ChartOptions {
  /** Show only the `top` largest importances. Default 20. */
  top?: number;
  /** x-axis title. Default `'importance'`. */
  xTitle?: string;
}

/**
 * Sorted horizontal bars of feature importances (the `top` largest; NaN
 * importances are left out), like yellowbrick's `FeatureImportances`.
 * @example
 * featureImportanceChart({ names: ['age', 'sex'], importances: forest.featureImportances });
 */
export function featureImportanceChart(
  input: FeatureImportanceInput,
  options: FeatureImportanceChartOptions = {},
): VegaLiteSpec {
  const { names, importances, std } = input;
  sameLength(names, importances, 'names', 'importances');
  if (std !== undefined) sameLength(names, std, 'names', 'std');
  const top = options.top ?? 20;
  if (!Number.isInteger(top) || top < 1) throw new ValidationError(`top must be a positive integer, got ${top}`);
  const rows = Array.from(names, (name, i) => ({
    feature: name,
    importance: Number(importances[i]),
    std: std === undefined ? 0 : Number(std[i]),
  }))
    .filter((r) => Number.isFinite(r.importance))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, top);
  if (rows.length === 0) throw new ValidationError('featureImportanceChart needs at least one finite importance');
  const values = rows.map((r) => ({
    feature: r.feature,
    importance: round6(r.importance),
    lo: round6(r.importance - r.std),
    hi: round6(r.importance + r.std),
    std: round6(r.std),
  }));
  const order = rows.map((r) => r.feature);
  const y = { field: 'feature', type: 'nominal' as const, sort: order, title: null };
  const layer: object[] = [
    {
      mark: { type: 'bar', color: '#4c78a8' },
      encoding: {
        y,
        x: { field: 'importance', type: 'quantitative', title: options.xTitle ?? 'importance' },
        tooltip: [
          { field: 'feature', type: 'nominal' },
          { field: 'importance', type: 'quantitative', format: '.4f' },
          ...(std === undefined ? [] : [{ field: 'std', type: 'quantitative', format: '.4f' }]),
        ],
      },
    },
  ];
  if (std !== undefined) {
    layer.push({
      mark: { type: 'rule', color: '#222' },
      encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
    });
  }
  return {
    ...header('Feature importance', options, 360, Math.max(60, 20 * rows.length)),
    data: { values },
    layer,
  } as VegaLiteSpec;
}
