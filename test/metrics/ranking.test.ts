import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  auc,
  averagePrecisionScore,
  detCurve,
  precisionRecallCurve,
  rocAucScore,
  rocCurve,
} from '../../src/metrics/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('metrics_classification_handmade');
const {
  binary_y_true: bt,
  binary_y_score: bs,
  y_true: yTrue,
  y_score: yScore,
} = fx.inputs as Record<string, number[] & number[][]>;
const exact = { rtol: 1e-12, atol: 1e-12 };

describe('rocCurve', () => {
  test('matches scikit-learn with and without dropIntermediate (thresholds[0] = max + 1)', () => {
    const r = rocCurve(bt, bs);
    const e = fx.expected.binary_roc_curve;
    assertClose(r.fpr, e.fpr, exact);
    assertClose(r.tpr, e.tpr, exact);
    assertClose(r.thresholds, e.thresholds, exact);
    const full = rocCurve(bt, bs, { dropIntermediate: false });
    const f = fx.expected.binary_roc_curve_no_drop;
    assertClose(full.fpr, f.fpr, exact);
    assertClose(full.tpr, f.tpr, exact);
    assertClose(full.thresholds, f.thresholds, exact);
  });
  test('string labels with posLabel', () => {
    const r = rocCurve(
      bt.map((v) => (v ? 'yes' : 'no')),
      bs,
      { posLabel: 'yes' },
    );
    assertClose(r.tpr, fx.expected.binary_roc_curve.tpr, exact);
    assert.throws(() => rocCurve(['no', 'yes'], [0.1, 0.9]), /posLabel/);
  });
  test('multiclass target without posLabel names the labels found', () => {
    assert.throws(
      () => rocCurve([0, 1, 2], [0.1, 0.5, 0.9]),
      (e: Error) =>
        e instanceof ValidationError && /multiclass format is not supported.*labels found: \[0, 1, 2\]/.test(e.message),
    );
    assert.throws(() => rocCurve([0, 1], [0.1, Number.NaN]), /NaN/);
  });
});

describe('rocAucScore', () => {
  test('binary, ovr macro/weighted, ovo and per class match scikit-learn', () => {
    assertClose(rocAucScore(bt, bs), fx.expected.binary_roc_auc_score, exact);
    assertClose(rocAucScore(yTrue, yScore, { multiClass: 'ovr' }), fx.expected.roc_auc_ovr_macro, exact);
    assertClose(
      rocAucScore(yTrue, yScore, { multiClass: 'ovr', average: 'weighted' }),
      fx.expected.roc_auc_ovr_weighted,
      exact,
    );
    assertClose(rocAucScore(yTrue, yScore, { multiClass: 'ovo' }), fx.expected.roc_auc_ovo_macro, exact);
    assertClose(
      rocAucScore(yTrue, yScore, { multiClass: 'ovr', average: null }),
      fx.expected.roc_auc_ovr_per_class,
      exact,
    );
  });
  test('maxFpr: McClish-corrected partial AUC; 1 gives the full AUC', () => {
    assert.equal(rocAucScore(bt, bs, { maxFpr: 1 }), rocAucScore(bt, bs));
    const p = rocAucScore(bt, bs, { maxFpr: 0.3 }) as number;
    assert.ok(p > 0.5 && p <= 1);
    assert.equal(rocAucScore([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], { maxFpr: 0.2 }), 1);
    assert.throws(() => rocAucScore(bt, bs, { maxFpr: 1.5 }), /maxFpr/);
  });
  test('bad input: multiclass without multiClass, one class, wrong columns, rows not summing to 1', () => {
    assert.throws(() => rocAucScore(yTrue, yScore), /labels found: \[0, 1, 2\]/);
    assert.throws(() => rocAucScore([1, 1, 1], [0.2, 0.3, 0.4]), /Only one class present/);
    assert.throws(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.8],
            [0.3, 0.7],
            [0.5, 0.5],
          ],
          { multiClass: 'ovr' },
        ),
      /Number of classes/,
    );
    assert.throws(
      () =>
        rocAucScore(
          [0, 1, 2],
          [
            [0.2, 0.3, 0.1],
            [0.3, 0.3, 0.4],
            [0.5, 0.4, 0.1],
          ],
          { multiClass: 'ovr' },
        ),
      /sum up to 1/,
    );
    assert.throws(
      () =>
        rocAucScore(
          bt,
          bs.map((s) => [1 - s, s]),
        ),
      /positive class/,
    );
  });
});

describe('precision-recall and DET curves', () => {
  test('average precision matches scikit-learn', () => {
    assertClose(averagePrecisionScore(bt, bs), fx.expected.binary_average_precision_score, exact);
  });
  test('precisionRecallCurve ends at (recall 0, precision 1); thresholds increase', () => {
    const { precision, recall, thresholds } = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    assertClose(precision, [0.5, 2 / 3, 0.5, 1, 1]);
    assertClose(recall, [1, 1, 0.5, 0.5, 0]);
    assertClose(thresholds, [0.1, 0.35, 0.4, 0.8]);
  });
  test("detCurve: sklearn's docstring example", () => {
    const { fpr, fnr, thresholds } = detCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    assertClose(fpr, [0.5, 0.5, 0]);
    assertClose(fnr, [0, 0.5, 0.5]);
    assertClose(thresholds, [0.35, 0.4, 0.8]);
  });
  test('auc: trapezoids, either direction; non-monotonic x is an error', () => {
    assert.equal(auc([0, 0.5, 1], [0, 0.75, 1]), 0.625);
    assert.equal(auc([1, 0.5, 0], [1, 0.75, 0]), 0.625);
    assert.throws(() => auc([0, 1, 0.5], [0, 1, 1]), /neither increasing nor decreasing/);
  });
});
