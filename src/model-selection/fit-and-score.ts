/**
 * One unit of cross-validation work — fit a fresh estimator on a train split,
 * then score it (or predict) on the test split — shared by the inline path
 * (`nJobs: 1`) and the worker path, so both compute exactly the same thing.
 */
import { ValidationError } from '../base/errors.js';
import type { Scorer } from '../metrics/scorer.js';
import { Tensor } from '../tensor/tensor.js';
import { type CvData, type CvSamples, type CvTargets, takeRows, takeTargets } from './cv-data.js';

/** Estimator outputs `crossValPredict` can collect. */
export type PredictMethod = 'predict' | 'predictProba' | 'decisionFunction';

/** What cross-validation calls on an estimator. */
export interface FittableEstimator {
  fit(X: CvSamples, y?: CvTargets, options?: { signal?: AbortSignal }): Promise<unknown>;
  predict?(X: CvSamples): unknown;
  getParams?(): object;
  toJSON?(): unknown;
}

/** One fit: which candidate, which rows, what to return. Structured-cloneable. */
export interface FitTask {
  /** Index of the candidate (parameter setting) to fit. */
  candidate: number;
  /** Index of the split, for messages. */
  split: number;
  train: Int32Array;
  test: Int32Array;
  /** Human-readable place of this fit, appended to error messages. */
  label: string;
  returnTrainScore?: boolean;
  returnEstimator?: boolean;
  /** `'raise'`: a failing fit throws; a number: the failing fit's scores. */
  errorScore: 'raise' | number;
  /** Fit and score on `y[yPermutation]` (permutation tests). */
  yPermutation?: Int32Array;
  /** Return this method's output on the test rows instead of scores. */
  predict?: PredictMethod;
}

/** Predictions as they travel back from a worker. */
export type TaskPredictions =
  | { kind: 'tensor'; data: Float64Array | Float32Array | Int32Array | Uint8Array; shape: number[] }
  | { kind: 'array'; values: ArrayLike<number> | string[] };

/** The outcome of one {@link FitTask}. */
export interface FitResult {
  test: Record<string, number>;
  train?: Record<string, number>;
  fitTime: number;
  scoreTime: number;
  fitFailed: boolean;
  errorMessage?: string;
  /** The fitted estimator (inline) or its saved form (from a worker). */
  estimator?: unknown;
  predictions?: TaskPredictions;
}

const now = (): number => performance.now() / 1000;

/**
 * Appends where the failure happened to the error's message (the error keeps its type).
 * @example throw annotate(error, 'split 2 of 5');
 */
export function annotate(error: unknown, label: string): unknown {
  if (error instanceof Error && !error.message.endsWith(`(${label})`)) {
    try {
      error.message = `${error.message} (${label})`;
    } catch {
      // Some errors (DOMException) have a read-only message: keep them as they are.
    }
  }
  return error;
}

function scoreAll(
  estimator: FittableEstimator,
  X: CvSamples,
  y: CvTargets | undefined,
  scorers: Record<string, Scorer>,
  task: FitTask,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, scorer] of Object.entries(scorers)) {
    let value: number;
    try {
      value = scorer(estimator as never, X, y as never);
    } catch (error) {
      if (task.errorScore === 'raise') throw annotate(error, task.label);
      value = task.errorScore;
    }
    if (typeof value !== 'number') {
      throw new ValidationError(`scoring must return a number, got ${String(value)} (scorer '${name}', ${task.label})`);
    }
    out[name] = value;
  }
  return out;
}

function packPredictions(value: unknown): TaskPredictions {
  if (value instanceof Tensor) return { kind: 'tensor', data: value.data, shape: [...value.shape] };
  if (ArrayBuffer.isView(value) || Array.isArray(value)) return { kind: 'array', values: value as ArrayLike<number> };
  throw new ValidationError(`crossValPredict: the estimator returned ${String(value)}, not an array or Tensor`);
}

/**
 * Builds the estimator with `make` (a clone, or a rebuild from JSON in a
 * worker), fits it on the train rows and scores it on the test rows with every
 * scorer (and on the train rows with `returnTrainScore`), timing both. A
 * failing build/fit/score throws when `errorScore` is `'raise'` (the message
 * naming the split), else gives `errorScore` as the scores and `fitFailed: true`.
 * @example const r = await fitAndScore(() => clone(model), data, task, { score: getScorer() });
 */
export async function fitAndScore(
  make: () => FittableEstimator,
  data: CvData,
  task: FitTask,
  scorers: Record<string, Scorer>,
  signal?: AbortSignal,
): Promise<FitResult> {
  const y = data.y !== undefined && task.yPermutation !== undefined ? takeTargets(data.y, task.yPermutation) : data.y;
  const Xtrain = takeRows(data.X, task.train);
  const ytrain = y === undefined ? undefined : takeTargets(y, task.train);
  const start = now();
  let estimator: FittableEstimator;
  try {
    estimator = make();
    await estimator.fit(Xtrain, ytrain, signal === undefined ? {} : { signal });
  } catch (error) {
    if (signal?.aborted) throw error; // a cancellation, not a failed fit: the caller's reason as is
    if (task.errorScore === 'raise') throw annotate(error, task.label);
    const fill = (): Record<string, number> =>
      Object.fromEntries(Object.keys(scorers).map((name) => [name, task.errorScore as number]));
    return {
      test: fill(),
      ...(task.returnTrainScore ? { train: fill() } : {}),
      fitTime: now() - start,
      scoreTime: 0,
      fitFailed: true,
      errorMessage: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  const fitTime = now() - start;
  const Xtest = takeRows(data.X, task.test);
  const result: FitResult = { test: {}, fitTime, scoreTime: 0, fitFailed: false };
  if (task.predict !== undefined) {
    const method = (estimator as unknown as Record<string, unknown>)[task.predict];
    if (typeof method !== 'function') {
      throw new ValidationError(`crossValPredict: the estimator has no ${task.predict} method`, { param: 'method' });
    }
    const t = now();
    result.predictions = packPredictions((method as (X: CvSamples) => unknown).call(estimator, Xtest));
    result.scoreTime = now() - t;
  } else {
    const ytest = y === undefined ? undefined : takeTargets(y, task.test);
    const t = now();
    result.test = scoreAll(estimator, Xtest, ytest, scorers, task);
    result.scoreTime = now() - t;
    if (task.returnTrainScore) result.train = scoreAll(estimator, Xtrain, ytrain, scorers, task);
  }
  if (task.returnEstimator) result.estimator = estimator;
  return result;
}
