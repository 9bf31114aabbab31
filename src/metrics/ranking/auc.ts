/**
 * Areas under threshold curves: `auc` (trapezoids), `rocAucScore` (binary,
 * multilabel, and multiclass one-vs-rest / one-vs-one; partial AUC with
 * McClish correction) and `averagePrecisionScore`.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type ClassTarget, encode, formatLabels, readTarget, type Target, uniqueLabels } from '../targets.js';
import {
  checkSameCount,
  type Matrix,
  type NumericArray,
  type NumericVector,
  sampleWeightVector,
  toFloat64Vector,
  toMatrix,
} from '../vector.js';
import { precisionRecallCurve, rocCurve } from './curves.js';

/**
 * Area under a curve by the trapezoidal rule; `x` must be monotonic
 * (increasing or decreasing).
 * @example auc([0, 0.5, 1], [0, 0.75, 1]) // 0.625
 */
export function auc(x: NumericVector, y: NumericVector): number {
  const xs = toFloat64Vector(x, 'x');
  const ys = toFloat64Vector(y, 'y');
  checkSameCount(xs.length, ys.length, 'x', 'y');
  if (xs.length < 2) {
    throw new ValidationError(`At least 2 points are needed to compute area under curve, but x has ${xs.length}`);
  }
  let direction = 1;
  let anyDecrease = false;
  let anyIncrease = false;
  for (let i = 1; i < xs.length; i++) {
    if (xs[i] < xs[i - 1]) anyDecrease = true;
    if (xs[i] > xs[i - 1]) anyIncrease = true;
  }
  if (anyDecrease) {
    if (anyIncrease) throw new ValidationError('x is neither increasing nor decreasing: auc needs a monotonic x');
    direction = -1;
  }
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((xs[i] - xs[i - 1]) * (ys[i] + ys[i - 1])) / 2;
  return direction * area;
}

type BinaryMetric = (t: Float64Array, s: Float64Array, w: Float64Array | undefined) => number;

/** Averaging over label columns (sklearn's `_average_binary_score`). */
function averageBinaryScore(
  metric: BinaryMetric,
  T: Matrix,
  S: Matrix,
  average: 'micro' | 'macro' | 'weighted' | 'samples' | null,
  w: Float64Array | undefined,
): number | Float64Array {
  if (T.cols !== S.cols) {
    throw new ValidationError(`yTrue has ${T.cols} label columns but yScore has ${S.cols}`, {
      expected: T.cols,
      got: S.cols,
    });
  }
  const n = T.rows;
  const column = (M: Matrix, j: number) => {
    const out = new Float64Array(M.rows);
    for (let i = 0; i < M.rows; i++) out[i] = M.data[i * M.cols + j];
    return out;
  };
  if (average === 'micro') {
    let rw: Float64Array | undefined;
    if (w) {
      rw = new Float64Array(n * T.cols);
      for (let i = 0; i < n; i++) rw.fill(w[i], i * T.cols, (i + 1) * T.cols);
    }
    return metric(T.data, S.data, rw);
  }
  if (average === 'samples') {
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      scores[i] = metric(
        T.data.subarray(i * T.cols, (i + 1) * T.cols),
        S.data.subarray(i * S.cols, (i + 1) * S.cols),
        undefined,
      );
    }
    return weightedMean(scores, w);
  }
  let avgW: Float64Array | undefined;
  if (average === 'weighted') {
    avgW = new Float64Array(T.cols);
    let total = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < T.cols; j++) avgW[j] += T.data[i * T.cols + j] * (w ? w[i] : 1);
    for (let j = 0; j < T.cols; j++) total += avgW[j];
    if (Math.abs(total) <= 1e-8) return 0;
  }
  const scores = new Float64Array(T.cols);
  for (let j = 0; j < T.cols; j++) scores[j] = metric(column(T, j), column(S, j), w);
  if (avgW) for (let j = 0; j < T.cols; j++) if (avgW[j] === 0) scores[j] = 0;
  if (average === null) return scores;
  return weightedMean(scores, avgW);
}

function weightedMean(x: Float64Array, w: ArrayLike<number> | undefined): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * x[i];
    sw += wi;
  }
  return s / sw;
}

