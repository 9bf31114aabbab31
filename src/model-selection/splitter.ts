/**
 * What every cross-validation splitter has in common: the `Splitter`
 * interface, the input it accepts for `X`, and small helpers the splitters
 * share (sample count, label and group encoding, folds to index pairs).
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels, sortLabels } from '../base/labels.js';
import type { Labels } from '../base/types.js';
import type { TrainTestIndices } from './k-fold.js';

/** What `split` accepts as `X`: a sample count, or anything with a row count (`shape[0]` or `length`). */
export type SplitInput = number | { readonly shape: readonly number[] } | { readonly length: number };

/**
 * A cross-validation splitter (scikit-learn's `BaseCrossValidator`): `split`
 * yields `[train, test]` row-index pairs; `getNSplits` says how many.
 * Splitters that need `y` (stratified) or `groups` (group splitters) throw a
 * `ValidationError` when it is missing.
 * @example
 * const cv: Splitter = new KFold({ nSplits: 3 });
 * for (const [train, test] of cv.split(9)) console.log(train.length, test.length); // 6 3, three times
 */
export interface Splitter {
  split(X: SplitInput, y?: Labels, groups?: Labels): Iterable<TrainTestIndices>;
  getNSplits(X?: SplitInput, y?: Labels, groups?: Labels): number;
}

/**
 * Number of samples of a split input.
 * @example numSamples({ shape: [10, 3] }) // 10
 */
export function numSamples(X: SplitInput): number {
  const n = typeof X === 'number' ? X : 'shape' in X ? X.shape[0] : X.length;
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`Expected a non-negative sample count, got ${n}`);
  return n;
}

/**
 * Codes of `values` numbered by sorted unique value (numpy's `np.unique(..., return_inverse=True)`).
 * @example encodeSorted(['b', 'a', 'b']) // { codes: Int32Array [1, 0, 1], uniques: ['a', 'b'] }
 */
export function encodeSorted(values: Labels, name = 'y'): { codes: Int32Array; uniques: (number | string)[] } {
  const { labels } = columnOrLabels(values, { name });
  const uniques = sortLabels([
    ...new Set<number | string>(labels as ArrayLike<number | string> as (number | string)[]),
  ]);
  const index = new Map<number | string, number>();
  for (const [i, u] of uniques.entries()) index.set(u, i);
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = index.get(labels[i]) as number;
  return { codes, uniques };
}

/**
 * Throws unless `values` is given and has `n` entries; returns it.
 * @example requireLength(groups, 10, 'groups', 'GroupKFold')
 */
export function requireLength(values: Labels | undefined, n: number, name: string, owner: string): Labels {
  if (values === undefined || values === null) {
    throw new ValidationError(`${owner}: The '${name}' parameter should not be undefined.`, { param: name });
  }
  const length = columnOrLabels(values, { name }).labels.length;
  if (length !== n) {
    throw new ValidationError(`${owner}: X has ${n} samples but ${name} has ${length}`, {
      param: name,
      expected: n,
      got: length,
    });
  }
  return values;
}

/**
 * The `[train, test]` pair for the samples `inTest` marks: both ascending.
 * @example maskToSplit(Uint8Array.of(0, 1, 0)) // [Int32Array [0, 2], Int32Array [1]]
 */
export function maskToSplit(inTest: Uint8Array): TrainTestIndices {
  let size = 0;
  for (let i = 0; i < inTest.length; i++) size += inTest[i];
  const test = new Int32Array(size);
  const train = new Int32Array(inTest.length - size);
  let t = 0;
  let r = 0;
  for (let i = 0; i < inTest.length; i++) {
    if (inTest[i]) test[t++] = i;
    else train[r++] = i;
  }
  return [train, test];
}

/**
 * Yields one split per fold id 0..nFolds-1 of `folds` (the test fold of each sample; -1 = never tested).
 * @example [...foldsToSplits(Int32Array.of(0, 1, 0), 2)] // [[[1], [0, 2]], [[0, 2], [1]]]
 */
export function* foldsToSplits(folds: Int32Array, nFolds: number): Generator<TrainTestIndices> {
  const mask = new Uint8Array(folds.length);
  for (let f = 0; f < nFolds; f++) {
    for (let i = 0; i < folds.length; i++) mask[i] = folds[i] === f ? 1 : 0;
    yield maskToSplit(mask);
  }
}

/**
 * Checks an integer option `value >= min`, naming the splitter and the option.
 * @example checkInt('TimeSeriesSplit', 'gap', 0, 0)
 */
export function checkInt(owner: string, param: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ValidationError(`${owner}: ${param} must be an integer of at least ${min}, got ${String(value)}`, {
      param,
      got: value,
    });
  }
  return value;
}
