import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { LinearRegression, Ridge, RidgeClassifier, RidgeClassifierCV, RidgeCV } from '../../src/linear-model/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const ridgeFx = loadSklearnFixture('linear_model_ridge_diabetes');
const { X, y } = ridgeFx.inputs as { X: number[][]; y: number[] };
const irisFx = loadSklearnFixture('linear_model_logisticregression_iris');
const iris = irisFx.inputs as { X: number[][]; y: number[] };

describe('Ridge', () => {
  test('passes checkEstimator', async () => {
    const report = await checkEstimator(() => new Ridge());
    assert.equal(report.failed, 0);
  });

  test('matches scikit-learn on diabetes (alpha=1, every solver, dense and sparse)', async () => {
    const e = ridgeFx.expected;
    for (const solver of ['auto', 'cholesky', 'svd', 'lsqr', 'sparse_cg'] as const) {
      const m = await new Ridge({ solver, tol: 1e-10 }).fit(X, y);
      assertClose(m.coef, e.coef_, { rtol: 1e-6, atol: 1e-9, label: `${solver} coef` });
      assertClose(m.intercept, e.intercept_, { rtol: 1e-6, atol: 1e-9, label: `${solver} intercept` });
      assertClose(m.predict(X.slice(0, 20)), e.predict_first20, { label: `${solver} predict` });
      assertClose(m.score(X, y), e.r2, { label: `${solver} r2` });
    }
    const sparse = SparseMatrix.fromDense(X);
    for (const solver of ['auto', 'lsqr', 'sparse_cg'] as const) {
      const m = await new Ridge({ solver, tol: 1e-10 }).fit(sparse, y);
      assertClose(m.coef, e.coef_, { rtol: 1e-6, atol: 1e-9, label: `sparse ${solver} coef` });
      assertClose(m.intercept, e.intercept_, { rtol: 1e-6, atol: 1e-9, label: `sparse ${solver} intercept` });
      assertClose(m.predict(SparseMatrix.fromDense(X.slice(0, 20))), e.predict_first20, { label: 'sparse predict' });
    }
    assert.equal((await new Ridge().fit(sparse, y)).solverUsed, 'sparse_cg');
  });

  test('alpha → 0 approaches ordinary least squares; large alpha shrinks to zero', async () => {
    const ols = await new LinearRegression().fit(X, y);
    const tiny = await new Ridge({ alpha: 1e-10 }).fit(X, y);
    assertClose(tiny.coef, ols.coef, { rtol: 1e-5, atol: 1e-5, label: 'coef' });
    const huge = await new Ridge({ alpha: 1e12 }).fit(X, y);
    assert.ok(huge.coef.every((c) => Math.abs(c) < 1e-6));
  });

  test('more features than samples uses the kernel form and agrees with svd', async () => {
    const Xw = X.slice(0, 6);
    const yw = y.slice(0, 6);
    const a = await new Ridge({ solver: 'cholesky', alpha: 0.5 }).fit(Xw, yw);
    const b = await new Ridge({ solver: 'svd', alpha: 0.5 }).fit(Xw, yw);
    assertClose(a.coef, b.coef, { rtol: 1e-8, atol: 1e-9 });
  });

  test('2-D y with one alpha per target equals separate fits', async () => {
    const Y = y.map((v, i) => [v, X[i][0] * 10 - v]);
    const multi = await new Ridge({ alpha: [1, 3] }).fit(X, Y);
    assert.equal(multi.nTargets, 2);
    const first = await new Ridge({ alpha: 1 }).fit(X, y);
    const second = await new Ridge({ alpha: 3 }).fit(
      X,
      Y.map((r) => r[1]),
    );
    assertClose(multi.coef.subarray(0, 10), first.coef, { rtol: 1e-10, atol: 1e-10 });
    assertClose(multi.coef.subarray(10), second.coef, { rtol: 1e-10, atol: 1e-10 });
    assertClose(multi.intercepts, [first.intercept, second.intercept], { rtol: 1e-10 });
    assert.equal(multi.predict(X.slice(0, 3)).length, 6);
    assert.ok(multi.score(X, Y) > 0.3);
    assert.throws(() => multi.intercept, /intercepts/);
    await assert.rejects(new Ridge({ alpha: [1, 2, 3] }).fit(X, Y), /number of penalties/);
  });

  test('sample weights equal repeated rows; positive gives non-negative optimal coefficients', async () => {
    const Xs = [[0], [1], [2], [3]];
    const weighted = await new Ridge({ alpha: 0.3 }).fit(Xs, [1, 3, 2, 7], { sampleWeight: [1, 2, 1, 3] });
    const repeated = await new Ridge({ alpha: 0.3 }).fit([[0], [1], [1], [2], [3], [3], [3]], [1, 3, 3, 2, 7, 7, 7]);
    assertClose(weighted.coef, repeated.coef, { atol: 1e-12 });
    assertClose(weighted.intercept, repeated.intercept, { atol: 1e-12 });
    const pos = await new Ridge({ positive: true }).fit(X, y);
    assert.ok(pos.coef.every((c) => c >= 0));
    assert.ok(pos.coef.some((c) => c > 0));
    await assert.rejects(new Ridge({ positive: true, solver: 'svd' }).fit(X, y), /positive/);
  });

  test('errors: NaN input, svd on sparse, not fitted, bad alpha', async () => {
    await assert.rejects(new Ridge().fit([[1], [Number.NaN]], [1, 2]), ValidationError);
    await assert.rejects(new Ridge({ solver: 'svd' }).fit(SparseMatrix.fromDense(X), y), /sparse/);
    assert.throws(() => new Ridge().coef, NotFittedError);
    await assert.rejects(new Ridge({ alpha: -1 }).fit(X, y), /alpha/);
  });
});

