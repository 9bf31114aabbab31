/**
 * HDBSCAN follows scikit-learn 1.3, which is not installed here (1.2.1 has no
 * HDBSCAN), so there is no fixture. Instead:
 * - small one-dimensional cases whose condensed tree, stabilities and
 *   probabilities are worked out by hand (minSamples 1: the core distance is 0
 *   and the mutual reachability is the plain distance);
 * - the DBSCAN relation: with the same minSamples, HDBSCAN's DBSCAN* cut at
 *   eps splits the core points of DBSCAN(eps) exactly as DBSCAN does (a core
 *   point has core distance <= eps, two cores within eps have mutual
 *   reachability <= eps), and every non-core point is alone; checked on fixed
 *   data and as a fast-check property;
 * - invariants (labels in range, noise has probability 0, members in (0, 1]),
 *   the eom / leaf / epsilon selections on a nested structure, and bad input.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { DBSCAN } from '../../src/cluster/dbscan.js';
import { HDBSCAN } from '../../src/cluster/hdbscan.js';
import { computeStability, condenseTree, singleLinkage } from '../../src/cluster/hdbscan-tree.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { makeBlobs } from './blobs.js';
import { assertSamePartition } from './partition.js';

const col = (v: number[]) => v.map((x) => [x]);

/** Asserts that labels restricted to DBSCAN's core points give DBSCAN's partition, and non-core points are alone. */
async function checkDbscanRelation(X: number[][], eps: number, minSamples: number): Promise<void> {
  const db = await new DBSCAN({ eps, minSamples }).fit(X);
  const hdb = await new HDBSCAN({ minClusterSize: 2, minSamples }).fit(X);
  const cut = hdb.dbscanClustering(eps, 1);
  const core = new Set(db.coreSampleIndices);
  const coreIdx = [...core];
  assertSamePartition(
    coreIdx.map((i) => cut[i]),
    coreIdx.map((i) => db.labels[i]),
    `cores at eps ${eps}`,
  );
  for (let i = 0; i < X.length; i++) {
    if (core.has(i)) continue;
    assert.equal(
      cut.filter((l) => l === cut[i]).length,
      1,
      `non-core point ${i} should be a singleton of the cut at eps ${eps}`,
    );
  }
  // With minClusterSize 2 the singletons become noise, which is exactly DBSCAN* (DBSCAN without border points).
  const star = hdb.dbscanClustering(eps, 2);
  for (let i = 0; i < X.length; i++) {
    const coresAlike = coreIdx.filter((j) => db.labels[j] === db.labels[i]).length;
    assert.equal(star[i] === -1, !core.has(i) || coresAlike < 2, `DBSCAN* noise at ${i}`);
  }
}

