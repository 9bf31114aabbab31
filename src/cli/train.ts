/**
 * `typelearn train`: builds the automatic pipeline for a table, reports
 * cross-validated (or hold-out) metrics, refits on all rows and saves.
 */
import pc from 'picocolors';
import { autoPipeline } from './auto-pipeline.js';
import { UserError } from './errors.js';
import { evaluateSplits, METRICS, meanStd, type Predictor, type SplitOption } from './evaluation.js';
import { createModel, defaultModel } from './models.js';
import { formatMeanStd, progressLine } from './output.js';
import { saveBundle } from './persist.js';
import { parseParams, prepare, resolveModel } from './prepare.js';

/** Options of the `train` command (as commander passes them). */
export interface TrainOptions {
  target?: string;
  model?: string;
  params?: string;
  cv?: string;
  testSize?: string;
  out?: string;
  task?: string;
}

/**
 * Parses `--cv` / `--test-size` (at most one; default 5 folds).
 * @example parseSplit({ cv: '10' }) // { cv: 10 }
 */
export function parseSplit(options: { cv?: string; testSize?: string }): SplitOption {
  if (options.cv !== undefined && options.testSize !== undefined) {
    throw new UserError('give either --cv or --test-size, not both');
  }
  if (options.testSize !== undefined) {
    const f = Number(options.testSize);
    if (!(f > 0 && f < 1))
      throw new UserError(`--test-size must be a fraction between 0 and 1, got ${options.testSize}`);
    return { testSize: f };
  }
  const k = Number(options.cv ?? '5');
  if (!Number.isInteger(k) || k < 2) throw new UserError(`--cv must be an integer of at least 2, got ${options.cv}`);
  return { cv: k };
}

/**
 * Runs `typelearn train`.
 * @example await train('titanic', { target: 'survived', model: 'logistic-regression', out: 'model.tl' });
 */
export async function train(source: string, options: TrainOptions): Promise<void> {
  const split = parseSplit(options);
  const data = prepare(source, options);
  const modelName = options.model ?? defaultModel(data.task);
  const entry = resolveModel(modelName, data.task, data.target);
  const params = parseParams(options.params);
  const pipe = autoPipeline(data.plan, createModel(entry, params) as never) as unknown as Predictor;
  const [n] = data.X.shape;
  console.log(
    `${pc.bold(data.label)}: ${n} rows, ${data.plan.numeric.length} numeric + ${data.plan.categorical.length} categorical features, target '${data.target}' (${data.task})`,
  );
  console.log(`model: ${modelName} — ${entry.summary}`);
  const { scores, fitTime } = await evaluateSplits(pipe, data.X, data.y, data.task, split, progressLine(modelName));
  const how = 'cv' in split ? `${split.cv}-fold` : `hold-out (${Math.round(split.testSize * 100)}% test)`;
  for (const metric of METRICS[data.task]) {
    const { mean, std } = meanStd(scores[metric]);
    const shown = 'cv' in split ? formatMeanStd(mean, std) : Number.isNaN(mean) ? 'n/a' : mean.toFixed(4);
    console.log(`  ${how} ${metric.padEnd(8)} ${pc.green(shown)}`);
  }
  const total = fitTime.reduce((a, b) => a + b, 0);
  console.log(`  fit time ${(total / fitTime.length).toFixed(3)} s per split`);
  if (options.out !== undefined) {
    await pipe.fit(data.X, data.y);
    saveBundle(
      options.out,
      {
        info: {
          target: data.target,
          task: data.task,
          modelName,
          numeric: data.plan.numeric,
          categorical: data.plan.categorical,
        },
        model: pipe,
      },
      data.X,
    );
    console.log(`refit on all ${n} rows; saved to ${options.out}`);
  }
}
