/**
 * `crossValScore`: one score per split, scikit-learn's `cross_val_score`
 * (a single-metric {@link crossValidate}).
 */
import type { Labels, MatrixLike } from '../base/types.js';
import type { Scorer } from '../metrics/scorer.js';
import type { CvOption } from './check-cv.js';
import { crossValidate } from './cross-validate.js';
import type { FittableEstimator } from './fit-and-score.js';
import type { ParallelOptions } from './run-tasks.js';

/** What cross-validation needs of an estimator. */
export type CrossValidatable = FittableEstimator;

/** Options of {@link crossValScore}. */
export interface CrossValScoreOptions extends ParallelOptions {
  /** Folds: a number k (StratifiedKFold(k) for classifiers, KFold(k) otherwise, as sklearn), a splitter or `[train, test]` pairs. Default 5. */
  cv?: CvOption;
  /** Group labels for group splitters. */
  groups?: Labels;
  /** A scorer name (`'r2'`, `'accuracy'`, `'neg_mean_squared_error'`, ...) or function. Default: the estimator's `score`. */
  scoring?: string | Scorer;
  /** `'raise'`, or the score a failing fit gets. Default `NaN`. */
  errorScore?: 'raise' | number;
}

/**
 * One score per fold.
 * @example
 * const { data, target } = loadDataset('diabetes');
 * const scores = await crossValScore(new LinearRegression(), data, target, { cv: 5 });
 */
export async function crossValScore<E extends CrossValidatable>(
  estimator: E,
  X: MatrixLike,
  y?: Labels,
  options: CrossValScoreOptions = {},
): Promise<Float64Array> {
  const result = await crossValidate(estimator, X, y, { ...options, scoring: options.scoring });
  return result.test.score;
}