function binaryRocAuc(maxFpr: number | null): BinaryMetric {
  return (t, s, w) => {
    const seen = new Set<number>();
    for (let i = 0; i < t.length; i++) seen.add(t[i]);
    if (seen.size !== 2) {
      throw new ValidationError('Only one class present in yTrue. ROC AUC score is not defined in that case.');
    }
    const { fpr, tpr } = rocCurve(t, s, { sampleWeight: w, posLabel: 1 });
    if (maxFpr === null || maxFpr === 1) return auc(fpr, tpr);
    if (!(maxFpr > 0 && maxFpr <= 1))
      throw new ValidationError(`Expected maxFpr in range (0, 1], got: ${maxFpr}`, { param: 'maxFpr' });
    let stop = 0;
    while (stop < fpr.length && fpr[stop] <= maxFpr) stop++;
    const x0 = fpr[stop - 1];
    const x1 = fpr[stop];
    const y0 = tpr[stop - 1];
    const y1 = tpr[stop];
    const yi = ((y1 - y0) / (x1 - x0)) * (maxFpr - x0) + y0;
    const xs = new Float64Array(stop + 1);
    const ys = new Float64Array(stop + 1);
    xs.set(fpr.subarray(0, stop));
    ys.set(tpr.subarray(0, stop));
    xs[stop] = maxFpr;
    ys[stop] = yi;
    const partial = auc(xs, ys);
    // McClish correction: map [min area, max area] onto [0.5, 1].
    const minArea = 0.5 * maxFpr * maxFpr;
    return 0.5 * (1 + (partial - minArea) / (maxFpr - minArea));
  };
}

function binaryAveragePrecision(t: Float64Array, s: Float64Array, w: Float64Array | undefined): number {
  const { precision, recall } = precisionRecallCurve(t, s, { sampleWeight: w, posLabel: 1 });
  let ap = 0;
  for (let i = 0; i < recall.length - 1; i++) ap += (recall[i + 1] - recall[i]) * precision[i];
  return -ap;
}

/** One column per class: 1 where the label is that class. */
function binarize(labels: ArrayLike<Label>, classes: readonly Label[]): Matrix {
  const idx = encode(labels, classes);
  const k = classes.length;
  const data = new Float64Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) if (idx[i] >= 0) data[i * k + idx[i]] = 1;
  return { data, rows: labels.length, cols: k, oneD: false };
}

function asMatrix(t: Target): Matrix {
  const m = t.matrix as NonNullable<Target['matrix']>;
  return { data: m.data, rows: m.rows, cols: m.cols, oneD: false };
}

/** Options of {@link rocAucScore}. */
export interface RocAucOptions {
  /** Multilabel / multiclass averaging: `'macro'` (default), `'weighted'` (by prevalence), `'micro'` (ovr), `'samples'` (multilabel), or `null` for per-class scores (ovr). */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /** Per-sample weights (not with `multiClass: 'ovo'`). */
  sampleWeight?: NumericVector;
  /** Binary only: standardized partial AUC over fpr in [0, maxFpr] (McClish correction). */
  maxFpr?: number | null;
  /** Multiclass strategy: `'ovr'` (one-vs-rest) or `'ovo'` (one-vs-one); required for multiclass targets. */
  multiClass?: 'raise' | 'ovr' | 'ovo';
  /** Multiclass: all class labels, sorted, in yScore's column order. Default: the labels of yTrue. */
  labels?: readonly Label[];
}

