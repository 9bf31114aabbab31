#!/usr/bin/env node
/**
 * The `typelearn` command: a thin layer over the library. User errors print one
 * line (`error: ...`) and exit 1; only bugs show a stack trace.
 */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { ValidationError } from '../base/errors.js';
import { listDatasets, loadDataset } from '../data/index.js';
import { DTypeError, ShapeError } from '../tensor/errors.js';
import { compare } from './compare.js';
import { describeCommand } from './describe-command.js';
import { UserError } from './errors.js';
import { CLI_MODELS } from './models.js';
import { evaluate, predict } from './predict.js';
import { reportCommand, reportFromCompare } from './report-command.js';
import { train } from './train.js';

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}

function program(): Command {
  const cmd = new Command('typelearn')
    .description('Machine learning in TypeScript: scikit-learn and PyTorch, natively.')
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      examples(
        'typelearn compare titanic --target survived',
        'typelearn train data.csv --target price --model ridge --out model.tl',
        'typelearn predict model.tl new.csv --out preds.csv',
      ),
    );
  cmd
    .command('datasets')
    .description('List the bundled datasets')
    .addHelpText('after', examples('typelearn datasets'))
    .action(() => {
      for (const name of listDatasets()) {
        const d = loadDataset(name);
        console.log(
          `${pc.bold(name.padEnd(14))} ${String(d.data.shape[0]).padStart(5)} × ${String(d.data.shape[1]).padEnd(3)} ${d.task.padEnd(15)} ${d.description}`,
        );
      }
    });
  cmd
    .command('models')
    .description('List the models train and compare accept')
    .addHelpText('after', examples('typelearn models'))
    .action(() => {
      for (const [name, m] of Object.entries(CLI_MODELS)) {
        console.log(`${pc.bold(name.padEnd(34))} ${m.task.padEnd(15)} ${m.summary}`);
      }
    });
  cmd
    .command('describe')
    .description('Summarise a CSV file or bundled dataset: statistics, missing values, inferred types')
    .argument('<csv|dataset>', `a CSV file, or a bundled dataset: ${listDatasets().join(', ')}`)
    .addHelpText('after', examples('typelearn describe titanic', 'typelearn describe data.csv'))
    .action(describeCommand);
  cmd
    .command('train')
    .description(
      'Train a model with automatic preprocessing (numeric: median impute + scale; categorical: impute + one-hot), report cross-validated metrics, optionally save it',
    )
    .argument('<csv|dataset>', `a CSV file, or a bundled dataset: ${listDatasets().join(', ')}`)
    .option('-t, --target <column>', 'the column to predict (bundled datasets: their target)')
    .option('-m, --model <name>', 'model name (see `typelearn models`)')
    .option('--params <json>', 'model options as a JSON object, e.g. \'{"C": 0.5}\'')
    .option('--cv <k>', 'number of cross-validation folds (default 5)')
    .option('--test-size <fraction>', 'evaluate on one shuffled hold-out fraction instead of cross-validation')
    .option('--task <task>', "force 'classification' or 'regression' (default: detected from the target)")
    .option('-o, --out <file>', 'refit on all rows and save the model to this file')
    .addHelpText(
      'after',
      examples(
        'typelearn train titanic --model logistic-regression',
        'typelearn train data.csv --target price --model ridge --params \'{"alpha": 10}\' --cv 10',
        'typelearn train data.csv --target label --test-size 0.2 --out model.tl',
      ),
    )
    .action(train);
  cmd
    .command('compare')
    .description('Cross-validate several models on a table and print a leaderboard, best first')
    .argument('<csv|dataset>', `a CSV file, or a bundled dataset: ${listDatasets().join(', ')}`)
    .option('-t, --target <column>', 'the column to predict (bundled datasets: their target)')
    .option('--models <names>', 'comma-separated model names (default: a set suited to the task)')
    .option('--cv <k>', 'number of cross-validation folds', '5')
    .option('--task <task>', "force 'classification' or 'regression' (default: detected from the target)")
    .option('--json <file>', 'also write the leaderboard as JSON')
    .option('--report <file>', 'also write an HTML report of the best model')
    .option('-j, --jobs <n>', 'models cross-validated at once, in worker threads (default: the number of cores)')
    .addHelpText(
      'after',
      examples(
        'typelearn compare titanic --target survived',
        'typelearn compare titanic --jobs 1',
        'typelearn compare data.csv --target price --models ridge,hist-gradient-boosting-regressor --cv 10',
        'typelearn compare penguins --json leaderboard.json',
      ),
    )
    .action(async (source: string, options) => {
      const result = await compare(source, options);
      if (options.report) await reportFromCompare(result, source, options.report);
    });
  cmd
    .command('report')
    .description(
      'Write a self-contained HTML report (charts as inline SVG): for a table (runs compare), a `compare --json` result, or a saved model with --data',
    )
    .argument('<source>', 'a CSV file or bundled dataset, a compare --json result, or a model file')
    .option('-t, --target <column>', 'the column to predict (bundled datasets: their target)')
    .option('-o, --out <file>', 'the HTML file to write', 'report.html')
    .option('--data <csv|dataset>', "labelled table for a saved model (or instead of a compare result's source)")
    .option('--models <names>', 'comma-separated model names when comparing a table')
    .option('--cv <k>', 'number of cross-validation folds', '5')
    .option('--task <task>', "force 'classification' or 'regression'")
    .option('--title <text>', 'report title')
    .addHelpText(
      'after',
      examples(
        'typelearn report titanic --out report.html',
        'typelearn report leaderboard.json',
        'typelearn report model.tl --data test.csv --out model-report.html',
      ),
    )
    .action(async (source: string, options) => {
      await reportCommand(source, options);
    });
  cmd
    .command('evaluate')
    .description("Score a saved model on a labelled CSV (it must hold the model's target column)")
    .argument('<model>', 'a model file saved by `typelearn train --out`')
    .argument('<csv>', 'a CSV file with the feature columns and the target')
    .addHelpText('after', examples('typelearn evaluate model.tl test.csv'))
    .action(async (modelPath: string, csvPath: string) => {
      await evaluate(modelPath, csvPath);
    });
  cmd
    .command('predict')
    .description('Predict with a saved model; the CSV is streamed, so it may be larger than memory')
    .argument('<model>', 'a model file saved by `typelearn train --out`')
    .argument('<csv>', 'a CSV file with the feature columns the model was trained on')
    .option('-o, --out <file>', 'write predictions to this CSV file (default: standard output)')
    .option('--proba', 'add one probability column per class (classifiers)')
    .option('--chunk-size <rows>', 'rows per streamed chunk', '100000')
    .addHelpText(
      'after',
      examples('typelearn predict model.tl new.csv', 'typelearn predict model.tl new.csv --proba --out preds.csv'),
    )
    .action(predict);
  return cmd;
}

/** Only the first line: library messages sometimes append details. */
function firstLine(message: string): string {
  return message.split('\n')[0];
}

async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (
      err instanceof UserError ||
      err instanceof ValidationError ||
      err instanceof ShapeError ||
      err instanceof DTypeError
    ) {
      console.error(`${pc.red('error:')} ${firstLine(err.message)}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main(process.argv);
