/**
 * The report's honest numbers: out-of-fold predictions, per-fold scores,
 * permutation importance on held-out folds and a learning curve, all from
 * one set of splits (StratifiedKFold / KFold, shuffled with a seed, as
 * `typelearn compare` splits, so the report agrees with the leaderboard).
 *
 * This is `crossValPredict` and `learningCurve` for models that take a raw
 * Frame (strings and all): the model-selection versions turn X into a
 * numeric matrix first, which a Pipeline starting with a ColumnTransformer
 * over categorical columns cannot accept.
 */
import { clone } from '../base/clone.js';
import { sortLabels } from '../base/labels.js';
import type { Frame } from '../data/index.js';
import {
  accuracyScore,
  f1Score,
  meanAbsoluteError,
  r2Score,
  rocAucScore,
  rootMeanSquaredError,
} from '../metrics/index.js';
import { KFold, StratifiedKFold, translateTrainSizes } from '../model-selection/index.js';
import { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { permutationImportance } from './permutation-importance.js';
import type { ReportTask } from './report-input.js';

/** A model as the report drives it (a Pipeline over a Frame satisfies it). */
export interface ReportModel {
  fit(X: never, y: never): Promise<unknown>;
  predict(X: never): unknown;
  predictProba?: (X: never) => Tensor;
  classes?: unknown[];
}

/** Targets: class labels as strings, or regression values. */
export type ReportTarget = string[] | Float64Array;

/** Options of {@link crossValReport}. */
export interface CrossValReportOptions {
  /** Folds. Default 5. */
  cv?: number;
  /** Seed of the splits, shuffles and permutations. Default 0. */
  randomState?: number;
  /** Compute a learning curve (sizes 10 %, 32.5 %, 55 %, 77.5 %, 100 % of each training split). Default true. */
  learningCurve?: boolean;
  /** Permutation repeats per fold; 0 skips permutation importance. Default 5. */
  permutationRepeats?: number;
  /** Called after each fold. */
  onFold?: (done: number, total: number) => void;
}

/** What {@link crossValReport} measures. */
export interface CrossValReport {
  /** Out-of-fold predictions (labels as strings, or values). */
  yPred: string[] | Float64Array;
  /** Sorted classes (classification). */
  classes?: string[];
  /** Out-of-fold probabilities, `[n, classes.length]` row-major (when the model has `predictProba`). */
  proba?: Float64Array;
  /** Per-fold scores by metric. */
  foldScores: Record<string, number[]>;
  /** Permutation importance on each held-out fold, pooled: mean and std per input column. */
  permutation?: { names: string[]; mean: number[]; std: number[]; scoring: string };
  learningCurve?: { trainSizesAbs: number[]; trainScores: number[][]; testScores: number[][]; scoring: string };
}

/** Metrics per task, as `typelearn compare` reports them. */
export const REPORT_METRICS: Record<ReportTask, readonly string[]> = {
  classification: ['accuracy', 'f1_macro', 'roc_auc'],
  regression: ['r2', 'rmse', 'mae'],
};

function rowsOf(X: Frame | Tensor, rows: Int32Array): Frame | Tensor {
  if (X instanceof Tensor) {
    const d = X.shape[1];
    const out = new Float64Array(rows.length * d);
    const src = X.data as ArrayLike<number>;
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < d; j++) out[i * d + j] = src[rows[i] * d + j];
    return new Tensor(out, [rows.length, d]);
  }
  return X.take(rows);
}

function takeTarget(y: ReportTarget, rows: Int32Array): ReportTarget {
  return y instanceof Float64Array ? Float64Array.from(rows, (i) => y[i]) : Array.from(rows, (i) => y[i]);
}

function nRowsOf(X: Frame | Tensor): number {
  return X instanceof Tensor ? X.shape[0] : X.nRows;
}