/**
 * Area under the ROC curve. Binary: `yScore` is the score of the greater
 * label. Multiclass: `yScore` holds probabilities (rows sum to 1), averaged
 * one-vs-rest or one-vs-one (Hand & Till). Multilabel: indicator `yTrue` and
 * one score column per label.
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore(
  yTrue: ClassTarget,
  yScore: NumericArray,
  options: RocAucOptions = {},
): number | Float64Array {
  const { average = 'macro', maxFpr = null, multiClass = 'raise' } = options;
  const target = readTarget(yTrue, 'yTrue');
  const S = toMatrix(yScore, 'yScore');
  checkSameCount(target.n, S.rows, 'yTrue', 'yScore');
  const w = sampleWeightVector(options.sampleWeight, target.n);
  const allowed = ['micro', 'macro', 'weighted', 'samples', null];
  if (!allowed.includes(average)) {
    throw new ValidationError(
      `average must be one of 'micro', 'macro', 'weighted', 'samples' or null, got '${String(average)}'`,
      {
        param: 'average',
      },
    );
  }
  if (target.type === 'multiclass' || (target.type === 'binary' && !S.oneD && S.cols > 2)) {
    return multiclassRocAuc(target, S, w, options, maxFpr, multiClass, average);
  }
  if (target.type === 'binary') {
    const classes = uniqueLabels(target.labels as ArrayLike<Label>);
    if (!S.oneD && S.cols !== 1) {
      throw new ValidationError(
        `yScore has shape [${S.rows}, ${S.cols}] for a binary target: pass the score of the positive class ${formatLabels(classes.slice(-1))} only (e.g. column 1 of predictProba)`,
      );
    }
    const t = new Float64Array(target.n);
    const labels = target.labels as ArrayLike<Label>;
    // label_binarize: the greater label is the positive class.
    for (let i = 0; i < target.n; i++) t[i] = classes.length === 2 && labels[i] === classes[1] ? 1 : 0;
    return binaryRocAuc(maxFpr)(t, S.data, w);
  }
  if (target.type === 'multilabel-indicator') {
    return averageBinaryScore(binaryRocAuc(maxFpr), asMatrix(target), S, average, w);
  }
  throw new ValidationError(`${target.type} format is not supported by rocAucScore`, { got: target.type });
}

function multiclassRocAuc(
  target: Target,
  S: Matrix,
  w: Float64Array | undefined,
  options: RocAucOptions,
  maxFpr: number | null,
  multiClass: string,
  average: RocAucOptions['average'],
): number | Float64Array {
  const labels = target.labels as ArrayLike<Label>;
  const found = uniqueLabels(labels);
  if (maxFpr !== null && maxFpr !== 1) {
    throw new ValidationError(
      `Partial AUC computation not available in multiclass setting: maxFpr must be null, got ${maxFpr}`,
      {
        param: 'maxFpr',
      },
    );
  }
  if (multiClass !== 'ovr' && multiClass !== 'ovo') {
    throw new ValidationError(
      `yTrue is multiclass (labels found: ${formatLabels(found)}): set multiClass to 'ovr' or 'ovo' (got '${multiClass}')`,
      { param: 'multiClass', got: multiClass },
    );
  }
  for (let i = 0; i < S.rows; i++) {
    let s = 0;
    for (let j = 0; j < S.cols; j++) s += S.data[i * S.cols + j];
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      throw new ValidationError(
        `Target scores need to be probabilities for multiclass ROC AUC, i.e. they should sum up to 1.0 over classes (row ${i} sums to ${s})`,
        { row: i, got: s },
      );
    }
  }
  const okAverage = multiClass === 'ovr' ? ['micro', 'macro', 'weighted', null] : ['macro', 'weighted'];
  if (!okAverage.includes(average ?? null)) {
    throw new ValidationError(
      `average must be one of ${okAverage.map(String).join(', ')} for multiclass ${multiClass} ROC AUC`,
      {
        param: 'average',
      },
    );
  }
  let classes: Label[];
  if (options.labels !== undefined) {
    classes = uniqueLabels(options.labels);
    if (classes.length !== options.labels.length)
      throw new ValidationError("Parameter 'labels' must be unique", { param: 'labels' });
    if (classes.some((c, i) => c !== options.labels?.[i]))
      throw new ValidationError("Parameter 'labels' must be ordered", { param: 'labels' });
    if (classes.length !== S.cols) {
      throw new ValidationError(
        `Number of given labels, ${classes.length}, not equal to the number of columns in yScore, ${S.cols}`,
      );
    }
    const known = new Set<Label>(classes);
    const bad = found.filter((l) => !known.has(l));
    if (bad.length > 0) {
      throw new ValidationError(`yTrue contains labels not in parameter 'labels': ${formatLabels(bad)}`, {
        param: 'labels',
        got: bad,
      });
    }
  } else {
    classes = found;
    if (classes.length !== S.cols) {
      throw new ValidationError(
        `Number of classes in yTrue (${classes.length}, ${formatLabels(classes)}) not equal to the number of columns in yScore (${S.cols})`,
      );
    }
  }
  if (multiClass === 'ovr')
    return averageBinaryScore(binaryRocAuc(null), binarize(labels, classes), S, average ?? null, w);
  if (w)
    throw new ValidationError("sampleWeight is not supported for multiclass one-vs-one ROC AUC (multiClass: 'ovo')");
  const idx = encode(labels, classes);
  const present = [...new Set(idx)].sort((a, b) => a - b);
  const metric = binaryRocAuc(null);
  const n = labels.length;
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  for (let x = 0; x < present.length; x++) {
    for (let y = x + 1; y < present.length; y++) {
      const a = present[x];
      const b = present[y];
      const rows: number[] = [];
      for (let i = 0; i < n; i++) if (idx[i] === a || idx[i] === b) rows.push(i);
      const aTrue = Float64Array.from(rows, (i) => (idx[i] === a ? 1 : 0));
      const bTrue = Float64Array.from(rows, (i) => (idx[i] === b ? 1 : 0));
      const aScore = Float64Array.from(rows, (i) => S.data[i * S.cols + a]);
      const bScore = Float64Array.from(rows, (i) => S.data[i * S.cols + b]);
      pairScores.push((metric(aTrue, aScore, undefined) + metric(bTrue, bScore, undefined)) / 2);
      prevalence.push(rows.length / n);
    }
  }
  return weightedMean(Float64Array.from(pairScores), average === 'weighted' ? prevalence : undefined);
}

/** Options of {@link averagePrecisionScore}. */
export interface AveragePrecisionOptions {
  /** Multilabel averaging (`'micro'`, `'macro'` default, `'weighted'`, `'samples'`, or `null` per label). */
  average?: 'micro' | 'macro' | 'weighted' | 'samples' | null;
  /** The positive class (binary). Default 1. */
  posLabel?: Label;
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/**
 * Average precision: Σ (R_n - R_{n-1}) P_n over the precision-recall curve
 * (no interpolation), for binary or multilabel targets.
 * @example averagePrecisionScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.8333...
 */
export function averagePrecisionScore(
  yTrue: ClassTarget,
  yScore: NumericArray,
  options: AveragePrecisionOptions = {},
): number | Float64Array {
  const { average = 'macro', posLabel = 1 } = options;
  const target = readTarget(yTrue, 'yTrue');
  const S = toMatrix(yScore, 'yScore');
  checkSameCount(target.n, S.rows, 'yTrue', 'yScore');
  const w = sampleWeightVector(options.sampleWeight, target.n);
  if (target.type === 'multilabel-indicator') {
    if (posLabel !== 1)
      throw new ValidationError('posLabel is fixed to 1 for multilabel-indicator yTrue', { param: 'posLabel' });
    return averageBinaryScore(binaryAveragePrecision, asMatrix(target), S, average, w);
  }
  const labels = target.labels as ArrayLike<Label>;
  const present = uniqueLabels(labels);
  if (target.type !== 'binary') {
    throw new ValidationError(
      `${target.type} format is not supported by averagePrecisionScore (labels found: ${formatLabels(present)}): use a binary or multilabel-indicator target`,
      { got: target.type },
    );
  }
  if (present.length === 2 && !present.includes(posLabel)) {
    throw new ValidationError(
      `posLabel=${formatLabels([posLabel]).slice(1, -1)} is not a valid label. It should be one of ${formatLabels(present)}`,
      {
        param: 'posLabel',
      },
    );
  }
  if (!S.oneD && S.cols !== 1)
    throw new ValidationError(`yScore must be 1-D for a binary target, got ${S.cols} columns`);
  const t = new Float64Array(target.n);
  for (let i = 0; i < target.n; i++) t[i] = labels[i] === posLabel ? 1 : 0;
  return binaryAveragePrecision(t, S.data, w);
}
