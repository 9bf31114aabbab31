/**
 * Sample-wise agreement scores: accuracy (subset accuracy for multilabel),
 * zero-one loss, Hamming loss and balanced accuracy.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type CheckedTargets, type ClassTarget, checkTargets, encode, uniqueLabels } from '../targets.js';
import { type NumericVector, sampleWeightVector } from '../vector.js';
import { warnUser } from '../warnings.js';

export type { LabelVector } from '../targets.js';

/** Options of {@link accuracyScore} and {@link zeroOneLoss}. */
export interface AccuracyOptions {
  /** Return the fraction (`true`, default) or the (weighted) count. */
  normalize?: boolean;
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/** Per-sample 1 when the prediction is right (all labels right, for multilabel). */
function correctness(chk: CheckedTargets): Uint8Array {
  const ok = new Uint8Array(chk.n);
  if (chk.type === 'multilabel-indicator') {
    const t = chk.t.matrix as NonNullable<CheckedTargets['t']['matrix']>;
    const p = chk.p.matrix as NonNullable<CheckedTargets['p']['matrix']>;
    for (let i = 0; i < chk.n; i++) {
      let same = 1;
      for (let j = 0; j < t.cols; j++) if ((t.data[i * t.cols + j] !== 0) !== (p.data[i * t.cols + j] !== 0)) same = 0;
      ok[i] = same;
    }
  } else {
    const t = chk.t.labels as ArrayLike<Label>;
    const p = chk.p.labels as ArrayLike<Label>;
    for (let i = 0; i < chk.n; i++) ok[i] = t[i] === p[i] ? 1 : 0;
  }
  return ok;
}

function weightedSum(x: Uint8Array, w: Float64Array | undefined, normalize: boolean): number {
  let s = 0;
  let sw = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    s += wi * x[i];
    sw += wi;
  }
  return normalize ? s / sw : s;
}

/**
 * Fraction (or count) of predictions equal to the truth; for multilabel
 * indicator matrices, of rows predicted exactly (subset accuracy).
 * @example accuracyScore(['a', 'b', 'b'], ['a', 'b', 'a']) // 0.666...
 */
export function accuracyScore(yTrue: ClassTarget, yPred: ClassTarget, options: AccuracyOptions = {}): number {
  const chk = checkTargets(yTrue, yPred);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  return weightedSum(correctness(chk), w, options.normalize ?? true);
}

/**
 * 1 - accuracy (or the count of misclassified samples with `normalize: false`).
 * @example zeroOneLoss([1, 2, 3, 4], [2, 2, 3, 4]) // 0.25
 */
export function zeroOneLoss(yTrue: ClassTarget, yPred: ClassTarget, options: AccuracyOptions = {}): number {
  const chk = checkTargets(yTrue, yPred);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  const ok = correctness(chk);
  for (let i = 0; i < ok.length; i++) ok[i] = 1 - ok[i];
  return weightedSum(ok, w, options.normalize ?? true);
}

/** Options of {@link hammingLoss}. */
export interface HammingLossOptions {
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
}

/**
 * Fraction of labels predicted wrongly: for 1-D targets 1 - accuracy; for
 * multilabel, wrong entries over all entries.
 * @example hammingLoss([[0, 1], [1, 1]], [[0, 0], [1, 1]]) // 0.25
 */
export function hammingLoss(yTrue: ClassTarget, yPred: ClassTarget, options: HammingLossOptions = {}): number {
  const chk = checkTargets(yTrue, yPred);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  if (chk.type !== 'multilabel-indicator') {
    const ok = correctness(chk);
    for (let i = 0; i < ok.length; i++) ok[i] = 1 - ok[i];
    return weightedSum(ok, w, true);
  }
  const t = chk.t.matrix as NonNullable<CheckedTargets['t']['matrix']>;
  const p = chk.p.matrix as NonNullable<CheckedTargets['p']['matrix']>;
  let diff = 0;
  let wSum = 0;
  for (let i = 0; i < chk.n; i++) {
    const wi = w ? w[i] : 1;
    wSum += wi;
    for (let j = 0; j < t.cols; j++) if (t.data[i * t.cols + j] !== p.data[i * t.cols + j]) diff += wi;
  }
  const wAvg = w ? wSum / chk.n : 1;
  return diff / (chk.n * t.cols * wAvg);
}

/** Options of {@link balancedAccuracyScore}. */
export interface BalancedAccuracyOptions {
  /** Per-sample weights. */
  sampleWeight?: NumericVector;
  /** Rescale so chance scores 0 and perfect scores 1. Default `false`. */
  adjusted?: boolean;
}

/**
 * Mean of the per-class recalls (classes present in yTrue); robust to class
 * imbalance. A predicted class absent from yTrue is left out with a warning.
 * @example balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]) // 0.625
 */
export function balancedAccuracyScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: BalancedAccuracyOptions = {},
): number {
  const chk = checkTargets(yTrue, yPred);
  if (chk.type === 'multilabel-indicator') {
    throw new ValidationError('multilabel-indicator targets are not supported by balancedAccuracyScore');
  }
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  const t = chk.t.labels as ArrayLike<Label>;
  const p = chk.p.labels as ArrayLike<Label>;
  const classes = uniqueLabels(t, p);
  const k = classes.length;
  const ti = encode(t, classes);
  const pi = encode(p, classes);
  const rowSum = new Float64Array(k);
  const diag = new Float64Array(k);
  for (let i = 0; i < chk.n; i++) {
    const wi = w ? w[i] : 1;
    rowSum[ti[i]] += wi;
    if (ti[i] === pi[i]) diag[ti[i]] += wi;
  }
  let s = 0;
  let m = 0;
  for (let c = 0; c < k; c++) {
    if (rowSum[c] === 0) continue;
    s += diag[c] / rowSum[c];
    m++;
  }
  if (m < k) warnUser('yPred contains classes not in yTrue');
  let score = s / m;
  if (options.adjusted) {
    const chance = 1 / m;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
