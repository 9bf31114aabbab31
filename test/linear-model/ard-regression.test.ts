import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { ARDRegression } from '../../src/linear-model/index.js';
import { assertClose } from '../helpers/fixtures.js';

const mk = (m: number, n: number) =>
  Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.sin(i * 0.9 + j * j * 1.7 + 0.3 * i * j)),
  );
const X = mk(30, 4);
const y = X.map((r, i) => 1.5 * r[0] - 2 * r[1] + 0.7 * r[3] + 0.3 + 0.2 * Math.cos(i * 1.3));
const W = mk(6, 9);
const yw = W.map((r, i) => r.reduce((s, v, j) => s + v * (-1 + (2 * j) / 8), 0) + 0.1 * Math.sin(i));

/*
 * scikit-learn 1.2.1 on the data above (Debian's /usr/bin/python3, X/y/W/yw
 * rebuilt with numpy): ARDRegression(compute_score=True) on (X, y) "tall",
 * ARDRegression() on (W, yw) "wide" (Woodbury path), and
 * ARDRegression(fit_intercept=False, threshold_lambda=100) on (X, y); std2 is
 * predict(X[:2], return_std=True)[1], lastScore is scores_[-1].
 */
const REF = {
  tall: {
    coef: [1.5040174828711037, -1.9670910188794448, 0.0, 0.6838261219462011],
    intercept: 0.3065678258138964,
    alpha: 45.02588822316496,
    lambda: [0.44176320642142436, 0.2583347529730038, 27712.05546869137, 2.131812592295489],
    std2: [0.1548093139852369, 0.1570134659836027],
    lastScore: 36.73795349328003,
    nScores: 4,
  },
  wide: {
    coef: [
      -0.572248778447873, 0.0, -1.2185183264082893, 0.0022670902814479503, -0.7846612404975521, 0.05906432670589487,
      0.003459812642591623, 1.1971657564777352, -0.001726596622321545,
    ],
    intercept: -0.014520636882233096,
    alpha: 365963.40540111857,
    lambda: [
      3.053837757570031, 118669.94487143887, 0.673795225004232, 2667.792047603112, 1.623047640852449,
      260.31961928152975, 4566.7686057806795, 0.698084195023873, 1485.9760699025403,
    ],
    std2: [0.0023772595770465968, 0.0024016247192502616],
  },
  noIntercept: {
    coef: [1.5157678390688116, -1.968312369718926, 0.0, 0.6610496826361902],
    intercept: 0.0,
    alpha: 7.912824370678161,
    lambda: [0.4335421283354275, 0.2575458431603399, 6105.944657582379, 2.2461017115827717],
    std2: [0.3692252650493424, 0.3743349588091277],
  },
};

describe('ARDRegression', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new ARDRegression())).failed, 0);
  });

  const cases: [keyof typeof REF, () => ARDRegression, number[][], number[], number][] = [
    ['tall', () => new ARDRegression({ computeScore: true }), X, y, 1e-7],
    // Woodbury path: with alpha ≈ 4e5 the m × m matrix I/alpha + XΛ⁻¹Xᵀ of centred (rank m − 1) data
    // is near-singular, so each pinv loses digits and the evidence iterations carry that drift; the
    // noise precision (m − γ)/rss of an almost interpolating fit is itself ill-determined, so only
    // the coefficients and the pruning are compared there.
    ['wide', () => new ARDRegression(), W, yw, 1e-3],
    ['noIntercept', () => new ARDRegression({ fitIntercept: false, thresholdLambda: 100 }), X, y, 1e-7],
  ];
  for (const [name, make, A, t, tol] of cases) {
    test(`${name}: matches scikit-learn (coef, pruning, alpha, lambda, std)`, async () => {
      const model = await make().fit(A, t);
      const ref: (typeof REF)[typeof name] & { lastScore?: number; nScores?: number } = REF[name];
      assertClose(model.coef, ref.coef, { rtol: tol, atol: tol, label: 'coef' });
      assert.deepEqual(
        Array.from(model.coef, (v) => v === 0),
        ref.coef.map((v) => v === 0),
      );
      assertClose(model.intercept, ref.intercept, { rtol: tol, atol: tol, label: 'intercept' });
      if (name === 'wide') return;
      assertClose(model.alpha, ref.alpha, { rtol: tol * 10, label: 'alpha' });
      assertClose(model.lambda, ref.lambda, { rtol: tol * 10, label: 'lambda' });
      assertClose(model.predictWithStd(A.slice(0, 2)).std, ref.std2, { rtol: tol * 10, label: 'std' });
      if (ref.lastScore !== undefined) {
        assert.equal(model.scores.length, ref.nScores);
        assertClose(model.scores[model.scores.length - 1], ref.lastScore, { rtol: 1e-7, label: 'score' });
      }
    });
  }

  test('rejects sampleWeight, NaN and bad options with ValidationErrors', async () => {
    await assert.rejects(
      new ARDRegression().fit(X, y, { sampleWeight: X.map(() => 1) }),
      (e: unknown) => e instanceof ValidationError && /sampleWeight/.test(e.message),
    );
    await assert.rejects(
      new ARDRegression().fit(
        X,
        y.map((v, i) => (i ? v : Number.NaN)),
      ),
      ValidationError,
    );
    await assert.rejects(
      new ARDRegression({ thresholdLambda: -1 }).fit(X, y),
      (e: unknown) => e instanceof ValidationError && /thresholdLambda/.test(e.message),
    );
  });
});
