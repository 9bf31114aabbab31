import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ConvergenceWarning, captureWarnings } from '../../src/base/warnings.js';
import {
  binaryLogisticLoss,
  LogisticRegression,
  LogisticRegressionCV,
  lbfgs,
  multinomialLogisticLoss,
} from '../../src/linear-model/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const irisFx = loadSklearnFixture('linear_model_logisticregression_iris');
const bcFx = loadSklearnFixture('linear_model_logisticregression_breastcancer');
const iris = irisFx.inputs as { X: number[][]; y: number[] };
const bc = (() => {
  const e = bcFx.expected;
  const X = (bcFx.inputs.X as number[][]).map((r) => r.map((v, j) => (v - e.scaler_mean_[j]) / e.scaler_scale_[j]));
  return { X, y: bcFx.inputs.y as number[] };
})();

const centred = (b: ArrayLike<number>) => {
  const mean = Array.from(b).reduce((a, c) => a + c, 0) / b.length;
  return Array.from(b, (v) => v - mean);
};

describe('LogisticRegression', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new LogisticRegression())).failed, 0);
    assert.equal((await checkEstimator(() => new LogisticRegression({ solver: 'saga', penalty: 'l1' }))).failed, 0);
  });

  for (const [name, fx, data] of [
    ['iris (multinomial)', irisFx, iris],
    ['breast cancer (binary)', bcFx, bc],
  ] as const) {
    test(`lbfgs matches scikit-learn on ${name} at the fixture tolerances`, async () => {
      const e = fx.expected;
      const m = await new LogisticRegression({ maxIter: 5000 }).fit(data.X, data.y);
      const tol = fx.tolerances;
      assert.deepEqual(m.classes, e.classes_);
      assertClose(m.coef, e.coef_, { rtol: tol.coef_.rtol, atol: tol.coef_.atol, label: 'coef' });
      assertClose(centred(m.intercept), centred(e.intercept_.flat()), {
        rtol: tol.intercept_.rtol,
        atol: tol.intercept_.atol,
      });
      assertClose(m.predictProba(data.X.slice(0, 20)).data, e.predict_proba_first20, {
        rtol: 0,
        atol: 1e-4,
        label: 'proba',
      });
      assert.deepEqual(Array.from(m.predict(data.X) as Int32Array), e.predict);
      assertClose(m.score(data.X, data.y), e.accuracy, { label: 'accuracy' });
      // The sum-form objective at our coefficients is as low as sklearn's.
      const k = m.intercept.length;
      const n = data.X[0].length;
      const w = new Float64Array(k * (n + 1));
      for (let c = 0; c < k; c++) {
        w.set(m.coef.subarray(c * n, c * n + n), c * (n + 1));
        w[c * (n + 1) + n] = m.intercept[c];
      }
      const X = new Tensor(Float64Array.from(data.X.flat()), [data.X.length, n]);
      const sw = new Float64Array(data.X.length).fill(1);
      const g = new Float64Array(w.length);
      const obj =
        k === 1
          ? binaryLogisticLoss(w, X, Float64Array.from(data.y), sw, 1, true, g)
          : multinomialLogisticLoss(w, X, Int32Array.from(data.y), k, sw, 1, true, g);
      assert.ok(obj <= e.objective * (1 + (tol.objective.rtol ?? 1e-6)), `objective ${obj} vs ${e.objective}`);
      // Driven to tight convergence, the loss reaches the reference optimum.
      const tight = lbfgs(
        (v, gr) =>
          k === 1
            ? binaryLogisticLoss(v, X, Float64Array.from(data.y), sw, 1, true, gr)
            : multinomialLogisticLoss(v, X, Int32Array.from(data.y), k, sw, 1, true, gr),
        new Float64Array(w.length),
        { gtol: 1e-9, ftol: 0, maxIter: 20000 },
      );
      const ref = e.converged.coef_.flat() as number[];
      const got: number[] = [];
      for (let c = 0; c < k; c++) got.push(...tight.x.subarray(c * (n + 1), c * (n + 1) + n));
      assertClose(got, ref, { rtol: 1e-6, atol: 1e-6, label: 'converged coef' });
      assertClose(tight.f, e.converged.objective, { rtol: 1e-9 });
    });
  }

  // Reference values: scikit-learn 1.2.1 on load_iris.
  test('one-vs-rest, balanced class weights and two-class multinomial match scikit-learn', async () => {
    const ovr = await new LogisticRegression({ multiClass: 'ovr', maxIter: 1000 }).fit(iris.X, iris.y);
    assertClose(
      ovr.coef,
      [
        -0.4450137560713, 0.8999924198718504, -2.323538269099985, -0.9734583577905868, -0.179278695371129,
        -2.128667183136776, 0.6966541718785875, -1.2748012938629196, -0.3944478709134282, -0.5133412045343414,
        2.9308752347047715, 2.417098787444051,
      ],
      { rtol: 1e-3, atol: 2e-3 },
    );
    assertClose(ovr.intercept, [6.690406512010895, 5.5861527153827675, -14.431216714891093], {
      rtol: 1e-3,
      atol: 5e-3,
    });
    assertClose(
      ovr.predictProba(iris.X.slice(0, 2)).data,
      [
        [0.896807568632095, 0.10319135917188026, 1.072196024765188e-6],
        [0.7789793890696347, 0.22101929924103533, 1.311689329887639e-6],
      ],
      { rtol: 0, atol: 1e-4 },
    );
    const bal = await new LogisticRegression({ classWeight: 'balanced', maxIter: 1000 }).fit(
      iris.X.slice(0, 120),
      iris.y.slice(0, 120),
    );
    assertClose(centred(bal.intercept), centred([9.020541598058509, 0.8870431850827825, -9.907584783141326]), {
      rtol: 1e-3,
      atol: 5e-3,
    });
    const mb = await new LogisticRegression({ multiClass: 'multinomial', maxIter: 1000 }).fit(
      iris.X.slice(0, 100),
      iris.y.slice(0, 100),
    );
    assertClose(mb.coef, [0.23043874898591757, -0.5523016620649022, 1.331021661866239, 0.5672436198399746], {
      rtol: 1e-3,
      atol: 2e-3,
    });
    assertClose(
      mb.predictProba(iris.X.slice(48, 52)).data,
      [
        [0.9897798789392136, 0.010220121060786427],
        [0.989394814685911, 0.010605185314089115],
        [0.0013019457763339297, 0.9986980542236661],
        [0.0026065803374129503, 0.9973934196625871],
      ],
      { rtol: 0, atol: 1e-4 },
    );
  });

  test('saga: l2 reaches the lbfgs optimum, l1 gives sparse coefficients like scikit-learn', async () => {
    const s = await new LogisticRegression({ solver: 'saga', maxIter: 5000, tol: 1e-8, randomState: 0 }).fit(
      bc.X,
      bc.y,
    );
    assertClose(s.coef, bcFx.expected.converged.coef_, { rtol: 1e-4, atol: 1e-4 });
    const l1 = await new LogisticRegression({
      penalty: 'l1',
      solver: 'saga',
      C: 0.5,
      maxIter: 5000,
      tol: 1e-8,
      randomState: 0,
    }).fit(iris.X.slice(50), iris.y.slice(50));
    assertClose(l1.coef, [0, 0, 3.21049370123998, 2.5024684349784843], { rtol: 1e-3, atol: 1e-3 });
    assertClose(l1.intercept, [-19.8439090185167], { rtol: 1e-3 });
    const en = await new LogisticRegression({
      penalty: 'elasticnet',
      l1Ratio: 0.5,
      solver: 'saga',
      maxIter: 500,
      randomState: 0,
    }).fit(bc.X, bc.y);
    assert.ok(en.score(bc.X, bc.y) > 0.95);
  });

  test('probabilities sum to 1; log-proba; sparse input equals dense; sample weights equal repeats', async () => {
    const m = await new LogisticRegression({ maxIter: 1000 }).fit(iris.X, iris.y);
    const p = m.predictProba(iris.X).toArray() as number[][];
    for (const row of p)
      assertClose(
        row.reduce((a, b) => a + b, 0),
        1,
        { atol: 1e-12 },
      );
    assertClose(
      m.predictLogProba(iris.X.slice(0, 3)).data,
      p.slice(0, 3).map((r) => r.map(Math.log)),
      { atol: 1e-12 },
    );
    const s = await new LogisticRegression({ maxIter: 1000 }).fit(SparseMatrix.fromDense(iris.X), iris.y);
    assertClose(s.coef, m.coef, { rtol: 1e-3, atol: 2e-3 });
    const Xs = [[0], [1], [2], [3], [1.5]];
    const w = await new LogisticRegression({ tol: 1e-10 }).fit(Xs, [0, 0, 1, 1, 1], { sampleWeight: [1, 3, 1, 2, 1] });
    const r = await new LogisticRegression({ tol: 1e-10 }).fit(
      [[0], [1], [1], [1], [2], [3], [3], [1.5]],
      [0, 0, 0, 0, 1, 1, 1, 1],
    );
    assertClose(w.coef, r.coef, { rtol: 1e-5, atol: 1e-6 });
  });

  test('string labels, ConvergenceWarning at maxIter, bad input', async () => {
    const names = ['setosa', 'versicolor', 'virginica'];
    const m = await new LogisticRegression({ maxIter: 1000 }).fit(
      iris.X,
      iris.y.map((c) => names[c]),
    );
    assert.deepEqual(m.classes, names);
    assert.deepEqual(m.predict([iris.X[0], iris.X[149]]), ['setosa', 'virginica']);
    const { warnings, result } = await captureWarnings(() =>
      new LogisticRegression({ maxIter: 3 }).fit(iris.X, iris.y),
    );
    assert.ok(warnings.some((w) => w instanceof ConvergenceWarning));
    assert.deepEqual(Array.from(result.nIter), [3]);
    await assert.rejects(new LogisticRegression().fit([[1], [2]], ['a', 'a']), /only one class: 'a'/);
    await assert.rejects(new LogisticRegression().fit([[Number.NaN], [2]], [0, 1]), ValidationError);
    await assert.rejects(new LogisticRegression({ penalty: 'l1' }).fit(iris.X, iris.y), /lbfgs supports only/);
    await assert.rejects(new LogisticRegression({ C: 0 }).fit(iris.X, iris.y), /C/);
  });
});

describe('LogisticRegressionCV', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new LogisticRegressionCV({ Cs: 3, cv: 2 }))).failed, 0);
  });

  // Reference: scikit-learn 1.2.1, LogisticRegressionCV(Cs=[0.01, 0.1, 1, 10], max_iter=1000) on iris picks C=1, accuracy 0.9733.
  test('picks the C scikit-learn picks on iris and predicts like LogisticRegression(C)', async () => {
    const m = await new LogisticRegressionCV({ Cs: [0.01, 0.1, 1, 10], maxIter: 1000 }).fit(iris.X, iris.y);
    assert.equal(m.C, 1);
    assert.deepEqual(m.scores.shape, [5, 4]);
    assertClose(m.score(iris.X, iris.y), 0.9733333333333334);
    const direct = await new LogisticRegression({ C: 1, maxIter: 1000 }).fit(iris.X, iris.y);
    assertClose(m.predictProba(iris.X).data, direct.predictProba(iris.X).data, { atol: 1e-12 });
    const grid = await new LogisticRegressionCV({ Cs: 3, cv: 3 }).fit(bc.X, bc.y);
    assertClose(grid.Cs, [1e-4, 1, 1e4], { rtol: 1e-12 });
  });
});
