import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ConvergenceWarning, captureWarnings } from '../../src/base/warnings.js';
import { LinearSVC, LinearSVR } from '../../src/svm/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

// liblinear visits coordinates in the order of scikit-learn's seeded Mersenne
// Twister; reproducing it gives the same iterates, so even runs stopped by
// maxIter agree to rounding.
const TIGHT = { rtol: 1e-6, atol: 1e-6 };

const bc = loadSklearnFixture('svm_linearsvc_breastcancer');
const bcX = (bc.inputs.X as number[][]).map((row) =>
  row.map((v, j) => (v - bc.expected.scaler_mean_[j]) / bc.expected.scaler_scale_[j]),
);
const bcY = bc.inputs.y as number[];
const lin = loadSklearnFixture('svm_liblinear_iris_diabetes');
const X = lin.inputs.X as number[][];
const y = lin.inputs.y as number[];

function kwargs(kw: Record<string, unknown>): Record<string, unknown> {
  const names: Record<string, string> = {
    random_state: 'randomState',
    multi_class: 'multiClass',
    class_weight: 'classWeight',
    intercept_scaling: 'interceptScaling',
    max_iter: 'maxIter',
  };
  return Object.fromEntries(Object.entries(kw).map(([k, v]) => [names[k] ?? k, v]));
}

describe('LinearSVC', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new LinearSVC())).failed, 0);
    assert.equal((await checkEstimator(() => new LinearSVC({ multiClass: 'crammer_singer' }))).failed, 0);
    assert.equal((await checkEstimator(() => new LinearSVC({ penalty: 'l1', dual: false }))).failed, 0);
  });

  test('matches scikit-learn on breast cancer (default fit stopped at maxIter, and the optimum)', async () => {
    const { result: m, warnings } = await captureWarnings(() => new LinearSVC({ randomState: 0 }).fit(bcX, bcY));
    assert.ok(warnings.some((w) => w instanceof ConvergenceWarning));
    const e = bc.expected;
    assert.equal(m.nIter, e.n_iter_);
    assertClose(m.coef.data, e.coef_, { ...TIGHT, label: 'coef' });
    assertClose(m.intercept, e.intercept_, TIGHT);
    assertClose(m.decisionFunction(bcX.slice(0, 20)).data, e.decision_function_first20, TIGHT);
    assert.deepEqual(Array.from(m.predict(bcX) as ArrayLike<number>), e.predict);
    // The fixture's reference optimum (primal Newton to 1e-12): the default fit is ~1e-5 away.
    assertClose(m.coef.data, e.tight_tol.coef_, { rtol: 1e-3, atol: 1e-4 });
    let obj = 0;
    const w = m.coef.data;
    const b = m.intercept[0];
    for (const v of w) obj += 0.5 * v * v;
    obj += 0.5 * b * b;
    bcX.forEach((row, i) => {
      const s = bcY[i] === 1 ? 1 : -1;
      const margin = 1 - s * (row.reduce((a, v, j) => a + v * w[j], 0) + b);
      if (margin > 0) obj += margin * margin;
    });
    assertClose(obj, e.primal_objective, { rtol: 1e-9 });
  });

  for (const name of ['ovr', 'hinge', 'l1', 'crammer_singer', 'balanced_scaling']) {
    test(`matches scikit-learn on iris: ${name}`, async () => {
      const e = lin.expected[name];
      const { result: m, warnings } = await captureWarnings(() => new LinearSVC(kwargs(e.kwargs)).fit(X, y));
      assertClose(m.coef.data, e.coef_, { ...TIGHT, label: 'coef' });
      assertClose(m.intercept, e.intercept_, { ...TIGHT, label: 'intercept' });
      assertClose(m.decisionFunction(X).data, e.decision_function, TIGHT);
      assert.deepEqual(Array.from(m.predict(X) as ArrayLike<number>), e.predict);
      // scikit-learn 1.2 reads n_iter_ of a multiclass Crammer-Singer model from
      // uninitialised memory (liblinear stores one count, the wrapper copies
      // nClasses), so its n_iter_ and the warning it triggers are noise there.
      if (name === 'crammer_singer') return;
      assert.equal(m.nIter, e.n_iter_);
      assert.equal(
        warnings.some((w) => w instanceof ConvergenceWarning),
        e.warned.some((t: string) => t.includes('Liblinear failed to converge')),
      );
    });
  }

  test('binary crammer_singer keeps the difference of the two weight rows', async () => {
    const e = lin.expected.crammer_singer_binary;
    const rows = X.filter((_, i) => y[i] > 0);
    const m = await new LinearSVC(kwargs(e.kwargs)).fit(
      rows,
      y.filter((v) => v > 0),
    );
    assertClose(m.coef.data, e.coef_, TIGHT);
    assertClose(m.intercept, e.intercept_, TIGHT);
    assert.equal(m.nIter, e.n_iter_);
  });

  test('CSR input gives the same model', async () => {
    const dense = await new LinearSVC({ randomState: 0 }).fit(X, y);
    const sparse = await new LinearSVC({ randomState: 0 }).fit(SparseMatrix.fromDense(Tensor.from(X)), y);
    assertClose(sparse.coef.data, dense.coef.data, { rtol: 0, atol: 0 });
    const Xs = SparseMatrix.fromDense(Tensor.from(X));
    assert.deepEqual(
      Array.from(sparse.predict(Xs) as ArrayLike<number>),
      Array.from(dense.predict(X) as ArrayLike<number>),
    );
  });

  test('bad input: one class, NaN, unsupported combinations', async () => {
    await assert.rejects(new LinearSVC().fit([[0], [1]], [3, 3]), /at least 2 classes/);
    await assert.rejects(
      new LinearSVC().fit(
        [
          [Number.NaN, 1],
          [0, 1],
        ],
        [0, 1],
      ),
      ValidationError,
    );
    await assert.rejects(new LinearSVC({ penalty: 'l1' }).fit(X, y), /not supported when dual=True/);
    await assert.rejects(new LinearSVC({ loss: 'hinge', dual: false }).fit(X, y), /not supported when dual=False/);
    await assert.rejects(new LinearSVC({ penalty: 'l1', loss: 'hinge', dual: false }).fit(X, y), /not supported/);
  });
});

describe('LinearSVR', () => {
  const Xd = lin.inputs.Xd as number[][];
  const yd = lin.inputs.yd as number[];

  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new LinearSVR({ C: 10 }))).failed, 0);
    assert.equal((await checkEstimator(() => new LinearSVR({ loss: 'squared_epsilon_insensitive' }))).failed, 0);
  });

  for (const name of ['svr', 'svr_squared']) {
    test(`matches scikit-learn on diabetes: ${name}`, async () => {
      const e = lin.expected[name];
      const { result: m } = await captureWarnings(() => new LinearSVR(kwargs(e.kwargs)).fit(Xd, yd));
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.coef, e.coef_, { ...TIGHT, label: 'coef' });
      assertClose(m.intercept, e.intercept_, TIGHT);
      assertClose(m.predict(Xd.slice(0, 20)), e.predict_first20, TIGHT);
    });
  }

  test('rejects epsilon_insensitive with dual: false', async () => {
    await assert.rejects(new LinearSVR({ dual: false }).fit(Xd, yd), /not supported when dual=False/);
  });
});
