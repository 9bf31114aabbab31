/**
 * `trainTestSplit`: scikit-learn's `train_test_split` for Tensors, arrays,
 * typed arrays and Frames (sizes, rounding and stratification as in
 * `ShuffleSplit` / `StratifiedShuffleSplit`; the random draws are typelearn's
 * own seeded generator, so the rows chosen differ from numpy's for the same seed).
 */
import { ValidationError } from '../base/errors.js';
import { checkRandomState, type RandomGenerator, type RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { type Column, isColumn } from './column.js';
import { Frame } from './frame.js';

/** Options of {@link trainTestSplit}. */
export interface TrainTestSplitOptions {
  /** Test set size: a fraction in (0, 1) (rounded up: `ceil(testSize * n)`) or a count. Default 0.25 when `trainSize` is not given either. */
  testSize?: number;
  /** Train set size: a fraction (rounded down) or a count. Default: the complement of the test set. */
  trainSize?: number;
  /** Shuffle before splitting. Default `true`; with `false` the train set is the first rows and the test set the next ones. */
  shuffle?: boolean;
  /** Class labels (an array, typed array, 1-D Tensor or Frame column) to keep class proportions in both sets. Requires `shuffle`. */
  stratify?: ArrayLike<unknown> | Tensor | Column | null;
  /** Seed or generator. Default: unseeded. */
  randomState?: RandomState | null;
}

/** What {@link trainTestSplit} splits. */
export type Splittable = Tensor | Frame | readonly unknown[] | Float64Array | Float32Array | Int32Array | Uint8Array;

function lengthOf(x: Splittable): number {
  if (x instanceof Tensor) {
    if (x.ndim === 0) throw new ValidationError('trainTestSplit cannot split a 0-d tensor');
    return x.shape[0];
  }
  if (x instanceof Frame) return x.nRows;
  return x.length;
}

function takeRows<T extends Splittable>(x: T, idx: Int32Array): T {
  if (x instanceof Tensor) return x.take(idx, 0) as T;
  if (x instanceof Frame) return x.take(idx) as T;
  if (Array.isArray(x)) return Array.from(idx, (i) => x[i]) as unknown as T;
  const typed = x as Float64Array;
  const out = new (typed.constructor as new (n: number) => Float64Array)(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = typed[idx[i]];
  return out as unknown as T;
}

/** sklearn's `_validate_shuffle_split`: `[nTrain, nTest]`. */
export function splitSizes(n: number, testSize: number | undefined, trainSize: number | undefined): [number, number] {
  if (testSize === undefined && trainSize === undefined) testSize = 0.25;
  const check = (v: number | undefined, name: string) => {
    if (v === undefined) return;
    const fraction = !Number.isInteger(v) || (v > 0 && v < 1);
    if (fraction ? !(v > 0 && v < 1) : !(v >= 0 && v <= n)) {
      throw new ValidationError(
        `${name}=${v} should be either positive and smaller than the number of samples ${n} or a float in the (0, 1) range`,
        { param: name, got: v },
      );
    }
  };
  check(testSize, 'testSize');
  check(trainSize, 'trainSize');
  const isFrac = (v: number) => !Number.isInteger(v) || (v > 0 && v < 1);
  if (
    testSize !== undefined &&
    trainSize !== undefined &&
    isFrac(testSize) &&
    isFrac(trainSize) &&
    testSize + trainSize > 1
  ) {
    throw new ValidationError(`testSize + trainSize = ${testSize + trainSize} should be in the (0, 1] range`);
  }
  let nTest = testSize === undefined ? undefined : isFrac(testSize) ? Math.ceil(testSize * n) : testSize;
  let nTrain = trainSize === undefined ? undefined : isFrac(trainSize) ? Math.floor(trainSize * n) : trainSize;
  if (nTrain === undefined) nTrain = n - (nTest as number);
  if (nTest === undefined) nTest = n - nTrain;
  if (nTrain + nTest > n) {
    throw new ValidationError(
      `The sum of train and test sizes = ${nTrain + nTest} should be smaller than the number of samples ${n}`,
    );
  }
  if (nTrain === 0) {
    throw new ValidationError(
      `With n_samples=${n}, test_size=${testSize} and train_size=${trainSize}, the resulting train set will be empty. Adjust any of the aforementioned parameters.`,
    );
  }
  return [nTrain, nTest];
}

/** sklearn's `_approximate_mode`: splits `nDraws` over classes in proportion to `counts`, breaking ties at random. */
function approximateMode(counts: readonly number[], nDraws: number, rng: RandomGenerator): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * nDraws);
  const floored = continuous.map(Math.floor);
  let need = nDraws - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds = remainder.flatMap((r, i) => (r === value ? [i] : []));
      const addNow = Math.min(inds.length, need);
      rng.shuffle(inds);
      for (const i of inds.slice(0, addNow)) floored[i]++;
      need -= addNow;
      if (need === 0) break;
    }
  }
  return floored;
}

