import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { DBSCAN } from '../../src/cluster/dbscan.js';
import { around15, OPTICS } from '../../src/cluster/optics.js';
import { clusterOpticsDbscan } from '../../src/cluster/optics-extract.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { camelParams } from './partition.js';

const fx = loadSklearnFixture('cluster_optics_iris_blobs');
const inf = (a: (number | string)[]) => a.map((v) => (v === 'inf' ? Number.POSITIVE_INFINITY : (v as number)));

/** Same infinities, finite values equal to 1e-14 relative. */
function assertSameDistances(got: Float64Array, want: number[], label: string): void {
  assert.deepEqual(
    Array.from(got, (v) => Number.isFinite(v)),
    want.map((v) => Number.isFinite(v)),
    `${label}: infinite entries`,
  );
  const fin = want.map((v, i) => [got[i], v]).filter(([, v]) => Number.isFinite(v));
  assertClose(
    fin.map(([g]) => g),
    fin.map(([, v]) => v),
    { rtol: 1e-14, atol: 0, label },
  );
}

describe('OPTICS', () => {
  for (const [name, e] of Object.entries(fx.expected)) {
    test(`same ordering, distances, predecessors and labels as sklearn (${name})`, async () => {
      const X = e.data === 'iris' ? fx.inputs.X : fx.inputs.Xblobs;
      const op = await new OPTICS(camelParams(e.params)).fit(X);
      assert.deepEqual(Array.from(op.ordering), e.ordering_);
      assert.deepEqual(Array.from(op.predecessor), e.predecessor_);
      // Both sides round to 15 decimals, so the values agree to the last bit (up to the distance kernels' rounding).
      assertSameDistances(op.coreDistances, inf(e.core_distances_), 'core distances');
      assertSameDistances(op.reachability, inf(e.reachability_), 'reachability');
      assert.deepEqual(Array.from(op.labels), e.labels_);
      if (e.cluster_hierarchy_) assert.deepEqual(op.clusterHierarchy.toArray(), e.cluster_hierarchy_);
    });
  }

  test('np.around(x, 15) with half-to-even ties', () => {
    assert.equal(around15(0.1), 0.1);
    assert.equal(around15(2.5e-15), 2e-15);
    assert.equal(around15(3.5e-15), 4e-15);
    assert.equal(around15(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    assert.equal(around15(1.2345678901234567), 1.234567890123457);
    assert.equal(around15(5e-16), 0);
    assert.equal(around15(12.345678901234567), 12.345678901234567);
  });

  test('reachability invariants (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })), {
          minLength: 5,
          maxLength: 40,
        }),
        fc.integer({ min: 2, max: 5 }),
        async (pts, minSamples) => {
          if (minSamples > pts.length) return;
          const op = await new OPTICS({ minSamples }).fit(pts);
          const ord = Array.from(op.ordering);
          assert.deepEqual(
            [...ord].sort((a, b) => a - b),
            pts.map((_, i) => i),
          );
          const reach = op.reachability;
          const core = op.coreDistances;
          const pred = op.predecessor;
          assert.equal(reach[ord[0]], Number.POSITIVE_INFINITY);
          for (let t = 1; t < ord.length; t++) {
            const i = ord[t];
            const p = pred[i];
            // With maxEps infinite everything is reachable; the predecessor was visited before and is a core point.
            assert.ok(ord.indexOf(p) < t);
            const dist = Math.hypot(pts[i][0] - pts[p][0], pts[i][1] - pts[p][1]);
            assertClose(reach[i], Math.max(dist, core[p]), { rtol: 1e-13, atol: 1e-15 });
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("the 'dbscan' extraction agrees with DBSCAN on the core points", async () => {
    const X: number[][] = fx.inputs.Xblobs;
    const op = await new OPTICS({ minSamples: 5 }).fit(X);
    for (const eps of [0.45, 0.7, 1.1]) {
      const labels = clusterOpticsDbscan(op.reachability, op.coreDistances, op.ordering, eps);
      const db = await new DBSCAN({ eps, minSamples: 5 }).fit(X);
      for (const i of db.coreSampleIndices) {
        for (const j of db.coreSampleIndices) {
          assert.equal(labels[i] === labels[j], db.labels[i] === db.labels[j], `eps ${eps}: cores ${i}, ${j}`);
        }
        assert.notEqual(labels[i], -1);
      }
    }
  });

  test('bad input and warnings', async () => {
    const X = fx.inputs.X as number[][];
    await assert.rejects(
      new OPTICS({ minSamples: 1000 }).fit(X),
      /minSamples must be no greater than the number of samples/,
    );
    await assert.rejects(
      new OPTICS({ clusterMethod: 'dbscan', eps: 2, maxEps: 1 }).fit(X),
      /Specify an epsilon smaller than 1/,
    );
    await assert.rejects(new OPTICS({ xi: 2 }).fit(X), ValidationError);
    await assert.rejects(new OPTICS({ minSamples: 1.5 }).fit(X), ValidationError);
    const { warnings } = await captureWarnings(() =>
      new OPTICS({ maxEps: 0.01, minSamples: 3 }).fit([
        [0, 0],
        [1, 1],
        [2, 2],
      ]),
    );
    assert.ok(warnings.some((w) => /All reachability values are inf/.test(w.message)));
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new OPTICS({ minSamples: 4 }));
    await checkEstimator(
      () => new OPTICS({ minSamples: 0.2, clusterMethod: 'dbscan', eps: 2, algorithm: 'ball_tree' }),
    );
  });
});
