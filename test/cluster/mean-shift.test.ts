import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { binSeeds, estimateBandwidth, MeanShift } from '../../src/cluster/mean-shift.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { camelParams } from './partition.js';

const fx = loadSklearnFixture('cluster_meanshift_iris_blobs');

describe('estimateBandwidth', () => {
  test('matches sklearn', () => {
    assertClose(estimateBandwidth(fx.inputs.X), fx.expected.bandwidth_iris, { rtol: 1e-13 });
    assertClose(estimateBandwidth(fx.inputs.X, { quantile: 0.2 }), fx.expected.bandwidth_iris_q02, { rtol: 1e-13 });
    assertClose(estimateBandwidth(fx.inputs.Xblobs), fx.expected.bandwidth_blobs, { rtol: 1e-13 });
  });

  test('by hand, subsets, bad quantile', () => {
    // 4 rows, quantile 0.5: the 2nd nearest (itself first) of 0, 1, 2, 10 is at 1, 1, 1, 8.
    assert.equal(estimateBandwidth([[0], [1], [2], [10]], { quantile: 0.5 }), 11 / 4);
    const sub = estimateBandwidth(fx.inputs.X, { nSamples: 50, randomState: 3 });
    assert.ok(sub > 0 && Number.isFinite(sub));
    assert.throws(() => estimateBandwidth([[0], [1]], { quantile: 2 }), ValidationError);
  });
});

describe('MeanShift', () => {
  for (const [name, e] of Object.entries(fx.expected)) {
    if (typeof e !== 'object') continue;
    test(`matches sklearn (${name})`, async () => {
      const X: number[][] = e.data === 'iris' ? fx.inputs.X : fx.inputs.Xblobs;
      const ms = await new MeanShift(camelParams(e.params)).fit(X);
      assertClose(ms.clusterCenters.toArray() as number[][], e.cluster_centers_, { rtol: 1e-12, atol: 1e-14 });
      assert.deepEqual(Array.from(ms.labels), e.labels_);
      assert.equal(ms.nIter, e.n_iter_);
      const q = X.filter((_, i) => i % 5 === 0).map((r) => r.map((v) => v + 0.05));
      assert.deepEqual(Array.from(ms.predict(q)), e.predict);
    });
  }

  test('bin seeds are float32 multiples of the bin size; a failed binning falls back to the rows', async () => {
    const x = Float64Array.of(0.1, 0.2, 0.14, 0.22, 3.1, 3.0);
    const seeds = binSeeds(x, 3, 2, 0.3, 1);
    // cells (0, 1) twice and (10, 10): float32(float32(cell) * float32(0.3)).
    assert.deepEqual(Array.from(seeds), [
      0,
      Math.fround(Math.fround(0.3)),
      Math.fround(10 * Math.fround(0.3)),
      Math.fround(10 * Math.fround(0.3)),
    ]);
    const { warnings } = await captureWarnings(() => binSeeds(Float64Array.of(0, 5, 10), 3, 1, 1, 1));
    assert.ok(warnings.some((w) => /Binning data failed/.test(w.message)));
  });

  test('centres are modes: each is the mean of the rows within bandwidth (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 3,
          maxLength: 30,
        }),
        fc.double({ min: 0.5, max: 4, noNaN: true }),
        async (pts, bandwidth) => {
          const ms = await new MeanShift({ bandwidth, maxIter: 1000 }).fit(pts);
          const centers = ms.clusterCenters.toArray() as number[][];
          for (const c of centers) {
            const near = pts.filter((p) => Math.hypot(p[0] - c[0], p[1] - c[1]) <= bandwidth);
            assert.ok(near.length > 0);
            const m = [0, 1].map((f) => near.reduce((s, p) => s + p[f], 0) / near.length);
            assert.ok(Math.hypot(m[0] - c[0], m[1] - c[1]) < 1e-3 * bandwidth + 1e-12);
          }
          // Kept centres are more than a bandwidth apart.
          for (let a = 0; a < centers.length; a++) {
            for (let b = a + 1; b < centers.length; b++) {
              assert.ok(Math.hypot(centers[a][0] - centers[b][0], centers[a][1] - centers[b][1]) > bandwidth);
            }
          }
          assert.deepEqual(Array.from(ms.predict(pts)), Array.from(ms.labels));
        },
      ),
      { numRuns: 40 },
    );
  });

  test('given seeds; bad input', async () => {
    const X = [
      [0, 0],
      [0.5, 0],
      [10, 10],
      [10.5, 10],
    ];
    const ms = await new MeanShift({ bandwidth: 1, seeds: [[0, 0]] }).fit(X);
    assert.deepEqual(ms.clusterCenters.toArray(), [[0.25, 0]]);
    assert.deepEqual(Array.from(ms.labels), [0, 0, 0, 0]);
    await assert.rejects(new MeanShift({ bandwidth: 1, seeds: [[50, 50]] }).fit(X), /No point was within bandwidth/);
    await assert.rejects(new MeanShift({ bandwidth: 1, seeds: [[0, 0, 0]] }).fit(X), ValidationError);
    await assert.rejects(new MeanShift({ bandwidth: -1 }).fit(X), ValidationError);
    assert.throws(() => ms.predict([[1, 2, 3]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new MeanShift());
    await checkEstimator(() => new MeanShift({ bandwidth: 2, binSeeding: true, clusterAll: false }));
  });
});
