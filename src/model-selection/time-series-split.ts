/**
 * `TimeSeriesSplit`: forward-chaining splits for ordered data, scikit-learn's `TimeSeriesSplit`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import type { TrainTestIndices } from './k-fold.js';
import { checkInt, numSamples, type SplitInput, type Splitter } from './splitter.js';

/** Options of {@link TimeSeriesSplit}. */
export interface TimeSeriesSplitOptions {
  /** Number of splits, at least 2. Default 5. */
  nSplits?: number;
  /** Largest train set: only the latest `maxTrainSize` samples before the gap are used. Default: no limit. */
  maxTrainSize?: number;
  /** Size of each test set. Default `floor(nSamples / (nSplits + 1))`. */
  testSize?: number;
  /** Samples dropped between the end of each train set and its test set. Default 0. */
  gap?: number;
}

/**
 * Test sets are consecutive blocks at the end of the series; each train set
 * is everything before its test block (minus `gap`, capped at `maxTrainSize`),
 * so a model is never trained on the future. Indices are ascending.
 * @example
 * const tss = new TimeSeriesSplit({ nSplits: 3 });
 * [...tss.split(6)].map(([tr, te]) => [Array.from(tr), Array.from(te)]);
 * // [[[0, 1, 2], [3]], [[0, 1, 2, 3], [4]], [[0, 1, 2, 3, 4], [5]]]
 */
export class TimeSeriesSplit implements Splitter {
  readonly nSplits: number;
  readonly maxTrainSize: number | undefined;
  readonly testSize: number | undefined;
  readonly gap: number;

  constructor(options: TimeSeriesSplitOptions = {}) {
    this.nSplits = checkInt('TimeSeriesSplit', 'nSplits', options.nSplits ?? 5, 2);
    this.maxTrainSize =
      options.maxTrainSize === undefined
        ? undefined
        : checkInt('TimeSeriesSplit', 'maxTrainSize', options.maxTrainSize, 1);
    this.testSize =
      options.testSize === undefined ? undefined : checkInt('TimeSeriesSplit', 'testSize', options.testSize, 1);
    this.gap = checkInt('TimeSeriesSplit', 'gap', options.gap ?? 0, 0);
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /** Yields `[train, test]` index arrays, test blocks in time order. */
  *split(X: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    const nFolds = this.nSplits + 1;
    const testSize = this.testSize ?? Math.floor(n / nFolds);
    if (nFolds > n) {
      throw new ValidationError(`Cannot have number of folds=${nFolds} greater than the number of samples=${n}.`, {
        param: 'nSplits',
      });
    }
    if (n - this.gap - testSize * this.nSplits <= 0) {
      throw new ValidationError(
        `Too many splits=${this.nSplits} for number of samples=${n} with testSize=${testSize} and gap=${this.gap}.`,
        { param: 'nSplits' },
      );
    }
    const range = (from: number, to: number): Int32Array => Int32Array.from({ length: to - from }, (_, i) => from + i);
    for (let testStart = n - this.nSplits * testSize; testStart < n; testStart += testSize) {
      const trainEnd = testStart - this.gap;
      const trainStart =
        this.maxTrainSize !== undefined && this.maxTrainSize < trainEnd ? trainEnd - this.maxTrainSize : 0;
      yield [range(trainStart, trainEnd), range(testStart, Math.min(testStart + testSize, n))];
    }
  }
}