describe('RidgeCV', () => {
  // Reference values: scikit-learn 1.2.1, RidgeCV(alphas=[0.001, 0.01, 0.1, 1, 10]) on load_diabetes.
  const alphas = [0.001, 0.01, 0.1, 1, 10];

  test('passes checkEstimator', async () => {
    const report = await checkEstimator(() => new RidgeCV());
    assert.equal(report.failed, 0);
  });

  test('leave-one-out matches scikit-learn (svd and eigen modes, weights, wide data, k-fold)', async () => {
    for (const gcvMode of ['svd', 'eigen'] as const) {
      const m = await new RidgeCV({ alphas, gcvMode }).fit(X, y);
      assert.equal(m.alpha, 0.01);
      assertClose(m.bestScore, -3000.392447397968, { rtol: 1e-9 });
      assertClose(m.coef.subarray(0, 3), [-7.197534480547716, -234.54976418976463, 520.5886009823199], { rtol: 1e-8 });
      assertClose(m.intercept, 152.133484162896, { rtol: 1e-12 });
    }
    const sw = y.map((_, i) => ((i + 1) % 5) + 0.5);
    const w = await new RidgeCV({ alphas }).fit(X, y, { sampleWeight: sw });
    assert.equal(w.alpha, 0.1);
    assertClose(w.bestScore, -7366.404308273892, { rtol: 1e-9 });
    assertClose(w.coef.subarray(0, 3), [-34.40179544980991, -243.49094077911803, 482.4833493855015], { rtol: 1e-8 });
    assertClose(w.intercept, 152.62689668901447, { rtol: 1e-12 });
    const wide = await new RidgeCV({ alphas }).fit(X.slice(0, 8), y.slice(0, 8));
    assert.equal(wide.alpha, 0.001);
    assertClose(wide.bestScore, -1789.2056422948763, { rtol: 1e-9 });
    assertClose(wide.coef.subarray(0, 3), [-120.93728462047719, -145.20490413181437, -192.95138703597087], {
      rtol: 1e-8,
    });
    const kfold = await new RidgeCV({ alphas, cv: 5 }).fit(X, y);
    assert.equal(kfold.alpha, 0.001);
    assertClose(kfold.bestScore, 0.48230777485180026, { rtol: 1e-9 });
  });

  test('alphaPerTarget picks each target its own alpha', async () => {
    const Y = y.map((v, i) => [v, X[i][2] * 100 + Math.sin(i) * 0.01]);
    const m = await new RidgeCV({ alphas, alphaPerTarget: true }).fit(X, Y);
    assert.equal(m.targetAlphas.length, 2);
    assert.equal(m.targetAlphas[1], 0.001);
    await assert.rejects(new RidgeCV({ alphas: [0, 1] }).fit(X, y), /alphas/);
  });
});

describe('RidgeClassifier / RidgeClassifierCV', () => {
  // Reference values: scikit-learn 1.2.1 on load_iris.
  test('pass checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new RidgeClassifier())).failed, 0);
    assert.equal((await checkEstimator(() => new RidgeClassifierCV())).failed, 0);
  });

  test('match scikit-learn on iris (multiclass, balanced class weights, binary, CV)', async () => {
    const m = await new RidgeClassifier({ alpha: 1 }).fit(iris.X, iris.y);
    assertClose(
      m.coef.subarray(0, 5),
      [0.12726862685332394, 0.47083648636124836, -0.4453661654462578, -0.12120317405244915, -0.02760743659095599],
      { rtol: 1e-8 },
    );
    assertClose(m.intercept, [-0.6974613707207713, 2.113221102090371, -2.415759731369619], { rtol: 1e-8 });
    assertClose(m.score(iris.X, iris.y), 0.8533333333333334);
    const b = await new RidgeClassifier({ classWeight: 'balanced' }).fit(iris.X.slice(0, 120), iris.y.slice(0, 120));
    assertClose(b.intercept, [-0.7097627673873846, 1.618099629374709, -1.9083368619873275], { rtol: 1e-8 });
    const bin = await new RidgeClassifier().fit(iris.X.slice(0, 100), iris.y.slice(0, 100));
    assertClose(bin.coef, [-0.05662071836016841, -0.3150327588721776, 0.47552125650654964, 0.3991185104267998], {
      rtol: 1e-8,
    });
    assertClose(bin.intercept, [-0.3881149941673433], { rtol: 1e-8 });
    assert.deepEqual(bin.decisionFunction(iris.X.slice(0, 2)).shape, [2]);
    const cv = await new RidgeClassifierCV({ alphas: [0.01, 0.1, 1, 10] }).fit(iris.X, iris.y);
    assert.equal(cv.alpha, 1);
    assertClose(cv.bestScore, -0.381558272417139, { rtol: 1e-9 });
  });

  test('string labels, sparse input, single class is an error', async () => {
    const names = ['setosa', 'versicolor', 'virginica'];
    const ys = iris.y.map((c) => names[c]);
    const m = await new RidgeClassifier().fit(iris.X, ys);
    assert.deepEqual(m.classes, names);
    const pred = m.predict(iris.X.slice(0, 3));
    assert.deepEqual(pred, ['setosa', 'setosa', 'setosa']);
    const s = await new RidgeClassifier({ solver: 'sparse_cg', tol: 1e-12 }).fit(
      SparseMatrix.fromDense(iris.X),
      iris.y,
    );
    assertClose(s.coef, m.coef, { rtol: 1e-6, atol: 1e-8 });
    await assert.rejects(new RidgeClassifier().fit([[1], [2]], [3, 3]), /only one class: 3/);
    const copy = RidgeClassifier.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assert.deepEqual(copy.predict(new Tensor(Float64Array.from(iris.X.flat()), [150, 4])), m.predict(iris.X));
  });
});
