import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import { BallTree } from '../../src/neighbors/ball-tree.js';
import { bruteKneighbors, bruteRadius } from '../../src/neighbors/brute.js';
import { KDTree } from '../../src/neighbors/kd-tree.js';
import { type NeighborsMetricName, resolveMetric } from '../../src/neighbors/metric.js';

// Small integer coordinates make exact ties (and duplicates) common.
const points = (d: number) =>
  fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 60 });

const metrics: [NeighborsMetricName, number][] = [
  ['euclidean', 2],
  ['manhattan', 1],
  ['chebyshev', 2],
  ['minkowski', 3],
];

describe('KDTree and BallTree agree with brute force', () => {
  for (const [metricName, p] of metrics) {
    test(`k nearest, ${metricName}: same indices and distances, incl. ties, duplicates and k = n`, () => {
      fc.assert(
        fc.property(
          points(3),
          points(3),
          fc.integer({ min: 1, max: 8 }),
          fc.integer({ min: 1, max: 60 }),
          (X, Q, leafSize, kRaw) => {
            const k = Math.min(kRaw, X.length);
            const metric = resolveMetric(metricName, p);
            const brute = bruteKneighbors(
              { data: Float64Array.from(X.flat()), n: X.length, d: 3 },
              { data: Float64Array.from(Q.flat()), n: Q.length, d: 3 },
              k,
              metric,
            );
            for (const Tree of [KDTree, BallTree]) {
              const tree = new Tree(X, { leafSize, metric: metricName, p });
              const { distances, indices } = tree.query(Q, { k });
              assert.deepEqual(Array.from(indices.data), Array.from(brute.ind));
              for (let t = 0; t < brute.dist.length; t++) {
                assert.ok(Math.abs(distances.data[t] - brute.dist[t]) <= 1e-12 * (1 + brute.dist[t]));
              }
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    test(`radius queries, ${metricName}: same sets as brute force`, () => {
      fc.assert(
        fc.property(points(2), points(2), fc.integer({ min: 0, max: 5 }), (X, Q, r) => {
          const metric = resolveMetric(metricName, p);
          const brute = bruteRadius(
            { data: Float64Array.from(X.flat()), n: X.length, d: 2 },
            { data: Float64Array.from(Q.flat()), n: Q.length, d: 2 },
            r,
            metric,
            false,
          );
          for (const Tree of [KDTree, BallTree]) {
            const tree = new Tree(X, { leafSize: 2, metric: metricName, p });
            const res = tree.queryRadius(Q, r, { returnDistance: true });
            assert.deepEqual(
              res.indices.map((a) => Array.from(a)),
              brute.ind.map((a) => Array.from(a)),
            );
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  // Multiples of 1/8 keep every GEMM product and sum exact, so near-ties cannot differ by rounding
  // (on general data GEMM selection, like sklearn's, cannot separate distances equal to ~1e-15 relative).
  test('brute-force euclidean (GEMM) equals direct computation on random real data', () => {
    const eighths = fc.integer({ min: -80, max: 80 }).map((v) => v / 8);
    fc.assert(
      fc.property(fc.array(fc.array(eighths, { minLength: 4, maxLength: 4 }), { minLength: 5, maxLength: 80 }), (X) => {
        const tree = new KDTree(X, { leafSize: 3 });
        const k = Math.min(5, X.length);
        const fromTree = tree.query(X, { k });
        const brute = bruteKneighbors(
          { data: Float64Array.from(X.flat()), n: X.length, d: 4 },
          { data: Float64Array.from(X.flat()), n: X.length, d: 4 },
          k,
          resolveMetric('euclidean'),
        );
        assert.deepEqual(Array.from(fromTree.distances.data), Array.from(brute.dist));
      }),
      { numRuns: 30 },
    );
  });
});

function assertDistancesClose(a: number[], b: number[]) {
  for (let t = 0; t < a.length; t++) assert.ok(Math.abs(a[t] - b[t]) <= 1e-12, `distance ${t}: ${a[t]} vs ${b[t]}`);
}

test('blocked brute force across query and training block edges equals the KD-tree', () => {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return ((state >>> 8) % 2001) / 8 - 125;
  };
  const X = Array.from({ length: 4500 }, () => [next(), next(), next()]);
  const Q = Array.from({ length: 130 }, () => [next(), next(), next()]);
  const rows = (M: number[][]) => ({ data: Float64Array.from(M.flat()), n: M.length, d: 3 });
  for (const name of ['euclidean', 'cosine'] as const) {
    const brute = bruteKneighbors(rows(X), rows(Q), 7, resolveMetric(name));
    if (name === 'euclidean') {
      const tree = new KDTree(X).query(Q, { k: 7 });
      assert.deepEqual(Array.from(tree.indices.data), Array.from(brute.ind));
    } else {
      // Cosine has no tree: compare with a full stable sort of exact cosine distances.
      const cos = (a: number[], b: number[]) =>
        1 - (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(...a) * Math.hypot(...b));
      Q.forEach((q, i) => {
        const order = X.map((_, j) => j).sort((a, b) => cos(q, X[a]) - cos(q, X[b]) || a - b);
        const expectedD = order.slice(0, 7).map((j) => cos(q, X[j]));
        assertDistancesClose(Array.from(brute.dist.slice(i * 7, i * 7 + 7)), expectedD);
      });
    }
  }
  const r1 = bruteRadius(rows(X), rows(Q), 20, resolveMetric('euclidean'), false);
  const r2 = new BallTree(X).queryRadius(Q, 20);
  assert.deepEqual(
    r1.ind.map((a) => Array.from(a)),
    r2.indices.map((a) => Array.from(a)),
  );
});

describe('tree API', () => {
  const X = [
    [0, 0],
    [1, 1],
    [2, 2],
    [5, 5],
    [1, 0],
  ];
  test('query, returnDistance false, sorted radius results', () => {
    const tree = new KDTree(X, { leafSize: 1 });
    const { distances, indices } = tree.query([[0.9, 1]], { k: 2 });
    assert.deepEqual(Array.from(indices.data), [1, 4]);
    assert.ok(Math.abs(distances.data[0] - 0.1) < 1e-15);
    assert.deepEqual(Object.keys(tree.query([[0, 0]], { k: 1, returnDistance: false })), ['indices']);
    const r = new BallTree(X).queryRadius([[0, 0]], 1.5, { returnDistance: true, sortResults: true });
    assert.deepEqual(Array.from(r.indices[0]), [0, 4, 1]);
    assert.deepEqual(Array.from(new BallTree(X).queryRadius([[0, 0]], 1.5).indices[0]), [0, 1, 4]);
  });

  test('errors: k > n, wrong width, cosine, bad leafSize', () => {
    const tree = new KDTree(X);
    assert.throws(
      () => tree.query([[0, 0]], { k: 6 }),
      (e: Error) => e instanceof ValidationError && /k = 6, n = 5/.test(e.message),
    );
    assert.throws(() => tree.query([[0, 0, 0]]), /dimension must match/);
    assert.throws(() => new BallTree(X, { metric: 'cosine' }), /cosine/);
    assert.throws(() => new KDTree(X, { leafSize: 0 }), /leafSize/);
    assert.throws(() => new KDTree([[0, Number.NaN]]), /NaN/);
  });

  test("leafSize 40 over 1000 points gives sklearn's node count", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [Math.sin(i), Math.cos(i * 1.3)]);
    // n_levels = floor(log2((1000 - 1) / 40)) + 1 = 5.
    assert.equal(new KDTree(rows).nNodes, 31);
  });
});
