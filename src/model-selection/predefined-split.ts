/**
 * `PredefinedSplit`: folds given up front, scikit-learn's `PredefinedSplit`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import type { TrainTestIndices } from './k-fold.js';
import { foldsToSplits, type SplitInput, type Splitter } from './splitter.js';

/**
 * `testFold[i]` is the test fold of sample i, or -1 to keep it in every
 * train set. Folds are visited in ascending fold value.
 * @example
 * const ps = new PredefinedSplit([0, 1, -1, 1]);
 * [...ps.split(4)].map(([tr, te]) => [Array.from(tr), Array.from(te)]); // [[[1, 2, 3], [0]], [[0, 2], [1, 3]]]
 */
export class PredefinedSplit implements Splitter {
  readonly testFold: Int32Array;
  readonly #folds: Int32Array;
  readonly #nFolds: number;

  constructor(testFold: ArrayLike<number>) {
    this.testFold = Int32Array.from(testFold);
    const values = [...new Set(this.testFold)].filter((v) => v !== -1).sort((a, b) => a - b);
    for (let i = 0; i < testFold.length; i++) {
      if (!Number.isInteger(testFold[i])) {
        throw new ValidationError(`PredefinedSplit: testFold[${i}] = ${testFold[i]} is not an integer`, { row: i });
      }
    }
    const rank = new Map(values.map((v, i) => [v, i]));
    this.#folds = this.testFold.map((v) => (v === -1 ? -1 : (rank.get(v) as number)));
    this.#nFolds = values.length;
  }

  /** Number of distinct fold values other than -1. */
  getNSplits(): number {
    return this.#nFolds;
  }

  /** Yields `[train, test]` index arrays (ascending). `X`, if given, must have `testFold.length` rows. */
  *split(X?: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    if (X !== undefined) {
      const n = typeof X === 'number' ? X : 'shape' in X ? X.shape[0] : X.length;
      if (n !== this.#folds.length) {
        throw new ValidationError(`PredefinedSplit: X has ${n} samples but testFold has ${this.#folds.length}`);
      }
    }
    yield* foldsToSplits(this.#folds, this.#nFolds);
  }
}
