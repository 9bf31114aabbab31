#!/usr/bin/env node
/**
 * The `typelearn` command: a thin layer over the library. User errors print one
 * line and exit 1; only bugs show a stack trace.
 */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { ValidationError } from '../base/errors.js';
import { listDatasets, loadDataset } from '../data/index.js';
import { crossValScore } from '../model-selection/index.js';
import { CLI_MODELS, defaultModel } from './models.js';

class UserError extends Error {}

function parseParams(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    const value: unknown = JSON.parse(json);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new UserError(`--params must be a JSON object, e.g. '{"fitIntercept": false}', got: ${json}`);
  }
}

function meanStd(values: Float64Array): { mean: number; std: number } {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / values.length;
  return { mean, std: Math.sqrt(variance) };
}

async function train(datasetName: string, opts: { model?: string; cv: string; params?: string }): Promise<void> {
  const dataset = loadDataset(datasetName);
  const modelName = opts.model ?? defaultModel(dataset.task);
  const entry = CLI_MODELS[modelName];
  if (entry === undefined) {
    throw new UserError(`Unknown model '${modelName}'. Available: ${Object.keys(CLI_MODELS).join(', ')}`);
  }
  if (entry.task !== dataset.task) {
    throw new UserError(`Model '${modelName}' is for ${entry.task}, but '${datasetName}' is a ${dataset.task} dataset`);
  }
  const k = Number(opts.cv);
  if (!Number.isInteger(k) || k < 2) throw new UserError(`--cv must be an integer of at least 2, got ${opts.cv}`);
  const model = entry.create(parseParams(opts.params));
  const scoring = dataset.task === 'regression' ? 'r2' : 'accuracy';
  const [n, p] = dataset.data.shape;
  console.log(`${pc.bold(datasetName)}: ${n} samples, ${p} features, ${dataset.task}`);
  console.log(`model: ${modelName} — ${entry.summary}`);
  const started = performance.now();
  const scores = await crossValScore(model, dataset.data, dataset.target, { cv: k, scoring });
  const seconds = (performance.now() - started) / 1000;
  for (const [i, s] of scores.entries()) console.log(`  fold ${i + 1}: ${scoring} = ${s.toFixed(4)}`);
  const { mean, std } = meanStd(scores);
  console.log(`${k}-fold ${scoring}: ${pc.green(mean.toFixed(4))} ± ${std.toFixed(4)}  (${seconds.toFixed(2)} s)`);
  await model.fit(dataset.data, dataset.target);
  console.log(
    `refit on all ${n} samples: training ${scoring} = ${model.score(dataset.data, dataset.target).toFixed(4)}`,
  );
}

function program(): Command {
  const cmd = new Command('typelearn')
    .description('Machine learning in TypeScript: scikit-learn and PyTorch, natively.')
    .showHelpAfterError()
    .exitOverride();
  cmd
    .command('datasets')
    .description('List the bundled datasets')
    .action(() => {
      for (const name of listDatasets()) {
        const d = loadDataset(name);
        console.log(
          `${pc.bold(name.padEnd(14))} ${String(d.data.shape[0]).padStart(5)} × ${String(d.data.shape[1]).padEnd(3)} ${d.task.padEnd(15)} ${d.description}`,
        );
      }
    });
  cmd
    .command('train')
    .description('Train a model on a bundled dataset and cross-validate it')
    .argument('<dataset>', `bundled dataset: ${listDatasets().join(', ')}`)
    .option('-m, --model <name>', `model: ${Object.keys(CLI_MODELS).join(', ')}`)
    .option('--cv <k>', 'number of cross-validation folds', '5')
    .option('--params <json>', 'model options as a JSON object, e.g. \'{"fitIntercept": false}\'')
    .addHelpText(
      'after',
      '\nExamples:\n  typelearn train diabetes --model linear-regression --cv 5\n  typelearn train iris --cv 10',
    )
    .action(train);
  return cmd;
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof UserError || err instanceof ValidationError) {
      console.error(`${pc.red('error:')} ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv);
