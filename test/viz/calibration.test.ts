// calibrationCurve against scikit-learn's calibration_curve, and its input checks.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { calibrationCurve } from '../../src/viz/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

describe('calibrationCurve', () => {
  const fx = loadSklearnFixture('viz_calibration_curve');
  for (const strategy of ['uniform', 'quantile'] as const) {
    for (const nBins of [5, 10]) {
      test(`matches sklearn: strategy ${strategy}, ${nBins} bins`, () => {
        const { probTrue, probPred } = calibrationCurve(fx.inputs.y_true, fx.inputs.y_prob, { nBins, strategy });
        const expected = fx.expected[`${strategy}_${nBins}`];
        assertClose(probTrue, expected.prob_true, { rtol: 1e-12, atol: 1e-12, label: 'probTrue' });
        assertClose(probPred, expected.prob_pred, { rtol: 1e-12, atol: 1e-12, label: 'probPred' });
      });
    }
  }

  test('a probability on an inner edge goes to the lower bin (searchsorted, side left)', () => {
    const { probPred } = calibrationCurve([0, 1, 1], [0.2, 0.2, 0.9], { nBins: 5 });
    assert.deepEqual(Array.from(probPred), [0.2, 0.9]);
  });

  test('empty bins are left out; string labels need posLabel; booleans default to true', () => {
    const r = calibrationCurve([0, 1], [0.05, 0.95], { nBins: 10 });
    assert.equal(r.probTrue.length, 2);
    assert.throws(() => calibrationCurve(['a', 'b'], [0.1, 0.9]), /pass posLabel/);
    assert.deepEqual(
      Array.from(calibrationCurve(['a', 'b'], [0.1, 0.9], { posLabel: 'b', nBins: 2 }).probTrue),
      [0, 1],
    );
    assert.deepEqual(Array.from(calibrationCurve([false, true], [0.1, 0.9], { nBins: 2 }).probTrue), [0, 1]);
  });

  test('bad input throws ValidationError naming the problem', () => {
    assert.throws(() => calibrationCurve([0, 1, 2], [0.1, 0.2, 0.3]), /only supports binary/);
    assert.throws(() => calibrationCurve([0, 1], [0.1, 1.2]), /outside \[0, 1\]: 1.2 at index 1/);
    assert.throws(() => calibrationCurve([0, 1], [0.1, Number.NaN]), ValidationError);
    assert.throws(() => calibrationCurve([0, 1], [0.1]), /yTrue has 2 values but yProb has 1/);
    assert.throws(() => calibrationCurve([0, 1], [0.1, 0.2], { nBins: 0 }), /nBins/);
    assert.throws(() => calibrationCurve([0, 1], [0.1, 0.2], { strategy: 'kmeans' as never }), /strategy/);
    assert.throws(() => calibrationCurve([], []), /at least one sample/);
  });
});