function labelsOf(stratify: ArrayLike<unknown> | Tensor | Column): ArrayLike<unknown> {
  if (stratify instanceof Tensor) {
    if (stratify.ndim !== 1)
      throw new ValidationError(`stratify must be 1-D, got shape [${stratify.shape.join(', ')}]`);
    return stratify.data;
  }
  if (isColumn(stratify)) return Array.from({ length: stratify.length }, (_, i) => stratify.get(i));
  return stratify as ArrayLike<unknown>;
}

function stratifiedIndices(
  y: ArrayLike<unknown>,
  nTrain: number,
  nTest: number,
  rng: RandomGenerator,
): [Int32Array, Int32Array] {
  const classIndex = new Map<unknown, number>();
  const members: number[][] = [];
  for (let i = 0; i < y.length; i++) {
    let v = y[i];
    if (v instanceof Date) v = v.getTime();
    let c = classIndex.get(v);
    if (c === undefined) {
      c = members.length;
      classIndex.set(v, c);
      members.push([]);
    }
    members[c].push(i);
  }
  // Classes in sorted order, like np.unique.
  const keys = [...classIndex.keys()];
  const order = keys
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = keys[a] as number | string;
      const kb = keys[b] as number | string;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const groups = order.map((i) => members[i]);
  const counts = groups.map((g) => g.length);
  const nClasses = groups.length;
  if (Math.min(...counts) < 2) {
    throw new ValidationError(
      'The least populated class in y has only 1 member, which is too few. The minimum number of groups for any class cannot be less than 2.',
    );
  }
  if (nTrain < nClasses)
    throw new ValidationError(
      `The train_size = ${nTrain} should be greater or equal to the number of classes = ${nClasses}`,
    );
  if (nTest < nClasses)
    throw new ValidationError(
      `The test_size = ${nTest} should be greater or equal to the number of classes = ${nClasses}`,
    );
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(
    counts.map((c, i) => c - nI[i]),
    nTest,
    rng,
  );
  const train: number[] = [];
  const test: number[] = [];
  groups.forEach((g, i) => {
    const perm = rng.permutation(g.length);
    for (let k = 0; k < nI[i]; k++) train.push(g[perm[k]]);
    for (let k = nI[i]; k < nI[i] + tI[i]; k++) test.push(g[perm[k]]);
  });
  return [Int32Array.from(rng.shuffle(train)), Int32Array.from(rng.shuffle(test))];
}

function isOptions(x: unknown): x is TrainTestSplitOptions {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/**
 * Splits each of `arrays` (all with the same number of rows) into a train and
 * a test part, returning `[aTrain, aTest, bTrain, bTest, ...]` with the same
 * types as given. The last argument may be the options
 * ({@link TrainTestSplitOptions}). Sizes follow scikit-learn: the test set
 * has `ceil(testSize * n)` rows, the train set the rest (or
 * `floor(trainSize * n)`). Stratified splits give each class
 * `n_i ≈ nTrain * share_i` train rows like `StratifiedShuffleSplit`, and
 * need at least 2 members per class.
 * @example
 * const [XTrain, XTest, yTrain, yTest] = trainTestSplit(X, y, { testSize: 0.2, stratify: y, randomState: 0 });
 */
export function trainTestSplit<T extends Splittable>(...args: (T | TrainTestSplitOptions)[]): T[] {
  const options: TrainTestSplitOptions =
    args.length > 0 && isOptions(args[args.length - 1]) ? (args.pop() as TrainTestSplitOptions) : {};
  const arrays = args as T[];
  if (arrays.length === 0) throw new ValidationError('At least one array required as input');
  const lengths = arrays.map(lengthOf);
  if (lengths.some((l) => l !== lengths[0])) {
    throw new ValidationError(`Found input variables with inconsistent numbers of samples: [${lengths.join(', ')}]`, {
      got: lengths,
    });
  }
  const n = lengths[0];
  const { shuffle = true, stratify, randomState } = options;
  const [nTrain, nTest] = splitSizes(n, options.testSize, options.trainSize);
  let train: Int32Array;
  let test: Int32Array;
  if (!shuffle) {
    if (stratify !== undefined && stratify !== null) {
      throw new ValidationError('Stratified train/test split is not implemented for shuffle=false', {
        param: 'stratify',
      });
    }
    train = Int32Array.from({ length: nTrain }, (_, i) => i);
    test = Int32Array.from({ length: nTest }, (_, i) => nTrain + i);
  } else {
    const rng = checkRandomState(randomState);
    if (stratify !== undefined && stratify !== null) {
      const y = labelsOf(stratify);
      if (y.length !== n) {
        throw new ValidationError(`stratify has ${y.length} labels but the arrays have ${n} rows`, {
          expected: n,
          got: y.length,
        });
      }
      [train, test] = stratifiedIndices(y, nTrain, nTest, rng);
    } else {
      const perm = rng.permutation(n);
      test = perm.slice(0, nTest);
      train = perm.slice(nTest, nTest + nTrain);
    }
  }
  return arrays.flatMap((a) => [takeRows(a, train), takeRows(a, test)]);
}
