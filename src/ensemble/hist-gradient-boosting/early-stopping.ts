/**
 * Early stopping of histogram gradient boosting (scikit-learn's
 * `_should_stop` and the validation split of `fit`): stop when none of the
 * last `nIterNoChange` scores beats the score `nIterNoChange + 1` iterations
 * back by more than `tol`; the validation rows are a seeded (stratified for
 * classifiers) `validationFraction` of the training set.
 */
import type { RandomGenerator } from '../../tensor/random.js';

/**
 * Whether training should stop, given the scores so far (higher is better;
 * the first is the baseline's).
 * @example shouldStop([1, 1, 1], 2, 0) // true: neither of the last 2 beats the first
 */
export function shouldStop(scores: readonly number[], nIterNoChange: number, tol: number): boolean {
  const reference = nIterNoChange + 1;
  if (scores.length < reference) return false;
  const referenceScore = scores[scores.length - reference] + tol;
  for (let k = scores.length - nIterNoChange; k < scores.length; k++) if (scores[k] > referenceScore) return false;
  return true;
}

/**
 * Splits `0..n-1` into training and validation indices (both sorted), with
 * `ceil(fraction · n)` validation rows; given `strata` (class index per
 * sample), each class contributes its share.
 * @example trainValidationSplit(10, 0.2, rng).validation.length // 2
 */
export function trainValidationSplit(
  n: number,
  fraction: number,
  rng: RandomGenerator,
  strata?: ArrayLike<number>,
): { train: Int32Array; validation: Int32Array } {
  const isValidation = new Uint8Array(n);
  const nValidation = Math.ceil(fraction * n);
  if (strata === undefined) {
    const perm = rng.permutation(n);
    for (let k = 0; k < nValidation; k++) isValidation[perm[k]] = 1;
  } else {
    const groups = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const g = groups.get(strata[i]);
      if (g) g.push(i);
      else groups.set(strata[i], [i]);
    }
    const keys = [...groups.keys()].sort((a, b) => a - b);
    let taken = 0;
    keys.forEach((key, j) => {
      const members = rng.shuffle(groups.get(key) as number[]);
      // The last class takes the rounding remainder so the total is exact.
      const want =
        j === keys.length - 1
          ? Math.min(nValidation - taken, members.length)
          : Math.round((members.length * nValidation) / n);
      for (let k = 0; k < want; k++) isValidation[members[k]] = 1;
      taken += want;
    });
  }
  let nVal = 0;
  for (let i = 0; i < n; i++) nVal += isValidation[i];
  const train = new Int32Array(n - nVal);
  const validation = new Int32Array(nVal);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isValidation[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}
