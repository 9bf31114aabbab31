/**
 * Metrics of predicted probabilities and decision scores: log loss, Brier
 * score, hinge loss and top-k accuracy.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { Tensor } from '../../tensor/tensor.js';
import {
  encode,
  formatLabels,
  type LabelVector,
  readTarget,
  requireBinary,
  resolvePosLabel,
  uniqueLabels,
} from '../targets.js';
import {
  checkSameCount,
  type NumericArray,
  type NumericVector,
  sampleWeightVector,
  toFloat64Vector,
  toMatrix,
} from '../vector.js';
import { warnUndefined, warnUser } from '../warnings.js';

function labelsOf(y: LabelVector, name: string): { labels: Float64Array | string[]; classes: Label[]; type: string } {
  const t = readTarget(y, name);
  if (!t.labels) throw new ValidationError(`${name} must be 1-D labels, got a ${t.type} matrix`);
  return { labels: t.labels, classes: uniqueLabels(t.labels), type: t.type };
}

function checkGivenLabels(given: readonly Label[], name = 'labels'): Label[] {
  const sorted = uniqueLabels(given);
  if (sorted.length !== given.length) throw new ValidationError(`Parameter '${name}' must be unique`, { param: name });
  return sorted;
}

function unknownLabels(values: ArrayLike<Label>, classes: readonly Label[]): Label[] {
  const known = new Set<Label>(classes);
  const bad = new Set<Label>();
  for (let i = 0; i < values.length; i++) if (!known.has(values[i])) bad.add(values[i]);
  return uniqueLabels([...bad]);
}

/** Options of {@link logLoss}. */
export interface LogLossOptions {
  /** Probabilities are clipped to [eps, 1 - eps]. Default `'auto'`: the machine epsilon of yPred's dtype. */
  eps?: number | 'auto';
  /** Mean (`true`, default) or sum of the per-sample losses. */
  normalize?: boolean;
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /** All class labels, in yPred's column order (sorted). Default: the labels of yTrue. */
  labels?: readonly Label[];
  /**
   * Rows of yPred that do not sum to 1: `'warn'` (default) renormalises them
   * with a warning — the numbers of scikit-learn 1.2, which renormalised
   * silently — and `'raise'` throws a ValidationError naming the row.
   */
  onUnnormalized?: 'warn' | 'raise';
}

/**
 * Cross-entropy `-mean(log p[true class])` of predicted probabilities
 * (1-D: probability of the greater class). Probabilities are clipped to
 * [eps, 1-eps] then each row is renormalised, as scikit-learn 1.2 does.
 * @example logLoss(['spam', 'ham', 'ham', 'spam'], [[0.1, 0.9], [0.9, 0.1], [0.8, 0.2], [0.35, 0.65]]) // 0.21616...
 */
export function logLoss(yTrue: LabelVector, yPred: NumericArray, options: LogLossOptions = {}): number {
  const { normalize = true, onUnnormalized = 'warn' } = options;
  const { labels: t } = labelsOf(yTrue, 'yTrue');
  const P = toMatrix(yPred, 'yPred');
  checkSameCount(t.length, P.rows, 'yTrue', 'yPred');
  const w = sampleWeightVector(options.sampleWeight, t.length);
  const float32 = yPred instanceof Tensor && yPred.dtype === 'float32';
  const eps = options.eps === undefined || options.eps === 'auto' ? (float32 ? 2 ** -23 : Number.EPSILON) : options.eps;
  let classes: Label[];
  if (options.labels !== undefined) {
    classes = checkGivenLabels(options.labels);
    if (classes.length < 2) {
      throw new ValidationError(
        `The labels array needs to contain at least two labels for logLoss, got ${formatLabels(classes)}.`,
        {
          param: 'labels',
        },
      );
    }
    const bad = unknownLabels(t, classes);
    if (bad.length > 0) {
      throw new ValidationError(
        `yTrue contains values not belonging to the passed labels: ${formatLabels(bad)} not in ${formatLabels(classes)}`,
        { param: 'labels', got: bad },
      );
    }
  } else {
    classes = uniqueLabels(t);
    if (classes.length === 1) {
      throw new ValidationError(
        `yTrue contains only one label (${formatLabels(classes).slice(1, -1)}). Please provide the true labels explicitly through the labels argument.`,
      );
    }
  }
  const k = P.cols === 1 ? 2 : P.cols;
  if (classes.length !== k) {
    throw new ValidationError(
      options.labels !== undefined
        ? `The number of classes in labels (${classes.length}) is different from that in yPred (${k}). Classes found in labels: ${formatLabels(classes)}`
        : `yTrue and yPred contain different numbers of classes ${classes.length}, ${k}. Please provide the true labels explicitly through the labels argument. Classes found in yTrue: ${formatLabels(classes)}`,
      { expected: classes.length, got: k },
    );
  }
  const idx = encode(t, classes);
  const tol = 5 * Number.EPSILON;
  let warned = false;
  let total = 0;
  let sw = 0;
  const row = new Float64Array(k);
  for (let i = 0; i < P.rows; i++) {
    if (P.cols === 1) {
      const p1 = Math.min(Math.max(P.data[i], eps), 1 - eps);
      row[0] = 1 - p1;
      row[1] = p1;
    } else {
      for (let j = 0; j < k; j++) row[j] = Math.min(Math.max(P.data[i * k + j], eps), 1 - eps);
    }
    let s = 0;
    for (let j = 0; j < k; j++) s += row[j];
    if (!(Math.abs(s - 1) <= tol + 1e-15 * Math.abs(s)) && !warned) {
      const msg = `yPred row ${i} sums to ${s}, not 1 (after clipping to [eps, 1 - eps])`;
      if (onUnnormalized === 'raise')
        throw new ValidationError(`${msg}: probabilities must sum to 1.`, { row: i, got: s });
      warnUser(`${msg}; rows that do not sum to 1 are renormalised, as scikit-learn 1.2 does.`);
      warned = true;
    }
    const loss = -Math.log(row[idx[i]] / s);
    const wi = w ? w[i] : 1;
    total += wi * loss;
    sw += wi;
  }
  return normalize ? total / sw : total;
}

