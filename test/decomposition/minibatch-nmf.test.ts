import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { MiniBatchNMF, type MiniBatchNMFParams } from '../../src/decomposition/minibatch-nmf.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_minibatchnmf_iris');
const iris = loadDataset('iris').data.toArray() as number[][];
const { W0, H0 } = fx.inputs as { W0: number[][]; H0: number[][] };

function randomCounts(n: number, d: number, seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => Math.abs(rng.normal()) + 0.01));
}

describe('MiniBatchNMF', () => {
  const runs: [string, Partial<MiniBatchNMFParams>][] = [
    ['frob', {}],
    ['frob_fresh', { freshRestarts: true }],
    ['kl', { betaLoss: 'kullback-leibler' }],
    ['is', { betaLoss: 'itakura-saito', maxIter: 50 }],
    ['beta15_reg', { betaLoss: 1.5, alphaW: 0.01, l1Ratio: 0.5 }],
    ['frob_ff0.3_tol0', { forgetFactor: 0.3, tol: 0, maxIter: 20, maxNoImprovement: null }],
    ['frob_reg', { alphaW: 0.05, alphaH: 0.01, l1Ratio: 0.3 }],
  ];
  for (const [name, params] of runs) {
    test(`matches sklearn from a custom init, batchSize 32: ${name}`, async () => {
      const e = fx.expected[name];
      const m = new MiniBatchNMF({ nComponents: 2, init: 'custom', batchSize: 32, ...params });
      const W = (await captureWarnings(() => m.fitTransform(iris, undefined, { W: W0, H: H0 }))).result;
      assert.equal(m.nSteps, e.n_steps_);
      assert.equal(m.nIter, e.n_iter_);
      assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-7, atol: 1e-10, label: 'H' });
      assertClose((W.toArray() as number[][]).slice(0, 10), e.W_first10, { rtol: 1e-7, atol: 1e-10, label: 'W' });
      assertClose(m.reconstructionErr, e.reconstruction_err_, { rtol: 1e-8, label: 'err' });
      assertClose(m.transform(iris.slice(0, 10)).toArray() as number[][], e.transform_first10, {
        rtol: 1e-7,
        atol: 1e-10,
        label: 'transform',
      });
    });
  }

  test('matches sklearn with the default nndsvda init (one batch)', async () => {
    const e = fx.expected.default_nndsvda;
    const m = new MiniBatchNMF({ nComponents: 2, randomState: 0 });
    const W = (await captureWarnings(() => m.fitTransform(iris))).result;
    assert.equal(m.nSteps, e.n_steps_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-7, atol: 1e-10 });
    assertClose((W.toArray() as number[][]).slice(0, 10), e.W_first10, { rtol: 1e-7, atol: 1e-10 });
    assertClose(m.reconstructionErr, e.reconstruction_err_, { rtol: 1e-8 });
  });

  test('partialFit over three chunks matches sklearn', async () => {
    const e = fx.expected.partial_fit_3x50;
    const m = new MiniBatchNMF({ nComponents: 2, randomState: 0 });
    for (let s = 0; s < 150; s += 50) await m.partialFit(iris.slice(s, s + 50));
    assert.equal(m.nSteps, e.n_steps_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-7, atol: 1e-10 });
    assertClose(m.transform(iris.slice(0, 10)).toArray() as number[][], e.transform_first10, {
      rtol: 1e-7,
      atol: 1e-10,
    });
  });

  test('property: factors stay non-negative and WH approximates X better than zero', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 5, max: 40 }),
        fc.nat(),
        async (k, bs, seed) => {
          const X = randomCounts(40, 5, seed);
          const m = new MiniBatchNMF({ nComponents: k, batchSize: bs, randomState: 0, maxIter: 50 });
          const W = (await captureWarnings(() => m.fitTransform(X))).result;
          assert.ok((W.toArray() as number[][]).flat().every((v) => v >= 0));
          assert.ok((m.components.toArray() as number[][]).flat().every((v) => v >= 0));
          // Better than W = 0, whose error is ‖X‖_F.
          assert.ok(m.reconstructionErr < Math.hypot(...X.flat()));
          assert.ok(m.nSteps >= 1 && m.nIter === Math.ceil(m.nSteps / Math.ceil(40 / Math.min(bs, 40))));
        },
      ),
      { numRuns: 15 },
    );
  });

  test('bad input', async () => {
    await assert.rejects(
      new MiniBatchNMF({ nComponents: 2 }).fit([
        [1, -1],
        [2, 3],
      ]),
      /Negative values/,
    );
    await assert.rejects(
      new MiniBatchNMF({ nComponents: 2 }).fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      /NaN|finite/i,
    );
    await assert.rejects(new MiniBatchNMF({ nComponents: 5, init: 'nndsvda' }).fit(iris), /nComponents <= min/);
    await assert.rejects(new MiniBatchNMF({ forgetFactor: 2 }).fit(iris), ValidationError);
    await assert.rejects(new MiniBatchNMF({ nComponents: 2, init: 'custom' }).fit(iris), /custom/);
    await assert.rejects(
      new MiniBatchNMF({ betaLoss: 'itakura-saito' }).fit([
        [0, 1],
        [1, 1],
      ]),
      /betaLoss <= 0/,
    );
    const m = await captureWarnings(() => new MiniBatchNMF({ nComponents: 2 }).fit(iris));
    assert.throws(() => m.result.transform([[1, -1, 1, 1]]), /Negative values/);
  });

  test('nComponents above min(n, d) uses the random init', async () => {
    const m = await captureWarnings(() => new MiniBatchNMF({ nComponents: 6, randomState: 0, maxIter: 20 }).fit(iris));
    assert.deepEqual(m.result.components.shape, [6, 4]);
  });

  test('checkEstimator', async () => {
    const dataset = { X: randomCounts(30, 4, 7) };
    // fitTransform returns the W found during fit; transform re-solves with H fixed (as sklearn), so they
    // agree only to the solver tolerance. checkRefitNoLeak refits on signed data that NMF rejects.
    const skip = ['checkTransformer', 'checkRefitNoLeak'];
    for (const make of [
      () => new MiniBatchNMF({ nComponents: 2, batchSize: 8, randomState: 0 }),
      () => new MiniBatchNMF({ nComponents: 2, betaLoss: 'kullback-leibler', freshRestarts: true, randomState: 0 }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make, { dataset, skip })).failed, 0));
    }
  });
});
