/**
 * Random permutation splitters: `ShuffleSplit` and `StratifiedShuffleSplit`
 * (scikit-learn's), plus the train/test size rule they share.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels } from '../base/types.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import type { TrainTestIndices } from './k-fold.js';
import { checkInt, encodeSorted, numSamples, requireLength, type SplitInput, type Splitter } from './splitter.js';

/** Options of {@link ShuffleSplit} and {@link StratifiedShuffleSplit}. */
export interface ShuffleSplitOptions {
  /** Number of re-shuffling and splitting iterations. Default 10. */
  nSplits?: number;
  /** Test set: a fraction in (0, 1) or a count. Default: the complement of `trainSize`, or 0.1 when both are unset. */
  testSize?: number;
  /** Train set: a fraction in (0, 1) or a count. Default: the complement of the test set. */
  trainSize?: number;
  /** Seed or generator; a seed gives the same splits on every `split` call. */
  randomState?: RandomState;
}

function checkSize(value: number | undefined, n: number, name: string): void {
  if (value === undefined) return;
  const ok = Number.isInteger(value) ? value > 0 && value < n : value > 0 && value < 1;
  if (!ok) {
    const message = Number.isInteger(value)
      ? `${name}=${value} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`
      : `${name}=${value} should be a float in the (0, 1) range or an integer`;
    throw new ValidationError(message, { param: name, got: value });
  }
}

/**
 * Train and test set sizes for `n` samples, scikit-learn's `_validate_shuffle_split`:
 * a fractional test size rounds up, a fractional train size rounds down.
 * @example resolveSplitSizes(10, 0.25, undefined) // { nTrain: 7, nTest: 3 }
 */
