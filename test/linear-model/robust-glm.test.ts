import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import {
  GammaRegressor,
  HuberRegressor,
  huberLossAndGradient,
  PoissonRegressor,
  TweedieRegressor,
} from '../../src/linear-model/index.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose } from '../helpers/fixtures.js';

const M = 30;
const X: number[][] = Array.from({ length: M }, (_, i) =>
  Array.from({ length: 3 }, (_, j) => Math.sin(i * 0.9 + j * 1.7) + 0.2 * j),
);
const lin = X.map((r) => 0.5 * r[0] - 0.3 * r[1] + 0.2 * r[2] + 1);
const ycount = lin.map((v, i) => Math.trunc(Math.exp(v) + 0.5 * Math.sin(3 * i) + 0.5));
const ypos = lin.map((v, i) => Math.exp(v) * (1.2 + 0.5 * Math.sin(i * 2.3)));
const yreg = X.map((r, i) => 2 * r[0] - r[1] + 0.5 + 0.1 * Math.cos(i * 1.1));
const yout = yreg.map((v, i) => v + (i === 3 ? 15 : i === 11 ? -12 : i === 20 ? 9 : 0));

interface Ref {
  coef: number[];
  intercept: number;
  score: number;
  pred3: number[];
  scale?: number;
  outliers?: number[];
}

/*
 * scikit-learn 1.2.1 results on the data above, produced with Debian's
 * /usr/bin/python3: HuberRegressor() and HuberRegressor(fit_intercept=False,
 * epsilon=1.5, alpha=0.1) on yout; PoissonRegressor(alpha=0.1) on ycount;
 * GammaRegressor(alpha=0.05) on ypos; TweedieRegressor(power=1.5, alpha=0.2)
 * on ycount, (power=0, alpha=0.3) on yreg, (power=3, alpha=0.01) and
 * (power=1, link='identity', alpha=0.01) on ypos — the GLMs with tol=1e-10,
 * max_iter=1000 — printing coef_, intercept_, score(X, y), predict(X[:3]),
 * scale_ and the indices where outliers_ is true.
 */
const REF: Record<string, Ref> = {
  huber: {
    coef: [1.334929142653239, -1.1663078204476791, -0.6669795317997642],
    intercept: 0.8136945188320567,
    score: 0.16991905703270138,
    pred3: [-0.6725045970854125, 1.3691577080460062, 2.6120261193605643],
    scale: 0.06872887135365509,
    outliers: [3, 8, 9, 11, 14, 20, 26],
  },
  huberNoIntercept: {
    coef: [3.1270492355565613, -0.7027502623774234, 1.1262339296183805],
    intercept: 0.0,
    score: 0.1697470968340833,
    pred3: [-0.6747482458787522, 1.3653594458820741, 2.6067494058032143],
    scale: 0.07338948894640278,
    outliers: [3, 11, 14, 20],
  },
  poisson: {
    coef: [0.2023460622779797, -0.3894722364361603, -0.1019833496854628],
    intercept: 1.1208673823722834,
    score: 0.8694239780093365,
    pred3: [1.900305421203979, 2.8672199729277286, 4.161817266758853],
  },
  gamma: {
    coef: [0.18234627349016475, -0.3344055082190348, -0.09617368584097405],
    intercept: 1.3072897697975825,
    score: 0.5364384419481131,
    pred3: [2.4470845798152494, 3.5271863793855274, 4.863632634181472],
  },
  tweedie15: {
    coef: [0.184026158320336, -0.3364019488797817, -0.0973390822847423],
    intercept: 1.110240967239388,
    score: 0.834281414956012,
    pred3: [2.004312493678124, 2.897767670600884, 4.0037731728323385],
  },
  tweedie0: {
    coef: [0.8556930929010393, -0.7637219461806627, -0.6588903569688],
    intercept: 0.7141501174024778,
    score: 0.9158252281371572,
    pred3: [-0.29113302568415267, 1.1780902015917927, 1.9811648794711887],
  },
  tweedie3: {
    coef: [0.19026513968674913, -0.3417782161852222, -0.10219286836128892],
    intercept: 1.3058611926901103,
    score: 0.5089142417499743,
    pred3: [2.4201111051622464, 3.5363909153850392, 4.914010883022508],
  },
  tweedie1identity: {
    coef: [0.6150804771712721, -1.1494127171258934, -0.31888946487281455],
    intercept: 3.850955461031996,
    score: 0.5302181509743499,
    pred3: [2.4351743526757312, 3.6749580538497617, 4.777430882413277],
  },
};

