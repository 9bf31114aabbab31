/**
 * `typelearn compare`: cross-validates several models with the same
 * automatic preprocessing and prints a leaderboard, best first.
 */
import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { autoPipeline } from './auto-pipeline.js';
import type { Task } from './column-plan.js';
import { UserError } from './errors.js';
import { evaluateSplits, METRICS, meanStd, type Predictor } from './evaluation.js';
import { CLI_MODELS } from './models.js';
import { formatMeanStd, formatTable, progressLine } from './output.js';
import { prepare, resolveModel } from './prepare.js';
import { parseSplit } from './train.js';

/** Models `compare` runs when none are named (those present in `CLI_MODELS`). */
const DEFAULT_MODELS: Record<Task, readonly string[]> = {
  classification: [
    'logistic-regression',
    'hist-gradient-boosting',
    'random-forest',
    'knn',
    'gaussian-nb',
    'dummy-classifier',
  ],
  regression: [
    'ridge',
    'hist-gradient-boosting-regressor',
    'random-forest-regressor',
    'knn-regressor',
    'dummy-regressor',
  ],
};

/**
 * The default model list of a task.
 * @example defaultCompareModels('regression') // ['ridge', 'hist-gradient-boosting-regressor', ...]
 */
export function defaultCompareModels(task: Task): string[] {
  return DEFAULT_MODELS[task].filter((name) => CLI_MODELS[name]?.task === task);
}

/** One leaderboard row: per-metric mean and std over the folds, mean fit time. */
export interface LeaderboardEntry {
  model: string;
  metrics: Record<string, { mean: number; std: number; folds: number[] }>;
  fitTime: number;
}

/** The result `compare --json` writes. */
export interface CompareResult {
  source: string;
  target: string;
  task: Task;
  cv: number;
  leaderboard: LeaderboardEntry[];
}

/** Options of the `compare` command (as commander passes them). */
export interface CompareOptions {
  target?: string;
  models?: string;
  cv?: string;
  json?: string;
  task?: string;
}

/**
 * Runs `typelearn compare` and returns the leaderboard.
 * @example await compare('titanic', { target: 'survived', cv: '5' });
 */
export async function compare(source: string, options: CompareOptions): Promise<CompareResult> {
  const split = parseSplit({ cv: options.cv });
  if (!('cv' in split)) throw new UserError('compare needs --cv');
  const data = prepare(source, options);
  const names =
    options.models === undefined
      ? defaultCompareModels(data.task)
      : options.models
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  if (names.length === 0) throw new UserError('--models names no model');
  const entries = names.map((name) => resolveModel(name, data.task, data.target));
  console.log(
    `${pc.bold(data.label)}: ${data.X.nRows} rows, target '${data.target}' (${data.task}), ${split.cv}-fold cross-validation`,
  );
  const metrics = METRICS[data.task];
  const leaderboard: LeaderboardEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    const pipe = autoPipeline(data.plan, entry.create({}) as never) as unknown as Predictor;
    const result = await evaluateSplits(pipe, data.X, data.y, data.task, split, progressLine(names[i]));
    const row: LeaderboardEntry = { model: names[i], metrics: {}, fitTime: meanStd(result.fitTime).mean };
    for (const m of metrics) row.metrics[m] = { ...meanStd(result.scores[m]), folds: [...result.scores[m]] };
    leaderboard.push(row);
  }
  const primary = metrics[0];
  const key = (e: LeaderboardEntry): number => {
    const v = e.metrics[primary].mean;
    return Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v;
  };
  leaderboard.sort((a, b) => key(b) - key(a));
  const header = ['#', 'model', ...metrics, 'fit time'];
  const rows = leaderboard.map((e, r) => [
    String(r + 1),
    e.model,
    ...metrics.map((m) => formatMeanStd(e.metrics[m].mean, e.metrics[m].std)),
    `${e.fitTime.toFixed(3)} s`,
  ]);
  console.log(formatTable(header, rows));
  const result: CompareResult = {
    source,
    target: data.target,
    task: data.task,
    cv: split.cv,
    leaderboard,
  };
  if (options.json !== undefined) {
    try {
      writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
    } catch (err) {
      throw new UserError(`cannot write ${options.json}: ${(err as Error).message}`);
    }
    console.log(`leaderboard written to ${options.json}`);
  }
  return result;
}