export function resolveSplitSizes(
  n: number,
  testSize: number | undefined,
  trainSize: number | undefined,
  defaultTest = 0.1,
): { nTrain: number; nTest: number } {
  if (testSize === undefined && trainSize === undefined) testSize = defaultTest;
  checkSize(testSize, n, 'testSize');
  checkSize(trainSize, n, 'trainSize');
  const frac = (v: number | undefined) => v !== undefined && !Number.isInteger(v);
  if (frac(testSize) && frac(trainSize) && (testSize as number) + (trainSize as number) > 1) {
    throw new ValidationError(
      `The sum of testSize and trainSize = ${(testSize as number) + (trainSize as number)}, should be in the (0, 1) range. Reduce testSize and/or trainSize.`,
    );
  }
  let nTest = testSize === undefined ? undefined : frac(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === undefined ? undefined : frac(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - (nTest as number);
  else if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + (nTest as number) > n) {
    throw new ValidationError(
      `The sum of trainSize and testSize = ${nTrain + (nTest as number)}, should be smaller than the number of samples ${n}. Reduce testSize and/or trainSize.`,
    );
  }
  if (nTrain === 0) {
    throw new ValidationError(
      `With n_samples=${n}, testSize=${testSize} and trainSize=${trainSize}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`,
    );
  }
  return { nTrain, nTest: nTest as number };
}

/**
 * Independent random train/test splits (scikit-learn's `ShuffleSplit`): each
 * split permutes the samples, the first `nTest` are the test set and the next
 * `nTrain` the train set (in permuted order, as sklearn returns them). Splits
 * may overlap between iterations.
 * @example
 * const ss = new ShuffleSplit({ nSplits: 3, testSize: 0.25, randomState: 0 });
 * for (const [train, test] of ss.split(8)) console.log(train.length, test.length); // 6 2
 */
export class ShuffleSplit implements Splitter {
  readonly nSplits: number;
  readonly testSize: number | undefined;
  readonly trainSize: number | undefined;
  readonly randomState: RandomState | undefined;

  constructor(options: ShuffleSplitOptions = {}) {
    this.nSplits = checkInt(new.target.name, 'nSplits', options.nSplits ?? 10, 1);
    this.testSize = options.testSize;
    this.trainSize = options.trainSize;
    this.randomState = options.randomState;
  }

  /** Number of splits `split` yields. */
  getNSplits(): number {
    return this.nSplits;
  }

  /** Yields `[train, test]` index arrays. */
  *split(X: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    const { nTrain, nTest } = resolveSplitSizes(n, this.testSize, this.trainSize);
    const rng = checkRandomState(this.randomState);
    for (let s = 0; s < this.nSplits; s++) {
      const perm = rng.permutation(n);
      yield [perm.slice(nTest, nTest + nTrain), perm.slice(0, nTest)];
    }
  }
}

/**
 * How many of `n` draws each class gets, proportional to `counts` (scikit-learn's
 * `_approximate_mode`): floors of the exact shares, then the leftover draws go to
 * the classes with the largest remainders, ties broken at random.
 * @example approximateMode(Int32Array.of(3, 3, 4), 5, rng) // e.g. [1, 2, 2]
 */
export function approximateMode(counts: Int32Array, draws: number, rng: RandomGenerator): Int32Array {
  let total = 0;
  for (const c of counts) total += c;
  const out = new Int32Array(counts.length);
  const remainder = new Float64Array(counts.length);
  let floored = 0;
  for (let i = 0; i < counts.length; i++) {
    const exact = (counts[i] / total) * draws;
    out[i] = Math.floor(exact);
    remainder[i] = exact - out[i];
    floored += out[i];
  }
  let need = draws - floored;
  const values = [...new Set(remainder)].sort((a, b) => b - a);
  for (const value of values) {
    if (need <= 0) break;
    const tied: number[] = [];
    for (let i = 0; i < remainder.length; i++) if (remainder[i] === value) tied.push(i);
    const take = Math.min(tied.length, need);
    for (const j of rng.choice(tied.length, { size: take, replace: false })) out[tied[j]]++;
    need -= take;
  }
  return out;
}

/**
 * Random splits that keep class proportions (scikit-learn's
 * `StratifiedShuffleSplit`): per split, class counts for train and test come
 * from {@link approximateMode}; each class's samples are permuted and cut.
 * @example
 * const sss = new StratifiedShuffleSplit({ nSplits: 2, testSize: 0.5, randomState: 0 });
 * for (const [train, test] of sss.split(4, [0, 0, 1, 1])) console.log(train, test); // one of each class per side
 */
export class StratifiedShuffleSplit extends ShuffleSplit {
  /** Yields `[train, test]` index arrays; `y` is required. */
  override *split(X: SplitInput, y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n = numSamples(X);
    const { codes, uniques } = encodeSorted(requireLength(y, n, 'y', 'StratifiedShuffleSplit'));
    const { nTrain, nTest } = resolveSplitSizes(n, this.testSize, this.trainSize);
    const nClasses = uniques.length;
    const counts = new Int32Array(nClasses);
    for (const c of codes) counts[c]++;
    if (Math.min(...counts) < 2) {
      throw new ValidationError(
        'The least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.',
      );
    }
    if (nTrain < nClasses) {
      throw new ValidationError(
        `The train_size = ${nTrain} should be greater or equal to the number of classes = ${nClasses}`,
      );
    }
    if (nTest < nClasses) {
      throw new ValidationError(
        `The test_size = ${nTest} should be greater or equal to the number of classes = ${nClasses}`,
      );
    }
    // Sample indices grouped by class, ascending within each class (a stable argsort of the codes).
    const start = new Int32Array(nClasses + 1);
    for (let c = 0; c < nClasses; c++) start[c + 1] = start[c] + counts[c];
    const byClass = new Int32Array(n);
    const fill = start.slice(0, nClasses);
    for (let i = 0; i < n; i++) byClass[fill[codes[i]]++] = i;
    const rng = checkRandomState(this.randomState);
    for (let s = 0; s < this.nSplits; s++) {
      const trainCounts = approximateMode(counts, nTrain, rng);
      const rest = counts.map((c, i) => c - trainCounts[i]);
      const testCounts = approximateMode(rest, nTest, rng);
      const train = new Int32Array(nTrain);
      const test = new Int32Array(nTest);
      let r = 0;
      let t = 0;
      for (let c = 0; c < nClasses; c++) {
        const perm = rng.permutation(counts[c]);
        for (let j = 0; j < trainCounts[c]; j++) train[r++] = byClass[start[c] + perm[j]];
        for (let j = trainCounts[c]; j < trainCounts[c] + testCounts[c]; j++) test[t++] = byClass[start[c] + perm[j]];
      }
      yield [rng.shuffle(train), rng.shuffle(test)];
    }
  }
}
