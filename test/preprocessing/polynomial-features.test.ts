import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { PolynomialFeatures } from '../../src/preprocessing/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('preprocessing_polynomialfeatures_5x3');

describe('PolynomialFeatures', () => {
  test('passes checkEstimator', async () => {
    await checkEstimator(() => new PolynomialFeatures());
  });

  const cases = {
    degree2: { degree: 2 },
    degree2_interaction_only: { degree: 2, interactionOnly: true },
    degree2_no_bias: { degree: 2, includeBias: false },
  } as const;
  for (const [name, options] of Object.entries(cases)) {
    test(`matches scikit-learn: ${name}`, async () => {
      const e = fx.expected[name];
      const poly = await new PolynomialFeatures(options).fit(fx.inputs.X);
      assert.deepEqual(poly.powers, e.powers_);
      assert.equal(poly.nOutputFeatures, e.n_output_features_);
      assert.deepEqual(poly.getFeatureNamesOut(), e.feature_names_out);
      assertClose(poly.transform(fx.inputs.X).toArray() as number[][], e.transform, { label: name });
    });
  }

  test('degree as [min, max] and names from a table', async () => {
    const poly = await new PolynomialFeatures({ degree: [2, 3], includeBias: false }).fit([[1, 2]]);
    assert.deepEqual(poly.getFeatureNamesOut(['a', 'b']), ['a^2', 'a b', 'b^2', 'a^3', 'a^2 b', 'a b^2', 'b^3']);
    assert.deepEqual(Array.from(poly.transform([[2, 3]]).data), [4, 6, 9, 8, 12, 18, 27]);
    await assert.rejects(() => new PolynomialFeatures({ degree: [3, 1] }).fit([[1]]), ValidationError);
    await assert.rejects(() => new PolynomialFeatures({ degree: 0, includeBias: false }).fit([[1]]), ValidationError);
  });
});
