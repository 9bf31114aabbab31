import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import {
  classificationReport,
  f1Score,
  fbetaScore,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
  UndefinedMetricWarning,
} from '../../src/metrics/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('metrics_classification_handmade');
const { y_true: yTrue, y_pred: yPred } = fx.inputs as { y_true: number[]; y_pred: number[] };
const exact = { rtol: 1e-12, atol: 1e-12 };
type Avg = null | 'micro' | 'macro' | 'weighted';
const AVERAGES: [string, Avg][] = [
  ['none', null],
  ['micro', 'micro'],
  ['macro', 'macro'],
  ['weighted', 'weighted'],
];

describe('precisionRecallFscoreSupport', () => {
  for (const [key, average] of AVERAGES) {
    test(`average ${key} matches scikit-learn, with an UndefinedMetricWarning where sklearn warns`, async () => {
      const e = fx.expected.precision_recall_f1[key];
      const { result: r, warnings } = await captureWarnings(() =>
        precisionRecallFscoreSupport(yTrue, yPred, { average }),
      );
      assertClose(r.precision, e.precision, exact);
      assertClose(r.recall, e.recall, exact);
      assertClose(r.fscore, e.f1, exact);
      if (e.support === null) assert.equal(r.support, null);
      else assertClose(r.support as Float64Array, e.support, exact);
      assert.equal(warnings.filter((w) => w instanceof UndefinedMetricWarning).length, e.warnings.length);
      assertClose(precisionScore(yTrue, yPred, { average, zeroDivision: 0 }) as number, e.precision_score, exact);
      assertClose(recallScore(yTrue, yPred, { average, zeroDivision: 0 }) as number, e.recall_score, exact);
      assertClose(f1Score(yTrue, yPred, { average, zeroDivision: 0 }) as number, e.f1_score, exact);
    });
  }

  for (const z of ['warn', 0, 1] as const) {
    for (const [key, average] of AVERAGES) {
      test(`zeroDivision ${z}, average ${key}`, async () => {
        const e = fx.expected.zero_division[`zero_division_${z}`][key];
        const p = await captureWarnings(() => precisionScore(yTrue, yPred, { average, zeroDivision: z }));
        const f = await captureWarnings(() => f1Score(yTrue, yPred, { average, zeroDivision: z }));
        assertClose(p.result, e.precision, exact);
        assertClose(f.result, e.f1, exact);
        assert.equal(p.warnings.length, e.precision_warnings.length);
        assert.equal(f.warnings.length, e.f1_warnings.length);
      });
    }
  }

  test('zeroDivision NaN: undefined scores are NaN and left out of averages, without warnings', async () => {
    const { result, warnings } = await captureWarnings(() =>
      precisionScore(yTrue, yPred, { average: null, zeroDivision: Number.NaN }),
    );
    assert.ok(Number.isNaN(result[2]));
    assert.equal(warnings.length, 0);
    assertClose(
      precisionScore(yTrue, yPred, { average: 'macro', zeroDivision: Number.NaN }),
      (0.5625 + 0.5) / 2,
      exact,
    );
  });

  test('binary average with posLabel, strings included', () => {
    assert.equal(precisionScore([0, 1, 1, 0], [0, 1, 1, 1]), 2 / 3);
    assert.equal(recallScore(['n', 'p', 'p'], ['n', 'p', 'n'], { posLabel: 'p' }), 0.5);
    assertClose(fbetaScore([0, 1, 1, 0], [0, 1, 0, 0], { beta: 2 }), 5 / 9);
  });

  test('labels select and order classes; absent labels score 0 with zeroDivision 0', () => {
    const r = precisionRecallFscoreSupport([0, 1, 2], [0, 1, 1], { labels: [2, 0, 7], zeroDivision: 0 });
    assertClose(r.recall, [0, 1, 0]);
    assertClose(r.support as Float64Array, [1, 1, 0]);
  });

  test('multiclass target with a binary-only average names the labels found', () => {
    assert.throws(
      () => f1Score([0, 1, 2], [0, 1, 1]),
      (e: Error) =>
        e instanceof ValidationError && /Target is multiclass \(labels found: \[0, 1, 2\]\)/.test(e.message),
    );
    assert.throws(
      () => f1Score(['a', 'b'], ['a', 'b']),
      /posLabel=1 is not a valid label. It should be one of \['a', 'b'\]/,
    );
    assert.throws(() => f1Score([0, 1], [0, 1], { average: 'samples' }), /multilabel/);
    assert.throws(() => f1Score([0, 1], [0, 1], { zeroDivision: 2 }), ValidationError);
    assert.throws(() => f1Score([0, 1], [0, 1, 1]), /inconsistent numbers of samples: yTrue has 2, yPred has 3/);
  });
});

describe('classificationReport', () => {
  test('outputDict matches scikit-learn', async () => {
    const { result: r, warnings } = await captureWarnings(() =>
      classificationReport(yTrue, yPred, { outputDict: true }),
    );
    const e = fx.expected.classification_report;
    assert.deepEqual(Object.keys(r), Object.keys(e));
    for (const k of Object.keys(e)) {
      if (typeof e[k] === 'number') assertClose(r[k] as number, e[k], exact);
      else
        for (const f of Object.keys(e[k])) assertClose((r[k] as unknown as Record<string, number>)[f], e[k][f], exact);
    }
    assert.ok(warnings.some((w) => w instanceof UndefinedMetricWarning));
  });

  test("text layout is scikit-learn's", () => {
    const text = classificationReport(['cat', 'dog', 'dog'], ['cat', 'dog', 'cat'], { zeroDivision: 0 });
    const expected = [
      '              precision    recall  f1-score   support',
      '',
      '         cat       0.50      1.00      0.67         1',
      '         dog       1.00      0.50      0.67         2',
      '',
      '    accuracy                           0.67         3',
      '   macro avg       0.75      0.75      0.67         3',
      'weighted avg       0.83      0.67      0.67         3',
      '',
    ].join('\n');
    assert.equal(text, expected);
  });

  test('targetNames of the wrong length is a ValidationError', () => {
    assert.throws(
      () => classificationReport([0, 1], [0, 1], { targetNames: ['a'] }),
      /does not match size of targetNames/,
    );
  });
});
