/**
 * Precision, recall, F-beta and support (`precisionRecallFscoreSupport` and
 * its one-number views), and the Jaccard index, which shares their labels,
 * averaging and zero-division rules.
 */
import { ValidationError } from '../../base/errors.js';
import type { Label } from '../../base/types.js';
import { type ClassTarget, checkTargets } from '../targets.js';
import { type NumericVector, sampleWeightVector } from '../vector.js';
import {
  type Average,
  averageScores,
  checkZeroDivision,
  prfDivide,
  setWiseLabels,
  sumAll,
  warnPrf,
  type ZeroDivision,
  zeroValue,
} from './averaging.js';
import { labelCounts } from './confusion-matrix.js';

/** Options shared by precision, recall, F and Jaccard. */
export interface SetWiseOptions {
  /** Labels to score (and their order with `average: null`); may add absent labels or leave some out. Default: all, sorted. */
  labels?: readonly Label[];
  /** The positive class when `average` is `'binary'`. Default 1. */
  posLabel?: Label;
  /** How per-label scores are combined (see {@link Average}). Default `'binary'` (`null` for precisionRecallFscoreSupport). */
  average?: Average;
  /** Per-sample weights. Default: all 1. */
  sampleWeight?: NumericVector;
  /** Value for 0/0 (see {@link ZeroDivision}). Default `'warn'`. */
  zeroDivision?: ZeroDivision;
}

/** Options of {@link precisionRecallFscoreSupport}. */
export interface PrfOptions extends SetWiseOptions {
  /** Weight of recall in the F score (F = (1+β²)PR / (β²P + R)). Default 1. */
  beta?: number;
  /** Which ill-defined scores warn under `zeroDivision: 'warn'`. Default all three. */
  warnFor?: readonly ('precision' | 'recall' | 'f-score')[];
}

/** Result of {@link precisionRecallFscoreSupport}: numbers when averaged, per-label arrays with `average: null`. */
export interface PrfResult<T extends number | Float64Array = number | Float64Array> {
  precision: T;
  recall: T;
  fscore: T;
  /** Weighted count of true samples per label; `null` when averaged. */
  support: Float64Array | null;
}

/**
 * Precision `tp / (tp + fp)`, recall `tp / (tp + fn)`, F-beta and support per
 * label, or averaged (scikit-learn's `precision_recall_fscore_support`, with
 * 1.2's rule that F comes from the zero-division-substituted P and R, and
 * 1.3's `zeroDivision: NaN`, which leaves NaN scores out of averages).
 * @example
 * precisionRecallFscoreSupport([0, 1, 2, 0], [0, 2, 1, 0]).precision // Float64Array [1, 0, 0]
 */
export function precisionRecallFscoreSupport(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: PrfOptions & { average?: null },
): PrfResult<Float64Array>;
export function precisionRecallFscoreSupport(yTrue: ClassTarget, yPred: ClassTarget, options?: PrfOptions): PrfResult;
export function precisionRecallFscoreSupport(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: PrfOptions = {},
): PrfResult {
  const {
    beta = 1,
    posLabel = 1,
    average = null,
    zeroDivision: z = 'warn',
    warnFor = ['precision', 'recall', 'f-score'],
  } = options;
  checkZeroDivision(z);
  if (!(beta >= 0))
    throw new ValidationError(`beta should be >= 0 in the F-beta score, got ${beta}`, { param: 'beta' });
  const chk = checkTargets(yTrue, yPred);
  const labels = setWiseLabels(chk, average, options.labels, posLabel);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  const c = labelCounts(chk, labels, w, average === 'samples');
  let tp = c.tp;
  let predSum: Float64Array = new Float64Array(tp.length);
  let trueSum: Float64Array = new Float64Array(tp.length);
  for (let i = 0; i < tp.length; i++) {
    predSum[i] = tp[i] + c.fp[i];
    trueSum[i] = tp[i] + c.fn[i];
  }
  if (average === 'micro') {
    tp = sumAll(tp);
    predSum = sumAll(predSum);
    trueSum = sumAll(trueSum);
  }
  const nanMode = Number.isNaN(z);
  const precision = prfDivide(tp, predSum, 'precision', 'predicted', average, warnFor, z);
  const recall = prfDivide(tp, trueSum, 'recall', 'true', average, warnFor, z);
  if (z === 'warn' && warnFor.length === 1 && warnFor[0] === 'f-score') {
    let ill = false;
    for (let i = 0; i < tp.length; i++) if (trueSum[i] === 0 && predSum[i] === 0) ill = true;
    if (ill) warnPrf(average, 'true nor predicted', 'F-score is', trueSum.length);
  }
  const beta2 = beta * beta;
  const fscore = new Float64Array(tp.length);
  for (let i = 0; i < tp.length; i++) {
    if (beta === Number.POSITIVE_INFINITY) fscore[i] = recall[i];
    else if (nanMode) {
      // sklearn 1.3+: F from the counts, so an undefined P or R alone does not make F undefined.
      const den = (1 + beta2) * tp[i] + beta2 * (trueSum[i] - tp[i]) + (predSum[i] - tp[i]);
      fscore[i] = den === 0 ? Number.NaN : ((1 + beta2) * tp[i]) / den;
    } else {
      let den = beta2 * precision[i] + recall[i];
      if (den === 0) den = 1;
      fscore[i] = ((1 + beta2) * precision[i] * recall[i]) / den;
    }
  }
  if (average === null) return { precision, recall, fscore, support: trueSum };
  let weights: ArrayLike<number> | undefined;
  if (average === 'weighted') {
    let total = 0;
    let predTotal = 0;
    for (let i = 0; i < trueSum.length; i++) {
      total += trueSum[i];
      predTotal += predSum[i];
    }
    if (total === 0) {
      const zv = zeroValue(z);
      if (predTotal === 0) return { precision: zv, recall: zv, fscore: zv, support: null };
      return { precision: 0, recall: zv, fscore: 0, support: null };
    }
    weights = trueSum;
  } else if (average === 'samples') weights = w;
  return {
    precision: averageScores(precision, weights, nanMode),
    recall: averageScores(recall, weights, nanMode),
    fscore: averageScores(fscore, weights, nanMode),
    support: null,
  };
}

