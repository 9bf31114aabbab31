import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { DBSCAN, radiusNeighbors } from '../../src/cluster/dbscan.js';
import { radiusGraph } from '../../src/cluster/neighbor-queries.js';

// Made by test/fixtures/generated/make_hierarchy_dbscan_iris.py (scikit-learn 1.2.1).
const fx = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/generated/cluster_hierarchy_dbscan_iris.json', import.meta.url), 'utf8'),
);
const iris: number[][] = fx.inputs.X;

describe('DBSCAN neighbourhoods through KD-tree / ball tree / brute force', () => {
  for (const algorithm of ['auto', 'kd_tree', 'ball_tree', 'brute'] as const) {
    test(`same labels as sklearn on iris (${algorithm})`, async () => {
      for (const leafSize of [1, 5, 30]) {
        const db = await new DBSCAN({ eps: fx.dbscan.eps, minSamples: fx.dbscan.min_samples, algorithm, leafSize }).fit(
          iris,
        );
        assert.deepEqual(Array.from(db.labels), fx.dbscan.labels_);
        assert.deepEqual(Array.from(db.coreSampleIndices), fx.dbscan.core_sample_indices_);
      }
    });
  }

  test('every search gives the brute-force pair lists (property, points on a grid so distances tie with eps)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3 })),
          {
            minLength: 1,
            maxLength: 60,
          },
        ),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 8 }),
        (pts, r, leafSize) => {
          const x = Float64Array.from(pts.flat().map((v) => v / 2));
          const n = pts.length;
          const eps = r / 2;
          const want = radiusNeighbors(x, n, 3, eps);
          for (const algorithm of ['kd_tree', 'ball_tree', 'brute'] as const) {
            const got = radiusGraph(x, n, 3, eps, { algorithm, leafSize });
            assert.deepEqual(Array.from(got.indptr), Array.from(want.indptr), algorithm);
            assert.deepEqual(Array.from(got.indices), Array.from(want.indices), algorithm);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  test('other metrics: manhattan and chebyshev neighbourhoods', async () => {
    const X = [
      [0, 0],
      [1, 1],
      [2, 2],
      [2, 0],
      [10, 10],
    ];
    // manhattan: (0,0)-(1,1) = 2; chebyshev: 1.
    const man = await new DBSCAN({ eps: 1.5, minSamples: 2, metric: 'manhattan' }).fit(X);
    assert.deepEqual(Array.from(man.labels), [-1, -1, -1, -1, -1]);
    const cheb = await new DBSCAN({ eps: 1.5, minSamples: 2, metric: 'chebyshev', algorithm: 'ball_tree' }).fit(X);
    assert.deepEqual(Array.from(cheb.labels), [0, 0, 0, 0, -1]);
    const mink = await new DBSCAN({ eps: 1.5, minSamples: 2, metric: 'minkowski', p: 1, algorithm: 'brute' }).fit(X);
    assert.deepEqual(Array.from(mink.labels), Array.from(man.labels));
  });

  test('bad input: unknown algorithm, cosine with a tree, NaN', async () => {
    await assert.rejects(new DBSCAN({ algorithm: 'octree' as never }).fit(iris), ValidationError);
    await assert.rejects(new DBSCAN({ metric: 'cosine', algorithm: 'kd_tree' }).fit(iris), ValidationError);
    await assert.rejects(new DBSCAN({ leafSize: 0 }).fit(iris), ValidationError);
    await assert.rejects(new DBSCAN().fit([[0, Number.NaN]]), ValidationError);
    const cos = await new DBSCAN({ metric: 'cosine', eps: 0.01, minSamples: 3 }).fit([
      [1, 0],
      [2, 0],
      [3, 0.01],
      [0, 1],
    ]);
    assert.deepEqual(Array.from(cos.labels), [0, 0, 0, -1]);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new DBSCAN({ eps: 1.5, minSamples: 3, algorithm: 'ball_tree', leafSize: 4 }));
  });
});
