import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings, TypelearnWarning } from '../../src/base/warnings.js';
import { brierScoreLoss, hingeLoss, logLoss, topKAccuracyScore } from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('metrics_classification_handmade');
const { y_true: yTrue, y_score: yScore } = fx.inputs as { y_true: number[]; y_score: number[][] };
const exact = { rtol: 1e-12, atol: 1e-12 };

describe('logLoss', () => {
  test('matches scikit-learn on the fixture (numbers, strings, tensors)', () => {
    assertClose(logLoss(yTrue, yScore), fx.expected.log_loss, exact);
    assertClose(
      logLoss(
        yTrue.map((v) => ['a', 'b', 'c'][v]),
        Tensor.from(yScore),
      ),
      fx.expected.log_loss,
      exact,
    );
  });
  test("sklearn's docstring example; 1-D binary probabilities", () => {
    const probs = [
      [0.1, 0.9],
      [0.9, 0.1],
      [0.8, 0.2],
      [0.35, 0.65],
    ];
    assertClose(logLoss(['spam', 'ham', 'ham', 'spam'], probs), 0.21616187468057912, exact);
    assertClose(logLoss(['spam', 'ham', 'ham', 'spam'], [0.9, 0.1, 0.2, 0.65]), 0.21616187468057912, exact);
  });
  test('rows not summing to 1: renormalised with a warning (1.2 numbers), or a ValidationError with onUnnormalized "raise"', async () => {
    const p = [
      [0.2, 0.6],
      [0.5, 0.3],
    ];
    const { result, warnings } = await captureWarnings(() => logLoss([1, 0], p));
    assertClose(result, -(Math.log(0.6 / 0.8) + Math.log(0.5 / 0.8)) / 2, exact);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0] instanceof TypelearnWarning && /row 0 sums to 0.8/.test(warnings[0].message));
    assert.throws(
      () => logLoss([1, 0], p, { onUnnormalized: 'raise' }),
      (e: Error) => e instanceof ValidationError && /yPred row 0 sums to 0.8/.test(e.message),
    );
  });
  test('eps clipping keeps the loss finite', () => {
    assert.ok(Number.isFinite(logLoss([0, 1], [1, 0])));
    // sklearn 1.2.1 gives 34.53917619362578: the 1-D column is clipped, then 1 - p taken.
    assertClose(logLoss([0, 1], [1, 0], { eps: 1e-15 }), 34.53917619362578, exact);
  });
  test('labels: explicit classes; a yTrue label outside them is a ValidationError', () => {
    assertClose(
      logLoss(
        [1, 1],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        { labels: [0, 1] },
      ),
      Math.log(2),
      exact,
    );
    assert.throws(
      () =>
        logLoss(
          [0, 2],
          [
            [0.5, 0.5],
            [0.5, 0.5],
          ],
          { labels: [0, 1] },
        ),
      (e: Error) => e instanceof ValidationError && /\[2\] not in \[0, 1\]/.test(e.message),
    );
    assert.throws(() => logLoss([1, 1], [0.5, 0.5]), /only one label/);
    assert.throws(
      () =>
        logLoss(
          [0, 1, 2],
          [
            [0.5, 0.5],
            [0.5, 0.5],
            [0.5, 0.5],
          ],
        ),
      /different numbers of classes/,
    );
    assert.throws(
      () =>
        logLoss(
          [0, 1],
          [
            [0.5, Number.NaN],
            [0.5, 0.5],
          ],
        ),
      /NaN/,
    );
  });
});

describe('brierScoreLoss', () => {
  test("sklearn's docstring examples", () => {
    assertClose(brierScoreLoss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 0.0375, exact);
    assertClose(brierScoreLoss([0, 1, 1, 0], [0.9, 0.1, 0.2, 0.7], { posLabel: 0 }), 0.0375, exact);
    assertClose(
      brierScoreLoss(['spam', 'ham', 'ham', 'spam'], [0.1, 0.9, 0.8, 0.3], { posLabel: 'ham' }),
      0.0375,
      exact,
    );
  });
  test('multiclass targets and out-of-range probabilities are ValidationErrors', () => {
    assert.throws(
      () => brierScoreLoss([0, 1, 2], [0.1, 0.2, 0.3]),
      (e: Error) => e instanceof ValidationError && /binary.*multiclass \(labels found: \[0, 1, 2\]\)/.test(e.message),
    );
    assert.throws(() => brierScoreLoss([0, 1], [0.1, 1.2]), /greater than 1/);
    assert.throws(() => brierScoreLoss(['a', 'b'], [0.1, 0.2]), /posLabel/);
  });
});

describe('hingeLoss', () => {
  test('binary and multiclass (Crammer-Singer)', () => {
    assertClose(hingeLoss([-1, 1, 1], [-2.18, 2.36, 0.09]), (0 + 0 + 0.91) / 3, exact);
    const d = [
      [1, 0.5, -1],
      [0.2, 0.1, 0.3],
    ];
    // margins: 1 - 0.5 = 0.5 -> loss 0.5; 0.3 - 0.2 = 0.1 -> 0.9
    assertClose(hingeLoss([0, 2], d, { labels: [0, 1, 2] }), 0.7, exact);
    assert.throws(() => hingeLoss([0, 1, 2], [0.1, 0.2, 0.3]), /cannot be 1-D/);
  });
});

describe('topKAccuracyScore', () => {
  test("sklearn's docstring example and k=1 = accuracy of argmax", () => {
    const s = [
      [0.5, 0.2, 0.2],
      [0.3, 0.4, 0.2],
      [0.2, 0.4, 0.3],
      [0.7, 0.2, 0.1],
    ];
    assert.equal(topKAccuracyScore([0, 1, 2, 2], s), 0.75);
    assert.equal(topKAccuracyScore([0, 1, 2, 2], s, { normalize: false }), 3);
    assert.equal(topKAccuracyScore(yTrue, yScore, { k: 1 }), fx.expected.accuracy_score);
  });
  test('labels: a yTrue label not among them is a ValidationError', () => {
    assert.throws(
      () =>
        topKAccuracyScore(
          [0, 5],
          [
            [0.5, 0.3, 0.2],
            [0.2, 0.3, 0.5],
          ],
          { labels: [0, 1, 2] },
        ),
      (e: Error) => e instanceof ValidationError && /yTrue contains labels not in labels: \[5\]/.test(e.message),
    );
    assert.throws(
      () =>
        topKAccuracyScore(
          [0, 1, 2],
          [
            [0.5, 0.5],
            [0.5, 0.5],
            [0.5, 0.5],
          ],
        ),
      /Number of classes/,
    );
  });
});
