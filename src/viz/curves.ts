/**
 * ROC and precision-recall charts: one line per class or model, with its area
 * in the legend, like scikit-learn's `RocCurveDisplay` and
 * `PrecisionRecallDisplay`.
 */
import { ValidationError } from '../base/errors.js';
import { auc } from '../metrics/index.js';
import { type ChartOptions, header, round6, sameLength, type VegaLiteSpec } from './spec.js';

/** One ROC curve (e.g. `rocCurve`'s output plus a name). */
export interface RocSeries {
  /** Legend name: the class (one-vs-rest) or the model. */
  name: string;
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
  /** Area under the curve. Default: computed from the points with `auc`. */
  auc?: number;
}

/** One precision-recall curve (e.g. `precisionRecallCurve`'s output plus a name). */
export interface PrecisionRecallSeries {
  name: string;
  precision: ArrayLike<number>;
  recall: ArrayLike<number>;
  /** Average precision shown in the legend (e.g. `averagePrecisionScore`). Default: left out of the legend. */
  averagePrecision?: number;
}

function checkSeries(count: number, what: string): void {
  if (count === 0) throw new ValidationError(`${what} needs at least one curve`);
}

/** Legend entries must be distinct, or two curves would merge into one line. */
function legendNames(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} #${n}`;
  });
}

const lineEncoding = (x: string, y: string, xTitle: string, yTitle: string) => ({
  x: { field: x, type: 'quantitative' as const, title: xTitle, scale: { domain: [0, 1] } },
  y: { field: y, type: 'quantitative' as const, title: yTitle, scale: { domain: [0, 1] } },
  color: { field: 'series', type: 'nominal' as const, title: null, sort: null },
  // Points stay in curve order (x repeats along a ROC curve's vertical steps).
  order: { field: 'order', type: 'quantitative' as const },
});

/**
 * ROC curves (true positive rate against false positive rate) with a dashed
 * chance diagonal; the legend reads `name (AUC = 0.853)`.
 * @example
 * const { fpr, tpr } = rocCurve(yTrue, scores);
 * const spec = rocCurveChart([{ name: 'logistic-regression', fpr, tpr }]);
 */
export function rocCurveChart(curves: readonly RocSeries[], options: ChartOptions = {}): VegaLiteSpec {
  checkSeries(curves.length, 'rocCurveChart');
  const labels = legendNames(
    curves.map((c) => {
      sameLength(c.fpr, c.tpr, `fpr of '${c.name}'`, 'tpr');
      const area = c.auc ?? (c.fpr.length >= 2 ? auc(c.fpr, c.tpr) : Number.NaN);
      return `${c.name} (AUC = ${Number.isFinite(area) ? area.toFixed(3) : 'n/a'})`;
    }),
  );
  const values = curves.flatMap((c, s) =>
    Array.from({ length: c.fpr.length }, (_, i) => ({
      series: labels[s],
      fpr: round6(c.fpr[i]),
      tpr: round6(c.tpr[i]),
      order: i,
    })),
  );
  return {
    ...header('ROC curve', options, 360, 320),
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
        },
      },
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear', strokeWidth: 2 },
        encoding: lineEncoding('fpr', 'tpr', 'False positive rate', 'True positive rate'),
      },
    ],
  };
}

/**
 * Precision-recall curves drawn as steps (as `PrecisionRecallDisplay`); the
 * legend shows the average precision when given.
 * @example
 * const { precision, recall } = precisionRecallCurve(yTrue, scores);
 * const spec = precisionRecallChart([{ name: 'model', precision, recall, averagePrecision: 0.81 }]);
 */
export function precisionRecallChart(
  curves: readonly PrecisionRecallSeries[],
  options: ChartOptions = {},
): VegaLiteSpec {
  checkSeries(curves.length, 'precisionRecallChart');
  const labels = legendNames(
    curves.map((c) => {
      sameLength(c.precision, c.recall, `precision of '${c.name}'`, 'recall');
      const ap = c.averagePrecision;
      return ap === undefined ? c.name : `${c.name} (AP = ${Number.isFinite(ap) ? ap.toFixed(3) : 'n/a'})`;
    }),
  );
  const values = curves.flatMap((c, s) =>
    Array.from({ length: c.recall.length }, (_, i) => ({
      series: labels[s],
      recall: round6(c.recall[i]),
      precision: round6(c.precision[i]),
      order: i,
    })),
  );
  return {
    ...header('Precision-recall curve', options, 360, 320),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
    encoding: lineEncoding('recall', 'precision', 'Recall', 'Precision'),
  };
}
