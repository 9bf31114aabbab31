/**
 * `GroupKFold`: k folds that never split a group, scikit-learn's `GroupKFold`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import type { TrainTestIndices } from './k-fold.js';
import {
  checkInt,
  encodeSorted,
  foldsToSplits,
  numSamples,
  requireLength,
  type SplitInput,
  type Splitter,
} from './splitter.js';

/** Options of {@link GroupKFold}. */
export interface GroupKFoldOptions {
  /** Number of folds, at least 2 and at most the number of groups. Default 5. */
  nSplits?: number;
}

/**
 * K-fold over groups: each group lands in exactly one test fold, and folds
 * get roughly equal sample counts. As scikit-learn 1.2 does it, groups are
 * taken by size, largest first (equal sizes: larger sorted group value first),
 * each into the fold with the fewest samples so far (first such fold on ties).
 * Deterministic; there is no shuffle.
 * @example
 * const gkf = new GroupKFold({ nSplits: 2 });
 * [...gkf.split(4, undefined, ['a', 'a', 'b', 'c'])];
 * // [[Int32Array [2, 3], Int32Array [0, 1]], [Int32Array [0, 1], Int32Array [2, 3]]]
 */
export class GroupKFold implements Splitter {
  readonly nSplits: number;

  constructor(options: GroupKFoldOptions = {}) {
    this.nSplits = checkInt('GroupKFold', 'nSplits', options.nSplits ?? 5, 2);
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /** Test fold (0..nSplits-1) of every sample. */
  testFolds(n: number, groups: Labels): Int32Array {
    const { codes, uniques } = encodeSorted(requireLength(groups, n, 'groups', 'GroupKFold'), 'groups');
    const nGroups = uniques.length;
    if (this.nSplits > nGroups) {
      throw new ValidationError(
        `Cannot have number of splits nSplits=${this.nSplits} greater than the number of groups: ${nGroups}.`,
        { param: 'nSplits' },
      );
    }
    const sizes = new Int32Array(nGroups);
    for (const c of codes) sizes[c]++;
    // Largest first; equal sizes in descending group order (numpy's argsort reversed).
    const order = Array.from({ length: nGroups }, (_, g) => g).sort((a, b) => sizes[b] - sizes[a] || b - a);
    const foldSize = new Float64Array(this.nSplits);
    const groupFold = new Int32Array(nGroups);
    for (const g of order) {
      let lightest = 0;
      for (let f = 1; f < this.nSplits; f++) if (foldSize[f] < foldSize[lightest]) lightest = f;
      foldSize[lightest] += sizes[g];
      groupFold[g] = lightest;
    }
    const folds = new Int32Array(n);
    for (let i = 0; i < n; i++) folds[i] = groupFold[codes[i]];
    return folds;
  }

  /** Yields `[train, test]` index arrays (ascending); `groups` is required. */
  *split(X: SplitInput, _y?: Labels, groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    yield* foldsToSplits(this.testFolds(n, groups as Labels), this.nSplits);
  }
}
