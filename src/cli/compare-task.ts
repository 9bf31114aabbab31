/**
 * The worker side of `typelearn compare --jobs N`: each worker reads and
 * prepares the table once (`setup`), then cross-validates the models it is
 * handed (`run`), one model per task. The code path is the one the
 * single-process run takes, so the scores are the same.
 */
import { autoPipeline } from './auto-pipeline.js';
import type { SplitOption } from './evaluation.js';
import { evaluateSplits, type Predictor } from './evaluation.js';
import { createModel } from './models.js';
import { type Prepared, prepare, resolveModel } from './prepare.js';

/** What every worker receives once. */
export interface CompareContext {
  source: string;
  target?: string;
  task?: string;
  split: SplitOption;
}

/** One model's cross-validation result, as plain arrays (structured-clone friendly). */
export interface ModelScores {
  scores: Record<string, number[]>;
  fitTime: number[];
}

/**
 * Cross-validates the CLI model `name` on prepared data (no progress output).
 * @example await scoreModelByName(prepare('titanic', {}), 'ridge', { cv: 5 })
 */
export async function scoreModelByName(
  data: Prepared,
  name: string,
  split: SplitOption,
  progress: (done: number, total: number) => void = () => {},
): Promise<ModelScores> {
  const entry = resolveModel(name, data.task, data.target);
  const pipe = autoPipeline(data.plan, createModel(entry, {}) as never) as unknown as Predictor;
  const result = await evaluateSplits(pipe, data.X, data.y, data.task, split, progress);
  const scores: Record<string, number[]> = {};
  for (const [metric, values] of Object.entries(result.scores)) scores[metric] = [...values];
  return { scores, fitTime: [...result.fitTime] };
}

interface State {
  data: Prepared;
  split: SplitOption;
}

/** Worker setup: load and prepare the table once. */
export function setup(context: CompareContext): State {
  return { data: prepare(context.source, context), split: context.split };
}

/** Worker task: one model by its CLI name. */
export function run(payload: { model: string }, state: State): Promise<ModelScores> {
  return scoreModelByName(state.data, payload.model, state.split);
}
