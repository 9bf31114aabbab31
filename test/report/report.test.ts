// renderReport / collectReportInput: the titanic report's sections and charts, regression and
// impurity-importance variants, escaping of text from data, and agreement with the CLI's folds.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { autoPipeline } from '../../src/cli/auto-pipeline.js';
import { evaluateSplits, meanStd, type Predictor } from '../../src/cli/evaluation.js';
import { CLI_MODELS } from '../../src/cli/models.js';
import { prepare } from '../../src/cli/prepare.js';
import { Frame } from '../../src/data/index.js';
import {
  collectReportInput,
  escapeHtml,
  formatNumber,
  type ReportInput,
  type ReportModel,
  renderReport,
} from '../../src/report/index.js';
import { DecisionTreeClassifier } from '../../src/tree/index.js';
import { chartKeys, datasetReport, figures } from './helpers.js';

describe('titanic report (logistic regression)', () => {
  let input: ReportInput;
  let html: string;
  before(async () => {
    ({ input, html } = await datasetReport('titanic', 'logistic-regression'));
  });

  test('one HTML document with every section, in order', () => {
    assert.match(html, /^<!doctype html>\n<html lang="en">/);
    assert.match(html, /<title>survived: classification report<\/title>/);
    const order = ['data', 'leaderboard', 'model', 'importance', 'learning-curve'].map((id) =>
      html.indexOf(`<section id="${id}">`),
    );
    assert.ok(
      order.every((i) => i > 0),
      `sections at ${order}`,
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
  });

  test('every chart is there and holds an inline SVG with marks', () => {
    assert.deepEqual(chartKeys(html), [
      'missing-values',
      'distribution-survived',
      'distribution-sex',
      'distribution-age',
      'distribution-passengerClass',
      'leaderboard',
      'confusion-matrix',
      'confusion-matrix-normalized',
      'roc',
      'precision-recall',
      'calibration',
      'feature-importance',
      'learning-curve',
    ]);
    for (const f of figures(html)) {
      assert.match(f, /<svg [^>]*class="marks"/);
      assert.match(f, /<(path|rect)\b/);
    }
  });

  test('self-contained: no script, no external reference, unique ids', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//);
    assert.doesNotMatch(html, /url\((['"]?)https?:/);
    assert.doesNotMatch(html, /<link\b/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    for (const [, ref] of html.matchAll(/url\(#([^)]+)\)/g)) assert.ok(ids.includes(ref), `dangling url(#${ref})`);
  });

  test('data summary: describe statistics, missing values and inferred types per column', () => {
    const age = input.data?.columns.find((c) => c.name === 'age');
    assert.equal(input.data?.nRows, 1309);
    assert.equal(age?.dtype, 'float');
    assert.equal(age?.missing, 263);
    assert.equal(age?.count, 1046);
    assert.ok(Math.abs((age?.mean ?? 0) - 29.8811345124283) < 1e-9);
    assert.equal(input.data?.columns.find((c) => c.name === 'survived')?.use, 'target');
    assert.equal(input.data?.columns.find((c) => c.name === 'name')?.use, 'ignored');
    assert.match(
      html,
      /<td>age<\/td><td class="text">float<\/td><td class="text">feature<\/td><td>1046<\/td><td>263<\/td><td>29\.8811<\/td>/,
    );
  });

  test('model section: out-of-fold predictions for every row, probabilities, permutation importance', () => {
    const m = input.model;
    assert.ok(m);
    assert.equal(m.classification?.yPred.length, 1309);
    assert.deepEqual(m.classification?.classes, ['no', 'yes']);
    assert.equal(m.classification?.proba?.length, 1309);
    for (const row of m.classification?.proba ?? []) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-9);
    assert.ok(m.scores.accuracy > 0.75 && m.scores.accuracy < 0.82, `accuracy ${m.scores.accuracy}`);
    assert.ok(m.scores.roc_auc > 0.8, `auc ${m.scores.roc_auc}`);
    assert.equal(m.featureImportance?.kind, 'permutation');
    assert.deepEqual(m.featureImportance?.names, ['age', 'sex', 'passengerClass']);
    // sex is by far the strongest signal in titanic
    const imp = m.featureImportance?.importances ?? [];
    assert.ok(imp[1] > imp[0] && imp[1] > imp[2], `importances ${imp}`);
    assert.deepEqual(m.learningCurve?.trainSizesAbs, [104, 340, 575, 811, 1047]);
    assert.equal(m.learningCurve?.testScores[4].length, 5);
  });

  test('the leaderboard built from the folds agrees with the CLI (same splits)', async () => {
    const data = prepare('titanic', {});
    const pipe = autoPipeline(data.plan, CLI_MODELS['logistic-regression'].create({}) as never) as unknown as Predictor;
    const cli = await evaluateSplits(pipe, data.X, data.y, data.task, { cv: 5 });
    const entry = input.leaderboard?.entries[0];
    assert.equal(input.leaderboard?.entries.length, 1);
    for (const m of ['accuracy', 'f1_macro', 'roc_auc']) {
      assert.deepEqual(entry?.metrics[m].folds, Array.from(cli.scores[m]), m);
      assert.ok(Math.abs((entry?.metrics[m].mean ?? 0) - meanStd(cli.scores[m]).mean) < 1e-12);
    }
  });

  test('a compare result fills the leaderboard table, best first', async () => {
    const leaderboard = {
      cv: 5,
      leaderboard: [
        {
          model: 'logistic-regression',
          metrics: {
            accuracy: { mean: 0.78, std: 0.02 },
            f1_macro: { mean: 0.76, std: 0.02 },
            roc_auc: { mean: 0.83, std: 0.02 },
          },
          fitTime: 0.01,
        },
        {
          model: 'dummy-classifier',
          metrics: {
            accuracy: { mean: 0.62, std: 0 },
            f1_macro: { mean: 0.38, std: 0 },
            roc_auc: { mean: 0.5, std: 0 },
          },
          fitTime: 0.001,
        },
      ],
    };
    const withBoard = await renderReport({
      ...input,
      leaderboard: { cv: 5, metrics: ['accuracy', 'f1_macro', 'roc_auc'], entries: leaderboard.leaderboard },
    });
    assert.match(
      withBoard,
      /<tr class="best"><td>1<\/td><td class="text">logistic-regression<\/td><td>0\.7800 ± 0\.0200<\/td>/,
    );
    assert.match(withBoard, /<td>2<\/td><td class="text">dummy-classifier<\/td>/);
    assert.match(withBoard, /<div class="label">best model<\/div><div class="value">logistic-regression<\/div>/);
    assert.match(withBoard, /<td>0\.010 s<\/td>/);
  });
});

describe('report variants', () => {
  test('regression (diabetes, ridge): residuals and prediction error, no classification charts', async () => {
    const { input, html } = await datasetReport('diabetes', 'ridge', { learningCurve: false, permutationRepeats: 2 });
    const keys = chartKeys(html);
    assert.ok(keys.includes('residuals') && keys.includes('prediction-error'), keys.join());
    assert.ok(!keys.includes('roc') && !keys.includes('confusion-matrix'));
    assert.ok(!keys.includes('learning-curve'));
    assert.equal(input.model?.regression?.yPred.length, 442);
    assert.ok((input.model?.scores.r2 ?? 0) > 0.4, `r2 ${input.model?.scores.r2}`);
    assert.deepEqual(input.leaderboard?.metrics, ['r2', 'rmse', 'mae']);
    for (const f of figures(html)) assert.match(f, /<svg /);
  });

  test('a tree gets impurity importances over the transformed features', async () => {
    const { input } = await datasetReport('titanic', 'decision-tree', { learningCurve: false, permutationRepeats: 0 });
    const fi = input.model?.featureImportance;
    assert.equal(fi?.kind, 'impurity');
    assert.deepEqual(fi?.names, [
      'num__age',
      'cat__sex_female',
      'cat__sex_male',
      'cat__passengerClass_1st',
      'cat__passengerClass_2nd',
      'cat__passengerClass_3rd',
    ]);
    assert.ok(Math.abs((fi?.importances ?? []).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  test('a model without predictProba says why ROC, PR and calibration are missing', async () => {
    const { html } = await datasetReport('titanic', 'ridge-classifier', {
      learningCurve: false,
      permutationRepeats: 0,
    });
    assert.ok(!chartKeys(html).includes('roc'));
    assert.ok(chartKeys(html).includes('confusion-matrix'));
    assert.match(html, /no ROC, precision-recall or calibration curve/);
  });

  test('numeric matrix input (Tensor) works with a plain estimator', async () => {
    const n = 90;
    const frame = Frame.fromColumns({
      a: Float64Array.from({ length: n }, (_, i) => (i * 37) % 11),
      b: Float64Array.from({ length: n }, (_, i) => (i * 13) % 7),
      label: Array.from({ length: n }, (_, i) => ((i * 37) % 11 > 5 ? 'hi' : 'lo')),
    });
    const input = await collectReportInput({
      frame,
      target: 'label',
      model: new DecisionTreeClassifier({ randomState: 0 }) as unknown as ReportModel,
      cv: 3,
      learningCurve: false,
    });
    assert.equal(input.task, 'classification');
    assert.equal(input.model?.scores.accuracy, 1);
    assert.deepEqual(input.model?.featureImportance?.names, ['a', 'b']);
  });

  test('text from data is HTML-escaped everywhere (column names, categories, model name, title)', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const n = 60;
    const frame = Frame.fromColumns({
      [evil]: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '<b>even</b>' : 'odd & "quoted"')),
      x: Float64Array.from({ length: n }, (_, i) => i % 5),
      y: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '<i>yes</i>' : 'no')),
    });
    const data = { numeric: ['x'], categorical: [evil], ignored: [] };
    const model = autoPipeline(data, CLI_MODELS['logistic-regression'].create({}) as never) as unknown as ReportModel;
    const input = await collectReportInput({
      frame,
      target: 'y',
      model,
      modelName: `<script>alert("m")</script>`,
      title: 'Report <u>title</u>',
      cv: 3,
      learningCurve: false,
      permutationRepeats: 1,
    });
    const html = await renderReport(input);
    for (const raw of ['<img', '<b>even', '<i>yes', '<script', '<u>title']) {
      assert.ok(!html.includes(raw), `unescaped ${raw}`);
    }
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<h1>Report &lt;u&gt;title&lt;\/u&gt;<\/h1>/);
    assert.match(html, /Model: &lt;script&gt;alert\(&quot;m&quot;\)&lt;\/script&gt;/);
  });

  test('unknown target column and non-numeric regression targets are ValidationErrors', async () => {
    const frame = Frame.fromColumns({ a: [1, 2, 3], c: ['x', 'y', 'x'] });
    const model = new DecisionTreeClassifier() as unknown as ReportModel;
    await assert.rejects(
      collectReportInput({ frame, target: 'nope', model }),
      /unknown target column 'nope'; columns: a, c/,
    );
    await assert.rejects(collectReportInput({ frame, target: 'c', model, task: 'regression' }), /'c' is not numeric/);
  });
});

describe('helpers', () => {
  test('escapeHtml and formatNumber', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(formatNumber(3), '3');
    assert.equal(formatNumber(0.786123), '0.7861');
    assert.equal(formatNumber(Number.NaN), 'n/a');
    assert.equal(formatNumber(undefined), '');
    assert.equal(formatNumber(123456.7), '1.235e+5');
    assert.equal(formatNumber(152.1337), '152.13');
  });
});
