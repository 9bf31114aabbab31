/**
 * `StratifiedGroupKFold`: group k-fold that also balances class proportions,
 * scikit-learn's `StratifiedGroupKFold`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState } from '../tensor/random.js';
import { type KFoldOptions, type TrainTestIndices, validateKFoldOptions } from './k-fold.js';
import { encodeSorted, foldsToSplits, numSamples, requireLength, type SplitInput, type Splitter } from './splitter.js';

/** numpy's `isclose(a, b)` with its default tolerances. */
const isClose = (a: number, b: number): boolean =>
  Number.isFinite(b) ? Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b) : a === b;

/**
 * Greedy assignment of whole groups to folds, exactly as scikit-learn 1.2:
 * groups are visited by decreasing standard deviation of their class counts
 * (stable, so ties keep sorted group order, or the shuffled order with
 * `shuffle: true`); each goes to the fold where the mean over classes of the
 * per-class spread of fold proportions is smallest, ties (within numpy's
 * `isclose`) to the fold with fewer samples. Unlike sklearn 1.2, `shuffle`
 * shuffles the groups themselves (1.2 shuffled the count rows, losing their
 * group identity; fixed in later sklearn).
 * @example
 * const cv = new StratifiedGroupKFold({ nSplits: 2 });
 * for (const [train, test] of cv.split(X, y, groups)) { ... }
 */
export class StratifiedGroupKFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: KFoldOptions['randomState'];

  constructor(options: KFoldOptions = {}) {
    const { nSplits, shuffle, randomState } = validateKFoldOptions('StratifiedGroupKFold', options);
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.randomState = randomState;
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /** Test fold (0..nSplits-1) of every sample. */
  testFolds(n: number, y: Labels, groups: Labels): Int32Array {
    const yc = encodeSorted(requireLength(y, n, 'y', 'StratifiedGroupKFold'));
    const gc = encodeSorted(requireLength(groups, n, 'groups', 'StratifiedGroupKFold'), 'groups');
    const k = this.nSplits;
    const nClasses = yc.uniques.length;
    const nGroups = gc.uniques.length;
    const yCount = new Float64Array(nClasses);
    for (const c of yc.codes) yCount[c]++;
    let maxCount = 0;
    let minCount = n;
    for (const c of yCount) {
      maxCount = Math.max(maxCount, c);
      minCount = Math.min(minCount, c);
    }
    if (k > maxCount) {
      throw new ValidationError(`nSplits=${k} cannot be greater than the number of members in each class.`, {
        param: 'nSplits',
      });
    }
    if (k > minCount) {
      warn(
        new TypelearnWarning(
          `The least populated class in y has only ${minCount} members, which is less than nSplits=${k}.`,
        ),
      );
    }
    const perGroup = new Float64Array(nGroups * nClasses);
    for (let i = 0; i < n; i++) perGroup[gc.codes[i] * nClasses + yc.codes[i]]++;
    const visit = Array.from({ length: nGroups }, (_, g) => g);
    if (this.shuffle) checkRandomState(this.randomState).shuffle(visit);
    const spread = new Float64Array(nGroups);
    for (let g = 0; g < nGroups; g++) spread[g] = std(perGroup.subarray(g * nClasses, (g + 1) * nClasses));
    visit.sort((a, b) => spread[b] - spread[a]); // Array.prototype.sort is stable
    const perFold = new Float64Array(k * nClasses);
    const groupFold = new Int32Array(nGroups);
    const column = new Float64Array(k);
    for (const g of visit) {
      const counts = perGroup.subarray(g * nClasses, (g + 1) * nClasses);
      let best = -1;
      let minEval = Number.POSITIVE_INFINITY;
      let minSamples = Number.POSITIVE_INFINITY;
      for (let f = 0; f < k; f++) {
        for (let c = 0; c < nClasses; c++) perFold[f * nClasses + c] += counts[c];
        let evalSum = 0;
        for (let c = 0; c < nClasses; c++) {
          for (let j = 0; j < k; j++) column[j] = perFold[j * nClasses + c] / yCount[c];
          evalSum += std(column);
        }
        for (let c = 0; c < nClasses; c++) perFold[f * nClasses + c] -= counts[c];
        const foldEval = evalSum / nClasses;
        let samples = 0;
        for (let c = 0; c < nClasses; c++) samples += perFold[f * nClasses + c];
        if (foldEval < minEval || (isClose(foldEval, minEval) && samples < minSamples)) {
          minEval = foldEval;
          minSamples = samples;
          best = f;
        }
      }
      for (let c = 0; c < nClasses; c++) perFold[best * nClasses + c] += counts[c];
      groupFold[g] = best;
    }
    const folds = new Int32Array(n);
    for (let i = 0; i < n; i++) folds[i] = groupFold[gc.codes[i]];
    return folds;
  }

  /** Yields `[train, test]` index arrays (ascending); `y` and `groups` are required. */
  *split(X: SplitInput, y?: Labels, groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    yield* foldsToSplits(this.testFolds(n, y as Labels, groups as Labels), this.nSplits);
  }
}

/** Population standard deviation (numpy's `std`, ddof 0). */
function std(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let ss = 0;
  for (let i = 0; i < values.length; i++) ss += (values[i] - mean) ** 2;
  return Math.sqrt(ss / values.length);
}
