import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { TruncatedSVD } from '../../src/decomposition/truncated-svd.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_truncatedsvd_digits');
const X: number[][] = fx.inputs.X;
const e = fx.expected;

function check(svd: TruncatedSVD, rtol = 1e-6) {
  assertClose(svd.components.toArray() as number[][], e.components_, { rtol, atol: 1e-9, label: 'components' });
  assertClose(svd.singularValues, e.singular_values_, { rtol, label: 'sv' });
  assertClose(svd.explainedVariance, e.explained_variance_, { rtol, label: 'ev' });
  assertClose(svd.explainedVarianceRatio, e.explained_variance_ratio_, { rtol, label: 'ratio' });
  assertClose(svd.transform(X.slice(0, 20)).toArray() as number[][], e.transform_first20, { rtol, atol: 1e-7 });
}

describe('TruncatedSVD', () => {
  test("matches sklearn's arpack result on digits (dense)", async () => {
    check(await new TruncatedSVD({ nComponents: 2, algorithm: 'arpack', randomState: 0 }).fit(X));
  });

  test('same on sparse input, both solvers', async () => {
    const S = SparseMatrix.fromDense(X);
    check(await new TruncatedSVD({ nComponents: 2, algorithm: 'arpack' }).fit(S));
    check(await new TruncatedSVD({ nComponents: 2, randomState: 0, nIter: 20 }).fit(S), 1e-6);
  });

  test('randomized solver converges to the exact leading triplets', async () => {
    check(await new TruncatedSVD({ nComponents: 2, randomState: 0, nIter: 20 }).fit(X), 1e-6);
  });

  test('too many components is a clear error', async () => {
    await assert.rejects(new TruncatedSVD({ nComponents: 65 }).fit(X), ValidationError);
    await assert.rejects(new TruncatedSVD({ nComponents: 64, algorithm: 'arpack' }).fit(X), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new TruncatedSVD({ nComponents: 2 }));
  });
});