/** Probabilities with columns mapped from the fold model's classes to `classes`. */
function alignedProba(model: ReportModel, X: Frame | Tensor, classes: string[]): Float64Array | undefined {
  if (typeof model.predictProba !== 'function') return undefined;
  let p: Tensor;
  try {
    p = model.predictProba(X as never);
  } catch {
    return undefined;
  }
  const own = (model.classes ?? []).map(String);
  const n = p.shape[0];
  const w = p.shape[1] ?? 1;
  const out = new Float64Array(n * classes.length);
  const map = own.map((c) => classes.indexOf(c));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < w; j++) if (map[j] >= 0) out[i * classes.length + map[j]] = p.data[i * w + j];
  return out;
}

/**
 * The metrics of {@link REPORT_METRICS} for one set of predictions (ROC AUC
 * is NaN without probabilities or with a single class present).
 * @example scoreTask('regression', yTrue, yPred) // { r2: 0.91, rmse: 3.2, mae: 2.4 }
 */
export function scoreTask(
  task: ReportTask,
  yTrue: ReportTarget,
  yPred: string[] | Float64Array,
  proba?: Float64Array,
  classes?: string[],
): Record<string, number> {
  if (task === 'regression') {
    const t = yTrue as Float64Array;
    const p = yPred as Float64Array;
    return { r2: r2Score(t, p), rmse: rootMeanSquaredError(t, p), mae: meanAbsoluteError(t, p) };
  }
  const t = yTrue as string[];
  const p = yPred as string[];
  let rocAuc = Number.NaN;
  if (proba !== undefined && classes !== undefined && new Set(t).size === classes.length) {
    const n = t.length;
    const k = classes.length;
    try {
      if (k === 2) {
        const truth = Float64Array.from(t, (v) => (v === classes[1] ? 1 : 0));
        rocAuc = rocAucScore(
          truth,
          Float64Array.from({ length: n }, (_, i) => proba[i * 2 + 1]),
        ) as number;
      } else {
        const codes = Float64Array.from(t, (v) => classes.indexOf(v));
        rocAuc = rocAucScore(codes, new Tensor(Float64Array.from(proba), [n, k]), {
          multiClass: 'ovr',
          labels: classes.map((_, j) => j),
        } as never) as number;
      }
    } catch {
      rocAuc = Number.NaN;
    }
  }
  return { accuracy: accuracyScore(t, p), f1_macro: f1Score(t, p, { average: 'macro' }), roc_auc: rocAuc };
}

function toLabels(pred: unknown): string[] {
  return Array.from(pred as ArrayLike<unknown>, String);
}

function toValues(pred: unknown): Float64Array {
  return Float64Array.from((pred instanceof Tensor ? pred.data : pred) as ArrayLike<number>);
}

/** The task's primary score of a model on rows, for permutation importance and learning curves. */
function primaryScore(task: ReportTask) {
  return (model: ReportModel, X: Frame | Tensor, y: ReportTarget): number => {
    const pred = model.predict(X as never);
    return task === 'classification'
      ? accuracyScore(y as string[], toLabels(pred))
      : r2Score(y as Float64Array, toValues(pred));
  };
}

/**
 * Cross-validates clones of `model` on `X`, `y` and collects everything the
 * report draws: out-of-fold predictions and probabilities, per-fold scores,
 * permutation importance on each held-out fold and a learning curve.
 * @example const cvr = await crossValReport(pipe, X, y, 'classification', { cv: 5 });
 */
