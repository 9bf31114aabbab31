/** MLPClassifier / MLPRegressor: the estimator contract, options, partialFit, warm starts, early stopping, saving. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { setWarningHandler } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/index.js';
import { MLPClassifier, MLPRegressor } from '../../src/neural-network/index.js';
import { Tensor } from '../../src/tensor/tensor.js';

setWarningHandler(() => {});

const iris = loadDataset('iris');
const X = iris.data.toArray() as number[][];
const y = Array.from(iris.target.data);

describe('estimator contract', () => {
  test('MLPClassifier passes checkEstimator (adam, sgd, lbfgs)', async () => {
    for (const solver of ['adam', 'sgd', 'lbfgs'] as const) {
      const report = await checkEstimator(
        () => new MLPClassifier({ hiddenLayerSizes: [8], maxIter: 60, solver, learningRateInit: 0.01, randomState: 0 }),
      );
      assert.equal(report.failed, 0, solver);
    }
  });

  test('MLPRegressor passes checkEstimator (adam, lbfgs)', async () => {
    for (const solver of ['adam', 'lbfgs'] as const) {
      const report = await checkEstimator(
        () => new MLPRegressor({ hiddenLayerSizes: [8], maxIter: 60, solver, randomState: 0 }),
      );
      assert.equal(report.failed, 0, solver);
    }
  });

  test("defaults are scikit-learn's", () => {
    const p = new MLPClassifier().getParams();
    assert.deepEqual(p.hiddenLayerSizes, [100]);
    assert.equal(p.activation, 'relu');
    assert.equal(p.solver, 'adam');
    assert.equal(p.alpha, 1e-4);
    assert.equal(p.batchSize, 'auto');
    assert.equal(p.learningRate, 'constant');
    assert.equal(p.learningRateInit, 1e-3);
    assert.equal(p.maxIter, 200);
    assert.equal(p.tol, 1e-4);
    assert.equal(p.momentum, 0.9);
    assert.equal(p.nesterovsMomentum, true);
    assert.equal(p.validationFraction, 0.1);
    assert.equal(p.nIterNoChange, 10);
    assert.equal(p.beta1, 0.9);
    assert.equal(p.beta2, 0.999);
    assert.equal(p.epsilon, 1e-8);
    assert.equal(p.maxFun, 15000);
  });
});

describe('MLPClassifier behaviour', () => {
  test('iris: high accuracy, probabilities, Glorot init bound', async () => {
    const clf = await new MLPClassifier({
      hiddenLayerSizes: 16,
      maxIter: 500,
      learningRateInit: 0.01,
      randomState: 1,
    }).fit(X, y);
    assert.ok(clf.score(X, y) > 0.95, `accuracy ${clf.score(X, y)}`);
    const p = clf.predictProba(X);
    assert.deepEqual([...p.shape], [150, 3]);
    for (let i = 0; i < 150; i++)
      assert.ok(Math.abs(p.data[3 * i] + p.data[3 * i + 1] + p.data[3 * i + 2] - 1) < 1e-12);
    assert.equal(clf.outActivation, 'softmax');
    assert.equal(clf.nLayers, 3);
    assert.deepEqual(
      clf.coefs.map((c) => [...c.shape]),
      [
        [4, 16],
        [16, 3],
      ],
    );
    assert.ok(clf.lossCurve.length === clf.nIter && clf.bestLoss === Math.min(...clf.lossCurve));
    const fresh = await new MLPClassifier({
      hiddenLayerSizes: 16,
      maxIter: 1,
      solver: 'sgd',
      learningRateInit: 1e-12,
      randomState: 1,
    }).fit(X, y);
    const bound = Math.sqrt(6 / (4 + 16));
    assert.ok(Array.from(fresh.coefs[0].data).every((v) => Math.abs(v) <= bound + 1e-9));
  });

  test('binary targets use one logistic output; string labels come back as strings', async () => {
    const yb = y.map((v) => (v === 0 ? 'setosa' : 'other'));
    const clf = await new MLPClassifier({
      hiddenLayerSizes: [4],
      maxIter: 200,
      learningRateInit: 0.01,
      randomState: 0,
    }).fit(X, yb);
    assert.equal(clf.outActivation, 'logistic');
    assert.equal(clf.nOutputs, 1);
    assert.deepEqual(clf.classes, ['other', 'setosa']);
    const pred = clf.predict(X) as string[];
    assert.equal(pred[0], 'setosa');
    assert.equal(clf.score(X, yb), 1);
    const lp = clf.predictLogProba(X.slice(0, 2));
    assert.ok(Math.abs(Math.exp(lp.data[0]) + Math.exp(lp.data[1]) - 1) < 1e-12);
  });

  test('multilabel: 2-D indicator y, row-major indicator predictions, subset accuracy', async () => {
    const Y = X.map((r) => [r[0] > 5.8 ? 1 : 0, r[2] > 4 ? 1 : 0, r[1] > 3 ? 1 : 0]);
    const Yt = new Tensor(Float64Array.from(Y.flat()), [150, 3]);
    const clf = await new MLPClassifier({
      hiddenLayerSizes: [16],
      maxIter: 800,
      learningRateInit: 0.01,
      randomState: 0,
    }).fit(X, Yt);
    assert.deepEqual(clf.classes, [0, 1, 2]);
    assert.equal(clf.outActivation, 'logistic');
    const pred = clf.predict(X) as Int32Array;
    assert.equal(pred.length, 450);
    assert.ok(pred.every((v) => v === 0 || v === 1));
    assert.ok(clf.score(X, Y) > 0.8, `subset accuracy ${clf.score(X, Y)}`);
    assert.deepEqual([...clf.predictProba(X).shape], [150, 3]);
    const bad = new Tensor(new Float64Array(300).fill(2), [150, 2]);
    await assert.rejects(() => new MLPClassifier().fit(X, bad), /indicator matrix of 0\/1/);
  });

  test('partialFit: needs classes first, rejects unseen classes, lbfgs has none', async () => {
    const clf = new MLPClassifier({ hiddenLayerSizes: [5], solver: 'sgd', randomState: 0 });
    await assert.rejects(() => clf.partialFit(X.slice(0, 10), y.slice(0, 10)), /classes must be passed/);
    await clf.partialFit(X.slice(0, 50), y.slice(0, 50), { classes: [0, 1, 2] });
    assert.equal(clf.nIter, 1);
    assert.equal(clf.outActivation, 'softmax');
    await clf.partialFit(X.slice(50, 150), y.slice(50, 150));
    assert.equal(clf.nIter, 2);
    assert.equal(clf.t, 150);
    await assert.rejects(() => clf.partialFit(X.slice(0, 3), [0, 1, 7]), /classes not in/);
    await assert.rejects(
      () => new MLPClassifier({ solver: 'lbfgs' }).partialFit(X, y, { classes: [0, 1, 2] }),
      /only available for stochastic optimizers/,
    );
  });

  test('warmStart continues from the previous weights and keeps the loss curve', async () => {
    const clf = new MLPClassifier({
      hiddenLayerSizes: [6],
      maxIter: 5,
      warmStart: true,
      solver: 'sgd',
      randomState: 0,
      learningRateInit: 0.01,
    });
    await clf.fit(X, y);
    const w = clf.coefs[0].data.slice();
    await clf.fit(X, y);
    assert.equal(clf.nIter, 10);
    assert.equal(clf.lossCurve.length, 10);
    const cold = await new MLPClassifier({
      hiddenLayerSizes: [6],
      maxIter: 5,
      solver: 'sgd',
      randomState: 0,
      learningRateInit: 0.01,
    }).fit(X, y);
    assert.deepEqual(Array.from(cold.coefs[0].data), Array.from(w));
    await assert.rejects(
      () =>
        clf.fit(
          X,
          y.map((v) => (v === 2 ? 1 : v)),
        ),
      /same classes/,
    );
  });

  test('earlyStopping holds out data, records validation scores and restores the best weights', async () => {
    const mean = [0, 1, 2, 3].map((j) => X.reduce((s, r) => s + r[j], 0) / X.length);
    const sd = [0, 1, 2, 3].map((j) => Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / X.length));
    const Xs = X.map((r) => r.map((v, j) => (v - mean[j]) / sd[j]));
    const clf = await new MLPClassifier({
      hiddenLayerSizes: [10],
      earlyStopping: true,
      validationFraction: 0.2,
      nIterNoChange: 5,
      maxIter: 500,
      learningRateInit: 0.01,
      randomState: 0,
    }).fit(Xs, y);
    const scores = clf.validationScores as number[];
    assert.equal(scores.length, clf.nIter);
    assert.ok(clf.nIter < 500, `stopped after ${clf.nIter} epochs`);
    assert.equal(clf.bestValidationScore, Math.max(...scores));
    assert.equal(clf.bestLoss, null);
    assert.ok(clf.score(Xs, y) > 0.8, `accuracy ${clf.score(Xs, y)}`);
  });

  test('adaptive SGD divides the rate by 5 instead of stopping, until it is below 1e-6', async () => {
    const clf = await new MLPClassifier({
      hiddenLayerSizes: [4],
      solver: 'sgd',
      learningRate: 'adaptive',
      learningRateInit: 0.5,
      tol: 0.5,
      nIterNoChange: 1,
      maxIter: 200,
      randomState: 0,
    }).fit(X, y);
    // Each stall needs 2 epochs; 0.5 / 5^k <= 1e-6 after k = 9 reductions, so ~20 epochs.
    assert.ok(clf.nIter >= 18 && clf.nIter <= 22, `nIter ${clf.nIter}`);
  });

  test('bad options are ValidationErrors at fit', async () => {
    await assert.rejects(() => new MLPClassifier({ hiddenLayerSizes: [4, 0] }).fit(X, y), ValidationError);
    await assert.rejects(() => new MLPClassifier({ solver: 'newton' as never }).fit(X, y), ValidationError);
    await assert.rejects(
      () =>
        new MLPClassifier().fit(
          X,
          y.map(() => 1),
        ),
      /at least 2 classes/,
    );
    assert.throws(() => new MLPClassifier({ hidden: 3 } as never), ValidationError);
  });

  test('save/load keeps the optimizer: partialFit continues identically', async () => {
    const a = new MLPClassifier({ hiddenLayerSizes: [5], solver: 'adam', learningRateInit: 0.01, randomState: 0 });
    await a.partialFit(X, y, { classes: [0, 1, 2] });
    const b = MLPClassifier.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    await a.partialFit(X, y);
    await b.partialFit(X, y);
    assert.deepEqual(Array.from(b.coefs[1].data), Array.from(a.coefs[1].data));
    assert.deepEqual(b.lossCurve, a.lossCurve);
  });

  test('an aborted signal stops a long fit', async () => {
    const controller = new AbortController();
    const clf = new MLPClassifier({ maxIter: 10000, tol: 0, randomState: 0 });
    let epochs = 0;
    const run = clf.fit(X, y, {
      signal: controller.signal,
      onProgress: () => {
        epochs++;
        if (epochs === 3) controller.abort(new Error('stop'));
      },
    });
    await assert.rejects(run, /stop/);
    assert.equal(epochs, 3);
  });
});

describe('MLPRegressor behaviour', () => {
  const d = loadDataset('diabetes');
  const Xd = d.data.toArray() as number[][];
  const yd = Array.from(d.target.data, (v) => v / 100);

  test('fits diabetes (lbfgs) with R² comparable to a linear model', async () => {
    const reg = await new MLPRegressor({
      hiddenLayerSizes: [16],
      solver: 'lbfgs',
      maxIter: 500,
      alpha: 1,
      randomState: 0,
    }).fit(Xd, yd);
    assert.ok(reg.score(Xd, yd) > 0.45, `R2 ${reg.score(Xd, yd)}`);
    assert.equal(reg.predict(Xd).length, Xd.length);
    assert.equal(reg.outActivation, 'identity');
  });

  test('two targets: row-major predictions and R² averaged over targets', async () => {
    const Y = X.map((r) => [r[0] + r[1], r[2] - r[3]]);
    const Yt = new Tensor(Float64Array.from(Y.flat()), [150, 2]);
    const reg = await new MLPRegressor({ hiddenLayerSizes: [10], solver: 'lbfgs', maxIter: 400, randomState: 0 }).fit(
      X,
      Yt,
    );
    const pred = reg.predict(X);
    assert.equal(pred.length, 300);
    assert.equal(reg.nOutputs, 2);
    assert.ok(reg.score(X, Y) > 0.99, `R2 ${reg.score(X, Y)}`);
    assert.ok(reg.score(X, Yt) > 0.99);
  });

  test('partialFit streams batches', async () => {
    const reg = new MLPRegressor({ hiddenLayerSizes: [8], solver: 'sgd', learningRateInit: 0.01, randomState: 0 });
    for (let e = 0; e < 30; e++)
      for (let s = 0; s < Xd.length; s += 100) await reg.partialFit(Xd.slice(s, s + 100), yd.slice(s, s + 100));
    assert.equal(reg.nIter, 30 * 5);
    assert.ok(reg.score(Xd, yd) > 0.1, `R2 ${reg.score(Xd, yd)}`);
  });
});