/** Options of {@link brierScoreLoss}. */
export interface BrierOptions {
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /** The positive class. Default: 1 for {0,1}/{-1,1} targets, else the greater label (strings need it). */
  posLabel?: Label;
}

/**
 * Mean squared difference between the predicted probability of the positive
 * class and the outcome (binary targets only).
 * @example brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) // 0.0375
 */
export function brierScoreLoss(yTrue: LabelVector, yProb: NumericVector, options: BrierOptions = {}): number {
  const { labels: t, classes, type } = labelsOf(yTrue, 'yTrue');
  const p = toFloat64Vector(yProb, 'yProb');
  checkSameCount(t.length, p.length, 'yTrue', 'yProb');
  const w = sampleWeightVector(options.sampleWeight, t.length);
  requireBinary(type as 'binary', classes, 'brierScoreLoss');
  for (let i = 0; i < p.length; i++) {
    if (p[i] > 1)
      throw new ValidationError(`yProb contains values greater than 1 (yProb[${i}] = ${p[i]})`, { row: i, got: p[i] });
    if (p[i] < 0)
      throw new ValidationError(`yProb contains values less than 0 (yProb[${i}] = ${p[i]})`, { row: i, got: p[i] });
  }
  let pos: Label;
  try {
    pos = resolvePosLabel(options.posLabel, classes);
  } catch (e) {
    if (typeof classes[0] === 'string') throw e;
    pos = classes[classes.length - 1];
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < t.length; i++) {
    const d = (t[i] === pos ? 1 : 0) - p[i];
    const wi = w ? w[i] : 1;
    s += wi * d * d;
    sw += wi;
  }
  return s / sw;
}

/** Options of {@link hingeLoss}. */
export interface HingeLossOptions {
  /** All class labels (multiclass), in pred's column order. Default: the labels of yTrue. */
  labels?: readonly Label[];
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/**
 * Average hinge loss `max(0, 1 - margin)`: binary (labels mapped to ±1, greater
 * label +1, 1-D decisions) or multiclass Crammer-Singer (2-D decisions).
 * @example hingeLoss([-1, 1, 1], [-2.18, 2.36, 0.09]) // 0.3033...
 */
export function hingeLoss(yTrue: LabelVector, predDecision: NumericArray, options: HingeLossOptions = {}): number {
  const { labels: t } = labelsOf(yTrue, 'yTrue');
  const D = toMatrix(predDecision, 'predDecision');
  checkSameCount(t.length, D.rows, 'yTrue', 'predDecision');
  const w = sampleWeightVector(options.sampleWeight, t.length);
  const classes = options.labels !== undefined ? checkGivenLabels(options.labels) : uniqueLabels(t);
  const n = t.length;
  const losses = new Float64Array(n);
  if (classes.length > 2) {
    if (D.oneD) {
      throw new ValidationError(
        `predDecision cannot be 1-D with a multiclass target: its shape must be [nSamples, nClasses], that is [${n}, ${classes.length}]`,
      );
    }
    if (D.cols !== classes.length) {
      throw new ValidationError(
        options.labels === undefined
          ? `predDecision has ${D.cols} columns but yTrue has ${classes.length} classes ${formatLabels(classes)}: include all labels in yTrue or pass them as options.labels`
          : `The shape of predDecision is not consistent with the number of classes: it must be [${n}, ${classes.length}], got [${D.rows}, ${D.cols}]`,
        { expected: classes.length, got: D.cols },
      );
    }
    const idx = encode(t, classes);
    const bad = unknownLabels(t, classes);
    if (bad.length > 0)
      throw new ValidationError(`yTrue contains labels not in labels: ${formatLabels(bad)}`, { param: 'labels' });
    const k = D.cols;
    for (let i = 0; i < n; i++) {
      let other = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < k; j++) if (j !== idx[i] && D.data[i * k + j] > other) other = D.data[i * k + j];
      losses[i] = Math.max(0, 1 - (D.data[i * k + idx[i]] - other));
    }
  } else {
    if (!D.oneD && D.cols !== 1) {
      throw new ValidationError(`predDecision must be 1-D for a binary target, got ${D.cols} columns`, { got: D.cols });
    }
    const bin = uniqueLabels(t);
    for (let i = 0; i < n; i++) {
      // LabelBinarizer(neg_label=-1): the greater of two classes is +1; one class alone maps to -1.
      const y = bin.length === 2 && t[i] === bin[1] ? 1 : -1;
      losses[i] = Math.max(0, 1 - y * D.data[i]);
    }
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    s += wi * losses[i];
    sw += wi;
  }
  return s / sw;
}

