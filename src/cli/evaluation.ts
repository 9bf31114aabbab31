/**
 * Scoring for the command line: the metrics of a fitted model on a table, and
 * a cross-validation (or hold-out) loop over Frames. The library's
 * `crossValidate` works on numeric matrices; the CLI's pipelines take the raw
 * table (strings included), so the loop here splits Frames by row.
 */
import { clone } from '../base/clone.js';
import type { Frame } from '../data/index.js';
import {
  accuracyScore,
  f1Score,
  meanAbsoluteError,
  r2Score,
  rocAucScore,
  rootMeanSquaredError,
} from '../metrics/index.js';
import { KFold, ShuffleSplit, StratifiedKFold, StratifiedShuffleSplit } from '../model-selection/index.js';
import { Tensor } from '../tensor/tensor.js';
import type { Task } from './column-plan.js';

/** Targets as the CLI keeps them: class labels as strings, regression values as float64. */
export type Target = string[] | Float64Array;

/** A fitted model as evaluation uses it (a fitted Pipeline satisfies it). */
export interface Predictor {
  fit(X: Frame, y: Target): Promise<unknown>;
  predict(X: Frame): unknown;
  predictProba?: (X: Frame) => Tensor;
  classes?: unknown[];
}

/** Metric names per task, in display order. */
export const METRICS: Record<Task, readonly string[]> = {
  classification: ['accuracy', 'f1_macro', 'roc_auc'],
  regression: ['r2', 'rmse', 'mae'],
};

/** Whether a larger value of the metric is better. */
export function higherIsBetter(metric: string): boolean {
  return metric !== 'rmse' && metric !== 'mae';
}

function toFloat(values: unknown): Float64Array {
  if (values instanceof Tensor) return Float64Array.from(values.data as ArrayLike<number>);
  return Float64Array.from(values as ArrayLike<number>);
}

function hasProba(model: Predictor): boolean {
  try {
    const final = (model as { finalEstimator?: { predictProba?: unknown } }).finalEstimator;
    return typeof (final ?? model).predictProba === 'function';
  } catch {
    return false;
  }
}

function rocAuc(model: Predictor, X: Frame, y: string[]): number {
  if (!hasProba(model) || model.predictProba === undefined) return Number.NaN;
  const classes = (model.classes ?? []).map(String);
  if (classes.length < 2) return Number.NaN;
  const proba = model.predictProba(X);
  const n = y.length;
  const k = classes.length;
  const p = proba.data as ArrayLike<number>;
  try {
    if (k === 2) {
      const scores = new Float64Array(n);
      const truth = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        scores[i] = p[i * 2 + 1];
        truth[i] = y[i] === classes[1] ? 1 : 0;
      }
      return rocAucScore(truth, scores) as number;
    }
    // One-vs-rest needs label codes in the order of the probability columns.
    const codes = new Float64Array(n);
    for (let i = 0; i < n; i++) codes[i] = classes.indexOf(y[i]);
    if (codes.includes(-1)) return Number.NaN;
    return rocAucScore(codes, new Tensor(Float64Array.from(p), [n, k]), {
      multiClass: 'ovr',
      labels: classes.map((_, j) => j),
    } as never) as number;
  } catch {
    // A fold missing a class has no defined AUC.
    return Number.NaN;
  }
}

/**
 * Metrics of a fitted model on `X`, `y` (see {@link METRICS}); ROC AUC is NaN
 * when the model has no `predictProba`.
 * @example scoreModel(pipe, frame, labels, 'classification') // { accuracy: 0.8, f1_macro: 0.78, roc_auc: 0.85 }
 */
export function scoreModel(model: Predictor, X: Frame, y: Target, task: Task): Record<string, number> {
  const pred = model.predict(X);
  if (task === 'classification') {
    const labels = y as string[];
    const predicted = Array.from(pred as ArrayLike<unknown>, String);
    return {
      accuracy: accuracyScore(labels, predicted),
      f1_macro: f1Score(labels, predicted, { average: 'macro' }),
      roc_auc: rocAuc(model, X, labels),
    };
  }
  const truth = y as Float64Array;
  const p = toFloat(pred);
  return { r2: r2Score(truth, p), rmse: rootMeanSquaredError(truth, p), mae: meanAbsoluteError(truth, p) };
}

/**
 * Rows `index` of the target.
 * @example takeTarget(['a', 'b', 'c'], Int32Array.of(2, 0)) // ['c', 'a']
 */
export function takeTarget(y: Target, index: ArrayLike<number>): Target {
  if (y instanceof Float64Array) return Float64Array.from(index, (i) => y[i]);
  return Array.from(index, (i) => y[i]);
}

/** Per-split scores and fit times. */
export interface SplitScores {
  scores: Record<string, Float64Array>;
  fitTime: Float64Array;
}

/** How {@link evaluateSplits} splits the rows: k folds, or one shuffled hold-out fraction. */
export type SplitOption = { cv: number } | { testSize: number };

/**
 * Fits a clone of `model` per split and scores it on the held-out rows:
 * StratifiedKFold(k, shuffle, seed 0) for classification, KFold for
 * regression; or a stratified / plain shuffle split with `testSize`.
 * `onSplit` is called after each split (progress).
 * @example const { scores } = await evaluateSplits(pipe, X, y, 'classification', { cv: 5 });
 */
export async function evaluateSplits(
  model: Predictor,
  X: Frame,
  y: Target,
  task: Task,
  split: SplitOption,
  onSplit?: (done: number, total: number) => void,
): Promise<SplitScores> {
  const classification = task === 'classification';
  const splitter =
    'cv' in split
      ? classification
        ? new StratifiedKFold({ nSplits: split.cv, shuffle: true, randomState: 0 })
        : new KFold({ nSplits: split.cv, shuffle: true, randomState: 0 })
      : classification
        ? new StratifiedShuffleSplit({ nSplits: 1, testSize: split.testSize, randomState: 0 })
        : new ShuffleSplit({ nSplits: 1, testSize: split.testSize, randomState: 0 });
  const labels = classification ? (y as string[]) : undefined;
  const splits = [...splitter.split(X.nRows, labels)];
  const names = METRICS[task];
  const scores: Record<string, Float64Array> = {};
  for (const m of names) scores[m] = new Float64Array(splits.length);
  const fitTime = new Float64Array(splits.length);
  for (const [s, [train, test]] of splits.entries()) {
    const fold = clone(model as never) as Predictor;
    const started = performance.now();
    await fold.fit(X.take(train), takeTarget(y, train));
    fitTime[s] = (performance.now() - started) / 1000;
    const result = scoreModel(fold, X.take(test), takeTarget(y, test), task);
    for (const m of names) scores[m][s] = result[m];
    onSplit?.(s + 1, splits.length);
  }
  return { scores, fitTime };
}

/**
 * Mean and (population, as numpy's default) standard deviation, ignoring NaN.
 * @example meanStd(Float64Array.of(1, 3)) // { mean: 2, std: 1 }
 */
export function meanStd(values: Float64Array): { mean: number; std: number } {
  const finite = values.filter((v) => !Number.isNaN(v));
  if (finite.length === 0) return { mean: Number.NaN, std: Number.NaN };
  let mean = 0;
  for (const v of finite) mean += v;
  mean /= finite.length;
  let variance = 0;
  for (const v of finite) variance += (v - mean) ** 2;
  return { mean, std: Math.sqrt(variance / finite.length) };
}
