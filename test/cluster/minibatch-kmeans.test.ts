import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { KMeans } from '../../src/cluster/kmeans.js';
import { MiniBatchKMeans } from '../../src/cluster/minibatch-kmeans.js';
import { adjustedRandScore } from '../../src/metrics/clustering/supervised.js';
import { makeBlobs } from './blobs.js';

const { X, y } = makeBlobs(
  100,
  [
    [0, 0],
    [5, 5],
    [0, 8],
  ],
  0.6,
  3,
);

describe('MiniBatchKMeans', () => {
  test('recovers well separated blobs with an inertia close to KMeans', async () => {
    const mbk = await new MiniBatchKMeans({ nClusters: 3, batchSize: 64, randomState: 0 }).fit(X);
    assert.equal(adjustedRandScore(y, mbk.labels), 1);
    const km = await new KMeans({ nClusters: 3, randomState: 0 }).fit(X);
    assert.ok(mbk.inertia <= km.inertia * 1.02, `${mbk.inertia} vs ${km.inertia}`);
    assert.ok(mbk.nSteps >= 1 && mbk.nIter >= 1);
  });

  test('partialFit learns batch by batch', async () => {
    const mbk = new MiniBatchKMeans({ nClusters: 3, randomState: 1 });
    const order = Array.from({ length: X.length }, (_, i) => (i * 7) % X.length);
    for (let b = 0; b < X.length; b += 50) await mbk.partialFit(order.slice(b, b + 50).map((i) => X[i]));
    assert.equal(mbk.nSteps, 6);
    assert.equal(adjustedRandScore(y, mbk.predict(X)), 1);
    await assert.rejects(mbk.partialFit([[1, 2, 3]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new MiniBatchKMeans({ nClusters: 3, batchSize: 10 }));
  });
});
