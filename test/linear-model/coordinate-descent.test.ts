import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ConvergenceWarning, captureWarnings } from '../../src/base/warnings.js';
import { ElasticNet, ElasticNetCV, Lasso, LassoCV, lassoPath } from '../../src/linear-model/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const lassoFx = loadSklearnFixture('linear_model_lasso_diabetes');
const enetFx = loadSklearnFixture('linear_model_elasticnet_diabetes');
const { X, y } = lassoFx.inputs as { X: number[][]; y: number[] };

describe('Lasso / ElasticNet', () => {
  test('pass checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new Lasso({ alpha: 0.01 }))).failed, 0);
    assert.equal((await checkEstimator(() => new ElasticNet({ alpha: 0.01 }))).failed, 0);
  });

  for (const [name, fx, make] of [
    ['Lasso', lassoFx, (o: object) => new Lasso({ alpha: 0.1, ...o })],
    ['ElasticNet', enetFx, (o: object) => new ElasticNet({ alpha: 0.1, l1Ratio: 0.5, ...o })],
  ] as const) {
    test(`${name} matches scikit-learn on diabetes, default tol (same iterations) and converged`, async () => {
      const e = fx.expected;
      const m = await make({}).fit(X, y);
      // Same cyclic coordinate descent and gap rule: far tighter than the fixture's approx tolerance.
      assertClose(m.coef, e.coef_, { rtol: 1e-6, atol: 1e-6, label: 'coef' });
      assertClose(m.intercept, e.intercept_, { rtol: 1e-9, label: 'intercept' });
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.dualGap, e.dual_gap_, { rtol: 1e-6, label: 'dualGap' });
      assert.deepEqual(
        Array.from(m.coef, (c) => c === 0),
        e.zero_pattern,
      );
      assertClose(m.predict(X.slice(0, 20)), e.predict_first20, { rtol: 1e-6, label: 'predict' });
      assertClose(m.score(X, y), e.r2, { rtol: 1e-6, label: 'r2' });
      const tight = await make({ tol: 1e-12, maxIter: 1000000 }).fit(X, y);
      assertClose(tight.coef, e.converged.coef_, { rtol: 1e-6, atol: 1e-6, label: 'converged coef' });
      assertClose(tight.intercept, e.converged.intercept_, { rtol: 1e-6, atol: 1e-6 });
    });
  }

  test('large alpha gives all-zero coefficients and the mean as intercept', async () => {
    const m = await new Lasso({ alpha: 1e6 }).fit(X, y);
    assert.ok(m.coef.every((c) => c === 0));
    assertClose(m.intercept, y.reduce((a, b) => a + b, 0) / y.length, { rtol: 1e-12 });
  });

  test('positive, random selection with a seed, warm start, sample weights', async () => {
    const pos = await new Lasso({ alpha: 0.1, positive: true }).fit(X, y);
    assert.ok(pos.coef.every((c) => c >= 0));
    const r1 = await new Lasso({ alpha: 0.1, selection: 'random', randomState: 3, tol: 1e-10 }).fit(X, y);
    const r2 = await new Lasso({ alpha: 0.1, selection: 'random', randomState: 3, tol: 1e-10 }).fit(X, y);
    assert.deepEqual(r1.coef, r2.coef);
    assertClose(r1.coef, lassoFx.expected.converged.coef_, { rtol: 1e-4, atol: 1e-3 });
    const warm = new Lasso({ alpha: 0.1, warmStart: true });
    await warm.fit(X, y);
    await warm.fit(X, y);
    assert.ok(warm.nIter <= 2);
    const Xs = [[0], [1], [2], [3]];
    const w = await new Lasso({ alpha: 0.05, tol: 1e-12 }).fit(Xs, [1, 3, 2, 7], { sampleWeight: [1, 2, 1, 3] });
    const rep = await new Lasso({ alpha: 0.05, tol: 1e-12 }).fit(
      [[0], [1], [1], [2], [3], [3], [3]],
      [1, 3, 3, 2, 7, 7, 7],
    );
    assertClose(w.coef, rep.coef, { atol: 1e-9 });
  });

  test('reports ConvergenceWarning when maxIter is hit', async () => {
    const { warnings } = await captureWarnings(() => new Lasso({ alpha: 0.001, maxIter: 2 }).fit(X, y));
    assert.ok(warnings.some((w) => w instanceof ConvergenceWarning));
  });

  test('errors: NaN, bad l1Ratio', async () => {
    await assert.rejects(new Lasso().fit([[Number.NaN], [1]], [1, 2]), ValidationError);
    await assert.rejects(new ElasticNet({ l1Ratio: 2 }).fit(X, y), /l1Ratio/);
  });
});

describe('lassoPath / LassoCV / ElasticNetCV', () => {
  // Reference values: scikit-learn 1.2.1 on load_diabetes (LassoCV(), ElasticNetCV(l1_ratio=[0.2, 0.7, 1], n_alphas=30), lasso_path on centred data).
  test('lassoPath gives sklearn alpha grid and coefficients', () => {
    const mean = X[0].map((_, j) => X.reduce((s, r) => s + r[j], 0) / X.length);
    const ym = y.reduce((a, b) => a + b, 0) / y.length;
    const p = lassoPath(
      X.map((r) => r.map((v, j) => v - mean[j])),
      y.map((v) => v - ym),
      { nAlphas: 5 },
    );
    assertClose(
      p.alphas,
      [2.148043575529498, 0.3819821662230494, 0.0679271021196514, 0.012079336708298735, 0.002148043575529498],
      { rtol: 1e-12 },
    );
    assertClose(
      Array.from(p.coefs.data).slice(20, 30),
      [
        0, -180.14254708074293, 520.2101196107146, 287.99678399396964, -82.65794146177383, 0, -218.17600880406275, 0,
        501.9617102011444, 46.01775458556749,
      ],
      { rtol: 1e-6, atol: 1e-6 },
    );
  });

  test('LassoCV matches scikit-learn (alpha, mse path, coef, n_iter)', async () => {
    const m = await new LassoCV().fit(X, y);
    assertClose(m.alpha, 0.00375376715269185, { rtol: 1e-12 });
    assert.deepEqual(m.msePath.shape, [1, 100, 5]);
    const mp = m.msePath.data;
    assertClose([mp[0], mp[5], mp[10]], [5162.95403478868, 4984.234081362913, 4789.031422417275], { rtol: 1e-9 });
    assertClose(m.coef.subarray(0, 4), [-6.49469328216359, -235.99308031687522, 521.744369295439, 321.06077680285847], {
      rtol: 1e-8,
    });
    assert.equal(m.nIter, 193);
  });

  test('ElasticNetCV searches l1 ratios like scikit-learn', async () => {
    const m = await new ElasticNetCV({ l1Ratio: [0.2, 0.7, 1], nAlphas: 30 }).fit(X, y);
    assertClose(m.alpha, 0.003458913003221379, { rtol: 1e-12 });
    assert.equal(m.l1Ratio, 1);
    assertClose(m.coef.subarray(0, 4), [-6.687722429395365, -236.39853280840458, 521.50712837097, 321.24110762887415], {
      rtol: 1e-8,
    });
    assert.deepEqual(m.msePath.shape, [3, 30, 5]);
    await assert.rejects(new LassoCV().fit(X, y, { sampleWeight: y.map(() => 1) }), /sampleWeight/);
  });

  test('pass checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new LassoCV({ cv: 2, nAlphas: 5 }))).failed, 0);
    assert.equal((await checkEstimator(() => new ElasticNetCV({ cv: 2, nAlphas: 5 }))).failed, 0);
  });
});
