/**
 * Threshold curves of a binary scorer: ROC (`rocCurve`), precision-recall
 * (`precisionRecallCurve`) and detection error tradeoff (`detCurve`), all
 * built on the cumulative tp/fp counts at each distinct score.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { formatLabels, type LabelVector, readTarget, resolvePosLabel, uniqueLabels } from '../targets.js';
import { checkSameCount, type NumericVector, sampleWeightVector, toFloat64Vector } from '../vector.js';
import { warnUndefined, warnUser } from '../warnings.js';

/** Options of the curves. */
export interface CurveOptions {
  /** The positive class. Default: 1 for {0,1}/{-1,1} targets (others must name it). */
  posLabel?: Label;
  /** Per-sample weights (zero-weight samples are dropped). */
  sampleWeight?: NumericVector;
}

/** Cumulative counts at each distinct score, highest score first. */
export interface ClfCurve {
  fps: Float64Array;
  tps: Float64Array;
  thresholds: Float64Array;
  /** Number of distinct labels in yTrue. */
  nClasses: number;
}

/**
 * False/true positive counts for each distinct score threshold (sklearn's
 * `_binary_clf_curve`). Multiclass yTrue is accepted only with `posLabel`.
 */
export function binaryClfCurve(yTrue: LabelVector, yScore: NumericVector, options: CurveOptions = {}): ClfCurve {
  const target = readTarget(yTrue, 'yTrue');
  const classes = target.labels ? uniqueLabels(target.labels) : [];
  if (!(target.type === 'binary' || (target.type === 'multiclass' && options.posLabel !== undefined))) {
    const found = target.labels ? ` (labels found: ${formatLabels(classes)})` : '';
    throw new ValidationError(
      `${target.type} format is not supported: this curve needs a binary target${found}${target.type === 'multiclass' ? ' or a posLabel' : ''}.`,
      { expected: 'binary', got: target.type },
    );
  }
  let t = target.labels as Float64Array | string[];
  let s = toFloat64Vector(yScore, 'yScore');
  checkSameCount(t.length, s.length, 'yTrue', 'yScore');
  let w = sampleWeightVector(options.sampleWeight, t.length);
  if (w) {
    const keep: number[] = [];
    for (let i = 0; i < w.length; i++) if (w[i] !== 0) keep.push(i);
    if (keep.length < w.length) {
      const src = t;
      t = src instanceof Float64Array ? Float64Array.from(keep, (i) => src[i]) : keep.map((i) => src[i]);
      s = Float64Array.from(keep, (i) => s[i]);
      w = Float64Array.from(keep, (i) => (w as Float64Array)[i]);
    }
  }
  const pos = resolvePosLabel(options.posLabel, classes);
  const n = t.length;
  // numpy's argsort(kind='mergesort')[::-1]: stable ascending, then reversed.
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => s[a] - s[b] || a - b);
  order.reverse();
  const fpsAll: number[] = [];
  const tpsAll: number[] = [];
  const thr: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const wi = w ? w[i] : 1;
    const isPos = t[i] === pos;
    if (isPos) tp += wi;
    else if (w) fp += wi;
    if (r === n - 1 || s[order[r + 1]] !== s[i]) {
      tpsAll.push(tp);
      // Unweighted: sklearn derives fps as (index + 1) - tps.
      fpsAll.push(w ? fp : r + 1 - tp);
      thr.push(s[i]);
    }
  }
  return {
    fps: Float64Array.from(fpsAll),
    tps: Float64Array.from(tpsAll),
    thresholds: Float64Array.from(thr),
    nClasses: classes.length,
  };
}

/** A ROC curve: false and true positive rates at decreasing thresholds. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  /** Decreasing; `thresholds[0]` = max score + 1 (scikit-learn 1.2's convention). */
  thresholds: Float64Array;
}

/** Options of {@link rocCurve}. */
export interface RocCurveOptions extends CurveOptions {
  /** Drop thresholds that are not corners of the curve (collinear points). Default `true`. */
  dropIntermediate?: boolean;
}

/**
 * Receiver operating characteristic: (fpr, tpr) at each threshold, starting
 * at (0, 0) with threshold max+1.
 * @example rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).tpr // [0, 0.5, 0.5, 1, 1]
 */
