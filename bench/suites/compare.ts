/**
 * Suite `compare`: the README's main job — 5-fold cross-validation of the automatic
 * titanic pipeline (numeric: median impute + scale; categorical: most-frequent impute +
 * one-hot; then the model), as `typelearn compare titanic` runs it, against the same
 * pipeline in scikit-learn (`bench/python/compare.py`, StratifiedKFold(5, shuffle=True,
 * random_state=0)) for LogisticRegression and HistGradientBoosting.
 *
 * Besides the times, each row checks its mean accuracy: typelearn's is written to
 * `bench/.cache/compare-ref.json` and the scikit-learn row fails when the two differ by
 * more than one point (the bar). Both accuracies are printed to stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreModelByName } from '../../src/cli/compare-task.js';
import { prepare } from '../../src/cli/prepare.js';
import type { Prepared, Task } from '../harness.js';

/** One line for the report header. */
export const description =
  'typelearn compare titanic (5-fold CV of the automatic pipeline) vs the same scikit-learn pipeline';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const refFile = path.join(root, 'bench', '.cache', 'compare-ref.json');
const csv = path.join(root, 'datasets', 'titanic.csv');
const reference: Record<string, number> = {};

function task(model: string, sklearnModel: string): Task {
  const name = `titanic 5-fold CV ${model}`;
  return {
    name,
    unit: 'GB/s',
    work: 1309 * 5 * 5 * 8,
    contenders: [
      {
        name: 'typelearn',
        async setup(): Promise<Prepared> {
          const data = prepare('titanic', { target: 'survived' });
          let accuracy = Number.NaN;
          return {
            run: async () => {
              const result = await scoreModelByName(data, model, { cv: 5 });
              accuracy = result.scores.accuracy.reduce((a, b) => a + b, 0) / result.scores.accuracy.length;
            },
            verify: () => {
              reference[name] = accuracy;
              mkdirSync(path.dirname(refFile), { recursive: true });
              writeFileSync(refFile, JSON.stringify(reference));
              process.stderr.write(`  typelearn ${model}: mean accuracy ${accuracy.toFixed(4)}\n`);
              return Number.isFinite(accuracy) ? undefined : 'no accuracy';
            },
          };
        },
      },
    ],
    python: { op: 'cv', model: sklearnModel, csv, ref: refFile, task: name },
  };
}

/** The tasks, in display order. */
export const tasks: Task[] = [
  task('logistic-regression', 'logistic_regression'),
  task('hist-gradient-boosting', 'hist_gradient_boosting'),
];
