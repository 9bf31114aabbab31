/**
 * `typelearn compare`: cross-validates several models with the same
 * automatic preprocessing and prints a leaderboard, best first.
 */
import { writeFileSync } from 'node:fs';
import pc from 'picocolors';
import { cpuCount } from '../parallel/n-jobs.js';
import { runInPool } from '../parallel/pool.js';
import type { Task } from './column-plan.js';
import { type CompareContext, type ModelScores, scoreModelByName } from './compare-task.js';
import { UserError } from './errors.js';
import { METRICS, meanStd, type SplitOption } from './evaluation.js';
import { CLI_MODELS } from './models.js';
import { formatMeanStd, formatTable, progressLine } from './output.js';
import { type Prepared, prepare, resolveModel } from './prepare.js';
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
  /** Models cross-validated at once, each in a worker thread; default: the number of cores. */
  jobs?: string;
}

function parseJobs(jobs: string | undefined, nModels: number): number {
  if (jobs === undefined) return Math.min(cpuCount(), nModels);
  const n = Number(jobs);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--jobs must be a positive integer, got '${jobs}'`);
  return Math.min(n, nModels);
}

/** Runs every model, `jobs` at a time in worker threads (in this thread when `jobs` is 1). */
async function scoreAll(
  source: string,
  data: Prepared,
  names: readonly string[],
  split: SplitOption,
  jobs: number,
): Promise<ModelScores[]> {
  if (jobs <= 1) {
    const out: ModelScores[] = [];
    for (const name of names) out.push(await scoreModelByName(data, name, split, progressLine(name)));
    return out;
  }
  if (process.stderr.isTTY)
    process.stderr.write(`cross-validating ${names.length} models on ${jobs} worker threads…\r`);
  const context: CompareContext = { source, target: data.target, task: data.task, split };
  const results = await runInPool<ModelScores>(
    names.map((model) => ({ model })),
    { size: jobs, handler: new URL('./compare-task.js', import.meta.url), context },
  );
  if (process.stderr.isTTY) process.stderr.write('\x1b[K');
  return results;
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
  for (const name of names) resolveModel(name, data.task, data.target);
  const jobs = parseJobs(options.jobs, names.length);
  console.log(
    `${pc.bold(data.label)}: ${data.X.nRows} rows, target '${data.target}' (${data.task}), ${split.cv}-fold cross-validation`,
  );
  const metrics = METRICS[data.task];
  const leaderboard: LeaderboardEntry[] = [];
  const results = await scoreAll(source, data, names, split, jobs);
  for (const [i, result] of results.entries()) {
    const row: LeaderboardEntry = {
      model: names[i],
      metrics: {},
      fitTime: meanStd(Float64Array.from(result.fitTime)).mean,
    };
    for (const m of metrics) {
      const folds = Float64Array.from(result.scores[m]);
      row.metrics[m] = { ...meanStd(folds), folds: [...folds] };
    }
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
