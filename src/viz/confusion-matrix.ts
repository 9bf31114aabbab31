/**
 * The confusion-matrix heatmap, like scikit-learn's `ConfusionMatrixDisplay`:
 * true labels down, predicted labels across, each cell coloured by its value
 * and labelled with it.
 */
import { ValidationError } from '../base/errors.js';
import { Tensor } from '../tensor/tensor.js';
import { type ChartOptions, header, round6, type VegaLiteSpec } from './spec.js';

/** Options of {@link confusionMatrixChart}. */
export interface ConfusionMatrixChartOptions extends ChartOptions {
  /** Show counts divided by row sums (`'true'`), column sums (`'pred'`) or the total (`'all'`), as `confusionMatrix`'s `normalize`. Default: counts. */
  normalize?: 'true' | 'pred' | 'all' | null;
}

function toRows(matrix: Tensor | readonly (readonly number[])[], k: number): number[][] {
  if (matrix instanceof Tensor) {
    if (matrix.ndim !== 2 || matrix.shape[0] !== k || matrix.shape[1] !== k) {
      throw new ValidationError(`confusion matrix must be ${k} × ${k} for ${k} labels, got shape [${matrix.shape}]`);
    }
    const d = matrix.data;
    return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => Number(d[i * k + j])));
  }
  if (matrix.length !== k || matrix.some((r) => r.length !== k)) {
    throw new ValidationError(`confusion matrix must be ${k} × ${k} for ${k} labels`);
  }
  return matrix.map((r) => [...r]);
}

/**
 * Heatmap of a confusion matrix (`C[i][j]` = samples of true label `labels[i]`
 * predicted as `labels[j]`, e.g. from `confusionMatrix`). Cells show the count,
 * or with `normalize` the fraction (as `ConfusionMatrixDisplay`); the count
 * stays in the tooltip. Text turns white on dark cells.
 * @example
 * const C = confusionMatrix(yTrue, yPred, { labels: ['no', 'yes'] });
 * const spec = confusionMatrixChart(C, ['no', 'yes'], { normalize: 'true' });
 */
export function confusionMatrixChart(
  matrix: Tensor | readonly (readonly number[])[],
  labels: readonly (string | number | boolean)[],
  options: ConfusionMatrixChartOptions = {},
): VegaLiteSpec {
  const k = labels.length;
  if (k === 0) throw new ValidationError('confusionMatrixChart needs at least one label');
  const names = labels.map(String);
  if (new Set(names).size !== k) throw new ValidationError(`labels must be distinct, got ${names.join(', ')}`);
  const counts = toRows(matrix, k);
  const { normalize = null } = options;
  const rowSum = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = names.map((_, j) => counts.reduce((a, r) => a + r[j], 0));
  const total = rowSum.reduce((a, b) => a + b, 0);
  // 0/0 gives 0, as confusionMatrix does.
  const divide = (v: number, d: number): number => (d === 0 ? 0 : v / d);
  const values = [];
  let max = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const count = counts[i][j];
      const value =
        normalize === 'true'
          ? divide(count, rowSum[i])
          : normalize === 'pred'
            ? divide(count, colSum[j])
            : normalize === 'all'
              ? divide(count, total)
              : count;
      max = Math.max(max, value);
      values.push({
        actual: names[i],
        predicted: names[j],
        count,
        value: round6(value),
        text: normalize === null ? String(round6(count)) : value.toFixed(2),
      });
    }
  }
  const cell = Math.max(28, Math.min(70, Math.floor(320 / k)));
  const size = k * cell;
  return {
    ...header('Confusion matrix', options, size, size),
    data: { values },
    encoding: {
      y: { field: 'actual', type: 'ordinal', sort: names, title: 'True label' },
      x: { field: 'predicted', type: 'ordinal', sort: names, title: 'Predicted label', axis: { labelAngle: 0 } },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            scale: { scheme: 'blues', domainMin: 0 },
            title: normalize === null ? 'count' : 'fraction',
          },
          tooltip: [
            { field: 'actual', type: 'nominal', title: 'true' },
            { field: 'predicted', type: 'nominal', title: 'predicted' },
            { field: 'count', type: 'quantitative' },
            { field: 'value', type: 'quantitative', format: '.3f' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: k > 8 ? 9 : 12 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          // A numeric threshold is the only thing written into the expression.
          color: { condition: { test: `datum.value > ${round6(max / 2)}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  };
}
