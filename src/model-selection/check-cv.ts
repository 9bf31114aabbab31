/**
 * `checkCv`: turns a `cv` option into a splitter, scikit-learn's `check_cv`.
 */
import { ValidationError } from '../base/errors.js';
import { columnOrLabels, typeOfTarget } from '../base/labels.js';
import type { Labels } from '../base/types.js';
import { KFold, type TrainTestIndices } from './k-fold.js';
import type { SplitInput, Splitter } from './splitter.js';
import { StratifiedKFold } from './stratified-k-fold.js';

/** What a `cv` option accepts: a fold count, a splitter, or a list of `[train, test]` pairs. */
export type CvOption = number | Splitter | Iterable<readonly [ArrayLike<number>, ArrayLike<number>]>;

function isSplitter(value: unknown): value is Splitter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Splitter).split === 'function' &&
    typeof (value as Splitter).getNSplits === 'function'
  );
}

/**
 * Fixed splits (what `checkCv` makes of a list of `[train, test]` pairs):
 * `split` yields them as given, whatever the data.
 * @example new SplitList([[[0, 1], [2]], [[1, 2], [0]]]).getNSplits() // 2
 */
export class SplitList implements Splitter {
  readonly splits: readonly TrainTestIndices[];

  constructor(splits: Iterable<readonly [ArrayLike<number>, ArrayLike<number>]>) {
    this.splits = [...splits].map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new ValidationError(`cv: split ${i} must be a [train, test] pair of index arrays`, { param: 'cv' });
      }
      return [Int32Array.from(pair[0]), Int32Array.from(pair[1])] as TrainTestIndices;
    });
  }

  /** Number of pairs. */
  getNSplits(): number {
    return this.splits.length;
  }

  /** Yields copies of the pairs; indices must be below the sample count of `X` when given. */
  *split(X?: SplitInput, _y?: Labels, _groups?: Labels): Generator<TrainTestIndices> {
    const n =
      X === undefined ? Number.POSITIVE_INFINITY : typeof X === 'number' ? X : 'shape' in X ? X.shape[0] : X.length;
    for (const [train, test] of this.splits) {
      for (const part of [train, test]) {
        for (const i of part) {
          if (!(i >= 0 && i < n))
            throw new ValidationError(`cv: index ${i} is out of range for ${n} samples`, { param: 'cv' });
        }
      }
      yield [train.slice(), test.slice()];
    }
  }
}

/**
 * The splitter for a `cv` option: a number k gives `StratifiedKFold(k)` when
 * `classifier` is true and `y` is binary or multiclass, else `KFold(k)`; a
 * splitter is returned as is; a list of `[train, test]` pairs becomes a
 * {@link SplitList}. Default 5 folds.
 * @example
 * checkCv(3, [0, 1, 0, 1, 0, 1], true); // StratifiedKFold { nSplits: 3 }
 * checkCv(3, [0.5, 1.5, 2.5]);          // KFold { nSplits: 3 }
 */
export function checkCv(cv: CvOption | undefined = 5, y?: Labels, classifier = false): Splitter {
  if (typeof cv === 'number') {
    if (classifier && y !== undefined && typeOfTarget(columnOrLabels(y).labels) !== 'continuous') {
      return new StratifiedKFold({ nSplits: cv });
    }
    return new KFold({ nSplits: cv });
  }
  if (isSplitter(cv)) return cv;
  if (cv !== null && typeof cv === 'object' && typeof (cv as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return new SplitList(cv);
  }
  throw new ValidationError(
    `Expected cv as an integer, a splitter (with split and getNSplits) or a list of [train, test] pairs, got ${String(cv)}`,
    { param: 'cv', got: cv },
  );
}
