import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { Binarizer, FunctionTransformer, Normalizer } from '../../src/preprocessing/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertClose } from '../helpers/fixtures.js';

const rows = (t: Tensor) => t.toArray() as number[][];

describe('Normalizer', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new Normalizer());
  });

  test('l2, l1, max norms; zero rows untouched; works unfitted', () => {
    assertClose(rows(new Normalizer().transform([[3, 4]])), [[0.6, 0.8]]);
    assertClose(rows(new Normalizer({ norm: 'l1' }).transform([[1, 3]])), [[0.25, 0.75]]);
    // sklearn 1.2.1: Normalizer('max').transform([[1, -4, 2], [0, 0, 0]])
    assertClose(
      rows(
        new Normalizer({ norm: 'max' }).transform([
          [1, -4, 2],
          [0, 0, 0],
        ]),
      ),
      [
        [0.25, -1, 0.5],
        [0, 0, 0],
      ],
    );
  });
});

describe('Binarizer', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new Binarizer());
  });

  test('strictly greater than the threshold is 1', () => {
    assert.deepEqual(rows(new Binarizer({ threshold: 1 }).transform([[0.5, 1, 2]])), [[0, 0, 1]]);
  });
});

describe('FunctionTransformer', () => {
  test('passes checkEstimator (identity and a function)', async () => {
    await checkEstimator(() => new FunctionTransformer({ featureNamesOut: 'one-to-one' }));
    await checkEstimator(
      () =>
        new FunctionTransformer({
          func: (X: Tensor) => X.mul(2),
          inverseFunc: (X: Tensor) => X.div(2),
          featureNamesOut: 'one-to-one',
        }),
      {
        // The saved form never holds code, so a loaded copy has no func and differs by design.
        skip: ['checkSaveLoad'],
      },
    );
  });

  test('func / inverseFunc round trip, checkInverse warning, feature names', async () => {
    const log1p = new FunctionTransformer({
      func: (X: Tensor) => X.add(1).log(),
      inverseFunc: (X: Tensor) => X.exp().sub(1),
      featureNamesOut: 'one-to-one',
    });
    const X = [
      [0, 1],
      [2, 3],
    ];
    const Z = await log1p.fitTransform(X);
    assertClose(rows(Z), [
      [0, Math.log(2)],
      [Math.log(3), Math.log(4)],
    ]);
    assertClose(rows(log1p.inverseTransform(Z)), X, { atol: 1e-12 });
    assert.deepEqual(log1p.getFeatureNamesOut(), ['x0', 'x1']);
    const bad = new FunctionTransformer({ func: (X: Tensor) => X.mul(2), inverseFunc: (X: Tensor) => X });
    const { warnings } = await captureWarnings(() => bad.fit(X));
    assert.match(warnings[0].message, /not strictly inverse/);
    assert.throws(() => new FunctionTransformer().getFeatureNamesOut(), ValidationError);
    const saved = JSON.parse(JSON.stringify(log1p.toJSON()));
    assert.equal(saved.params.func, undefined);
    assert.equal(typeof log1p.params.func, 'function');
  });
});
