import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { KMeans } from '../../src/cluster/kmeans.js';
import { adjustedRandScore } from '../../src/metrics/clustering/supervised.js';
import { silhouetteScore } from '../../src/metrics/clustering/unsupervised.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('cluster_kmeans_iris');
const X: number[][] = fx.inputs.X;

describe('KMeans', () => {
  for (const algorithm of ['lloyd', 'elkan'] as const) {
    test(`matches sklearn from explicit initial centres (${algorithm})`, async () => {
      const exp = fx.expected.explicit_init;
      const km = await new KMeans({ nClusters: 3, init: fx.inputs.init, nInit: 1, algorithm }).fit(X);
      assertClose(km.clusterCenters.toArray() as number[][], exp.cluster_centers_, {
        rtol: 1e-6,
        atol: 1e-9,
        label: 'centers',
      });
      assert.deepEqual(Array.from(km.labels), exp.labels_);
      assertClose(km.inertia, exp.inertia_, { rtol: 1e-6, label: 'inertia' });
      assert.equal(km.nIter, exp.n_iter_);
      assertClose(silhouetteScore(X, km.labels), exp.silhouette_score, { rtol: 1e-9, label: 'silhouette' });
      assertClose(adjustedRandScore(fx.inputs.y, km.labels), exp.adjusted_rand_score_vs_iris_target, { rtol: 1e-9 });
    });
  }

  test('k-means++ with nInit=10 reaches sklearn optimum', async () => {
    const exp = fx.expected.random_init;
    const km = await new KMeans({ nClusters: 3, randomState: 0 }).fit(X);
    assertClose(km.inertia, exp.inertia_, { rtol: 1e-3, label: 'inertia' });
    assertClose(silhouetteScore(X, km.labels), exp.silhouette_score, { rtol: 1e-6 });
    assertClose(adjustedRandScore(fx.inputs.y, km.labels), exp.adjusted_rand_score_vs_iris_target, { rtol: 1e-6 });
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new KMeans({ nClusters: 3 }));
    await checkEstimator(() => new KMeans({ nClusters: 3, algorithm: 'elkan', init: 'random' }));
  });

  test('more clusters than samples is a clear error', async () => {
    await assert.rejects(
      new KMeans({ nClusters: 5 }).fit([[0], [1]]),
      (e: Error) => e instanceof ValidationError && /n_samples=2 should be >= n_clusters=5/.test(e.message),
    );
  });
});
