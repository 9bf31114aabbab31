import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { TargetEncoder } from '../../src/preprocessing/index.js';
import { assertClose } from '../helpers/fixtures.js';

const X = [['a'], ['a'], ['b'], ['b'], ['b']];
// Integer targets are 'multiclass' to sklearn's type_of_target, so the regression tests say targetType 'continuous'.
const y = [1, 3, 10, 12, 14];
const rows = (t: { toArray(): unknown }) => t.toArray() as number[][];

describe('TargetEncoder', () => {
  test('passes checkEstimator', async () => {
    // The checks' targets are class labels 0..2 (multiclass), which sklearn 1.3 rejects; use them as continuous.
    await checkEstimator(() => new TargetEncoder({ targetType: 'continuous' }), {
      // fitTransform cross-fits on purpose (sklearn: fit_transform(X, y) != fit(X, y).transform(X)).
      skip: ['checkTransformer'],
    });
  });

  test("smooth 'auto' is the empirical-Bayes shrinkage (worked by hand)", async () => {
    // mean 8, var(y) 26; a: n=2, mean 2, within var 1 → λ=52/53; b: n=3, mean 12, within var 8/3 → λ=117/121.
    const te = await new TargetEncoder({ targetType: 'continuous' }).fit(X, y);
    assert.equal(te.targetType, 'continuous');
    assertClose(te.encodings[0], [112 / 53, 1436 / 121], { rtol: 1e-12 });
    assertClose(rows(te.transform([['a'], ['b'], ['unseen']])), [[112 / 53], [1436 / 121], [8]], { rtol: 1e-12 });
  });

  test('numeric smooth shrinks by pseudo-counts', async () => {
    const te = await new TargetEncoder({ smooth: 2, targetType: 'continuous' }).fit(X, y);
    assertClose(te.encodings[0], [(4 + 16) / 4, (36 + 16) / 5]);
  });

  test('fitTransform cross-fits: rows are encoded from the other folds', async () => {
    // cv=2, no shuffle: folds {0,1,2} and {3,4}. Fold 0 from rows 3,4 (all 'b', y 12,14): 'a' unseen → 13, 'b' → 13.
    // Fold 1 from rows 0,1,2: 'b' seen once with y=10 and no spread → λ=1 → 10.
    const te = new TargetEncoder({ cv: 2, shuffle: false, targetType: 'continuous' });
    assertClose(rows(await te.fitTransform(X, y)), [[13], [13], [13], [10], [10]], { rtol: 1e-12 });
    assertClose(rows(te.transform([['b']])), [[1436 / 121]], { rtol: 1e-12 });
  });

  test('binary targets are coded 0/1 with the larger class as 1; multiclass is refused', async () => {
    const te = await new TargetEncoder({ smooth: 0 }).fit(X, ['no', 'yes', 'yes', 'yes', 'no']);
    assert.equal(te.targetType, 'binary');
    assert.deepEqual(te.classes, ['no', 'yes']);
    assertClose(te.encodings[0], [0.5, 2 / 3]);
    await assert.rejects(() => new TargetEncoder().fit(X, [0, 1, 2, 0, 1]), ValidationError);
    const shuffled = await new TargetEncoder({ randomState: 0, cv: 2 }).fitTransform(X, ['n', 'y', 'y', 'y', 'n']);
    assert.deepEqual(shuffled.shape, [5, 1]);
  });
});
