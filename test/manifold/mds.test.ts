import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { isotonicFit } from '../../src/manifold/isotonic.js';
import { MDS } from '../../src/manifold/mds.js';
import { pairwiseDense } from '../../src/manifold/neighbors.js';
import { smacof } from '../../src/manifold/smacof.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('manifold_mds');
const X: number[][] = fx.inputs.X;
const n = X.length;
const rows = { data: Float64Array.from(X.flat()), n, d: X[0].length };
const D = pairwiseDense(rows, rows);
const init = Float64Array.from((fx.inputs.init as number[][]).flat());

describe('smacof', () => {
  test('metric SMACOF from a given start equals sklearn', () => {
    const r = smacof(D, n, { init });
    assertClose(r.embedding, (fx.expected.pos as number[][]).flat(), { atol: 1e-6, rtol: 1e-6, label: 'pos' });
    assertClose(r.stress, fx.expected.stress, { rtol: 1e-8 });
    assert.equal(r.nIter, fx.expected.n_iter);
  });

  test('non-metric SMACOF (raw, normalized, tied dissimilarities) equals sklearn', () => {
    const r = smacof(D, n, { init, metric: false });
    assertClose(r.embedding, (fx.expected.pos_nonmetric as number[][]).flat(), { atol: 1e-6, rtol: 1e-6 });
    assertClose(r.stress, fx.expected.stress_nonmetric, { rtol: 1e-8 });
    assert.equal(r.nIter, fx.expected.n_iter_nonmetric);
    const s = smacof(D, n, { init, metric: false, normalizedStress: true });
    assertClose(s.embedding, (fx.expected.pos_normalized as number[][]).flat(), { atol: 1e-6, rtol: 1e-6 });
    assertClose(s.stress, fx.expected.stress_normalized, { rtol: 1e-8 });
    const rounded = D.map(Math.round);
    const t = smacof(rounded, n, { init, metric: false });
    assertClose(t.embedding, (fx.expected.pos_ties as number[][]).flat(), { atol: 1e-6, rtol: 1e-6, label: 'ties' });
    assertClose(t.stress, fx.expected.stress_ties, { rtol: 1e-8 });
  });

  test('isotonic fit is monotone, pools ties, and keeps the mean', () => {
    const x = Float64Array.from([3, 1, 2, 2, 5, 4]);
    const y = Float64Array.from([1, 2, 0, 4, 3, 6]);
    const f = isotonicFit(x, y);
    // Sorted by x: (1,2) (2,{0,4}: mean 2, weight 2) (3,1) (4,6) (5,3): x ≤ 3 pools to 7/4, then 4.5, 4.5.
    assertClose(f, [1.75, 1.75, 1.75, 1.75, 4.5, 4.5], { rtol: 1e-12 });
  });

  test('rejects asymmetric input and normalized metric stress', () => {
    const A = D.slice();
    A[1] += 1;
    assert.throws(() => smacof(A, n), /symmetric/);
    assert.throws(() => smacof(D, n, { normalizedStress: true }), /Normalized stress/);
  });
});

describe('MDS', () => {
  test('stress with 4 random starts comparable to sklearn', async () => {
    const mds = await new MDS({ randomState: 0 }).fit(X);
    assert.ok(mds.stress < fx.expected.mds_stress * 1.1, `stress ${mds.stress} vs sklearn ${fx.expected.mds_stress}`);
    assert.deepEqual(mds.embedding.shape, [n, 2]);
    const iris = fx.inputs.Xiris60 as number[][];
    const Di = pairwiseDense(
      { data: Float64Array.from(iris.flat()), n: 60, d: 4 },
      { data: Float64Array.from(iris.flat()), n: 60, d: 4 },
    );
    const pre = await new MDS({ randomState: 0, dissimilarity: 'precomputed', nComponents: 3 }).fit(
      Array.from({ length: 60 }, (_, i) => Array.from(Di.subarray(i * 60, (i + 1) * 60))),
    );
    assert.ok(pre.stress < fx.expected.mds_iris_stress * 1.1, `${pre.stress} vs ${fx.expected.mds_iris_stress}`);
    assert.deepEqual(pre.embedding.shape, [60, 3]);
  });

  test('a configuration with exact euclidean distances has ~0 stress', async () => {
    const pts = Array.from({ length: 12 }, (_, i) => [Math.cos(i), Math.sin(2 * i)]);
    const mds = await new MDS({ randomState: 1, eps: 1e-9, maxIter: 3000 }).fit(pts);
    assert.ok(mds.stress < 1e-4, `stress ${mds.stress}`);
  });

  test('rejects bad input', async () => {
    await assert.rejects(new MDS({ dissimilarity: 'precomputed' }).fit(X), /must be square/);
    await assert.rejects(new MDS({ normalizedStress: true }).fit(X), /Normalized stress/);
    await assert.rejects(new MDS({ nInit: 0 }).fit(X), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new MDS({ nInit: 1, maxIter: 50 }));
  });
});
