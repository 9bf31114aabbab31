/**
 * The default `score` of classifiers (accuracy) and regressors (R²), as
 * sklearn's `ClassifierMixin.score` / `RegressorMixin.score`. They live in
 * `base` (not `metrics`) so model modules need not depend on `metrics`.
 */
import { ValidationError } from './errors.js';
import { columnOrLabels } from './labels.js';
import type { Label, Labels } from './types.js';
import { checkSampleWeight } from './validation.js';

function checkLengths(nTrue: number, nPred: number): void {
  if (nTrue !== nPred) {
    throw new ValidationError(
      `Found input variables with inconsistent numbers of samples: y has ${nTrue}, the predictions have ${nPred}.`,
      { expected: nPred, got: nTrue },
    );
  }
  if (nTrue === 0) throw new ValidationError('Cannot score on 0 samples.');
}

/**
 * Weighted fraction of predictions equal to the true labels.
 * @param yTrue - true labels (any `Labels` form). @param yPred - predicted labels.
 * @param sampleWeight - default all ones.
 * @example classifierScore(['a', 'b'], ['a', 'a']) // 0.5
 */
export function classifierScore(yTrue: Labels, yPred: ArrayLike<Label>, sampleWeight?: ArrayLike<number>): number {
  const { labels } = columnOrLabels(yTrue);
  checkLengths(labels.length, yPred.length);
  const w = sampleWeight === undefined ? undefined : checkSampleWeight(sampleWeight, labels.length);
  let hit = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const wi = w ? w[i] : 1;
    total += wi;
    if (labels[i] === yPred[i]) hit += wi;
  }
  return hit / total;
}

/**
 * Coefficient of determination R² = 1 - SS_res / SS_tot (weighted). When the
 * targets are constant, 1 for a perfect prediction and 0 otherwise (sklearn's
 * `force_finite`).
 * @example regressorScore([1, 2, 3], Float64Array.of(1, 2, 3)) // 1
 */
export function regressorScore(yTrue: Labels, yPred: ArrayLike<number>, sampleWeight?: ArrayLike<number>): number {
  const { labels } = columnOrLabels(yTrue);
  if (!(labels instanceof Float64Array)) throw new ValidationError('R² needs numeric targets, got strings.');
  const n = labels.length;
  checkLengths(n, yPred.length);
  const w = sampleWeight === undefined ? undefined : checkSampleWeight(sampleWeight, n);
  let sw = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    sw += wi;
    mean += wi * labels[i];
  }
  mean /= sw;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i] : 1;
    const r = labels[i] - yPred[i];
    const d = labels[i] - mean;
    ssRes += wi * r * r;
    ssTot += wi * d * d;
  }
  if (ssTot === 0) return ssRes === 0 ? 1 : 0;
  return 1 - ssRes / ssTot;
}
