import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { BayesianGaussianMixture } from '../../src/cluster/bayesian-gaussian-mixture.js';
import { betaln, digamma, gammaln } from '../../src/cluster/special-functions.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { makeBlobs } from './blobs.js';
import { camelParams } from './partition.js';

// sklearn's BayesianGaussianMixture started from the responsibilities inputs.resp (through its _initialize).
const fx = loadSklearnFixture('cluster_bayesiangaussianmixture_iris');
const X: number[][] = fx.inputs.X;

describe('special functions', () => {
  test('against known values', () => {
    assertClose(gammaln(0.5), Math.log(Math.sqrt(Math.PI)), { rtol: 1e-15 });
    assertClose(gammaln(10), Math.log(362880), { rtol: 1e-15 });
    assertClose(gammaln(1e-3), 6.907178885383853, { rtol: 1e-14 });
    assertClose(gammaln(171.5), 709.1431630309283, { rtol: 1e-14 });
    assertClose(digamma(1), -0.5772156649015329, { rtol: 1e-15 });
    assertClose(digamma(0.5), -1.9635100260214235, { rtol: 1e-15 });
    assertClose(digamma(7.25), 1.9104535268837362, { rtol: 1e-14 });
    assertClose(digamma(-0.5), 0.03648997397857651, { rtol: 1e-13 });
    assertClose(betaln(2.5, 3.5), Math.log(0.036815538909255395), { rtol: 1e-14 });
  });
});

describe('BayesianGaussianMixture', () => {
  for (const [name, e] of Object.entries(fx.expected)) {
    test(`same variational path as sklearn (${name})`, async () => {
      const { result: m } = await captureWarnings(() =>
        new BayesianGaussianMixture({ ...camelParams(e.params), respInit: fx.inputs.resp }).fit(X),
      );
      assertClose(m.lowerBound, e.lower_bound_, { rtol: 1e-10, label: 'lower bound' });
      assert.equal(m.nIter, e.n_iter_);
      assert.equal(m.converged, e.converged_);
      assertClose(m.weights, e.weights_, { rtol: 1e-8, atol: 1e-12, label: 'weights' });
      assertClose(m.means.toArray() as number[][], e.means_, { rtol: 1e-8, atol: 1e-10, label: 'means' });
      assertClose(m.covariances.toArray() as number[], e.covariances_, { rtol: 1e-8, atol: 1e-10, label: 'cov' });
      assertClose(m.precisionsCholesky.toArray() as number[], e.precisions_cholesky_, { rtol: 1e-8, atol: 1e-10 });
      assertClose(m.degreesOfFreedom, [e.degrees_of_freedom_].flat(), { rtol: 1e-10 });
      assertClose(m.meanPrecision, e.mean_precision_, { rtol: 1e-10 });
      assertClose(m.weightConcentration.toArray() as number[], e.weight_concentration_, { rtol: 1e-9 });
      assert.deepEqual(Array.from(m.predict(X)), e.predict);
      assertClose(m.predictProba(X.slice(0, 5)).toArray() as number[][], e.predict_proba_first5, {
        rtol: 1e-7,
        atol: 1e-12,
      });
      assertClose(m.score(X), e.score, { rtol: 1e-10 });
      assertClose(m.scoreSamples(X.slice(0, 5)), e.score_samples_first5, { rtol: 1e-10 });
    });
  }

  test('switches off superfluous components on two blobs', async () => {
    const { X: B } = makeBlobs(
      120,
      [
        [0, 0],
        [8, 8],
      ],
      0.8,
      2,
    );
    for (const type of ['full', 'diag'] as const) {
      const m = await new BayesianGaussianMixture({
        nComponents: 6,
        covarianceType: type,
        randomState: 0,
        maxIter: 500,
      }).fit(B);
      const big = Array.from(m.weights).filter((w) => w > 0.05);
      assert.equal(big.length, 2, `${type}: weights ${Array.from(m.weights)}`);
      const p = m.predictProba(B).toArray() as number[][];
      for (const row of p)
        assertClose(
          row.reduce((s, v) => s + v, 0),
          1,
          { rtol: 1e-12 },
        );
    }
  });

  test('bad input', async () => {
    await assert.rejects(new BayesianGaussianMixture({ nComponents: 5 }).fit([[0], [1], [2]]), ValidationError);
    await assert.rejects(new BayesianGaussianMixture({ degreesOfFreedomPrior: 2 }).fit(X), /should be greater than 3/);
    await assert.rejects(
      new BayesianGaussianMixture({ respInit: [[1, 0]] }).fit(X),
      /respInit must hold 150 finite numbers/,
    );
    await assert.rejects(new BayesianGaussianMixture({ meanPrior: [0, 0] }).fit(X), /meanPrior must hold 4/);
    await assert.rejects(
      new BayesianGaussianMixture({ weightConcentrationPriorType: 'beta' as never }).fit(X),
      ValidationError,
    );
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new BayesianGaussianMixture({ nComponents: 2 }));
    await checkEstimator(
      () =>
        new BayesianGaussianMixture({
          nComponents: 3,
          covarianceType: 'spherical',
          weightConcentrationPriorType: 'dirichlet_distribution',
        }),
    );
  });
});