/** Options of {@link fbetaScore}. */
export interface FbetaOptions extends SetWiseOptions {
  /** Weight of recall. Required. */
  beta: number;
}

/**
 * F-beta score: `(1+β²)·P·R / (β²·P + R)`; β > 1 favours recall.
 * @example fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], { beta: 2 }) // 0.555...
 */
export function fbetaScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: FbetaOptions & { average: null },
): Float64Array;
export function fbetaScore(yTrue: ClassTarget, yPred: ClassTarget, options: FbetaOptions): number;
export function fbetaScore(yTrue: ClassTarget, yPred: ClassTarget, options: FbetaOptions): number | Float64Array {
  if (options === undefined || typeof options.beta !== 'number') {
    throw new ValidationError('fbetaScore needs options.beta (a number >= 0)', { param: 'beta' });
  }
  return precisionRecallFscoreSupport(yTrue, yPred, { average: 'binary', ...options, warnFor: ['f-score'] }).fscore;
}

/**
 * F1 score, the harmonic mean of precision and recall.
 * @example f1Score(['a', 'b', 'b'], ['a', 'b', 'a'], { average: 'macro' }) // 0.666...
 */
export function f1Score(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions & { average: null },
): Float64Array;
export function f1Score(yTrue: ClassTarget, yPred: ClassTarget, options?: SetWiseOptions): number;
export function f1Score(yTrue: ClassTarget, yPred: ClassTarget, options: SetWiseOptions = {}): number | Float64Array {
  return fbetaScore(yTrue, yPred, { average: 'binary', ...options, beta: 1 });
}

/**
 * Precision `tp / (tp + fp)`: the fraction of predicted positives that are right.
 * @example precisionScore([0, 1, 1, 0], [0, 1, 1, 1]) // 0.666...
 */
export function precisionScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions & { average: null },
): Float64Array;
export function precisionScore(yTrue: ClassTarget, yPred: ClassTarget, options?: SetWiseOptions): number;
export function precisionScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions = {},
): number | Float64Array {
  return precisionRecallFscoreSupport(yTrue, yPred, { average: 'binary', ...options, warnFor: ['precision'] })
    .precision;
}

/**
 * Recall `tp / (tp + fn)`: the fraction of true positives that are found.
 * @example recallScore([0, 1, 1, 0], [0, 1, 0, 0]) // 0.5
 */
export function recallScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions & { average: null },
): Float64Array;
export function recallScore(yTrue: ClassTarget, yPred: ClassTarget, options?: SetWiseOptions): number;
export function recallScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions = {},
): number | Float64Array {
  return precisionRecallFscoreSupport(yTrue, yPred, { average: 'binary', ...options, warnFor: ['recall'] }).recall;
}

/**
 * Jaccard index `tp / (tp + fp + fn)` (intersection over union of the
 * predicted and true label sets), per label or averaged like precision.
 * @example jaccardScore([0, 1, 1], [0, 1, 0]) // 0.5
 */
export function jaccardScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions & { average: null },
): Float64Array;
export function jaccardScore(yTrue: ClassTarget, yPred: ClassTarget, options?: SetWiseOptions): number;
export function jaccardScore(
  yTrue: ClassTarget,
  yPred: ClassTarget,
  options: SetWiseOptions = {},
): number | Float64Array {
  const { average = 'binary', posLabel = 1, zeroDivision: z = 'warn' } = options;
  checkZeroDivision(z);
  const chk = checkTargets(yTrue, yPred);
  const labels = setWiseLabels(chk, average, options.labels, posLabel);
  const w = sampleWeightVector(options.sampleWeight, chk.n);
  const c = labelCounts(chk, labels, w, average === 'samples');
  let num = c.tp;
  let den: Float64Array = new Float64Array(num.length);
  for (let i = 0; i < num.length; i++) den[i] = c.tp[i] + c.fp[i] + c.fn[i];
  if (average === 'micro') {
    num = sumAll(num);
    den = sumAll(den);
  }
  const j = prfDivide(num, den, 'jaccard', 'true or predicted', average, ['jaccard'], z);
  if (average === null) return j;
  let weights: Float64Array | undefined;
  if (average === 'weighted') {
    weights = new Float64Array(num.length);
    let anyW = false;
    for (let i = 0; i < num.length; i++) {
      weights[i] = c.fn[i] + c.tp[i];
      if (weights[i] !== 0) anyW = true;
    }
    // sklearn: all-zero support falls back to the unweighted mean.
    if (!anyW) weights = undefined;
  } else if (average === 'samples') weights = w;
  return averageScores(j, weights, Number.isNaN(z));
}
