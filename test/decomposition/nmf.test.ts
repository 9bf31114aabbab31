import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { NMF } from '../../src/decomposition/nmf.js';
import { initializeNmf } from '../../src/decomposition/nmf-solvers.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_nmf_iris');
const iris = loadDataset('iris').data.toArray() as number[][];
const wine = loadDataset('wine').data.toArray() as number[][];
const digits = (loadDataset('digits').data.toArray() as number[][]).slice(0, 300);

function randomCounts(n: number, d: number, seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.abs(rng.normal()) * (1 + (seed % 3))));
}

describe('NMF', () => {
  for (const init of ['nndsvd', 'nndsvda'] as const) {
    test(`${init} initialisation matches sklearn on iris (the randomized SVD is exact for 4 features)`, () => {
      const x = Float64Array.from(iris.flat());
      const { W, H } = initializeNmf(x, 150, 4, 2, init, new RandomGenerator(0));
      const e = fx.expected[`init_${init}`];
      assertClose(H, e.H, { rtol: 1e-9, atol: 1e-12, label: 'H' });
      assertClose(W.slice(0, 20), e.W_first10, { rtol: 1e-9, atol: 1e-12, label: 'W' });
    });
    for (const [solver, betaLoss] of [
      ['cd', 'frobenius'],
      ['mu', 'frobenius'],
      ['mu', 'kullback-leibler'],
    ] as const) {
      for (const reg of [0, 1]) {
        test(`matches sklearn on iris: ${init}, ${solver}, ${betaLoss}${reg ? ', alphaW 0.01 l1Ratio 0.5' : ''}`, async () => {
          const e = fx.expected[`${init}_${solver}_${betaLoss}_${reg}`];
          const m = new NMF({
            nComponents: 2,
            init,
            solver,
            betaLoss,
            maxIter: 500,
            ...(reg ? { alphaW: 0.01, l1Ratio: 0.5 } : {}),
          });
          const W = (await captureWarnings(() => m.fitTransform(iris))).result.toArray() as number[][];
          assert.equal(m.nIter, e.n_iter_);
          assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-9, label: 'H' });
          assertClose(W.slice(0, 10), e.W_first10, { rtol: 1e-6, atol: 1e-9, label: 'W' });
          assertClose(m.reconstructionErr, e.reconstruction_err_, { rtol: 1e-8, label: 'err' });
          const T = (await captureWarnings(async () => m.transform(iris.slice(0, 10)))).result.toArray() as number[][];
          // sklearn 1.2.1's mu/KL transform adds the L1 penalty to a cached sum of H in place, so the penalty
          // grows with every iteration; typelearn applies it once per iteration, as in fit.
          if (!(solver === 'mu' && betaLoss === 'kullback-leibler' && reg)) {
            assertClose(T, e.transform_first10, { rtol: 1e-6, atol: 1e-9, label: 'transform' });
          }
        });
      }
    }
  }

  test('defaults (init nndsvda, cd) on wine match sklearn', async () => {
    const e = fx.expected.wine_default;
    const m = await new NMF({ nComponents: 3 }).fit(wine);
    assert.equal(m.nIter, e.n_iter_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-9 });
    assertClose(m.reconstructionErr, e.reconstruction_err_, { rtol: 1e-9 });
  });

  for (const solver of ['cd', 'mu'] as const) {
    test(`init 'custom' from sklearn's W0, H0 on digits[:300] matches sklearn (${solver})`, async () => {
      const e = fx.expected[`digits_custom_${solver}`];
      const m = new NMF({ nComponents: 5, init: 'custom', solver, maxIter: 300 });
      const { W0, H0 } = fx.inputs;
      const W = (await captureWarnings(() => m.fitTransform(digits, undefined, { W: W0, H: H0 }))).result;
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-8, label: 'H' });
      assertClose((W.toArray() as number[][]).slice(0, 10), e.W_first10, { rtol: 1e-6, atol: 1e-8, label: 'W' });
      assertClose(m.reconstructionErr, e.reconstruction_err_, { rtol: 1e-9, label: 'err' });
    });
  }

  test('factors stay non-negative and the loss never exceeds the initial one', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('cd', 'mu'),
        fc.constantFrom('nndsvd', 'nndsvda', 'nndsvdar', 'random'),
        async (seed, solver, init) => {
          const X = randomCounts(20, 6, seed);
          const m = new NMF({ nComponents: 3, solver, init, randomState: seed, maxIter: 100 });
          const { result: W } = await captureWarnings(() => m.fitTransform(X));
          assert.ok((W.data as Float64Array).every((v) => v >= 0));
          assert.ok((m.components.data as Float64Array).every((v) => v >= 0));
          const one = new NMF({ nComponents: 3, solver, init, randomState: seed, maxIter: 1, tol: 0 });
          await one.fit(X);
          assert.ok(
            m.reconstructionErr <= one.reconstructionErr + 1e-9,
            `${m.reconstructionErr} > ${one.reconstructionErr}`,
          );
          const back = m.inverseTransform(W).toArray() as number[][];
          let res = 0;
          for (let i = 0; i < back.length; i++) for (let j = 0; j < 6; j++) res += (back[i][j] - X[i][j]) ** 2;
          assertClose(Math.sqrt(res), m.reconstructionErr, { rtol: 1e-9, label: 'err is ‖X - WH‖' });
        },
      ),
      { numRuns: 20 },
    );
  });

  test('bad input: negative values, NaN, zeros with itakura-saito, cd with KL, bad custom init', async () => {
    await assert.rejects(
      new NMF().fit([
        [1, 2],
        [3, -4],
      ]),
      (e: Error) => e instanceof ValidationError && /Negative values.*X\[1, 1\] = -4/.test(e.message),
    );
    await assert.rejects(
      new NMF().fit([
        [1, Number.NaN],
        [3, 4],
      ]),
      ValidationError,
    );
    await assert.rejects(
      new NMF({ solver: 'mu', betaLoss: 'itakura-saito' }).fit([
        [0, 1],
        [1, 2],
      ]),
      (e: Error) => e instanceof ValidationError && /contains zeros/.test(e.message),
    );
    await assert.rejects(
      new NMF({ betaLoss: 'kullback-leibler' }).fit(iris),
      (e: Error) => e instanceof ValidationError && /solver 'cd' does not handle/.test(e.message),
    );
    await assert.rejects(
      new NMF({ nComponents: 2, init: 'custom' }).fit(iris, undefined, {
        W: [[1, 1]],
        H: [
          [1, 1, 1, 1],
          [1, 1, 1, 1],
        ],
      } as never),
      (e: Error) => e instanceof ValidationError && /wrong shape/.test(e.message),
    );
    await assert.rejects(new NMF({ nComponents: 5, init: 'nndsvd' }).fit(iris), /nComponents <= min/);
    const m = await new NMF({ nComponents: 2 }).fit(iris);
    assert.throws(() => m.transform([[1, -1, 1, 1]]), /Negative values/);
  });

  test('checkEstimator', async () => {
    const positive = (X: number[][]) => X.map((r) => r.map((v) => Math.abs(v)));
    const dataset = { X: positive(randomCounts(30, 4, 7)) };
    // fitTransform returns the solver's W of the training data (as sklearn); transform re-solves with H fixed,
    // so the two agree only to the solver's tolerance. checkRefitNoLeak refits on signed data NMF rejects.
    const skip = ['checkTransformer', 'checkRefitNoLeak'];
    for (const make of [
      () => new NMF({ nComponents: 2 }),
      () => new NMF({ nComponents: 2, solver: 'mu', betaLoss: 'kullback-leibler' }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make, { dataset, skip })).failed, 0));
    }
  });

  test('refit does not leak state; fitTransform and transform agree to the solver tolerance', async () => {
    const A = randomCounts(30, 4, 1);
    const B = randomCounts(20, 5, 2);
    const refit = await new NMF({ nComponents: 2, randomState: 0 }).fit(A);
    await refit.fit(B);
    const fresh = await new NMF({ nComponents: 2, randomState: 0 }).fit(B);
    assert.deepEqual(refit.components.toArray(), fresh.components.toArray());
    const m = new NMF({ nComponents: 2, tol: 1e-10, maxIter: 2000 });
    const W = (await m.fitTransform(A)).toArray() as number[][];
    assertClose(m.transform(A).toArray() as number[][], W, { rtol: 1e-4, atol: 1e-5 });
  });
});