/** Options of {@link topKAccuracyScore}. */
export interface TopKOptions {
  /** Number of top-scored classes that count as a hit. Default 2. */
  k?: number;
  /** Fraction (`true`, default) or (weighted) count of hits. */
  normalize?: boolean;
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /** All class labels, sorted, in yScore's column order. Default: the labels of yTrue. */
  labels?: readonly Label[];
}

/**
 * Fraction of samples whose true class is among the `k` highest scores (ties
 * broken toward the higher column, as sklearn's reversed stable sort).
 * @example topKAccuracyScore([0, 1, 2, 2], [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]]) // 0.75
 */
export function topKAccuracyScore(yTrue: LabelVector, yScore: NumericArray, options: TopKOptions = {}): number {
  const { k = 2, normalize = true } = options;
  const { labels: t, type: tType } = labelsOf(yTrue, 'yTrue');
  let type = tType;
  if (type === 'binary' && options.labels !== undefined && options.labels.length > 2) type = 'multiclass';
  if (type !== 'binary' && type !== 'multiclass') {
    throw new ValidationError(`yTrue type must be 'binary' or 'multiclass', got '${type}' instead.`, { got: type });
  }
  const S = toMatrix(yScore, 'yScore');
  if (type === 'binary' && !S.oneD && S.cols !== 1) {
    throw new ValidationError(
      `yTrue is binary while yScore is 2-D with ${S.cols} classes. If yTrue does not contain all the labels, labels must be provided.`,
    );
  }
  checkSameCount(t.length, S.rows, 'yTrue', 'yScore');
  const w = sampleWeightVector(options.sampleWeight, t.length);
  const nScoreClasses = type === 'binary' ? 2 : S.cols;
  let classes: Label[];
  if (options.labels === undefined) {
    classes = uniqueLabels(t);
    if (classes.length !== nScoreClasses) {
      throw new ValidationError(
        `Number of classes in yTrue (${classes.length}) not equal to the number of classes in yScore (${nScoreClasses}). You can provide a list of all known classes with the labels option.`,
      );
    }
  } else {
    classes = checkGivenLabels(options.labels);
    if (classes.some((c, i) => c !== options.labels?.[i])) {
      throw new ValidationError("Parameter 'labels' must be ordered.", { param: 'labels' });
    }
    if (classes.length !== nScoreClasses) {
      throw new ValidationError(
        `Number of given labels (${classes.length}) not equal to the number of classes in yScore (${nScoreClasses}).`,
      );
    }
    const bad = unknownLabels(t, classes);
    if (bad.length > 0) {
      throw new ValidationError(
        `yTrue contains labels not in labels: ${formatLabels(bad)} not in ${formatLabels(classes)}`,
        {
          param: 'labels',
          got: bad,
        },
      );
    }
  }
  if (k >= classes.length) {
    warnUndefined(
      `'k' (${k}) greater than or equal to 'nClasses' (${classes.length}) will result in a perfect score and is therefore meaningless.`,
    );
  }
  const idx = encode(t, classes);
  const n = t.length;
  const hits = new Float64Array(n);
  if (type === 'binary') {
    if (k === 1) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < n; i++) {
        min = Math.min(min, S.data[i]);
        max = Math.max(max, S.data[i]);
      }
      const thr = min >= 0 && max <= 1 ? 0.5 : 0;
      for (let i = 0; i < n; i++) hits[i] = (S.data[i] > thr ? 1 : 0) === idx[i] ? 1 : 0;
    } else hits.fill(1);
  } else {
    const c = S.cols;
    for (let i = 0; i < n; i++) {
      // Rank of the true class: scores above it, plus equal scores in higher columns.
      const s = S.data[i * c + idx[i]];
      let rank = 0;
      for (let j = 0; j < c; j++) {
        const v = S.data[i * c + j];
        if (v > s || (v === s && j > idx[i])) rank++;
      }
      hits[i] = rank < k ? 1 : 0;
    }
  }
  let s = 0;
  let sw = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    s += wi * hits[i];
    sw += wi;
  }
  return normalize ? s / sw : s;
}
