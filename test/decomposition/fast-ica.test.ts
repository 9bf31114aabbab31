import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { FastICA } from '../../src/decomposition/fast-ica.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_fastica_signals');
const X: number[][] = fx.inputs.X;
const wInit: number[][] = fx.inputs.w_init;

describe('FastICA', () => {
  for (const algorithm of ['parallel', 'deflation'] as const) {
    for (const fun of ['logcosh', 'exp', 'cube'] as const) {
      for (const whiten of ['arbitrary-variance', 'unit-variance'] as const) {
        test(`matches sklearn from the same wInit: ${algorithm}, ${fun}, ${whiten}`, async () => {
          const e = fx.expected[`${algorithm}_${fun}_${whiten}`];
          const m = new FastICA({ nComponents: 3, algorithm, fun, whiten, wInit, maxIter: 400, tol: 1e-6 });
          const S = (await captureWarnings(() => m.fitTransform(X))).result.toArray() as number[][];
          assert.equal(m.nIter, e.n_iter_);
          assertClose(m.components.toArray() as number[][], e.components_, {
            rtol: 1e-6,
            atol: 1e-9,
            label: 'components',
          });
          assertClose(m.mixing.toArray() as number[][], e.mixing_, { rtol: 1e-6, atol: 1e-9, label: 'mixing' });
          assertClose(m.whitening.toArray() as number[][], e.whitening_, {
            rtol: 1e-8,
            atol: 1e-12,
            label: 'whitening',
          });
          assertClose(m.mean, e.mean_, { rtol: 1e-12, atol: 1e-14, label: 'mean' });
          assertClose(S.slice(0, 10), e.sources_first10, { rtol: 1e-6, atol: 1e-8, label: 'sources' });
          assertClose(m.transform(X.slice(0, 10)).toArray() as number[][], e.sources_first10, {
            rtol: 1e-6,
            atol: 1e-8,
            label: 'transform',
          });
        });
      }
    }
  }

  test('eigh whitening with 2 components matches sklearn', async () => {
    const e = fx.expected.eigh_2;
    const m = await new FastICA({
      nComponents: 2,
      whiten: 'unit-variance',
      whitenSolver: 'eigh',
      wInit: wInit.slice(0, 2).map((r) => r.slice(0, 2)),
      maxIter: 400,
      tol: 1e-6,
    }).fit(X);
    assert.equal(m.nIter, e.n_iter_);
    assertClose(m.components.toArray() as number[][], e.components_, { rtol: 1e-6, atol: 1e-9 });
    assertClose(m.mixing.toArray() as number[][], e.mixing_, { rtol: 1e-6, atol: 1e-9 });
  });

  test('unit-variance sources are uncorrelated with unit variance; inverseTransform reconstructs', async () => {
    const m = new FastICA({ whiten: 'unit-variance', randomState: 3, maxIter: 400, tol: 1e-6 });
    const S = (await m.fitTransform(X)).toArray() as number[][];
    const n = S.length;
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const ma = S.reduce((s, r) => s + r[a], 0) / n;
        const mb = S.reduce((s, r) => s + r[b], 0) / n;
        const c = S.reduce((s, r) => s + (r[a] - ma) * (r[b] - mb), 0) / n;
        assert.ok(Math.abs(c - (a === b ? 1 : 0)) < 1e-8, `cov[${a}, ${b}] = ${c}`);
      }
    }
    assertClose(m.inverseTransform(S).toArray() as number[][], X, { rtol: 1e-8, atol: 1e-9 });
  });

  test('bad input: NaN, one sample, wrong wInit shape', async () => {
    await assert.rejects(
      new FastICA().fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      ValidationError,
    );
    await assert.rejects(
      new FastICA().fit([[1, 2]]),
      (e: Error) => e instanceof ValidationError && /2 samples/.test(e.message),
    );
    await assert.rejects(
      new FastICA({
        nComponents: 3,
        wInit: [
          [1, 0],
          [0, 1],
        ],
      }).fit(X),
      (e: Error) => e instanceof ValidationError && /wInit has invalid shape/.test(e.message),
    );
  });

  test('checkEstimator', async () => {
    for (const make of [
      () => new FastICA({ nComponents: 2 }),
      () => new FastICA({ algorithm: 'deflation', whiten: 'unit-variance' }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make)).failed, 0));
    }
  });
});