describe('HDBSCAN', () => {
  test('hand-checked condensed tree, stabilities, labels and probabilities', async () => {
    // A = {0, 1, 2, 3, 5}, B = {20, ..., 24}; minSamples 1, minClusterSize 3.
    const X = col([0, 1, 2, 3, 5, 20, 21, 22, 23, 24]);
    const hdb = await new HDBSCAN({ minClusterSize: 3, minSamples: 1 }).fit(X);
    assert.deepEqual(Array.from(hdb.labels), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    // Point 5 leaves A at distance 2 (lambda 1/2); the rest at distance 1; A's largest lambda is 1.
    assertClose(hdb.probabilities, [1, 1, 1, 1, 0.5, 1, 1, 1, 1, 1], { rtol: 1e-15 });
    // The tree: root 10 splits at distance 15 (5 -> 20) into A = 11 and B = 12.
    const tree = hdb.singleLinkageTree.toArray() as number[][];
    assert.deepEqual(
      tree.map((r) => r[2]),
      [1, 1, 1, 1, 1, 1, 1, 2, 15],
    );
    assert.deepEqual(tree[8].slice(2), [15, 10]);
    const mst = {
      from: Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7, 8),
      to: Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
      weight: Float64Array.of(1, 1, 1, 2, 15, 1, 1, 1, 1),
    };
    const ct = condenseTree(singleLinkage(mst), 3);
    const { root, stability } = computeStability(ct);
    assert.equal(root, 10);
    // stability(A) = 4 (1 - 1/15) + (1/2 - 1/15); stability(B) = 5 (1 - 1/15); root = 10 / 15.
    assertClose(Array.from(stability), [10 / 15, 4 * (1 - 1 / 15) + (1 / 2 - 1 / 15), 5 * (1 - 1 / 15)], {
      rtol: 1e-14,
    });
  });

  test('eom keeps a parent more stable than its children; leaf takes the children; epsilon merges them back', async () => {
    // P = {0, 1, 2} + {3.5, 4.5, 5.5} (inner gap 1.5), Q = {100, ..., 105} far away; minSamples 1, minClusterSize 3.
    // Children of P are born at lambda 1/1.5 and die at 1: stability 3 (1 - 2/3) = 1 each, 2 in all;
    // P is born at 1/94.5 and its points leave at lambda 2/3: 6 (2/3 - 1/94.5) ≈ 3.94 > 2, so eom keeps P.
    const X = col([0, 1, 2, 3.5, 4.5, 5.5, 100, 101, 102, 103, 104, 105]);
    const eom = await new HDBSCAN({ minClusterSize: 3, minSamples: 1 }).fit(X);
    assert.deepEqual(Array.from(eom.labels), [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    const leaf = await new HDBSCAN({ minClusterSize: 3, minSamples: 1, clusterSelectionMethod: 'leaf' }).fit(X);
    // Labels follow the condensed-tree ids: root 12, P 13, Q 14, then P's children 15 and 16.
    assert.deepEqual(Array.from(leaf.labels), [1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
    // With a gap of 2 the children win (3 (1 - 1/2) = 1.5 each, 3 > 6 (1/2 - 1/95) ≈ 2.94) ...
    const Y = col([0, 1, 2, 4, 5, 6, 100, 101, 102, 103, 104, 105]);
    const kids = await new HDBSCAN({ minClusterSize: 3, minSamples: 1 }).fit(Y);
    assert.deepEqual(Array.from(kids.labels), [1, 1, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
    // ... unless clusterSelectionEpsilon (3) exceeds the distance (2) at which they split: then their parent.
    const merged = await new HDBSCAN({ minClusterSize: 3, minSamples: 1, clusterSelectionEpsilon: 3 }).fit(Y);
    assert.deepEqual(Array.from(merged.labels), [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    // maxClusterSize 5 forbids keeping P (6 points) in eom.
    const capped = await new HDBSCAN({ minClusterSize: 3, minSamples: 1, maxClusterSize: 5 }).fit(X);
    // (Q has 6 points too, so it becomes noise.)
    assert.deepEqual(Array.from(capped.labels), [0, 0, 0, 1, 1, 1, -1, -1, -1, -1, -1, -1]);
  });

  test('outliers are noise; allowSingleCluster returns one cluster', async () => {
    const X = col([0, 0.5, 1, 1.5, 2, 2.5, 3, 50]);
    const h = await new HDBSCAN({ minClusterSize: 3, minSamples: 2 }).fit(X);
    // Without allowSingleCluster the root is never selected: one blob plus an outlier is either split or noise.
    assert.equal(h.labels[7], -1);
    const single = await new HDBSCAN({ minClusterSize: 3, minSamples: 2, allowSingleCluster: true }).fit(
      col([0, 0.5, 1, 1.5, 2, 2.5, 3]),
    );
    assert.deepEqual(Array.from(single.labels), [0, 0, 0, 0, 0, 0, 0]);
  });

  test('DBSCAN relation on blobs and iris', async () => {
    const { X } = makeBlobs(
      30,
      [
        [0, 0],
        [4, 4],
        [0, 5],
      ],
      0.8,
      3,
    );
    for (const eps of [0.35, 0.6, 0.9]) await checkDbscanRelation(X, eps, 4);
    const iris = loadSklearnFixture('cluster_optics_iris_blobs').inputs.X as number[][];
    // iris has duplicate rows and distances on a 0.1 grid: take eps off the grid.
    for (const eps of [0.33, 0.52, 0.81]) await checkDbscanRelation(iris, eps, 5);
  });

  test('DBSCAN relation (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 6,
          maxLength: 40,
        }),
        fc.integer({ min: 2, max: 5 }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        async (pts, minSamples, eps) => {
          if (minSamples > pts.length) return;
          await checkDbscanRelation(pts, eps, minSamples);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('invariants: labels, probabilities, centres (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 })), {
          minLength: 10,
          maxLength: 40,
        }),
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom<'eom' | 'leaf'>('eom', 'leaf'),
        async (grid, mcs, method) => {
          // A grid: duplicates (distance 0, lambda infinite) and ties happen on purpose.
          const pts = grid.map(([a, b]) => [a / 4, b / 4]);
          const h = await new HDBSCAN({
            minClusterSize: mcs,
            clusterSelectionMethod: method,
            storeCenters: 'both',
          }).fit(pts);
          const labels = h.labels;
          const prob = h.probabilities;
          const k = Math.max(-1, ...labels) + 1;
          for (let c = 0; c < k; c++) assert.ok(labels.includes(c), `label ${c} unused`);
          for (let i = 0; i < pts.length; i++) {
            // A member's probability is its lambda over its cluster's largest (0 when that one is infinite, as sklearn).
            if (labels[i] === -1) assert.equal(prob[i], 0);
            else assert.ok(prob[i] >= 0 && prob[i] <= 1, `probability ${prob[i]}`);
          }
          assert.equal(h.centroids.shape[0], k);
          const med = h.medoids.toArray() as number[][];
          med.forEach((m, c) => {
            assert.ok(pts.some((p, i) => labels[i] === c && p[0] === m[0] && p[1] === m[1]));
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  test('search methods agree', async () => {
    const { X } = makeBlobs(
      25,
      [
        [0, 0],
        [5, 5],
      ],
      1,
      9,
    );
    const base = await new HDBSCAN().fit(X);
    for (const algorithm of ['brute', 'kd_tree', 'ball_tree'] as const) {
      const h = await new HDBSCAN({ algorithm, leafSize: 5 }).fit(X);
      assert.deepEqual(Array.from(h.labels), Array.from(base.labels));
      assertClose(h.probabilities, base.probabilities, { rtol: 1e-14 });
    }
    // alpha scales every distance (and core distance): same labels.
    const scaled = await new HDBSCAN({ alpha: 2 }).fit(X);
    assert.deepEqual(Array.from(scaled.labels), Array.from(base.labels));
  });

  test('bad input', async () => {
    await assert.rejects(new HDBSCAN().fit([[1, 2]]), /requires more than one sample/);
    await assert.rejects(new HDBSCAN({ minSamples: 10 }).fit(col([1, 2, 3])), /min_samples \(10\) must be at most/);
    await assert.rejects(new HDBSCAN({ minClusterSize: 1 }).fit(col([1, 2, 3])), ValidationError);
    await assert.rejects(
      new HDBSCAN({ clusterSelectionMethod: 'stable' as never }).fit(col([1, 2, 3])),
      ValidationError,
    );
    await assert.rejects(new HDBSCAN().fit([[1], [Number.NaN], [2]]), ValidationError);
    const h = await new HDBSCAN({ minClusterSize: 2 }).fit(col([1, 2, 3, 10, 11, 12]));
    assert.throws(() => h.centroids, NotFittedError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new HDBSCAN());
    await checkEstimator(
      () => new HDBSCAN({ minClusterSize: 3, clusterSelectionMethod: 'leaf', storeCenters: 'both' }),
    );
  });
});
