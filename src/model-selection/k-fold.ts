/**
 * K-fold cross-validation splitter, scikit-learn's `KFold`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import { checkRandomState, type RandomGenerator } from '../tensor/random.js';
import { numSamples, type SplitInput, type Splitter } from './splitter.js';

/** One split: row indices to train on and to test on. */
export type TrainTestIndices = [train: Int32Array, test: Int32Array];

/** Options of {@link KFold}. */
export interface KFoldOptions {
  /** Number of folds, at least 2. Default 5. */
  nSplits?: number;
  /** Shuffle the rows once before cutting folds. Default `false`. */
  shuffle?: boolean;
  /** Seed or generator for the shuffle; only allowed with `shuffle: true` (as in sklearn). */
  randomState?: number | RandomGenerator;
}

/**
 * Fills defaults and checks the options shared by the k-fold splitters; `name` prefixes errors.
 * @example validateKFoldOptions('KFold', { nSplits: 3 }) // { nSplits: 3, shuffle: false, randomState: undefined }
 */
export function validateKFoldOptions(
  name: string,
  options: KFoldOptions,
): Required<Omit<KFoldOptions, 'randomState'>> & KFoldOptions {
  const { nSplits = 5, shuffle = false, randomState } = options;
  if (!Number.isInteger(nSplits) || nSplits < 2) {
    throw new ValidationError(`${name}: nSplits must be an integer of at least 2, got ${nSplits}`, {
      param: 'nSplits',
    });
  }
  if (!shuffle && randomState !== undefined) {
    throw new ValidationError(
      `${name}: setting randomState has no effect since shuffle is false. Leave randomState unset or set shuffle: true.`,
      { param: 'randomState' },
    );
  }
  return { nSplits, shuffle, randomState };
}

/**
 * Splits `n` samples into `nSplits` consecutive folds (shuffled first if asked);
 * each fold is the test set once. The first `n % nSplits` folds have one sample
 * more, exactly as scikit-learn cuts them.
 * @example
 * const kf = new KFold({ nSplits: 3 });
 * for (const [train, test] of kf.split(6)) console.log(train, test);
 * // Int32Array [2, 3, 4, 5] Int32Array [0, 1], ...
 */
export class KFold implements Splitter {
  readonly nSplits: number;
  readonly shuffle: boolean;
  readonly randomState: number | RandomGenerator | undefined;

  constructor(options: KFoldOptions = {}) {
    const { nSplits, shuffle, randomState } = validateKFoldOptions('KFold', options);
    this.nSplits = nSplits;
    this.shuffle = shuffle;
    this.randomState = randomState;
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /**
   * Yields `[train, test]` index arrays; `X` is a sample count or anything with a
   * row count (`shape[0]` or `length`). Fewer samples than folds is a `ValidationError`.
   */
  *split(X: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    if (this.nSplits > n) {
      throw new ValidationError(
        `Cannot have number of splits nSplits=${this.nSplits} greater than the number of samples: n_samples=${n}.`,
      );
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (this.shuffle) checkRandomState(this.randomState).shuffle(order);
    const base = Math.floor(n / this.nSplits);
    const extra = n % this.nSplits;
    let start = 0;
    for (let fold = 0; fold < this.nSplits; fold++) {
      const size = base + (fold < extra ? 1 : 0);
      const test = order.slice(start, start + size);
      const train = new Int32Array(n - size);
      train.set(order.subarray(0, start));
      train.set(order.subarray(start + size), start);
      // sklearn returns index arrays in ascending order within each set.
      test.sort();
      train.sort();
      yield [train, test];
      start += size;
    }
  }
}
