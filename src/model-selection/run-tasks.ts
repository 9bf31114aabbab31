/**
 * Runs a list of fit tasks inline (`nJobs: 1`) or on a worker pool, with the
 * same results either way, in task order.
 */
import { clone } from '../base/clone.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { loadNodeCores, resolveNJobs } from '../parallel/n-jobs.js';
import { runInPool } from '../parallel/pool.js';
import { classNamesIn, estimatorRegistry, reviveEstimator } from '../parallel/registry.js';
import { sharedMemoryAvailable } from '../parallel/shared.js';
import { type CvData, shareCvData } from './cv-data.js';
import { type FitResult, type FitTask, type FittableEstimator, fitAndScore } from './fit-and-score.js';
import type { ScoringSpec } from './scoring.js';
import {
  type CvWorkerContext,
  type CvWorkerTask,
  run as runWorkerTask,
  setup as setupWorkerState,
} from './worker-task.js';

/** Options shared by everything that runs fits in parallel. */
export interface ParallelOptions {
  /**
   * Workers: `1` runs inline (no threads); `undefined` or `-1` all cores; `-k`
   * all but k - 1. Results are identical whatever the value.
   */
  nJobs?: number;
  /** Cancels the run: pending fits stop, workers are terminated. */
  signal?: AbortSignal;
  /**
   * Modules (URLs) exporting estimator classes that are not in typelearn's
   * index, so workers can rebuild them; estimators workers cannot rebuild run inline.
   */
  modules?: readonly (string | URL)[];
}

/** Why the tasks cannot go to workers, or `undefined` when they can. */
/** Class names of the candidates and of every estimator nested in them. */
function candidateClassNames(candidates: readonly FittableEstimator[]): string[] {
  return classNamesIn(candidates.map((c) => (typeof c.toJSON === 'function' ? c.toJSON() : null)));
}

async function whyInline(
  candidates: readonly FittableEstimator[],
  scoring: ScoringSpec,
  modules: string[],
): Promise<string | undefined> {
  if (!sharedMemoryAvailable()) return 'SharedArrayBuffer is not available';
  if (!scoring.byName) return 'scorer functions cannot be sent to workers (use scorer names)';
  let registry: Awaited<ReturnType<typeof estimatorRegistry>>;
  try {
    registry = await estimatorRegistry(modules, candidateClassNames(candidates));
  } catch (error) {
    return `the estimator registry could not be loaded: ${(error as Error).message}`;
  }
  for (const c of candidates) {
    const Ctor = (c as object).constructor as { estimatorName?: string; name: string };
    if (typeof c.toJSON !== 'function') return `${Ctor.name} has no toJSON`;
    const name = Ctor.estimatorName ?? Ctor.name;
    if (registry.get(name) !== (Ctor as unknown)) {
      return `${name} is not exported by typelearn's index nor by the 'modules' option`;
    }
    try {
      // The worker rebuilds each candidate from its saved form: check that round trip here.
      reviveEstimator(structuredClone(c.toJSON()) as { className: string }, registry);
    } catch (error) {
      return `${name} cannot be rebuilt from toJSON(): ${(error as Error).message}`;
    }
  }
  return undefined;
}

/**
 * Fits `tasks` (each naming one of `candidates`, which are cloned per fit) on
 * `data` and returns their results in task order.
 * @example const results = await runFitTasks([model], data, tasks, resolveScoring('r2'), { nJobs: 2 });
 */
export async function runFitTasks(
  candidates: readonly FittableEstimator[],
  data: CvData,
  tasks: readonly FitTask[],
  scoring: ScoringSpec,
  options: ParallelOptions = {},
): Promise<FitResult[]> {
  const { signal } = options;
  const modules = (options.modules ?? []).map(String);
  await loadNodeCores();
  const workers = Math.min(resolveNJobs(options.nJobs), tasks.length);
  if (workers > 1) {
    const reason = await whyInline(candidates, scoring, modules);
    if (reason === undefined) return runOnWorkers(candidates, data, tasks, scoring, workers, modules, signal);
    if (options.nJobs !== undefined)
      warn(new TypelearnWarning(`nJobs=${options.nJobs} ignored, running inline: ${reason}`));
  }
  const results: FitResult[] = [];
  for (const task of tasks) {
    signal?.throwIfAborted();
    const make = () => clone(candidates[task.candidate] as never) as FittableEstimator;
    results.push(await fitAndScore(make, data, task, scoring.scorers, signal));
  }
  return results;
}

async function runOnWorkers(
  candidates: readonly FittableEstimator[],
  data: CvData,
  tasks: readonly FitTask[],
  scoring: ScoringSpec,
  size: number,
  modules: string[],
  signal: AbortSignal | undefined,
): Promise<FitResult[]> {
  const saved = candidates.map((c) => (c.toJSON as () => { className: string })());
  const classNames = candidateClassNames(candidates);
  const context: CvWorkerContext = { data: shareCvData(data), modules, classNames };
  const payloads: CvWorkerTask[] = tasks.map((t) => ({
    ...t,
    estimator: saved[t.candidate],
    scoringNames: scoring.names,
    scoringSpecs: scoring.specs as (string | undefined)[],
  }));
  // This thread takes tasks too (it is ready at once, while the workers start): size - 1 workers.
  const local = await setupWorkerState(context);
  const results = await runInPool<FitResult>(payloads, {
    size: size - 1,
    handler: new URL('./worker-task.js', import.meta.url),
    context,
    signal,
    inline: (payload) => runWorkerTask(payload as CvWorkerTask, local),
  });
  for (const r of results) {
    if (r.estimator === undefined) continue;
    // A fitted estimator may hold classes its unfitted form did not name: then use them all.
    const names = classNamesIn(r.estimator);
    let registry = await estimatorRegistry(modules, classNames);
    if (!names.every((n) => registry.has(n))) registry = await estimatorRegistry(modules, names);
    r.estimator = reviveEstimator(r.estimator as { className: string }, registry);
  }
  return results;
}
