import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { ConvergenceWarning, captureWarnings } from '../../src/base/warnings.js';
import type { SvmClassWeight } from '../../src/svm/index.js';
import { NuSVC, SVC } from '../../src/svm/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

// Same SMO path as libsvm (WSS3 ties, shrinking order, float32 kernel cache), so
// the numbers agree to rounding, far inside the fixtures' tolerances.
const TIGHT = { rtol: 1e-6, atol: 1e-6 };

const bc = loadSklearnFixture('svm_svc_breastcancer');
const bcX = (bc.inputs.X as number[][]).map((row) =>
  row.map((v, j) => (v - bc.expected.scaler_mean_[j]) / bc.expected.scaler_scale_[j]),
);
const bcY = bc.inputs.y as number[];

const iris = loadSklearnFixture('svm_svc_iris');
const X = iris.inputs.X as number[][];
const y = iris.inputs.y as number[];

function toKwargs(kw: Record<string, unknown>): Record<string, unknown> {
  const names: Record<string, string> = {
    decision_function_shape: 'decisionFunctionShape',
    class_weight: 'classWeight',
    random_state: 'randomState',
  };
  return Object.fromEntries(Object.entries(kw).map(([k, v]) => [names[k] ?? k, v]));
}

describe('SVC', () => {
  test('passes checkEstimator (default and with probabilities)', async () => {
    assert.equal((await checkEstimator(() => new SVC())).failed, 0);
    assert.equal((await checkEstimator(() => new NuSVC({ nu: 0.3 }))).failed, 0);
    assert.equal((await checkEstimator(() => new SVC({ kernel: 'linear', C: 0.5 }))).failed, 0);
    // libsvm's predict votes on decision values while predictProba couples Platt
    // probabilities, so their argmax may disagree near the boundary (as in sklearn).
    const r = await checkEstimator(() => new SVC({ probability: true }), { skip: ['checkPredictProba'] });
    assert.equal(r.failed, 0);
  });

  test('matches scikit-learn on breast cancer (default tol and tol=1e-10)', async () => {
    for (const [tol, e] of [
      [1e-3, bc.expected],
      [1e-10, bc.expected.tight_tol],
    ] as const) {
      const m = await new SVC({ tol }).fit(bcX, bcY);
      assertClose(m.gammaValue, bc.expected.gamma_value, { rtol: 1e-12, label: 'gamma' });
      assert.deepEqual(Array.from(m.nSupport), e.n_support_);
      assert.deepEqual(Array.from(m.support), e.support_);
      assertClose(m.dualCoef.data, e.dual_coef_, { ...TIGHT, label: 'dualCoef' });
      assertClose(m.intercept, e.intercept_, { ...TIGHT, label: 'intercept' });
      assertClose(m.decisionFunction(bcX.slice(0, 20)).data, e.decision_function_first20, TIGHT);
      assert.deepEqual(Array.from(m.predict(bcX) as ArrayLike<number>), e.predict);
      assertClose(m.score(bcX, bcY), e.accuracy, { rtol: 1e-12 });
    }
  });

  for (const name of ['rbf', 'poly', 'linear', 'sigmoid', 'rbf_ovo_balanced', 'rbf_sample_weight', 'nusvc']) {
    test(`matches scikit-learn on iris: ${name}`, async () => {
      const e = iris.expected[name];
      const opts = toKwargs(e.kwargs);
      const m = name === 'nusvc' ? new NuSVC(opts) : new SVC(opts);
      const sampleWeight = name === 'rbf_sample_weight' ? (iris.inputs.sample_weight as number[]) : undefined;
      await m.fit(X, y, { sampleWeight });
      if (e.gamma_value !== undefined) assertClose(m.gammaValue, e.gamma_value, { rtol: 1e-12 });
      assert.deepEqual(Array.from(m.nSupport), e.n_support_);
      assert.deepEqual(Array.from(m.support), e.support_);
      assertClose(m.dualCoef.data, e.dual_coef_, { ...TIGHT, label: 'dualCoef' });
      assertClose(m.intercept, e.intercept_, { ...TIGHT, label: 'intercept' });
      assert.deepEqual(Array.from(m.nIter), e.n_iter_);
      assert.deepEqual(Array.from(m.predict(X) as ArrayLike<number>), e.predict);
      assertClose(m.decisionFunction(X).data, e.decision_function, { ...TIGHT, label: 'decision' });
      if (e.coef_) assertClose(m.coef.data, e.coef_, { ...TIGHT, label: 'coef' });
    });
  }

  test('precomputed kernel matches scikit-learn and checks its shape', async () => {
    const e = iris.expected.precomputed;
    const K = X.map((a) => X.map((b) => a.reduce((s, v, j) => s + v * b[j], 0)));
    const m = await new SVC({ kernel: 'precomputed' }).fit(K, y);
    assert.deepEqual(Array.from(m.support), e.support_);
    assertClose(m.dualCoef.data, e.dual_coef_, TIGHT);
    assertClose(m.intercept, e.intercept_, TIGHT);
    assert.deepEqual(Array.from(m.predict(K) as ArrayLike<number>), e.predict);
    assert.deepEqual(m.supportVectors.shape, [0, 0]);
    await assert.rejects(new SVC({ kernel: 'precomputed' }).fit(X, y), /square matrix. Input is a 150x4/);
    assert.throws(() => m.predict(K.map((r) => r.slice(0, 10))), ValidationError);
  });

  test('probabilities match scikit-learn exactly (same libsvm CV folds for an integer seed)', async () => {
    // libsvm's 5-fold Platt CV draws folds from its Mersenne Twister seeded with
    // RandomState(randomState).randint(2**31 - 1); both are reproduced, so the
    // probabilities agree to rounding rather than only to ~1e-3.
    for (const name of ['proba', 'proba_binary']) {
      const e = iris.expected[name];
      const rows = name === 'proba' ? X : X.filter((_, i) => y[i] > 0);
      const labels = name === 'proba' ? y : y.filter((v) => v > 0);
      const m = await new SVC(toKwargs(e.kwargs)).fit(rows, labels);
      assertClose(m.probA, e.probA_, { ...TIGHT, label: 'probA' });
      assertClose(m.probB, e.probB_, { ...TIGHT, label: 'probB' });
      const proba = m.predictProba(rows);
      assertClose(proba.data, e.predict_proba, { ...TIGHT, label: 'predictProba' });
      const logp = m.predictLogProba(rows.slice(0, 3)).data;
      for (let i = 0; i < logp.length; i++) assertClose(Math.exp(logp[i]), proba.data[i], { rtol: 1e-12 });
      assert.deepEqual(Array.from(m.predict(rows) as ArrayLike<number>), e.predict);
    }
  });

  test('predictProba exists only with probability: true', async () => {
    const m = await new SVC().fit(X, y);
    assert.equal(typeof m.predictProba, 'undefined');
    assert.equal(typeof m.predictLogProba, 'undefined');
    assert.equal(m.probA.length, 0);
  });

  test('ovo decision values and breakTies', async () => {
    const ovo = await new SVC({ decisionFunctionShape: 'ovo' }).fit(X, y);
    assert.deepEqual(ovo.decisionFunction(X).shape, [150, 3]);
    const bt = await new SVC({ breakTies: true }).fit(X, y);
    const dec = bt.decisionFunction(X);
    const pred = bt.predict(X);
    for (let i = 0; i < 150; i++) {
      let best = 0;
      for (let c = 1; c < 3; c++) if (dec.get(i, c) > dec.get(i, best)) best = c;
      assert.equal(pred[i], best);
    }
    await assert.rejects(new SVC({ breakTies: true, decisionFunctionShape: 'ovo' }).fit(X, y), ValidationError);
  });

  test('string labels and class weights by label', async () => {
    const names = ['setosa', 'versicolor', 'virginica'];
    const ys = y.map((v) => names[v]);
    const cw: SvmClassWeight = { virginica: 5 };
    const m = await new SVC({ classWeight: cw }).fit(X, ys);
    assert.deepEqual(m.classes, names);
    assert.ok(m.score(X, ys) > 0.95);
    await assert.rejects(new SVC({ classWeight: { nope: 2 } }).fit(X, ys), /not in class/);
  });

  test('CSR input gives the same model as dense input', async () => {
    const dense = await new SVC().fit(X, y);
    const sparse = await new SVC().fit(SparseMatrix.fromDense(Tensor.from(X)), y);
    assert.deepEqual(Array.from(sparse.support), Array.from(dense.support));
    assertClose(sparse.decisionFunction(SparseMatrix.fromDense(Tensor.from(X))).data, dense.decisionFunction(X).data, {
      rtol: 1e-12,
      atol: 1e-12,
    });
  });

  test('bad input: one class, NaN, nu infeasible, zero weights, not fitted', async () => {
    await assert.rejects(new SVC().fit([[0], [1], [2]], [1, 1, 1]), /number of classes has to be greater than one/);
    await assert.rejects(
      new SVC().fit(
        [
          [0, Number.NaN],
          [1, 2],
        ],
        [0, 1],
      ),
      ValidationError,
    );
    const yUnbalanced = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const Xu = yUnbalanced.map((_, i) => [i]);
    await assert.rejects(new NuSVC({ nu: 0.9 }).fit(Xu, yUnbalanced), /nu is infeasible/);
    await assert.rejects(
      new SVC().fit(Xu, yUnbalanced, { sampleWeight: new Array(10).fill(0) }),
      /zero or negative weights/,
    );
    assert.throws(() => new SVC().predict(X), NotFittedError);
    await assert.rejects(new SVC({ C: -1 }).fit(X, y), ValidationError);
    await assert.rejects(new SVC({ gamma: 'bogus' as 'auto' }).fit(X, y), ValidationError);
  });

  test('maxIter stops the solver with a ConvergenceWarning', async () => {
    const { warnings } = await captureWarnings(async () => {
      const m = await new SVC({ maxIter: 5 }).fit(bcX, bcY);
      assert.equal(m.fitStatus, 1);
    });
    assert.ok(warnings.some((w) => w instanceof ConvergenceWarning));
  });

  test('a tiny cache gives the same solution (eviction only costs time)', async () => {
    const a = await new SVC().fit(bcX, bcY);
    const b = await new SVC({ cacheSize: 0.001 }).fit(bcX, bcY);
    assert.deepEqual(Array.from(b.support), Array.from(a.support));
    assertClose(b.dualCoef.data, a.dualCoef.data, { rtol: 0, atol: 0 });
  });

  test('save and load keep probabilities', async () => {
    const m = await new SVC({ probability: true, randomState: 0 }).fit(X, y);
    const loaded = SVC.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    assertClose(loaded.predictProba(X).data, m.predictProba(X).data, { rtol: 0, atol: 0 });
    assert.deepEqual(Array.from(loaded.support), Array.from(m.support));
  });
});
