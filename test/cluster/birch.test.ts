import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { Birch } from '../../src/cluster/birch.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { camelParams, sortedRows } from './partition.js';

const fx = loadSklearnFixture('cluster_birch_iris');
const X: number[][] = fx.inputs.X;
const query = X.filter((_, i) => i % 5 === 0).map((r) => r.map((v) => v + 0.05));

describe('Birch', () => {
  for (const [name, e] of Object.entries(fx.expected)) {
    if (name === 'partial') continue;
    test(`same subclusters and labels as sklearn (${name})`, async () => {
      const brc = await new Birch(camelParams(e.params)).fit(X);
      const centers = brc.subclusterCenters.toArray() as number[][];
      // When a node splits around two subclusters whose distance ties (to rounding) in both orders, sklearn's BLAS
      // rounding decides which becomes the first new node, and with it the order of the leaves: compare the set.
      assertClose(sortedRows(centers), sortedRows(e.subcluster_centers_), { rtol: 1e-12, atol: 1e-14 });
      if (name === 'default' || name === 'no_global') {
        assertClose(centers, e.subcluster_centers_, { rtol: 1e-12, atol: 1e-14, label: 'order' });
        assert.deepEqual(Array.from(brc.subclusterLabels), e.subcluster_labels_);
        const t = brc.transform(X.slice(0, 3)).toArray();
        assertClose(t as number[][], e.transform_first3, { rtol: 1e-12, atol: 1e-14 });
      }
      assert.deepEqual(Array.from(brc.labels), e.labels_);
      assert.deepEqual(Array.from(brc.predict(query)), e.predict);
    });
  }

  test('partialFit in chunks matches sklearn; partialFit() reruns the global step', async () => {
    const e = fx.expected.partial;
    const brc = new Birch(camelParams(e.params));
    for (let s = 0; s < X.length; s += e.chunks) await brc.partialFit(X.slice(s, s + e.chunks));
    assertClose(sortedRows(brc.subclusterCenters.toArray() as number[][]), sortedRows(e.subcluster_centers_), {
      rtol: 1e-12,
    });
    assert.deepEqual(Array.from(brc.labels), e.labels_);
    assert.deepEqual(Array.from(brc.predict(X)), e.predict);
    brc.setParams({ nClusters: 5 });
    await brc.partialFit();
    assert.equal(new Set(brc.subclusterLabels).size, 5);
    assert.equal(new Set(brc.predict(X)).size, 5);
    await assert.rejects(brc.partialFit([[1, 2]]), ValidationError);
  });

  test('CF-tree invariants (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 2,
          maxLength: 60,
        }),
        fc.double({ min: 0.1, max: 2, noNaN: true }),
        fc.integer({ min: 2, max: 6 }),
        async (pts, threshold, branchingFactor) => {
          const brc = await new Birch({ threshold, branchingFactor, nClusters: null }).fit(pts);
          const centers = brc.subclusterCenters.toArray() as number[][];
          // The weighted centroids average back to the data mean (every row sits in exactly one leaf subcluster).
          const labels = brc.labels;
          assert.equal(labels.length, pts.length);
          const json = JSON.parse(JSON.stringify(brc));
          const back = Birch.fromJSON(json);
          assert.deepEqual(Array.from(back.predict(pts)), Array.from(brc.predict(pts)));
          // Continuing after a save/load gives the same tree as continuing the original.
          await brc.partialFit(pts.slice(0, 3));
          await back.partialFit(pts.slice(0, 3));
          assert.deepEqual(back.subclusterCenters.toArray(), brc.subclusterCenters.toArray());
          assert.ok(centers.length >= 1);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('fewer subclusters than nClusters warns; bad input', async () => {
    const { result, warnings } = await captureWarnings(() => new Birch({ threshold: 10 }).fit(X));
    assert.ok(warnings.some((w) => /Number of subclusters found \(1\) by BIRCH is less than \(3\)/.test(w.message)));
    assert.deepEqual(Array.from(result.subclusterLabels), [0]);
    await assert.rejects(new Birch({ branchingFactor: 1 }).fit(X), ValidationError);
    await assert.rejects(new Birch({ threshold: 0 }).fit(X), ValidationError);
    assert.throws(() => result.transform([[1, 2]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new Birch());
    await checkEstimator(() => new Birch({ threshold: 0.3, branchingFactor: 3, nClusters: null }));
  });
});
