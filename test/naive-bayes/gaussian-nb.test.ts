import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { GaussianNB } from '../../src/naive-bayes/gaussian-nb.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fixture = loadSklearnFixture('naive_bayes_gaussiannb_iris');
const X: number[][] = fixture.inputs.X;
const y: number[] = fixture.inputs.y;
const e = fixture.expected;

describe('GaussianNB', () => {
  test('checkEstimator passes', async () => {
    const report = await checkEstimator(() => new GaussianNB());
    assert.equal(report.failed, 0);
  });

  test('matches scikit-learn on iris (theta, var, epsilon, priors, probabilities, predictions)', async () => {
    const model = await new GaussianNB().fit(X, y);
    assert.deepEqual(model.classes, e.classes_);
    assertClose(model.classCount, e.class_count_, { label: 'class_count_' });
    assertClose(model.classPrior, e.class_prior_, { label: 'class_prior_' });
    assertClose(model.theta.data, e.theta_.flat(), { label: 'theta_' });
    assertClose(model.var.data, e.var_.flat(), { label: 'var_' });
    assertClose(model.epsilon, e.epsilon_, { label: 'epsilon_', atol: 0 });
    const first20 = X.slice(0, 20);
    assertClose(model.predictProba(first20).data, e.predict_proba_first20.flat(), { atol: 1e-12, label: 'proba' });
    assertClose(model.predictLogProba(first20).data, e.predict_log_proba_first20.flat(), { label: 'log proba' });
    assert.deepEqual(Array.from(model.predict(X) as Int32Array), e.predict);
    assert.ok(Math.abs(model.score(X, y) - e.accuracy) < 1e-12);
  });

  test('partialFit in chunks gives the same means and (up to epsilon) variances as fit', async () => {
    const order = X.map((_, i) => i).sort((a, b) => ((a * 37) % 150) - ((b * 37) % 150));
    const Xs = order.map((i) => X[i]);
    const ys = order.map((i) => y[i]);
    const full = await new GaussianNB().fit(Xs, ys);
    const inc = new GaussianNB();
    for (let s = 0; s < 150; s += 40)
      await inc.partialFit(Xs.slice(s, s + 40), ys.slice(s, s + 40), { classes: [0, 1, 2] });
    assertClose(inc.theta.data, full.theta.data, { rtol: 1e-12, atol: 1e-12, label: 'theta' });
    const vInc = Array.from(inc.var.data, (v) => v - inc.epsilon);
    const vFull = Array.from(full.var.data, (v) => v - full.epsilon);
    assertClose(vInc, vFull, { rtol: 1e-10, atol: 1e-12, label: 'var' });
    assert.deepEqual(Array.from(inc.classCount), [50, 50, 50]);
    assert.deepEqual(inc.predict(X), full.predict(X));
  });

  test('sample weights equal repeated rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }), async (w) => {
        fc.pre(w.some((v, i) => v > 0 && i % 2 === 0) && w.some((v, i) => v > 0 && i % 2 === 1));
        const rows = Array.from({ length: 12 }, (_, i) => [i * 0.7, (i % 5) - 2 + i * 0.1]);
        const labels = rows.map((_, i) => i % 2);
        const weighted = await new GaussianNB().fit(rows, labels, { sampleWeight: w });
        const Xr: number[][] = [];
        const yr: number[] = [];
        rows.forEach((r, i) => {
          for (let t = 0; t < w[i]; t++) {
            Xr.push(r);
            yr.push(labels[i]);
          }
        });
        const repeated = await new GaussianNB().fit(Xr, yr);
        assertClose(weighted.theta.data, repeated.theta.data, { rtol: 1e-9, atol: 1e-12 });
        assertClose(weighted.classCount, repeated.classCount);
      }),
      { numRuns: 30 },
    );
  });

  test('string labels, priors and errors', async () => {
    const names = ['setosa', 'versicolor', 'virginica'];
    const model = await new GaussianNB({ priors: [0.1, 0.2, 0.7] }).fit(
      X,
      y.map((c) => names[c]),
    );
    assert.deepEqual(model.classes, names);
    assert.deepEqual(Array.from(model.classPrior), [0.1, 0.2, 0.7]);
    assert.equal((model.predict([X[0]]) as string[])[0], 'setosa');
    await assert.rejects(new GaussianNB({ priors: [0.5, 0.6, -0.1] }).fit(X, y), /Priors must be non-negative/);
    await assert.rejects(new GaussianNB({ priors: [0.5, 0.6, 0.1] }).fit(X, y), /sum of the priors/);
    await assert.rejects(new GaussianNB({ priors: [0.5, 0.5] }).fit(X, y), /Number of priors/);
    await assert.rejects(new GaussianNB().fit([[1], [2]], [1, 1]), /at least 2 classes.*only one class: 1/);
    await assert.rejects(new GaussianNB().fit([[1], [Number.NaN]], [0, 1]), /NaN at row 1, column 0/);
    await assert.rejects(new GaussianNB().partialFit([[1], [2]], [0, 1]), /classes must be passed/);
    const inc = await new GaussianNB().partialFit([[1], [2]], [0, 1], { classes: [0, 1] });
    await assert.rejects(
      inc.partialFit([[1], [2]], [0, 2]),
      (err: Error) => err instanceof ValidationError && /\[2\]/.test(err.message),
    );
    await assert.rejects(inc.partialFit([[1, 2]], [0]), /X has 2 features.*expecting 1/);
  });

  test('save and load keeps partialFit working', async () => {
    const a = await new GaussianNB().partialFit(X.slice(0, 100), y.slice(0, 100), { classes: [0, 1, 2] });
    const b = GaussianNB.fromJSON(JSON.parse(JSON.stringify(a)));
    await a.partialFit(X.slice(100), y.slice(100));
    await b.partialFit(X.slice(100), y.slice(100));
    assert.deepEqual(a.theta.data, b.theta.data);
  });
});
