/**
 * Curves from a classifier's predicted probabilities, ready for the ROC,
 * precision-recall and calibration charts: one curve for the positive class
 * of a binary problem, one-vs-rest curves per class otherwise.
 */
import { ValidationError } from '../base/errors.js';
import { auc, averagePrecisionScore, precisionRecallCurve, rocCurve } from '../metrics/index.js';
import { Tensor } from '../tensor/tensor.js';
import { type CalibrationSeries, calibrationCurve } from './calibration.js';
import type { PrecisionRecallSeries, RocSeries } from './curves.js';

/** Options of {@link classificationCurves}. */
export interface ClassificationCurvesOptions {
  /** Curve name of a binary problem. Default: the positive class. */
  name?: string;
  /** Bins of the calibration curves. Default 5. */
  nBins?: number;
}

/** The curves of {@link classificationCurves}. */
export interface ClassificationCurves {
  roc: RocSeries[];
  precisionRecall: PrecisionRecallSeries[];
  calibration: CalibrationSeries[];
}

function probaRows(proba: Tensor | readonly (readonly number[])[], n: number, k: number): Float64Array {
  if (proba instanceof Tensor) {
    if (proba.ndim !== 2 || proba.shape[0] !== n || proba.shape[1] !== k) {
      throw new ValidationError(`probabilities must have shape [${n}, ${k}], got [${proba.shape}]`);
    }
    return Float64Array.from(proba.data as ArrayLike<number>);
  }
  if (proba.length !== n || proba.some((r) => r.length !== k)) {
    throw new ValidationError(`probabilities must be ${n} rows of ${k} values`);
  }
  return Float64Array.from(proba.flat());
}

/**
 * ROC, precision-recall and calibration curves from `predictProba` output
 * whose columns follow `classes`. Binary problems give one curve, for
 * `classes[1]` as sklearn's displays do; more classes give one-vs-rest curves
 * named by class.
 * @example
 * const curves = classificationCurves(yTest, model.predictProba(XTest), model.classes);
 * const spec = rocCurveChart(curves.roc);
 */
export function classificationCurves(
  yTrue: ArrayLike<string | number | boolean>,
  proba: Tensor | readonly (readonly number[])[],
  classes: readonly (string | number | boolean)[],
  options: ClassificationCurvesOptions = {},
): ClassificationCurves {
  const n = yTrue.length;
  const k = classes.length;
  if (k < 2) throw new ValidationError(`classificationCurves needs at least 2 classes, got ${k}`);
  const p = probaRows(proba, n, k);
  const names = classes.map(String);
  const truth = Array.from(yTrue as ArrayLike<unknown>, String);
  const targets = k === 2 ? [1] : names.map((_, j) => j);
  const out: ClassificationCurves = { roc: [], precisionRecall: [], calibration: [] };
  for (const j of targets) {
    const binary = Float64Array.from(truth, (t) => (t === names[j] ? 1 : 0));
    const positives = binary.reduce((a, b) => a + b, 0);
    // A class absent from yTrue (or the only one present) has no curve.
    if (positives === 0 || positives === n) continue;
    const scores = Float64Array.from({ length: n }, (_, i) => p[i * k + j]);
    const name = k === 2 ? (options.name ?? names[1]) : names[j];
    const roc = rocCurve(binary, scores);
    out.roc.push({ name, fpr: roc.fpr, tpr: roc.tpr, auc: auc(roc.fpr, roc.tpr) });
    const pr = precisionRecallCurve(binary, scores);
    out.precisionRecall.push({
      name,
      precision: pr.precision,
      recall: pr.recall,
      averagePrecision: averagePrecisionScore(binary, scores) as number,
    });
    const clipped = scores.map((s) => Math.min(1, Math.max(0, s)));
    out.calibration.push({ name, ...calibrationCurve(binary, clipped, { nBins: options.nBins ?? 5 }) });
  }
  return out;
}
