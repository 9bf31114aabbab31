/**
 * `crossValidate`: fit a fresh clone per split and collect test (and train)
 * scores for one or several metrics, with fit/score times — scikit-learn's
 * `cross_validate`.
 */
import { ValidationError } from '../base/errors.js';
import type { Labels, MatrixLike } from '../base/types.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { type CvOption, checkCv } from './check-cv.js';
import { type CvData, toCvData } from './cv-data.js';
import type { FitResult, FitTask, FittableEstimator } from './fit-and-score.js';
import { type ParallelOptions, runFitTasks } from './run-tasks.js';
import { resolveScoring, type ScoringOption } from './scoring.js';
import type { Splitter } from './splitter.js';

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions extends ParallelOptions {
  /** Folds: a number k (StratifiedKFold(k) for classifiers, KFold(k) otherwise), a splitter, or `[train, test]` pairs. Default 5. */
  cv?: CvOption;
  /** Group labels for group splitters (GroupKFold, LeaveOneGroupOut...). */
  groups?: Labels;
  /** A scorer name or function, a list of names, or a record of scorers. Default: the estimator's `score`. */
  scoring?: ScoringOption;
  /** Also score each fitted model on its training rows. Default `false`. */
  returnTrainScore?: boolean;
  /** Return the fitted model of each split. Default `false`. */
  returnEstimator?: boolean;
  /** `'raise'`, or the score a failing fit gets (with a warning). Default `NaN`. */
  errorScore?: 'raise' | number;
}

/** The result of {@link crossValidate}: one entry per split in each array. */
export interface CrossValidateResult<E> {
  /** Seconds spent fitting, per split. */
  fitTime: Float64Array;
  /** Seconds spent scoring the test rows, per split. */
  scoreTime: Float64Array;
  /** Test scores per metric (`score` for a single scorer). */
  test: Record<string, Float64Array>;
  /** Train scores per metric, with `returnTrainScore`. */
  train?: Record<string, Float64Array>;
  /** Shortcut to `test.score` for a single scorer. */
  testScore?: Float64Array;
  /** Shortcut to `train.score` for a single scorer with `returnTrainScore`. */
  trainScore?: Float64Array;
  /** Fitted models, with `returnEstimator`. */
  estimator?: E[];
}

/**
 * Whether the estimator says it is a classifier (its tags' `estimatorType`).
 * @example isClassifier(new DummyClassifier()) // true
 */
export function isClassifier(estimator: unknown): boolean {
  const tags = (estimator as { estimatorTags?: () => { estimatorType?: string } }).estimatorTags?.();
  return tags?.estimatorType === 'classifier';
}

/**
 * The splitter for a `cv` option and its splits, materialized once.
 * @example const { splits } = makeSplits(model, 5, data, undefined);
 */
export function makeSplits(
  estimator: unknown,
  cv: CvOption | undefined,
  data: CvData,
  groups: Labels | undefined,
): { splitter: Splitter; splits: [Int32Array, Int32Array][] } {
  const splitter = checkCv(cv, data.y as Labels | undefined, isClassifier(estimator));
  const splits = [...splitter.split(data.X, data.y as Labels | undefined, groups)] as [Int32Array, Int32Array][];
  if (splits.length === 0) throw new ValidationError('cv produced no splits', { param: 'cv' });
  return { splitter, splits };
}

/**
 * Checks `errorScore`, defaulting to NaN.
 * @example checkErrorScore(undefined) // NaN
 */
export function checkErrorScore(errorScore: unknown): 'raise' | number {
  if (errorScore === undefined) return Number.NaN;
  if (errorScore === 'raise' || typeof errorScore === 'number') return errorScore;
  throw new ValidationError(`errorScore must be 'raise' or a number, got ${String(errorScore)}`, {
    param: 'errorScore',
  });
}

/**
 * Warns about failed fits (sklearn's FitFailedWarning) and throws when every fit failed.
 * @example warnFitFailures(results, NaN);
 */
export function warnFitFailures(results: readonly FitResult[], errorScore: 'raise' | number): void {
  const failed = results.filter((r) => r.fitFailed);
  if (failed.length === 0) return;
  const counts = new Map<string, number>();
  for (const r of failed) counts.set(r.errorMessage ?? '', (counts.get(r.errorMessage ?? '') ?? 0) + 1);
  const summary = [...counts].map(([m, c]) => `${c} fits failed with: ${m}`).join('\n');
  if (failed.length === results.length) {
    throw new ValidationError(`All the ${results.length} fits failed.\n${summary}`);
  }
  warn(
    new TypelearnWarning(
      `${failed.length} fits failed out of a total of ${results.length}. The score on these train-test partitions for these parameters will be set to ${errorScore}.\n${summary}`,
    ),
  );
}

/**
 * Cross-validated scores of an estimator for one or several metrics.
 * The estimator passed in is never fitted: each split fits a clone.
 * @example
 * const { data, target } = loadDataset('diabetes');
 * const res = await crossValidate(new LinearRegression(), data, target, {
 *   cv: 5, scoring: ['r2', 'neg_mean_absolute_error'], returnTrainScore: true, nJobs: 2,
 * });
 * res.test.r2; // Float64Array of 5 scores
 */
export async function crossValidate<E extends FittableEstimator>(
  estimator: E,
  X: MatrixLike,
  y?: Labels,
  options: CrossValidateOptions = {},
): Promise<CrossValidateResult<E>> {
  const scoring = resolveScoring(options.scoring);
  const errorScore = checkErrorScore(options.errorScore);
  const data = toCvData(X, y, 'crossValidate');
  const { splits } = makeSplits(estimator, options.cv, data, options.groups);
  const tasks: FitTask[] = splits.map(([train, test], split) => ({
    candidate: 0,
    split,
    train,
    test,
    label: `split ${split} of ${splits.length}`,
    returnTrainScore: options.returnTrainScore ?? false,
    returnEstimator: options.returnEstimator ?? false,
    errorScore,
  }));
  const results = await runFitTasks([estimator], data, tasks, scoring, options);
  warnFitFailures(results, errorScore);
  const collect = (part: 'test' | 'train') =>
    Object.fromEntries(
      scoring.names.map((name) => [name, Float64Array.from(results, (r) => r[part]?.[name] ?? Number.NaN)]),
    );
  const out: CrossValidateResult<E> = {
    fitTime: Float64Array.from(results, (r) => r.fitTime),
    scoreTime: Float64Array.from(results, (r) => r.scoreTime),
    test: collect('test'),
  };
  if (options.returnTrainScore) out.train = collect('train');
  if (!scoring.multimetric) {
    out.testScore = out.test.score;
    if (out.train) out.trainScore = out.train.score;
  }
  if (options.returnEstimator) out.estimator = results.map((r) => r.estimator as E);
  return out;
}