const close = (
  model: {
    coef: Float64Array;
    intercept: number;
    score(X: number[][], y: number[]): number;
    predict(X: number[][]): Float64Array;
  },
  ref: Ref,
  y: number[],
  tol: number,
) => {
  assertClose(model.coef, ref.coef, { rtol: tol, atol: tol, label: 'coef' });
  assertClose(model.intercept, ref.intercept, { rtol: tol, atol: tol, label: 'intercept' });
  assertClose(model.predict(X.slice(0, 3)), ref.pred3, { rtol: tol, atol: tol, label: 'predict' });
  assertClose(model.score(X, y), ref.score, { rtol: tol, atol: tol, label: 'score' });
};

describe('HuberRegressor', () => {
  test('passes checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new HuberRegressor())).failed, 0);
  });

  test('matches scikit-learn (coef, intercept, scale, outliers)', async () => {
    const m = await new HuberRegressor({ tol: 1e-10, maxIter: 1000 }).fit(X, yout);
    close(m, REF.huber, yout, 1e-4);
    assertClose(m.scale, REF.huber.scale as number, { rtol: 1e-4, label: 'scale' });
    assert.deepEqual(
      Array.from(m.outliers).flatMap((v, i) => (v ? [i] : [])),
      REF.huber.outliers,
    );
    const n = await new HuberRegressor({
      fitIntercept: false,
      epsilon: 1.5,
      alpha: 0.1,
      tol: 1e-10,
      maxIter: 1000,
    }).fit(X, yout);
    close(n, REF.huberNoIntercept, yout, 1e-4);
    assert.deepEqual(
      Array.from(n.outliers).flatMap((v, i) => (v ? [i] : [])),
      REF.huberNoIntercept.outliers,
    );
  });

  test('reaches an objective no higher than scikit-learn’s, and the gradient is right', async () => {
    const m = await new HuberRegressor({ tol: 1e-10, maxIter: 1000 }).fit(X, yout);
    const Xt = new Tensor(Float64Array.from(X.flat()), [M, 3]);
    const sw = new Float64Array(M).fill(1);
    const g = new Float64Array(5);
    const ours = huberLossAndGradient(
      Float64Array.of(...m.coef, m.intercept, m.scale),
      Xt,
      Float64Array.from(yout),
      1.35,
      1e-4,
      sw,
      true,
      g,
    );
    const r = REF.huber;
    const theirs = huberLossAndGradient(
      Float64Array.of(...r.coef, r.intercept, r.scale as number),
      Xt,
      Float64Array.from(yout),
      1.35,
      1e-4,
      sw,
      true,
      g,
    );
    assert.ok(ours <= theirs + 1e-9, `${ours} vs ${theirs}`);
    // Central differences agree with the analytic gradient.
    const p = Float64Array.of(0.3, -0.2, 0.1, 0.4, 0.8);
    const grad = new Float64Array(5);
    huberLossAndGradient(p, Xt, Float64Array.from(yout), 1.35, 0.1, sw, true, grad);
    for (let k = 0; k < 5; k++) {
      const h = 1e-6;
      const a = Float64Array.from(p);
      const b = Float64Array.from(p);
      a[k] += h;
      b[k] -= h;
      const d =
        (huberLossAndGradient(a, Xt, Float64Array.from(yout), 1.35, 0.1, sw, true, new Float64Array(5)) -
          huberLossAndGradient(b, Xt, Float64Array.from(yout), 1.35, 0.1, sw, true, new Float64Array(5))) /
        (2 * h);
      assert.ok(Math.abs(d - grad[k]) < 1e-5, `gradient ${k}: ${grad[k]} vs ${d}`);
    }
  });

  test('sparse input gives the dense fit; bad input is a ValidationError', async () => {
    const dense = await new HuberRegressor().fit(X, yout);
    const sparse = await new HuberRegressor().fit(SparseMatrix.fromDense(X), yout);
    assertClose(sparse.coef, dense.coef, { rtol: 1e-8, atol: 1e-10 });
    await assert.rejects(
      new HuberRegressor({ epsilon: 0.5 }).fit(X, yout),
      (e: unknown) => e instanceof ValidationError && /epsilon/.test(e.message),
    );
    await assert.rejects(
      new HuberRegressor().fit(
        X.map((r, i) => (i ? r : [Number.NaN, 0, 0])),
        yout,
      ),
      ValidationError,
    );
  });
});

