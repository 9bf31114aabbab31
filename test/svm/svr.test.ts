import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { NuSVR, OneClassSVM, SVR } from '../../src/svm/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

// Same SMO path as libsvm, so the fitted numbers agree to rounding.
const TIGHT = { rtol: 1e-6, atol: 1e-6 };

const fx = loadSklearnFixture('svm_svr_diabetes');
const X = fx.inputs.X as number[][];
const y = fx.inputs.y as number[];

describe('SVR / NuSVR', () => {
  test('pass checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new SVR())).failed, 0);
    assert.equal((await checkEstimator(() => new NuSVR({ C: 10 }))).failed, 0);
  });

  for (const name of ['svr', 'svr_c100', 'svr_linear', 'nusvr', 'nusvr_c50']) {
    test(`match scikit-learn on diabetes: ${name}`, async () => {
      const e = fx.expected[name];
      const m = e.cls === 'NuSVR' ? new NuSVR(e.kwargs) : new SVR(e.kwargs);
      await m.fit(X, y);
      assertClose(m.gammaValue, e.gamma_value, { rtol: 1e-12 });
      assert.deepEqual(Array.from(m.nSupport), e.n_support_);
      assert.deepEqual(Array.from(m.support), e.support_);
      assertClose(m.dualCoef.data, e.dual_coef_, { ...TIGHT, label: 'dualCoef' });
      assertClose(m.intercept, e.intercept_, { ...TIGHT, label: 'intercept' });
      assert.equal(m.nIter[0], e.n_iter_);
      assertClose(m.predict(X), e.predict, { ...TIGHT, label: 'predict' });
      assertClose(m.score(X, y), e.score, { rtol: 1e-9 });
      if (e.coef_) assertClose(m.coef.data, e.coef_, TIGHT);
    });
  }

  test('coef needs the linear kernel; bad targets are rejected', async () => {
    const m = await new SVR().fit(X.slice(0, 50), y.slice(0, 50));
    assert.throws(() => m.coef, /only available when using a linear kernel/);
    await assert.rejects(new SVR().fit(X.slice(0, 3), ['a', 'b', 'c']), ValidationError);
    await assert.rejects(new NuSVR({ nu: 1.5 }).fit(X, y), ValidationError);
  });
});

describe('OneClassSVM', () => {
  const oc = loadSklearnFixture('svm_oneclasssvm_blobs');
  const Xo = oc.inputs.X as number[][];
  const Xt = oc.inputs.X_test as number[][];

  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new OneClassSVM({ nu: 0.2 }))).failed, 0);
  });

  for (const name of ['rbf', 'default', 'linear']) {
    test(`matches scikit-learn: ${name}`, async () => {
      const e = oc.expected[name];
      const m = await new OneClassSVM(e.kwargs).fit(Xo);
      assert.deepEqual(Array.from(m.support), e.support_);
      assert.deepEqual(Array.from(m.nSupport), e.n_support_);
      assertClose(m.dualCoef.data, e.dual_coef_, TIGHT);
      assertClose(m.intercept, e.intercept_, TIGHT);
      assertClose(m.offset, e.offset_, TIGHT);
      assert.equal(m.nIter[0], e.n_iter_);
      assertClose(m.decisionFunction(Xo), e.decision_function, TIGHT);
      assertClose(m.scoreSamples(Xt), e.score_samples_test, TIGHT);
      assert.deepEqual(Array.from(m.predict(Xo)), e.predict);
      assert.deepEqual(Array.from(m.predict(Xt)), e.predict_test);
    });
  }

  test('fitPredict labels the training rows', async () => {
    const labels = await new OneClassSVM({ nu: 0.1 }).fitPredict(Xo);
    assert.deepEqual(Array.from(labels), oc.expected.rbf.predict);
  });
});
