/**
 * `collectReportInput`: everything a report shows, measured honestly. The
 * model is cross-validated (out-of-fold predictions for every curve, so no
 * chart is drawn from rows the model was trained on), importances come from
 * the model's impurity importances or from permutations on held-out folds,
 * and the learning curve uses the same splits.
 */
import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import type { Frame } from '../data/index.js';
import { typelearnVersion } from '../io/version.js';
import {
  type CrossValReportOptions,
  crossValReport,
  REPORT_METRICS,
  type ReportModel,
  type ReportTarget,
  scoreTask,
} from './cross-val.js';
import { summarizeData } from './data-summary.js';
import type {
  FeatureImportanceSection,
  LeaderboardEntryInput,
  LeaderboardInput,
  ModelSection,
  ReportInput,
  ReportTask,
} from './report-input.js';

/** A leaderboard as `typelearn compare` returns it (`compare --json` writes this). */
export interface CompareResultLike {
  cv: number;
  leaderboard: LeaderboardEntryInput[];
}

/** Options of {@link collectReportInput}. */
export interface CollectReportOptions extends CrossValReportOptions {
  /** The whole table, target column included. */
  frame: Frame;
  /** The target column. */
  target: string;
  /** The model to report on, taking the feature columns as a Frame (e.g. the CLI's automatic Pipeline). Cloned for every fit. */
  model: ReportModel;
  /** Name shown for the model. Default `'model'`. */
  modelName?: string;
  /** The same model already fitted on all rows (a loaded model file): its impurity importances are used without refitting. */
  fitted?: ReportModel;
  /** Default: classification for categorical or boolean targets and integer targets with at most 20 values, else regression. */
  task?: ReportTask;
  /** Feature columns. Default: every column but the target. */
  features?: readonly string[];
  /** What each column is used for, shown in the data table (e.g. `{ age: 'numeric feature' }`). */
  uses?: Readonly<Record<string, string>>;
  /** The leaderboard (`typelearn compare`'s result, or a {@link LeaderboardInput}). Default: the reported model alone. */
  leaderboard?: CompareResultLike | LeaderboardInput;
  /** How the source is named. Default `'table'`. */
  source?: string;
  /** Report title. Default `'<target>: <task> report'`. */
  title?: string;
}

function detectTask(frame: Frame, target: string): ReportTask {
  const column = frame.column(target);
  if (column.kind === 'category' || column.kind === 'boolean') return 'classification';
  if (column.kind !== 'number' || column.dtype === 'float') return 'regression';
  const distinct = new Set(column.data.filter((v) => !Number.isNaN(v)));
  return distinct.size <= 20 ? 'classification' : 'regression';
}

function finalStep(model: unknown): Record<string, unknown> {
  try {
    const final = (model as { finalEstimator?: unknown }).finalEstimator;
    if (final !== undefined && final !== null && typeof final === 'object') return final as Record<string, unknown>;
  } catch {
    // not a pipeline
  }
  return model as Record<string, unknown>;
}

function transformedNames(model: unknown, count: number): string[] {
  const fallback = Array.from({ length: count }, (_, j) => `x${j}`);
  try {
    const m = model as {
      slice?: (a: number, b: number) => { getFeatureNamesOut(): string[] };
      featureNamesIn?: string[];
    };
    const names = typeof m.slice === 'function' ? m.slice(0, -1).getFeatureNamesOut() : m.featureNamesIn;
    return names !== undefined && names.length === count ? names : fallback;
  } catch {
    return fallback;
  }
}

async function impurityImportance(
  model: ReportModel,
  fitted: ReportModel | undefined,
  X: Frame,
  y: ReportTarget,
): Promise<FeatureImportanceSection | undefined> {
  if (!('featureImportances' in finalStep(model))) return undefined;
  let trained = fitted;
  if (trained === undefined) {
    trained = clone(model as never) as ReportModel;
    await trained.fit(X as never, y as never);
  }
  try {
    const values = finalStep(trained).featureImportances as ArrayLike<number> | undefined;
    if (values === undefined) return undefined;
    return { kind: 'impurity', names: transformedNames(trained, values.length), importances: Array.from(values) };
  } catch {
    return undefined;
  }
}