export function rocCurve(yTrue: LabelVector, yScore: NumericVector, options: RocCurveOptions = {}): RocCurve {
  const { dropIntermediate = true } = options;
  let { fps, tps, thresholds } = binaryClfCurve(yTrue, yScore, options);
  if (dropIntermediate && fps.length > 2) {
    const keep: number[] = [0];
    for (let i = 1; i < fps.length - 1; i++) {
      // numpy's diff(x, 2): (x[i+1] - x[i]) - (x[i] - x[i-1]).
      const d2f = fps[i + 1] - fps[i] - (fps[i] - fps[i - 1]);
      const d2t = tps[i + 1] - tps[i] - (tps[i] - tps[i - 1]);
      if (d2f !== 0 || d2t !== 0) keep.push(i);
    }
    keep.push(fps.length - 1);
    fps = Float64Array.from(keep, (i) => fps[i]);
    tps = Float64Array.from(keep, (i) => tps[i]);
    thresholds = Float64Array.from(keep, (i) => thresholds[i]);
  }
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  const th = new Float64Array(m);
  th[0] = thresholds[0] + 1;
  th.set(thresholds, 1);
  const fpLast = fps[fps.length - 1];
  const tpLast = tps[tps.length - 1];
  if (fpLast <= 0) warnUndefined('No negative samples in yTrue, false positive value should be meaningless');
  if (tpLast <= 0) warnUndefined('No positive samples in yTrue, true positive value should be meaningless');
  for (let i = 0; i < m; i++) {
    const f = i === 0 ? 0 : fps[i - 1];
    const t = i === 0 ? 0 : tps[i - 1];
    fpr[i] = fpLast <= 0 ? Number.NaN : f / fpLast;
    tpr[i] = tpLast <= 0 ? Number.NaN : t / tpLast;
  }
  return { fpr, tpr, thresholds: th };
}

/** A precision-recall curve; `precision`/`recall` have one more entry than `thresholds`. */
export interface PrecisionRecallCurve {
  /** Ends with 1. */
  precision: Float64Array;
  /** Decreasing, ends with 0. */
  recall: Float64Array;
  /** Increasing distinct scores. */
  thresholds: Float64Array;
}

/**
 * Precision and recall at each distinct threshold (increasing), plus the
 * final point (precision 1, recall 0), as scikit-learn 1.2.
 * @example precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).precision // [0.5, 0.666, 0.5, 1, 1]
 */
export function precisionRecallCurve(
  yTrue: LabelVector,
  probasPred: NumericVector,
  options: CurveOptions = {},
): PrecisionRecallCurve {
  const { fps, tps, thresholds } = binaryClfCurve(yTrue, probasPred, options);
  const m = tps.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const th = new Float64Array(m);
  const tpLast = tps[m - 1];
  if (tpLast === 0) warnUser('No positive class found in yTrue, recall is set to one for all thresholds.');
  for (let i = 0; i < m; i++) {
    const src = m - 1 - i;
    const ps = tps[src] + fps[src];
    precision[i] = ps !== 0 ? tps[src] / ps : 0;
    recall[i] = tpLast === 0 ? 1 : tps[src] / tpLast;
    th[i] = thresholds[src];
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: th };
}

/** A detection error tradeoff curve. */
export interface DetCurve {
  /** False positive rate, decreasing threshold order reversed (increasing thresholds). */
  fpr: Float64Array;
  /** False negative rate. */
  fnr: Float64Array;
  thresholds: Float64Array;
}

/**
 * Detection error tradeoff: false positive vs false negative rate at each
 * threshold, trimmed to the useful range as scikit-learn does.
 * @example detCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]).fnr // [0, 0.5, 0.5]
 */
export function detCurve(yTrue: LabelVector, yScore: NumericVector, options: CurveOptions = {}): DetCurve {
  const { fps, tps, thresholds, nClasses } = binaryClfCurve(yTrue, yScore, options);
  if (nClasses !== 2) {
    throw new ValidationError(
      'Only one class present in yTrue. Detection error tradeoff curve is not defined in that case.',
    );
  }
  const m = fps.length;
  const pCount = tps[m - 1];
  const nCount = fps[m - 1];
  // first = last index whose fps equals fps[0] (searchsorted right - 1); last = first index reaching all positives.
  let first = 0;
  while (first + 1 < m && fps[first + 1] <= fps[0]) first++;
  let last = 0;
  while (last < m && tps[last] < pCount) last++;
  const end = Math.min(last + 1, m);
  const len = Math.max(0, end - first);
  const fpr = new Float64Array(len);
  const fnr = new Float64Array(len);
  const th = new Float64Array(len);
  for (let r = 0; r < len; r++) {
    const i = end - 1 - r;
    fpr[r] = fps[i] / nCount;
    fnr[r] = (pCount - tps[i]) / pCount;
    th[r] = thresholds[i];
  }
  return { fpr, fnr, thresholds: th };
}
