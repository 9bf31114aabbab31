import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { BisectingKMeans } from '../../src/cluster/bisecting-kmeans.js';
import { KMeans } from '../../src/cluster/kmeans.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { assertSamePartition, sortedRows } from './partition.js';

// Separated blobs and nInit 10 (both sides): every bisection reaches the same 2-means optimum, so the result does
// not depend on the random stream; only which half of a split is "left" (hence the label numbering) can differ.
const fx = loadSklearnFixture('cluster_bisectingkmeans_blobs');
const X: number[][] = fx.inputs.X;

describe('BisectingKMeans', () => {
  for (const strategy of ['biggest_inertia', 'largest_cluster'] as const) {
    for (const k of [2, 4, 6]) {
      test(`matches sklearn (${strategy}, k=${k})`, async () => {
        const e = fx.expected[`${strategy}_${k}`];
        const bk = await new BisectingKMeans({
          nClusters: k,
          bisectingStrategy: strategy,
          nInit: 10,
          randomState: 0,
        }).fit(X);
        assertSamePartition(bk.labels, e.labels_);
        assertClose(bk.inertia, e.inertia_, { rtol: 1e-10, label: 'inertia' });
        assertClose(bk.score(X), e.score, { rtol: 1e-10, label: 'score' });
        assertClose(sortedRows(bk.clusterCenters.toArray() as number[][]), sortedRows(e.cluster_centers_), {
          rtol: 1e-10,
          label: 'centres',
        });
        // Same partition of the query points through the tree, and same distances up to the column order.
        assertSamePartition(bk.predict(fx.inputs.Xq), e.predict, 'predict');
        const t = bk.transform(X.slice(0, 3)).toArray() as number[][];
        assertClose(
          sortedRows(t.map((r) => [...r].sort((a, b) => a - b))),
          sortedRows(e.transform_first3.map((r: number[]) => [...r].sort((a, b) => a - b))),
          { rtol: 1e-10 },
        );
      });
    }
  }

  test('one cluster is the mean; more clusters never raise the inertia (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
          minLength: 8,
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 1000 }),
        async (pts, seed) => {
          // A small irrational jitter keeps points off exact ties between two centres.
          const data = pts.map(([a, b], i) => [a / 4 + 1e-3 * Math.sin(i + 1), b / 4 + 1e-3 * Math.cos(i + 1)]);
          if (new Set(data.map((r) => r.join())).size < 4) return;
          const one = await new BisectingKMeans({ nClusters: 1, randomState: seed }).fit(data);
          const mean = [0, 1].map((f) => data.reduce((s, r) => s + r[f], 0) / data.length);
          assertClose((one.clusterCenters.toArray() as number[][])[0], mean, { rtol: 1e-12, atol: 1e-12 });
          let prev = one.inertia;
          for (const k of [2, 3, 4]) {
            const bk = await new BisectingKMeans({ nClusters: k, randomState: seed }).fit(data);
            assert.ok(bk.inertia <= prev + 1e-9 * (1 + prev), `k=${k}: ${bk.inertia} > ${prev}`);
            assert.equal(new Set(bk.labels).size, k);
            // Each training row is predicted into its own cluster (the tree reproduces the splits).
            assert.deepEqual(Array.from(bk.predict(data)), Array.from(bk.labels));
            prev = bk.inertia;
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('k-means++ init, elkan and sample weights', async () => {
    const a = await new BisectingKMeans({
      nClusters: 6,
      init: 'k-means++',
      algorithm: 'elkan',
      nInit: 5,
      randomState: 1,
    }).fit(X);
    const b = await new KMeans({ nClusters: 6, nInit: 10, randomState: 0 }).fit(X);
    assertClose(a.inertia, b.inertia, { rtol: 1e-9, label: 'six separated blobs: same optimum as KMeans' });
    const w = X.map((_, i) => (i % 3) + 1);
    const c = await new BisectingKMeans({ nClusters: 6, nInit: 5, randomState: 0 }).fit(X, undefined, {
      sampleWeight: w,
    });
    assert.ok(Math.abs(c.score(X, undefined, w) + c.inertia) <= 1e-9 * c.inertia);
  });

  test('bad input', async () => {
    await assert.rejects(
      new BisectingKMeans({ nClusters: 5 }).fit([[0], [1]]),
      /n_samples=2 should be >= n_clusters=5/,
    );
    await assert.rejects(new BisectingKMeans({ bisectingStrategy: 'median' as never }).fit(X), ValidationError);
    const bk = await new BisectingKMeans({ nClusters: 2, randomState: 0 }).fit(X);
    assert.throws(() => bk.predict([[1, 2, 3]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new BisectingKMeans({ nClusters: 3 }));
    await checkEstimator(
      () => new BisectingKMeans({ nClusters: 4, bisectingStrategy: 'largest_cluster', init: 'k-means++' }),
    );
  });
});
