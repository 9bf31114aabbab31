import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { AffinityPropagation } from '../../src/cluster/affinity-propagation.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';
import { camelParams } from './partition.js';

// sklearn breaks ties with numpy's random normals and typelearn with its own generator; the noise is ~1e-16
// relative, so exemplars, labels and the iteration count agree exactly unless similarities are exactly tied.
const fx = loadSklearnFixture('cluster_affinitypropagation_iris_blobs');

describe('AffinityPropagation', () => {
  for (const [name, e] of Object.entries(fx.expected)) {
    test(`same exemplars, labels and iterations as sklearn (${name})`, async () => {
      const X: number[][] = e.data === 'iris' ? fx.inputs.X : fx.inputs.Xblobs;
      const ap = await new AffinityPropagation({ randomState: 0, ...camelParams(e.params) }).fit(X);
      assert.deepEqual(Array.from(ap.clusterCentersIndices), e.cluster_centers_indices_);
      assert.deepEqual(Array.from(ap.labels), e.labels_);
      assert.equal(ap.nIter, e.n_iter_);
      assert.deepEqual(
        Array.from(ap.predict(X.filter((_, i) => i % 4 === 0).map((r) => r.map((v) => v + 0.1)))),
        e.predict,
      );
      assert.deepEqual(
        ap.clusterCenters.toArray(),
        e.cluster_centers_indices_.map((i: number) => X[i]),
      );
    });
  }

  test('precomputed similarities give the same result; exemplars label themselves (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 3,
          maxLength: 25,
        }),
        fc.integer({ min: 0, max: 100 }),
        async (pts, seed) => {
          const { result: ap } = await captureWarnings(() => new AffinityPropagation({ randomState: seed }).fit(pts));
          const S = ap.affinityMatrix.toArray() as number[][];
          const { result: pre } = await captureWarnings(() =>
            new AffinityPropagation({ randomState: seed, affinity: 'precomputed' }).fit(S),
          );
          assert.deepEqual(Array.from(pre.labels), Array.from(ap.labels));
          const centers = ap.clusterCentersIndices;
          centers.forEach((row, k) => {
            assert.equal(ap.labels[row], k);
          });
          assert.throws(() => pre.predict(S), /not supported when affinity='precomputed'/);
        },
      ),
      { numRuns: 30 },
    );
  });

  test('equal similarities; per-sample preferences; non-convergence', async () => {
    const { result: eq, warnings } = await captureWarnings(() =>
      new AffinityPropagation({ randomState: 0 }).fit([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    );
    assert.ok(warnings.some((w) => /mutually equal similarities/.test(w.message)));
    assert.deepEqual(Array.from(eq.clusterCentersIndices), [0, 1, 2]);
    const low = await captureWarnings(() =>
      new AffinityPropagation({ randomState: 0, preference: -1 }).fit([
        [1, 1],
        [1, 1],
        [1, 1],
      ]),
    );
    assert.deepEqual(Array.from(low.result.labels), [0, 0, 0]);
    const X = fx.inputs.Xblobs as number[][];
    const pref = X.map((_, i) => (i === 0 ? 0 : -1000));
    const one = await new AffinityPropagation({ randomState: 0, preference: pref }).fit(X);
    assert.deepEqual(Array.from(one.clusterCentersIndices).length, 1);
    const { warnings: w2 } = await captureWarnings(() =>
      new AffinityPropagation({ randomState: 0, maxIter: 2 }).fit(X),
    );
    assert.ok(w2.some((w) => /did not converge/.test(w.message)));
  });

  test('bad input', async () => {
    await assert.rejects(new AffinityPropagation({ damping: 1 }).fit([[0], [1]]), ValidationError);
    await assert.rejects(
      new AffinityPropagation({ affinity: 'precomputed' }).fit([
        [0, 1, 2],
        [1, 0, 2],
      ]),
      /must be a square array/,
    );
    await assert.rejects(
      new AffinityPropagation({ preference: [1, 2] }).fit([[0], [1], [2]]),
      /preference has 2 values for 3 samples/,
    );
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new AffinityPropagation());
    await checkEstimator(() => new AffinityPropagation({ damping: 0.8, preference: -20 }));
  });
});
