import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { GaussianMixture } from '../../src/cluster/gaussian-mixture.js';
import type { CovarianceType } from '../../src/cluster/gmm-math.js';
import { assertClose } from '../helpers/fixtures.js';
import { makeBlobs } from './blobs.js';

// Made by test/fixtures/generated/make_gmm_iris.py (scikit-learn 1.2.1); see its docstring.
const fx = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/generated/cluster_gaussianmixture_iris.json', import.meta.url), 'utf8'),
);
const X: number[][] = fx.inputs.X;

describe('GaussianMixture', () => {
  for (const type of ['full', 'tied', 'diag', 'spherical'] as CovarianceType[]) {
    test(`same EM path as sklearn from the same initial parameters (${type})`, async () => {
      const c = fx.cases[type];
      const gm = await new GaussianMixture({
        nComponents: 3,
        covarianceType: type,
        weightsInit: c.weights_init,
        meansInit: c.means_init,
        precisionsInit: c.precisions_init,
        tol: c.tol,
        maxIter: c.max_iter,
      }).fit(X);
      assert.ok(Math.abs(gm.lowerBound - c.lower_bound_) < 1e-4, `${gm.lowerBound} vs ${c.lower_bound_}`);
      assertClose(gm.lowerBound, c.lower_bound_, { rtol: 1e-8, label: 'lower bound' });
      assert.equal(gm.nIter, c.n_iter_);
      assert.equal(gm.converged, c.converged_);
      assertClose(gm.weights, c.weights_, { rtol: 1e-6, atol: 1e-9, label: 'weights' });
      assertClose(gm.means.toArray() as number[][], c.means_, { rtol: 1e-6, atol: 1e-9, label: 'means' });
      assertClose(gm.covariances.toArray() as number[], c.covariances_, { rtol: 1e-6, atol: 1e-9, label: 'cov' });
      assertClose(gm.score(X), c.score, { rtol: 1e-8, label: 'score' });
      assertClose(gm.scoreSamples(X.slice(0, 10)), c.score_samples_first10, { rtol: 1e-8 });
      assertClose(gm.bic(X), c.bic, { rtol: 1e-8, label: 'bic' });
      assertClose(gm.aic(X), c.aic, { rtol: 1e-8, label: 'aic' });
      assert.deepEqual(Array.from(gm.predict(X)), c.predict);
    });
  }

  test('kmeans init separates blobs; probabilities sum to 1; sample follows the model', async () => {
    const { X: B } = makeBlobs(
      150,
      [
        [0, 0],
        [6, 6],
      ],
      0.7,
      5,
    );
    const gm = await new GaussianMixture({ nComponents: 2, randomState: 0 }).fit(B);
    const P = gm.predictProba(B).toArray() as number[][];
    for (const row of P) assert.ok(Math.abs(row[0] + row[1] - 1) < 1e-12);
    const { X: S, y } = gm.sample(4000);
    const means = gm.means.toArray() as number[][];
    for (let c = 0; c < 2; c++) {
      const rows = (S.toArray() as number[][]).filter((_, i) => y[i] === c);
      const m0 = rows.reduce((s, r) => s + r[0], 0) / rows.length;
      assert.ok(Math.abs(m0 - means[c][0]) < 0.1, `sample mean ${m0} vs ${means[c][0]}`);
    }
    for (const type of ['tied', 'diag', 'spherical'] as CovarianceType[]) {
      const g = await new GaussianMixture({
        nComponents: 2,
        covarianceType: type,
        initParams: 'random',
        randomState: 1,
      }).fit(B);
      assert.ok(g.converged);
    }
  });

  test('more components than samples is a clear error', async () => {
    await assert.rejects(new GaussianMixture({ nComponents: 4 }).fit([[0], [1], [2]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new GaussianMixture({ nComponents: 2 }));
    await checkEstimator(
      () => new GaussianMixture({ nComponents: 2, covarianceType: 'diag', initParams: 'k-means++' }),
    );
  });
});