describe('Poisson / Gamma / Tweedie regressors', () => {
  test('pass checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new TweedieRegressor())).failed, 0);
    // The check data has negative targets: Poisson/Gamma/Tweedie(1.5) get positive ones. Skipped:
    // checkScore (their score is D², as sklearn, not R²) and checkRefitNoLeak (its second
    // data set has negative targets); both are covered by the tests below.
    const dataset = { X: X.map((r) => [...r, 0]), y: ypos };
    const skip = ['checkScore', 'checkRefitNoLeak'];
    for (const make of [
      () => new PoissonRegressor(),
      () => new GammaRegressor(),
      () => new TweedieRegressor({ power: 1.5 }),
    ]) {
      assert.equal((await checkEstimator(make, { dataset, skip })).failed, 0);
    }
  });

  test('refitting forgets the previous fit', async () => {
    const refit = await new GammaRegressor().fit(X, ypos);
    await refit.fit(
      X.slice(5),
      ycount.slice(5).map((v) => v + 1),
    );
    const fresh = await new GammaRegressor().fit(
      X.slice(5),
      ycount.slice(5).map((v) => v + 1),
    );
    assert.deepEqual(Array.from(refit.coef), Array.from(fresh.coef));
    assert.equal(refit.intercept, fresh.intercept);
  });

  const cases: [string, () => PoissonRegressor | GammaRegressor | TweedieRegressor, number[]][] = [
    ['poisson', () => new PoissonRegressor({ alpha: 0.1, tol: 1e-10, maxIter: 1000 }), ycount],
    ['gamma', () => new GammaRegressor({ alpha: 0.05, tol: 1e-10, maxIter: 1000 }), ypos],
    ['tweedie15', () => new TweedieRegressor({ power: 1.5, alpha: 0.2, tol: 1e-10, maxIter: 1000 }), ycount],
    ['tweedie0', () => new TweedieRegressor({ power: 0, alpha: 0.3, tol: 1e-10, maxIter: 1000 }), yreg],
    ['tweedie3', () => new TweedieRegressor({ power: 3, alpha: 0.01, tol: 1e-10, maxIter: 1000 }), ypos],
    [
      'tweedie1identity',
      () => new TweedieRegressor({ power: 1, link: 'identity', alpha: 0.01, tol: 1e-10, maxIter: 1000 }),
      ypos,
    ],
  ];
  for (const [name, make, y] of cases) {
    test(`${name} matches scikit-learn (coef, intercept, predict, D²)`, async () => {
      const model = await make().fit(X, y);
      close(model, REF[name], y, 1e-6);
      const sparse = await make().fit(SparseMatrix.fromDense(X), y);
      assertClose(sparse.coef, model.coef, { rtol: 1e-8, atol: 1e-10, label: 'sparse coef' });
    });
  }

  test('targets outside the family range are a ValidationError naming the value', async () => {
    await assert.rejects(
      new PoissonRegressor().fit(X, yreg),
      (e: unknown) => e instanceof ValidationError && /out of the valid range/.test(e.message),
    );
    await assert.rejects(
      new GammaRegressor().fit(
        X,
        ycount.map((v, i) => (i === 0 ? 0 : v)),
      ),
      (e: unknown) => e instanceof ValidationError && /y\[0\] = 0/.test(e.message),
    );
    await assert.rejects(
      new TweedieRegressor({ link: 'logit' as never }).fit(X, yreg),
      (e: unknown) => e instanceof ValidationError && /link/.test(e.message),
    );
    await assert.rejects(
      new PoissonRegressor().fit(
        X,
        ycount.map((v, i) => (i === 2 ? Number.NaN : v)),
      ),
      ValidationError,
    );
  });
});
