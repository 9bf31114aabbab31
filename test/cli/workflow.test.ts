// The main job end to end through the real command: train on a CSV, save,
// predict on a second CSV (streamed), evaluate; compare's leaderboard.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { readModelInfo } from '../../src/io/serialize.js';
import { runCli, tmpDir, writeFixture } from './run-cli.js';

const dir = tmpDir('workflow');
const train = join(dir, 'train.csv');
const fresh = join(dir, 'new.csv');
const model = join(dir, 'model.tl');
const regModel = join(dir, 'reg.json');

function noStack(stderr: string): void {
  assert.doesNotMatch(stderr, /\n\s+at /);
}

function metric(stdout: string, name: string): number {
  const m = new RegExp(`${name}\\s+(-?[0-9.]+)`).exec(stdout);
  assert.ok(m, `no ${name} in:\n${stdout}`);
  return Number(m[1]);
}

describe('typelearn train → predict → evaluate', () => {
  before(async () => {
    writeFixture(train, 240, 1);
    writeFixture(fresh, 80, 2);
    rmSync(model, { force: true });
    rmSync(regModel, { force: true });
    const run = await runCli('train', train, '--target', 'label', '--model', 'logistic-regression', '--out', model);
    assert.equal(run.code, 0, run.stderr);
  });

  test('train reports cross-validated metrics, warns about the text column, saves the model', async () => {
    assert.ok(existsSync(model));
    // A typelearn/io model file: the CLI's facts in its metadata, the training columns in its schema.
    const file = readModelInfo(new Uint8Array(readFileSync(model)));
    const info = (file.metadata as { typelearnCli: Record<string, unknown> }).typelearnCli;
    assert.equal(file.className, 'Pipeline');
    assert.equal(info.target, 'label');
    assert.equal(info.task, 'classification');
    assert.deepEqual(info.categorical, ['color']);
    assert.ok(!(info.numeric as string[]).includes('name'));
    assert.ok(file.schema?.featureNamesIn?.includes('color'));
    const run = await runCli('train', train, '--target', 'label', '--model', 'logistic-regression', '--cv', '3');
    assert.equal(run.code, 0);
    assert.match(run.stderr, /warning: ignoring column 'name'/);
    assert.ok(metric(run.stdout, '3-fold accuracy') > 0.8, run.stdout);
    assert.match(run.stdout, /3-fold roc_auc\s+0\.\d{4} ± 0\.\d{4}/);
    // Progress goes to stderr only on a terminal; here stderr is a pipe.
    assert.doesNotMatch(run.stderr, /fold 1\/3/);
  });

  test('predict writes one prediction per row with class probabilities', async () => {
    const out = join(dir, 'preds.csv');
    const run = await runCli('predict', model, fresh, '--proba', '--out', out);
    assert.equal(run.code, 0, run.stderr);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'label,proba_no,proba_yes');
    assert.equal(lines.length, 81);
    const truth = readFileSync(fresh, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[4]);
    let correct = 0;
    for (const [i, line] of lines.slice(1).entries()) {
      const [label, pNo, pYes] = line.split(',');
      assert.ok(label === 'yes' || label === 'no');
      assert.ok(Math.abs(Number(pNo) + Number(pYes) - 1) < 1e-9);
      assert.equal(label, Number(pYes) > 0.5 ? 'yes' : 'no');
      if (label === truth[i]) correct++;
    }
    assert.ok(correct / 80 > 0.8, `accuracy ${correct / 80}`);
  });

  test('predict streams in chunks with the same result, to stdout without --out', async () => {
    const whole = await runCli('predict', model, fresh);
    const chunked = await runCli('predict', model, fresh, '--chunk-size', '7');
    assert.equal(whole.code, 0, whole.stderr);
    assert.equal(chunked.code, 0, chunked.stderr);
    assert.equal(whole.stdout.trim().split('\n').length, 81);
    assert.equal(chunked.stdout, whole.stdout);
  });

  test('evaluate scores the saved model on a labelled CSV', async () => {
    const run = await runCli('evaluate', model, fresh);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(metric(run.stdout, 'accuracy') > 0.8, run.stdout);
    assert.ok(metric(run.stdout, 'roc_auc') > 0.85, run.stdout);
  });

  test('a numeric target is regression: hold-out metrics, save, evaluate', async () => {
    const run = await runCli(
      'train',
      train,
      '--target',
      'price',
      '--model',
      'ridge',
      '--test-size',
      '0.25',
      '--out',
      regModel,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\(regression\)/);
    assert.ok(metric(run.stdout, 'hold-out \\(25% test\\) r2') > 0.8, run.stdout);
    const ev = await runCli('evaluate', regModel, fresh);
    assert.equal(ev.code, 0, ev.stderr);
    assert.ok(metric(ev.stdout, 'r2') > 0.8, ev.stdout);
    assert.ok(metric(ev.stdout, 'rmse') > 0);
  });
});

describe('typelearn compare', () => {
  test('--jobs 2 (worker threads) gives exactly the scores of --jobs 1; seeded models are reproducible', async () => {
    const scores = async (jobs: string): Promise<string> => {
      const json = join(dir, `leaderboard-jobs${jobs}.json`);
      const run = await runCli(
        'compare',
        train,
        '--target',
        'label',
        '--models',
        'random-forest,gaussian-nb,logistic-regression',
        '--cv',
        '3',
        '--jobs',
        jobs,
        '--json',
        json,
      );
      assert.equal(run.code, 0, run.stderr);
      const result = JSON.parse(readFileSync(json, 'utf8'));
      return JSON.stringify(result.leaderboard.map((e: { model: string; metrics: unknown }) => [e.model, e.metrics]));
    };
    const one = await scores('1');
    assert.equal(await scores('2'), one);
    assert.equal(await scores('1'), one);
  });

  test('prints a leaderboard best first and writes it as JSON', async () => {
    const json = join(dir, 'leaderboard.json');
    rmSync(json, { force: true });
    const run = await runCli(
      'compare',
      train,
      '--target',
      'label',
      '--models',
      'dummy-classifier,logistic-regression,gaussian-nb',
      '--cv',
      '3',
      '--json',
      json,
    );
    assert.equal(run.code, 0, run.stderr);
    noStack(run.stderr);
    assert.match(run.stdout, /#\s+model\s+accuracy\s+f1_macro\s+roc_auc\s+fit time/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(result.leaderboard.length, 3);
    const acc = result.leaderboard.map((e: { metrics: { accuracy: { mean: number } } }) => e.metrics.accuracy.mean);
    assert.deepEqual(
      [...acc].sort((a, b) => b - a),
      acc,
    );
    assert.equal(result.leaderboard[2].model, 'dummy-classifier');
    assert.equal(result.leaderboard[0].metrics.accuracy.folds.length, 3);
    // The table lists the models in the JSON's order.
    const order = result.leaderboard.map((e: { model: string }) => run.stdout.indexOf(e.model));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
  });

  test('a regression leaderboard on a bundled dataset, defaulting to its target', async () => {
    const run = await runCli('compare', 'diabetes', '--models', 'ridge,dummy-regressor', '--cv', '3');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /target 'target' \(regression\)/);
    assert.match(run.stdout, /model\s+r2\s+rmse\s+mae/);
    assert.ok(run.stdout.indexOf('ridge') < run.stdout.indexOf('dummy-regressor'));
  });
});
