import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { BayesianRidge } from '../../src/linear-model/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { assertClose } from '../helpers/fixtures.js';

const mk = (m: number, n: number) =>
  Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => Math.sin(i * 0.9 + j * j * 1.7 + 0.3 * i * j)),
  );
const X = mk(30, 4);
const y = X.map((r, i) => 1.5 * r[0] - 2 * r[1] + 0.7 * r[3] + 0.3 + 0.2 * Math.cos(i * 1.3));
const W = mk(6, 9);
const yw = W.map((r, i) => r.reduce((s, v, j) => s + v * (-1 + (2 * j) / 8), 0) + 0.1 * Math.sin(i));
const sw = X.map((_, i) => 1 + (i % 3));

/*
 * scikit-learn 1.2.1 on the data above (Debian's /usr/bin/python3; the script
 * rebuilds X, y, W, yw, sw with numpy): BayesianRidge(compute_score=True) on
 * (X, y) "tall" and (W, yw) "wide"; BayesianRidge() with sample_weight=sw;
 * BayesianRidge(fit_intercept=False, alpha_init=2, lambda_init=0.5). std2 is
 * predict(X[:2], return_std=True)[1]; lastScore is scores_[-1].
 */
const REF = {
  tall: {
    coef: [1.5034262561622753, -1.9633948587366348, -0.012648841273962264, 0.6829686341124013],
    intercept: 0.3066888771782721,
    alpha: 43.499356782976996,
    lambda: 0.6071266227133534,
    nIter: 4,
    std2: [0.1582174420051374, 0.16234611704406968],
    lastScore: 0.13944808853722304,
    nScores: 5,
  },
  wide: {
    coef: [
      -0.7446266981408914, -0.47614640642803463, -0.6278391964172884, 0.11387294821336763, -0.38159398329943994,
      0.45867602254185186, -0.07921185042998694, 0.8196763976470496, 0.5248035535470819,
    ],
    intercept: -0.022260374065928623,
    alpha: 500001.26941023726,
    lambda: 2.001681802688628,
    nIter: 8,
    std2: [0.004099777083387451, 0.004108484345333457],
    lastScore: -3.496816353480821,
    nScores: 9,
  },
  weighted: {
    coef: [1.4758705101845715, -1.975857626051671, -0.016999818183198068, 0.6775226262677503],
    intercept: 0.30722637624027316,
    alpha: 22.00069793322254,
    lambda: 0.6108408698376194,
    nIter: 4,
    std2: [0.2182969356540903, 0.2214177299964004],
  },
  noIntercept: {
    coef: [1.5146306008113624, -1.9599385225862145, -0.01150717360058029, 0.6678855493070985],
    intercept: 0.0,
    alpha: 7.622615160965812,
    lambda: 0.6043114760885295,
    nIter: 3,
    std2: [0.3778864157360525, 0.3876793720329007],
  },
};

describe('BayesianRidge', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new BayesianRidge())).failed, 0);
  });

  const cases: [keyof typeof REF, () => BayesianRidge, number[][], number[], number[] | undefined][] = [
    ['tall', () => new BayesianRidge({ computeScore: true }), X, y, undefined],
    ['wide', () => new BayesianRidge({ computeScore: true }), W, yw, undefined],
    ['weighted', () => new BayesianRidge(), X, y, sw],
    ['noIntercept', () => new BayesianRidge({ fitIntercept: false, alphaInit: 2, lambdaInit: 0.5 }), X, y, undefined],
  ];
  for (const [name, make, A, t, w] of cases) {
    test(`${name}: matches scikit-learn (coef, alpha, lambda, std, scores)`, async () => {
      const model = await make().fit(A, t, w ? { sampleWeight: w } : {});
      const ref: (typeof REF)[typeof name] & { lastScore?: number; nScores?: number } = REF[name];
      assertClose(model.coef, ref.coef, { rtol: 1e-8, atol: 1e-10, label: 'coef' });
      assertClose(model.intercept, ref.intercept, { rtol: 1e-8, atol: 1e-10, label: 'intercept' });
      assertClose(model.alpha, ref.alpha, { rtol: 1e-7, label: 'alpha' });
      assertClose(model.lambda, ref.lambda, { rtol: 1e-7, label: 'lambda' });
      assert.equal(model.nIter, ref.nIter);
      // Wide centred data has a zero singular value whose singular vector (which sklearn's sigma_
      // includes) is arbitrary, so the predictive std is only comparable for tall data.
      if (name !== 'wide') assertClose(model.predictWithStd(A.slice(0, 2)).std, ref.std2, { rtol: 1e-7, label: 'std' });
      if (ref.lastScore !== undefined) {
        assert.equal(model.scores.length, ref.nScores);
        assertClose(model.scores[model.scores.length - 1], ref.lastScore, { rtol: 1e-7, label: 'score' });
      }
    });
  }

  test('rejects sparse X, NaN and bad priors with ValidationErrors', async () => {
    await assert.rejects(new BayesianRidge().fit(SparseMatrix.fromDense(X), y), ValidationError);
    await assert.rejects(
      new BayesianRidge().fit(
        X,
        y.map((v, i) => (i ? v : Number.NaN)),
      ),
      ValidationError,
    );
    await assert.rejects(
      new BayesianRidge({ alpha1: -1 }).fit(X, y),
      (e: unknown) => e instanceof ValidationError && /alpha1/.test(e.message),
    );
  });
});
