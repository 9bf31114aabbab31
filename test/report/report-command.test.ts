// reportCommand (`typelearn report`): from a compare result, a saved model, a table; user errors as one-line UserErrors.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { autoPipeline } from '../../src/cli/auto-pipeline.js';
import type { CompareResult } from '../../src/cli/compare.js';
import { compare } from '../../src/cli/compare.js';
import { UserError } from '../../src/cli/errors.js';
import type { Predictor } from '../../src/cli/evaluation.js';
import { CLI_MODELS } from '../../src/cli/models.js';
import { saveBundle } from '../../src/cli/persist.js';
import { prepare } from '../../src/cli/prepare.js';
import { reportCommand, reportFromCompare } from '../../src/cli/report-command.js';
import { writeFixture } from '../cli/run-cli.js';
import { chartKeys } from './helpers.js';

const dir = fileURLToPath(new URL('./tmp/', import.meta.url));
const csv = join(dir, 'people.csv');
const modelFile = join(dir, 'model.tlm');

/** Silences the command's console output while it runs. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => {};
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

async function rejectsWith(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  await assert.rejects(quietly(run), (err: unknown) => {
    assert.ok(err instanceof UserError, `not a UserError: ${err}`);
    assert.match(err.message, message);
    assert.ok(!err.message.includes('\n'), 'message spans lines');
    return true;
  });
}

describe('reportCommand', () => {
  before(async () => {
    mkdirSync(dir, { recursive: true });
    writeFixture(csv, 150, 5);
    const data = prepare(csv, { target: 'label' });
    const pipe = autoPipeline(data.plan, CLI_MODELS['gaussian-nb'].create({}) as never) as unknown as Predictor;
    await pipe.fit(data.X, data.y);
    saveBundle(modelFile, {
      info: {
        target: 'label',
        task: 'classification',
        modelName: 'gaussian-nb',
        numeric: data.plan.numeric,
        categorical: data.plan.categorical,
      },
      model: pipe,
    });
  });

  test('from a `compare --json` result: its leaderboard, its best model, the data it names', async () => {
    const result: CompareResult = {
      source: 'titanic',
      target: 'survived',
      task: 'classification',
      cv: 5,
      leaderboard: [
        {
          model: 'gaussian-nb',
          metrics: {
            accuracy: { mean: 0.77, std: 0.02, folds: [] },
            f1_macro: { mean: 0.75, std: 0.02, folds: [] },
            roc_auc: { mean: 0.82, std: 0.02, folds: [] },
          },
          fitTime: 0.01,
        },
        {
          model: 'dummy-classifier',
          metrics: {
            accuracy: { mean: 0.62, std: 0, folds: [] },
            f1_macro: { mean: 0.38, std: 0, folds: [] },
            roc_auc: { mean: 0.5, std: 0, folds: [] },
          },
          fitTime: 0.001,
        },
      ],
    };
    const json = join(dir, 'compare.json');
    writeFileSync(json, JSON.stringify(result));
    const out = join(dir, 'from-compare.html');
    assert.equal(await quietly(() => reportCommand(json, { out })), out);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<h2>Model: gaussian-nb<\/h2>/);
    assert.match(html, /<td class="text">dummy-classifier<\/td>/);
    assert.match(html, /<td>name<\/td><td class="text">category<\/td><td class="text">ignored \(identifier\)<\/td>/);
    assert.match(html, /<td>sex<\/td><td class="text">category<\/td><td class="text">categorical feature<\/td>/);
    assert.ok(chartKeys(html).includes('roc'));
  });

  test('from a saved model with --data: a one-row leaderboard from its own folds, its columns only', async () => {
    const out = join(dir, 'from-model.html');
    await quietly(() => reportCommand(modelFile, { data: csv, out, cv: '3' }));
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<h2>Model: gaussian-nb<\/h2>/);
    assert.match(html, /3-fold cross-validation/);
    assert.match(html, /<td>name<\/td><td class="text">category<\/td><td class="text">ignored<\/td>/);
    assert.match(html, /<td>age<\/td><td class="text">(int|float)<\/td><td class="text">numeric feature<\/td>/);
    assert.equal((html.match(/<tr class="best">/g) ?? []).length, 1);
    for (const key of ['confusion-matrix', 'roc', 'feature-importance', 'learning-curve']) {
      assert.ok(chartKeys(html).includes(key), key);
    }
  });

  test('from a CSV: runs compare, then reports on the best model', async () => {
    const out = join(dir, 'from-csv.html');
    await quietly(() => reportCommand(csv, { target: 'label', models: 'dummy-classifier,gaussian-nb', cv: '3', out }));
    const html = readFileSync(out, 'utf8');
    // gaussian-nb learns the rule, the dummy cannot: the best model is reported.
    assert.match(html, /<h2>Model: gaussian-nb<\/h2>/);
    assert.match(html, /<tr class="best"><td>1<\/td><td class="text">gaussian-nb<\/td>/);
  });

  test('reportFromCompare (for `compare --report`) reports on the result of a compare run', async () => {
    const out = join(dir, 'compare-report.html');
    const result = await quietly(() => compare(csv, { target: 'label', models: 'gaussian-nb', cv: '3' }));
    await quietly(() => reportFromCompare(result, csv, out, { title: 'People' }));
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<h1>People<\/h1>/);
    assert.match(html, /3-fold cross-validation, mean ± standard deviation/);
  });

  test('user errors are one clear line', async () => {
    await rejectsWith(() => reportCommand(modelFile, {}), /a model file needs --data <csv\|dataset>/);
    await rejectsWith(
      () => reportCommand(modelFile, { data: csv, target: 'price' }),
      /is for target 'label', not 'price'/,
    );
    const lacking = join(dir, 'lacking.csv');
    writeFixture(lacking, 20, 6, ['age', 'size', 'label', 'price']);
    await rejectsWith(
      () => reportCommand(modelFile, { data: lacking }),
      /lacks the column 'color' the model was trained on/,
    );
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"hello": 1}');
    await rejectsWith(
      () => reportCommand(other, {}),
      /neither a typelearn model file nor a `typelearn compare --json` result/,
    );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"source": "titanic", "lea');
    await rejectsWith(() => reportCommand(broken, {}), /is not valid JSON/);
    await rejectsWith(() => reportCommand('no-such-file.csv', { target: 'x' }), /no such file or bundled dataset/);
    await rejectsWith(
      () => reportCommand(csv, { target: 'nope', models: 'gaussian-nb' }),
      /unknown target column 'nope'/,
    );
    await rejectsWith(
      () => reportCommand(modelFile, { data: csv, out: join(dir, 'missing-dir', 'r.html') }),
      /cannot write .*r\.html/,
    );
  });
});