export async function crossValReport(
  model: ReportModel,
  X: Frame | Tensor,
  y: ReportTarget,
  task: ReportTask,
  options: CrossValReportOptions = {},
): Promise<CrossValReport> {
  const { cv = 5, randomState = 0, learningCurve = true, permutationRepeats = 5 } = options;
  const classification = task === 'classification';
  const n = nRowsOf(X);
  const splitter = classification
    ? new StratifiedKFold({ nSplits: cv, shuffle: true, randomState })
    : new KFold({ nSplits: cv, shuffle: true, randomState });
  const splits = [...splitter.split(n, classification ? (y as string[]) : undefined)] as [Int32Array, Int32Array][];
  const classes = classification ? sortLabels([...new Set(y as string[])]) : undefined;
  const yPred: string[] | Float64Array = classification ? new Array<string>(n) : new Float64Array(n);
  let proba: Float64Array | undefined = classes ? new Float64Array(n * classes.length) : undefined;
  const foldScores: Record<string, number[]> = {};
  for (const m of REPORT_METRICS[task]) foldScores[m] = [];
  const score = primaryScore(task);
  const perm: number[][] = [];
  let permNames: string[] = [];
  for (const [f, [train, test]] of splits.entries()) {
    const fold = clone(model as never) as ReportModel;
    await fold.fit(rowsOf(X, train) as never, takeTarget(y, train) as never);
    const Xt = rowsOf(X, test);
    const yt = takeTarget(y, test);
    const pred = fold.predict(Xt as never);
    const foldPred = classification ? toLabels(pred) : toValues(pred);
    for (let i = 0; i < test.length; i++) (yPred as (string | number)[])[test[i]] = foldPred[i];
    const foldProba = classes ? alignedProba(fold, Xt, classes) : undefined;
    if (classes && proba) {
      if (foldProba === undefined) proba = undefined;
      else
        for (let i = 0; i < test.length; i++)
          proba.set(foldProba.subarray(i * classes.length, (i + 1) * classes.length), test[i] * classes.length);
    }
    const s = scoreTask(task, yt, foldPred, foldProba, classes);
    for (const m of REPORT_METRICS[task]) foldScores[m].push(s[m]);
    if (permutationRepeats > 0) {
      const result = permutationImportance(fold as never, Xt, yt as never, {
        nRepeats: permutationRepeats,
        randomState: randomState + f,
        scoring: (est, Xp, yp) => score(est as ReportModel, Xp, yp as ReportTarget),
      });
      permNames = result.featureNames;
      result.importances.forEach((v, j) => {
        perm[j] ??= [];
        perm[j].push(...v);
      });
    }
    options.onFold?.(f + 1, splits.length);
  }
  const out: CrossValReport = { yPred, foldScores };
  if (classes) out.classes = classes;
  if (proba) out.proba = proba;
  if (permutationRepeats > 0) {
    const mean = perm.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
    const std = perm.map((v, j) => Math.sqrt(v.reduce((a, b) => a + (b - mean[j]) ** 2, 0) / v.length));
    out.permutation = { names: permNames, mean, std, scoring: classification ? 'accuracy' : 'r2' };
  }
  if (learningCurve) out.learningCurve = await learningCurveOf(model, X, y, task, splits, randomState);
  return out;
}

/** sklearn's `learning_curve` over the same splits, each training split shuffled once (seeded) before taking prefixes. */
async function learningCurveOf(
  model: ReportModel,
  X: Frame | Tensor,
  y: ReportTarget,
  task: ReportTask,
  splits: [Int32Array, Int32Array][],
  randomState: number,
): Promise<CrossValReport['learningCurve']> {
  const sizes = Array.from(translateTrainSizes([0.1, 0.325, 0.55, 0.775, 1], splits[0][0].length));
  const score = primaryScore(task);
  const rng = new RandomGenerator(randomState);
  const trainScores = sizes.map(() => [] as number[]);
  const testScores = sizes.map(() => [] as number[]);
  for (const [train, test] of splits) {
    const order = Int32Array.from(rng.permutation(train.length), (j) => train[j]);
    const Xt = rowsOf(X, test);
    const yt = takeTarget(y, test);
    for (const [t, size] of sizes.entries()) {
      const rows = order.slice(0, size);
      const Xs = rowsOf(X, rows);
      const ys = takeTarget(y, rows);
      try {
        const fold = clone(model as never) as ReportModel;
        await fold.fit(Xs as never, ys as never);
        trainScores[t].push(score(fold, Xs, ys));
        testScores[t].push(score(fold, Xt, yt));
      } catch {
        // A small prefix can hold a single class; sklearn's errorScore=NaN.
        trainScores[t].push(Number.NaN);
        testScores[t].push(Number.NaN);
      }
    }
  }
  return { trainSizesAbs: sizes, trainScores, testScores, scoring: task === 'classification' ? 'accuracy' : 'R²' };
}
