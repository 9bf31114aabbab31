import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { QuantileRegressor, simplex } from '../../src/linear-model/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { assertClose } from '../helpers/fixtures.js';

const M = 30;
const X: number[][] = Array.from({ length: M }, (_, i) =>
  Array.from({ length: 3 }, (_, j) => Math.sin(i * 0.9 + j * 1.7) + 0.2 * j),
);
const yreg = X.map((r, i) => 2 * r[0] - r[1] + 0.5 + 0.1 * Math.cos(i * 1.1));
const yout = yreg.map((v, i) => v + (i === 3 ? 15 : i === 11 ? -12 : i === 20 ? 9 : 0));
const sw = X.map((_, i) => 1 + (i % 3));

/*
 * scikit-learn 1.2.1 QuantileRegressor(solver='highs', **cfg).fit(X, y,
 * sample_weight) on the data above (Debian's /usr/bin/python3), with the
 * objective (1/Σs)Σ s·pinball + alpha‖w‖₁ evaluated at its solution.
 */
const REF = {
  median: {
    coef: [2.038479139341307, -0.9828877252446088, 0.0],
    intercept: 0.49753235146802466,
    objective: 0.6513619423166449,
  },
  q90: {
    coef: [3.3268730455919844, -0.6574595509749576, 1.3277589918752857],
    intercept: 0.0,
    objective: 0.7562473816003891,
  },
  q25w: {
    coef: [2.0085710650098116, -1.0157932666038465, 0.0],
    intercept: 0.423159529017481,
    objective: 0.17367291094133921,
  },
  q70noint: {
    coef: [3.2062135151014357, -0.658958813384607, 1.222428444165813],
    intercept: 0.0,
    objective: 0.7949894140208944,
  },
};

const objective = (q: number, alpha: number, coef: ArrayLike<number>, b: number, y: number[], w?: number[]) => {
  let s = 0;
  let total = 0;
  for (let i = 0; i < M; i++) {
    const r = y[i] - (X[i][0] * coef[0] + X[i][1] * coef[1] + X[i][2] * coef[2] + b);
    const wi = w ? w[i] : 1;
    s += wi * (r >= 0 ? q * r : (q - 1) * r);
    total += wi;
  }
  return s / total + alpha * (Math.abs(coef[0]) + Math.abs(coef[1]) + Math.abs(coef[2]));
};

describe('simplex', () => {
  test('solves a small LP and agrees with brute force over vertices', () => {
    // min -x0 - x1 s.t. x0 + 2x1 + s1 = 4, 3x0 + x1 + s2 = 6 → x = (1.6, 1.2), objective -2.8.
    const r = simplex(
      Float64Array.of(1, 2, 1, 0, 3, 1, 0, 1),
      2,
      4,
      Float64Array.of(4, 6),
      Float64Array.of(-1, -1, 0, 0),
      Int32Array.of(2, 3),
    );
    assert.equal(r.status, 'optimal');
    assertClose(r.x.subarray(0, 2), [1.6, 1.2], { atol: 1e-12 });
    assertClose(r.objective, -2.8, { atol: 1e-12 });
    const unbounded = simplex(
      Float64Array.of(1, -1, 1),
      1,
      3,
      Float64Array.of(1),
      Float64Array.of(0, -1, 0),
      Int32Array.of(2),
    );
    assert.equal(unbounded.status, 'unbounded');
  });
});

describe('QuantileRegressor', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new QuantileRegressor())).failed, 0);
  });

  const cases: [
    keyof typeof REF,
    ConstructorParameters<typeof QuantileRegressor>[0],
    number[],
    number[] | undefined,
  ][] = [
    ['median', { quantile: 0.5, alpha: 0.01 }, yout, undefined],
    ['q90', { quantile: 0.9, alpha: 0 }, yout, undefined],
    ['q25w', { quantile: 0.25, alpha: 0.05 }, yreg, sw],
    ['q70noint', { quantile: 0.7, alpha: 0.02, fitIntercept: false }, yout, undefined],
  ];
  for (const [name, params, y, w] of cases) {
    test(`${name}: reaches scikit-learn's optimum`, async () => {
      const model = await new QuantileRegressor(params).fit(X, y, w ? { sampleWeight: w } : {});
      const ref = REF[name];
      const q = params?.quantile ?? 0.5;
      const a = params?.alpha ?? 1;
      const ours = objective(q, a, model.coef, model.intercept, y, w);
      assertClose(ours, ref.objective, { rtol: 1e-9, label: 'objective' });
      assertClose(objective(q, a, ref.coef, ref.intercept, y, w), ref.objective, { rtol: 1e-9 });
      // The three columns and the constant span only three dimensions (sin(a + c) = sin a cos c + cos a sin c),
      // so without a penalty the optimum is a whole face: only the objective is comparable there.
      if (a > 0) {
        assertClose(model.coef, ref.coef, { rtol: 1e-7, atol: 1e-8, label: 'coef' });
        assertClose(model.intercept, ref.intercept, { rtol: 1e-7, atol: 1e-8, label: 'intercept' });
      }
    });
  }

  test('the fitted quantile splits the training targets as it should', async () => {
    const rng = new RandomGenerator(3);
    const Xr = Array.from({ length: 200 }, () => [rng.normal(0, 1)]);
    const y = Xr.map((r) => 1 + 2 * r[0] + rng.normal(0, 1));
    const model = await new QuantileRegressor({ quantile: 0.8, alpha: 0 }).fit(Xr, y);
    const pred = model.predict(Xr);
    const below = y.filter((v, i) => v <= pred[i] + 1e-9).length;
    // An LP vertex interpolates k+1 points; the share below the fit is within k/n of q.
    assert.ok(Math.abs(below / 200 - 0.8) <= 2 / 200 + 1e-12, `share ${below / 200}`);
    const sparse = await new QuantileRegressor({ quantile: 0.8, alpha: 0 }).fit(SparseMatrix.fromDense(Xr), y);
    assertClose(sparse.coef, model.coef, { rtol: 1e-10 });
  });

  test('bad parameters and input are ValidationErrors', async () => {
    await assert.rejects(
      new QuantileRegressor({ quantile: 1 }).fit(X, yreg),
      (e: unknown) => e instanceof ValidationError && /quantile/.test(e.message),
    );
    await assert.rejects(
      new QuantileRegressor({ solver: 'magic' as never }).fit(X, yreg),
      (e: unknown) => e instanceof ValidationError && /solver/.test(e.message),
    );
    await assert.rejects(
      new QuantileRegressor().fit(
        X,
        yreg.map((v, i) => (i ? v : Number.NaN)),
      ),
      ValidationError,
    );
  });
});
