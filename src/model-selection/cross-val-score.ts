/**
 * `crossValScore`: fit a fresh clone of an estimator on each training fold and
 * score it on the held-out fold, as scikit-learn's `cross_val_score`.
 */
import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import { getScorer, type Scorer } from '../metrics/scorer.js';
import { take } from '../tensor/manipulation.js';
import { Tensor } from '../tensor/tensor.js';
import { KFold, type TrainTestIndices } from './k-fold.js';
import { StratifiedKFold } from './stratified-k-fold.js';

/** What cross-validation needs of an estimator. */
export interface CrossValidatable {
  fit(X: Tensor, y: Tensor): Promise<unknown>;
  predict(X: Tensor): ArrayLike<number> | ArrayLike<string> | Tensor;
  score?(X: Tensor, y: Tensor): number;
  estimatorTags?(): { estimatorType?: string };
}

/** Anything that yields train/test splits (`KFold`, and the splitters of #4). */
export interface Splitter {
  split(X: Tensor, y: Tensor): Iterable<TrainTestIndices>;
}

/** sklearn's `check_cv`: stratified folds for classifiers, plain k-fold otherwise. */
function defaultSplitter(estimator: CrossValidatable, k: number): Splitter {
  const isClassifier = estimator.estimatorTags?.().estimatorType === 'classifier';
  return isClassifier ? new StratifiedKFold({ nSplits: k }) : new KFold({ nSplits: k });
}

/** Options of {@link crossValScore}. */
export interface CrossValScoreOptions {
  /** Folds: a number k (StratifiedKFold(k) for classifiers, KFold(k) otherwise, as sklearn) or a splitter. Default 5. */
  cv?: number | Splitter;
  /** A scorer name (`'r2'`, `'accuracy'`, `'neg_mean_squared_error'`, ...) or function. Default: the estimator's `score`. */
  scoring?: string | Scorer;
  /** Cancels between folds. */
  signal?: AbortSignal;
}

/**
 * One score per fold.
 * @example
 * const { data, target } = loadDataset('diabetes');
 * const scores = await crossValScore(new LinearRegression(), data, target, { cv: 5 });
 */
export async function crossValScore<E extends CrossValidatable>(
  estimator: E,
  X: Tensor,
  y: Tensor,
  options: CrossValScoreOptions = {},
): Promise<Float64Array> {
  const { cv = 5, scoring, signal } = options;
  if (!(X instanceof Tensor) || X.ndim !== 2) throw new ValidationError('crossValScore: X must be a 2-D Tensor');
  if (y.shape[0] !== X.shape[0]) {
    throw new ValidationError(`crossValScore: X has ${X.shape[0]} rows but y has ${y.shape[0]}`);
  }
  const splitter: Splitter = typeof cv === 'number' ? defaultSplitter(estimator, cv) : cv;
  const scorer = getScorer(scoring);
  const scores: number[] = [];
  for (const [train, test] of splitter.split(X, y)) {
    signal?.throwIfAborted();
    const model = clone(estimator as never) as E;
    await model.fit(take(X, train, 0), take(y, train, 0));
    scores.push(scorer(model, take(X, test, 0), take(y, test, 0)));
  }
  return Float64Array.from(scores);
}
