/**
 * MLPClassifier / MLPRegressor against scikit-learn 1.2.1 trajectories: from the same
 * initial weights with shuffle off, every epoch's loss, the final weights and the
 * predictions match (see test/fixtures/sklearn/README.md for how they were generated).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setWarningHandler } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/index.js';
import { MLPClassifier, type MLPParams, MLPRegressor } from '../../src/neural-network/index.js';
import type { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture, type SklearnFixture } from '../helpers/fixtures.js';

setWarningHandler(() => {});

type Ctor = typeof MLPClassifier | typeof MLPRegressor;

/** The estimator class with `initCoef` replaced by the fixture's initial weights (sklearn's `_init_coef`, patched). */
function withInitialWeights(Base: Ctor, coefs: number[][][], intercepts: number[][]): Ctor {
  let layer = 0;
  class Fixed extends (Base as typeof MLPClassifier) {
    protected override initCoef(
      fanIn: number,
      fanOut: number,
      _rng: RandomGenerator,
      coef: Float64Array,
      intercept: Float64Array,
    ): void {
      const l = layer;
      layer = (layer + 1) % coefs.length;
      assert.equal(coefs[l].length, fanIn, `layer ${l} fan-in`);
      assert.equal(coefs[l][0].length, fanOut, `layer ${l} fan-out`);
      coef.set(coefs[l].flat());
      intercept.set(intercepts[l]);
    }
  }
  return Fixed as unknown as Ctor;
}

function build(f: SklearnFixture) {
  const Base = (f as unknown as { estimator: string }).estimator === 'MLPClassifier' ? MLPClassifier : MLPRegressor;
  const Cls = withInitialWeights(Base, f.inputs.init_coefs, f.inputs.init_intercepts);
  return new Cls(f.params as Partial<MLPParams>) as MLPClassifier | MLPRegressor;
}

const TRAJECTORIES = [
  'iris_sgd_nesterov',
  'iris_sgd_invscaling_tanh',
  'iris_sgd_adaptive_logistic',
  'iris_adam',
  'breast_cancer_adam_binary',
  'multilabel_sgd',
  'diabetes_sgd_regressor',
  'multioutput_adam_regressor',
  'iris_partial_fit',
] as const;

describe('MLP trajectories match scikit-learn 1.2.1 from the same initial weights', () => {
  for (const name of TRAJECTORIES) {
    test(name, async () => {
      const f = loadSklearnFixture(`neural_network_mlp_${name}`);
      const est = build(f);
      const X: number[][] = f.inputs.X;
      const y = f.inputs.y;
      const partial: [number, number][] | null = f.inputs.partial;
      if (partial === null) await est.fit(X, y);
      else {
        for (const [k, [a, b]] of partial.entries()) {
          const opts = k === 0 && est instanceof MLPClassifier ? { classes: [...new Set(y as number[])] } : {};
          await (est as MLPClassifier).partialFit(X.slice(a, b), (y as number[]).slice(a, b), opts);
        }
      }
      const e = f.expected;
      const tol = { rtol: 1e-6, atol: 1e-9 };
      assert.equal(est.nIter, e.n_iter, 'nIter');
      assert.equal(est.t, e.t, 't');
      assertClose(est.lossCurve, e.loss_curve, { ...tol, label: 'lossCurve' });
      assertClose(est.loss, e.loss, { ...tol, label: 'loss' });
      if (e.best_loss !== undefined) assertClose(est.bestLoss as number, e.best_loss, { ...tol, label: 'bestLoss' });
      est.coefs.forEach((c, l) => {
        assert.deepEqual([...c.shape], [e.coefs[l].length, e.coefs[l][0].length]);
        assertClose(c.data, e.coefs[l], { rtol: 1e-6, atol: 1e-8, label: `coefs[${l}]` });
      });
      est.intercepts.forEach((b, l) => {
        assertClose(b, e.intercepts[l], { rtol: 1e-6, atol: 1e-8, label: `intercepts[${l}]` });
      });
      const pred = est.predict(X);
      if (est instanceof MLPClassifier) {
        assert.deepEqual(Array.from(pred as ArrayLike<number>), (e.predict as unknown[]).flat());
        assertClose(est.predictProba(X).data, e.predict_proba, { rtol: 1e-6, atol: 1e-9, label: 'predictProba' });
        assert.deepEqual(est.classes, e.classes);
        assert.equal(est.outActivation, e.out_activation);
      } else {
        assertClose(pred as Float64Array, e.predict, { rtol: 1e-6, atol: 1e-8, label: 'predict' });
      }
    });
  }

  test('lbfgs reaches the same solution quality as scipy from the same start', async () => {
    const f = loadSklearnFixture('neural_network_mlp_iris_lbfgs');
    const est = build(f) as MLPClassifier;
    await est.fit(f.inputs.X, f.inputs.y);
    const e = f.expected;
    assert.ok(Math.abs(est.loss - e.loss) < 0.02, `loss ${est.loss} vs sklearn ${e.loss}`);
    const agree = (est.predict(f.inputs.X) as Int32Array).filter((p, i) => p === e.predict[i]).length;
    assert.ok(agree >= 147, `${agree}/150 predictions agree with sklearn's`);
    assert.throws(() => est.lossCurve, 'no loss curve for lbfgs (sklearn has no loss_curve_)');
  });
});

function rowsOf(t: Tensor, idx: number[]): number[][] {
  const [, d] = t.shape;
  return idx.map((i) => Array.from(t.data.subarray(i * d, (i + 1) * d)));
}

function standardize(t: Tensor): Tensor {
  const [n, d] = t.shape;
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += t.data[i * d + j];
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (t.data[i * d + j] - m) ** 2;
    const s = Math.sqrt(v / n) || 1;
    for (let i = 0; i < n; i++) out[i * d + j] = (t.data[i * d + j] - m) / s;
  }
  return new Tensor(out, [n, d]);
}

describe('held-out accuracy is within 0.01 of scikit-learn (defaults, mean over 5 seeds)', () => {
  const f = loadSklearnFixture('neural_network_mlp_accuracy');
  for (const name of ['iris', 'breast_cancer'] as const) {
    test(name, async () => {
      const ds = loadDataset(name);
      const X = name === 'iris' ? ds.data : standardize(ds.data);
      const y = Array.from(ds.target.data);
      const { train_idx: tr, test_idx: te, mean_test_accuracy: ref } = f.expected[name];
      const Xtr = rowsOf(X, tr);
      const Xte = rowsOf(X, te);
      let total = 0;
      for (let seed = 0; seed < 5; seed++) {
        const clf = await new MLPClassifier({ maxIter: 1000, randomState: seed }).fit(
          Xtr,
          tr.map((i: number) => y[i]),
        );
        total += clf.score(
          Xte,
          te.map((i: number) => y[i]),
        );
      }
      const mean = total / 5;
      assert.ok(Math.abs(mean - ref) <= 0.01 + 1e-12, `mean accuracy ${mean} vs sklearn ${ref}`);
    });
  }
});
