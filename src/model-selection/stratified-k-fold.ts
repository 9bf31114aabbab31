/**
 * Stratified k-fold splitter, scikit-learn's `StratifiedKFold`: each fold keeps
 * the class proportions of the whole set (within one sample per class).
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels } from '../base/labels.js';
import type { Labels } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { checkRandomState, type RandomGenerator } from '../tensor/random.js';
import { type KFoldOptions, type TrainTestIndices, validateKFoldOptions } from './k-fold.js';
import { numSamples, requireLength, type SplitInput, type Splitter } from './splitter.js';

/**
 * Like {@link KFold}, but folds are cut per class, exactly as scikit-learn 1.2's
 * `_make_test_folds` does: classes are numbered in order of first appearance, the
 * per-fold class counts come from dealing the sorted labels round-robin, and each
 * class's samples (in original order, shuffled first if asked) fill the folds in
 * consecutive blocks.
 * @example
 * const skf = new StratifiedKFold({ nSplits: 5 });
 * for (const [train, test] of skf.split(X, y)) { ... }
 */
export class StratifiedKFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number | RandomGenerator | undefined;

  constructor(options: KFoldOptions = {}) {
    const { nSplits, shuffle, randomState } = validateKFoldOptions('StratifiedKFold', options);
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.randomState = randomState;
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /** Fold id (0..nSplits-1) of every sample: the test fold it belongs to. */
  testFolds(y: Labels): Int32Array {
    const { labels } = columnOrLabels(y);
    const n = labels.length;
    // Encode classes in order of first appearance (sklearn does, so fold contents match).
    const codes = new Int32Array(n);
    const seen = new Map<number | string, number>();
    for (let i = 0; i < n; i++) {
      let code = seen.get(labels[i]);
      if (code === undefined) {
        code = seen.size;
        seen.set(labels[i], code);
      }
      codes[i] = code;
    }
    const nClasses = seen.size;
    const counts = new Int32Array(nClasses);
    for (const c of codes) counts[c]++;
    const k = this.nSplits;
    let maxCount = 0;
    let minCount = n;
    for (const c of counts) {
      maxCount = Math.max(maxCount, c);
      minCount = Math.min(minCount, c);
    }
    if (k > maxCount) {
      throw new ValidationError(`nSplits=${k} cannot be greater than the number of members in each class.`);
    }
    if (k > minCount) {
      warn(
        new TypelearnWarning(
          `The least populated class in y has only ${minCount} members, which is less than nSplits=${k}.`,
        ),
      );
    }
    // allocation[f * nClasses + c] = how many of class c go to fold f: deal sorted codes round-robin.
    const allocation = new Int32Array(k * nClasses);
    let position = 0;
    for (let c = 0; c < nClasses; c++) {
      for (let j = 0; j < counts[c]; j++) allocation[((position + j) % k) * nClasses + c]++;
      position += counts[c];
    }
    const rng = this.shuffle ? checkRandomState(this.randomState) : undefined;
    const folds = new Int32Array(n);
    for (let c = 0; c < nClasses; c++) {
      const forClass = new Int32Array(counts[c]);
      let p = 0;
      for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f * nClasses + c]; j++) forClass[p++] = f;
      rng?.shuffle(forClass);
      p = 0;
      for (let i = 0; i < n; i++) if (codes[i] === c) folds[i] = forClass[p++];
    }
    return folds;
  }

  /** Yields `[train, test]` index arrays (ascending), one pair per fold. `X` only gives the sample count. */
  *split(X: SplitInput, y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    const folds = this.testFolds(requireLength(y, n, 'y', 'StratifiedKFold'));
    if (folds.length !== n) {
      throw new ValidationError(`StratifiedKFold: X has ${n} samples but y has ${folds.length}`);
    }
    for (let f = 0; f < this.nSplits; f++) {
      let size = 0;
      for (const v of folds) if (v === f) size++;
      const test = new Int32Array(size);
      const train = new Int32Array(n - size);
      let t = 0;
      let r = 0;
      for (let i = 0; i < n; i++) {
        if (folds[i] === f) test[t++] = i;
        else train[r++] = i;
      }
      yield [train, test];
    }
  }
}