function toLeaderboard(
  input: CompareResultLike | LeaderboardInput | undefined,
  task: ReportTask,
  name: string,
  folds: Record<string, number[]>,
  cv: number,
): LeaderboardInput {
  if (input !== undefined) {
    const entries = 'leaderboard' in input ? input.leaderboard : input.entries;
    if (entries.length === 0) throw new ValidationError('the leaderboard has no entries');
    const metrics = 'metrics' in input ? input.metrics : REPORT_METRICS[task].filter((m) => m in entries[0].metrics);
    return { cv: input.cv, metrics: metrics.length > 0 ? metrics : Object.keys(entries[0].metrics), entries };
  }
  const metrics: LeaderboardEntryInput['metrics'] = {};
  for (const [m, values] of Object.entries(folds)) {
    const finite = values.filter(Number.isFinite);
    const mean = finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
    const std =
      finite.length === 0 ? Number.NaN : Math.sqrt(finite.reduce((a, b) => a + (b - mean) ** 2, 0) / finite.length);
    metrics[m] = { mean, std, folds: values };
  }
  return { cv, metrics: [...REPORT_METRICS[task]], entries: [{ model: name, metrics }] };
}

/**
 * Cross-validates `model` on the table and gathers every section of a report:
 * data summary, leaderboard, out-of-fold confusion matrix / ROC / PR /
 * calibration (or residuals and prediction error), feature importance and a
 * learning curve. Rows whose target is missing are left out.
 * @example
 * const input = await collectReportInput({ frame, target: 'survived', model: pipe, modelName: 'logistic-regression' });
 * writeFileSync('report.html', await renderReport(input));
 */
export async function collectReportInput(options: CollectReportOptions): Promise<ReportInput> {
  const { frame, target, cv = 5, randomState = 0 } = options;
  if (!frame.has(target)) {
    throw new ValidationError(`unknown target column '${target}'; columns: ${frame.columnNames.join(', ')}`, {
      column: target,
    });
  }
  const task = options.task ?? detectTask(frame, target);
  const targetColumn = frame.column(target);
  const keep = Array.from({ length: frame.nRows }, (_, i) => !targetColumn.isMissing(i));
  const rows = keep.every(Boolean) ? frame : frame.filter(keep);
  const column = rows.column(target);
  let y: ReportTarget;
  if (task === 'classification') y = Array.from({ length: rows.nRows }, (_, i) => String(column.get(i)));
  else {
    if (column.kind !== 'number')
      throw new ValidationError(`target column '${target}' is not numeric`, { column: target });
    y = Float64Array.from(column.data);
  }
  const features = options.features ?? frame.columnNames.filter((n) => n !== target);
  const X = rows.select([...features]);
  const name = options.modelName ?? 'model';
  const cvr = await crossValReport(options.model, X, y, task, options);
  const model: ModelSection = {
    name,
    evaluation: `Out-of-fold predictions from ${cv}-fold ${task === 'classification' ? 'stratified ' : ''}cross-validation (shuffled, seed ${randomState}): every row is predicted by a model that never saw it.`,
    scores: scoreTask(task, y, cvr.yPred, cvr.proba, cvr.classes),
  };
  if (task === 'classification') {
    const classes = cvr.classes ?? [];
    model.classification = { classes, yTrue: y as string[], yPred: cvr.yPred as string[] };
    if (cvr.proba) {
      const p = cvr.proba;
      const k = classes.length;
      model.classification.proba = Array.from({ length: y.length }, (_, i) => Array.from(p.subarray(i * k, i * k + k)));
    }
  } else {
    model.regression = { yTrue: Array.from(y as Float64Array), yPred: Array.from(cvr.yPred as Float64Array) };
  }
  model.featureImportance = await impurityImportance(options.model, options.fitted, X, y);
  if (model.featureImportance === undefined && cvr.permutation) {
    model.featureImportance = {
      kind: 'permutation',
      names: cvr.permutation.names,
      importances: cvr.permutation.mean,
      std: cvr.permutation.std,
      scoring: cvr.permutation.scoring,
    };
  }
  if (model.featureImportance === undefined) delete model.featureImportance;
  if (cvr.learningCurve) model.learningCurve = cvr.learningCurve;
  const source = options.source ?? 'table';
  return {
    title: options.title ?? `${target}: ${task} report`,
    subtitle: `${source} · ${rows.nRows} rows · target '${target}' (${task}) · ${name}`,
    task,
    target,
    data: summarizeData(frame, { source, target, features, uses: options.uses }),
    leaderboard: toLeaderboard(options.leaderboard, task, name, cvr.foldScores, cv),
    model,
    generator: `typelearn ${typelearnVersion()}`,
  };
}
