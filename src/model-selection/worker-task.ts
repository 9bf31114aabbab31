/**
 * The task handler cross-validation workers import (see `parallel/protocol.ts`):
 * `setup` views the shared data and loads the estimator registry; `run`
 * rebuilds the candidate from its saved form and calls `fitAndScore`, exactly
 * as the inline path does with a clone.
 */
import { estimatorRegistry, type RevivableClass, reviveEstimator } from '../parallel/registry.js';
import { type CvData, fromSharedCvData, type SharedCvData } from './cv-data.js';
import { type FitResult, type FitTask, type FittableEstimator, fitAndScore } from './fit-and-score.js';
import { scorersFromNames } from './scoring.js';

/** What the pool sends every worker once. */
export interface CvWorkerContext {
  data: SharedCvData;
  /** Extra modules exporting estimator classes (URLs). */
  modules: string[];
  /** Every estimator class the tasks use: the worker imports only their modules. */
  classNames?: string[];
}

/** A task as sent to a worker: the fit plus the candidate's saved form and the scorer names. */
export interface CvWorkerTask extends FitTask {
  estimator: { className: string };
  scoringNames: string[];
  scoringSpecs: (string | undefined)[];
}

interface State {
  data: CvData;
  registry: Map<string, RevivableClass>;
}

/**
 * Views the shared data and builds the registry (once per worker).
 * @example const state = await setup({ data: shareCvData(data), modules: [] });
 */
export async function setup(context: CvWorkerContext): Promise<State> {
  return {
    data: fromSharedCvData(context.data),
    registry: await estimatorRegistry(context.modules, context.classNames),
  };
}

/**
 * Runs one task; a returned estimator comes back in its saved form.
 * @example const result = await run(task, state);
 */
export async function run(task: CvWorkerTask, state: State): Promise<FitResult> {
  const scorers = scorersFromNames(task.scoringNames, task.scoringSpecs);
  const make = () => reviveEstimator<FittableEstimator>(task.estimator, state.registry);
  const result = await fitAndScore(make, state.data, task, scorers);
  if (result.estimator !== undefined) result.estimator = (result.estimator as { toJSON(): unknown }).toJSON();
  return result;
}
