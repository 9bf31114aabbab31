/**
 * Reliability diagrams: `calibrationCurve` (scikit-learn's
 * `calibration_curve`) and the chart of observed frequency against mean
 * predicted probability.
 */
import { ValidationError } from '../base/errors.js';
import { type ChartOptions, header, round6, sameLength, type VegaLiteSpec } from './spec.js';

/** Options of {@link calibrationCurve}. */
export interface CalibrationCurveOptions {
  /** Number of bins in [0, 1]. Default 5. */
  nBins?: number;
  /** `'uniform'`: equal-width bins; `'quantile'`: bins holding equal numbers of samples. Default `'uniform'`. */
  strategy?: 'uniform' | 'quantile';
  /** The positive class. Default 1 (or `true`) when the labels are {0, 1}, {-1, 1} or booleans. */
  posLabel?: number | string | boolean;
}

/** Output of {@link calibrationCurve}: one entry per non-empty bin, in bin order. */
export interface CalibrationCurve {
  /** Fraction of positives in each bin. */
  probTrue: Float64Array;
  /** Mean predicted probability in each bin. */
  probPred: Float64Array;
}

/** numpy's `linspace(0, 1, n + 1)`: `i * (1 / n)`, the last edge exactly 1. */
function linspaceEdges(n: number): Float64Array {
  const step = 1 / n;
  const edges = Float64Array.from({ length: n + 1 }, (_, i) => i * step);
  edges[n] = 1;
  return edges;
}

/** numpy's `percentile(values, q)` with linear interpolation, including its lerp rounding. */
function percentiles(sorted: Float64Array, qs: Float64Array): Float64Array {
  const m = sorted.length;
  return qs.map((q) => {
    const virtual = (q / 100) * (m - 1);
    const lo = Math.floor(virtual);
    const hi = Math.min(lo + 1, m - 1);
    const t = virtual - lo;
    const a = sorted[lo];
    const b = sorted[hi];
    const diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  });
}

function binaryTruth(yTrue: ArrayLike<number | string | boolean>, posLabel?: number | string | boolean): Uint8Array {
  const classes = [...new Set(Array.from(yTrue))];
  if (classes.length > 2) {
    throw new ValidationError(`calibrationCurve only supports binary targets; got labels ${classes.join(', ')}`, {
      got: classes,
    });
  }
  let pos = posLabel;
  if (pos === undefined) {
    const isBinaryNumbers = classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
    const isBooleans = classes.every((c) => typeof c === 'boolean');
    if (!isBinaryNumbers && !isBooleans) {
      throw new ValidationError(
        `labels are ${classes.join(', ')}: pass posLabel, since the positive class is only implied for {0, 1}, {-1, 1} or booleans`,
        { param: 'posLabel' },
      );
    }
    pos = isBooleans ? true : 1;
  }
  return Uint8Array.from(yTrue as ArrayLike<unknown>, (v) => (v === pos ? 1 : 0));
}

/**
 * The fraction of positives and the mean predicted probability per bin of
 * `yProb`, as scikit-learn's `calibration_curve`: bin edges from
 * `linspace(0, 1, nBins + 1)` (or percentiles of `yProb` for `'quantile'`),
 * a probability `p` goes to the first bin whose inner upper edge is `>= p`
 * (numpy's `searchsorted`), and empty bins are left out.
 * @example
 * calibrationCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { nBins: 2 })
 * // { probTrue: Float64Array [0.3333, 1], probPred: Float64Array [0.2833, 0.8] }
 */
export function calibrationCurve(
  yTrue: ArrayLike<number | string | boolean>,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  const { nBins = 5, strategy = 'uniform' } = options;
  if (!Number.isInteger(nBins) || nBins < 1) {
    throw new ValidationError(`nBins must be a positive integer, got ${nBins}`, { param: 'nBins', got: nBins });
  }
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new ValidationError(`strategy must be 'uniform' or 'quantile', got '${String(strategy)}'`, {
      param: 'strategy',
    });
  }
  sameLength(yTrue, yProb, 'yTrue', 'yProb');
  const n = yProb.length;
  if (n === 0) throw new ValidationError('calibrationCurve needs at least one sample');
  const prob = Float64Array.from(yProb);
  for (let i = 0; i < n; i++) {
    if (!(prob[i] >= 0 && prob[i] <= 1)) {
      throw new ValidationError(`yProb has values outside [0, 1]: ${prob[i]} at index ${i}`, { row: i, got: prob[i] });
    }
  }
  const truth = binaryTruth(yTrue, options.posLabel);
  const edges =
    strategy === 'uniform'
      ? linspaceEdges(nBins)
      : percentiles(
          prob.slice().sort(),
          linspaceEdges(nBins).map((q) => q * 100),
        );
  const inner = edges.subarray(1, nBins);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    // searchsorted(inner, p, side='left'): the number of inner edges below p.
    let lo = 0;
    let hi = inner.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inner[mid] < prob[i]) lo = mid + 1;
      else hi = mid;
    }
    sums[lo] += prob[i];
    trues[lo] += truth[i];
    totals[lo] += 1;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  for (let b = 0; b < nBins; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(trues[b] / totals[b]);
    probPred.push(sums[b] / totals[b]);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred) };
}

/** One reliability curve (e.g. {@link calibrationCurve}'s output plus a name). */
export interface CalibrationSeries {
  name: string;
  probTrue: ArrayLike<number>;
  probPred: ArrayLike<number>;
}

/**
 * Reliability diagram: fraction of positives against mean predicted
 * probability per bin, one line with points per curve, and the dashed
 * diagonal of a perfectly calibrated model.
 * @example
 * const curve = calibrationCurve(yTrue, proba, { nBins: 5 });
 * const spec = calibrationChart([{ name: 'logistic-regression', ...curve }]);
 */
export function calibrationChart(curves: readonly CalibrationSeries[], options: ChartOptions = {}): VegaLiteSpec {
  if (curves.length === 0) throw new ValidationError('calibrationChart needs at least one curve');
  const values = curves.flatMap((c) => {
    sameLength(c.probTrue, c.probPred, `probTrue of '${c.name}'`, 'probPred');
    return Array.from({ length: c.probTrue.length }, (_, i) => ({
      series: c.name,
      probPred: round6(c.probPred[i]),
      probTrue: round6(c.probTrue[i]),
      order: i,
    }));
  });
  return {
    ...header('Calibration curve (reliability diagram)', options, 360, 320),
    layer: [
      {
        data: {
          values: [
            { x: 0, y: 0, series: 'perfectly calibrated' },
            { x: 1, y: 1, series: 'perfectly calibrated' },
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
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'probPred',
            type: 'quantitative',
            title: 'Mean predicted probability',
            scale: { domain: [0, 1] },
          },
          y: {
            field: 'probTrue',
            type: 'quantitative',
            title: 'Fraction of positives',
            scale: { domain: [0, 1] },
          },
          color: { field: 'series', type: 'nominal', title: null, sort: null },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  };
}
