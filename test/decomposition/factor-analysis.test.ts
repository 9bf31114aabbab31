import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { FactorAnalysis } from '../../src/decomposition/factor-analysis.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_factoranalysis_iris_diabetes');
const data: Record<string, number[][]> = {
  iris: loadDataset('iris').data.toArray() as number[][],
  diabetes: loadDataset('diabetes').data.toArray() as number[][],
};

/** Rows of `a` equal to rows of `b` up to one sign per row; returns the signs. */
function rowSigns(a: number[][], b: number[][], rtol: number, atol: number, label: string): number[] {
  return a.map((row, c) => {
    let best = 0;
    row.forEach((_, f) => {
      if (Math.abs(b[c][f]) > Math.abs(b[c][best])) best = f;
    });
    const sign = Math.sign(row[best]) === Math.sign(b[c][best]) ? 1 : -1;
    assertClose(
      row.map((v) => sign * v),
      b[c],
      { rtol, atol, label: `${label}[${c}]` },
    );
    return sign;
  });
}

describe('FactorAnalysis', () => {
  for (const [name, k] of [
    ['iris', 2],
    ['diabetes', 3],
  ] as const) {
    for (const rotation of [null, 'varimax', 'quartimax'] as const) {
      test(`matches sklearn (svdMethod lapack) on ${name}, rotation ${rotation}`, async () => {
        const e = fx.expected[`${name}_${rotation === null ? 'None' : rotation}`];
        const X = data[name];
        const m = await new FactorAnalysis({ nComponents: k, svdMethod: 'lapack', rotation }).fit(X);
        assert.equal(m.nIter, e.n_iter_);
        assertClose(m.loglike, e.loglike_, { rtol: 1e-9, label: 'loglike' });
        assertClose(m.noiseVariance, e.noise_variance_, { rtol: 1e-7, atol: 1e-12, label: 'psi' });
        assertClose(m.mean, e.mean_, { rtol: 1e-12, atol: 1e-15, label: 'mean' });
        const signs = rowSigns(m.components.toArray() as number[][], e.components_, 1e-6, 1e-9, 'components');
        const T = (m.transform(X.slice(0, 10)).toArray() as number[][]).map((r) => r.map((v, c) => v * signs[c]));
        assertClose(T, e.transform_first10, { rtol: 1e-6, atol: 1e-9, label: 'transform' });
        assertClose(m.getCovariance().toArray() as number[][], e.covariance, { rtol: 1e-7, atol: 1e-12, label: 'cov' });
        assertClose(m.getPrecision().toArray() as number[][], e.precision, {
          rtol: 1e-6,
          atol: 1e-9,
          label: 'precision',
        });
        assertClose(m.score(X), e.score, { rtol: 1e-9, label: 'score' });
        assertClose(m.scoreSamples(X.slice(0, 10)), e.score_samples_first10, { rtol: 1e-8, label: 'scoreSamples' });
      });
    }
  }

  test('nComponents null on iris matches sklearn', async () => {
    const e = fx.expected.iris_all;
    const m = await new FactorAnalysis({ svdMethod: 'lapack' }).fit(data.iris);
    assert.equal(m.nIter, e.n_iter_);
    assertClose(m.noiseVariance, e.noise_variance_, { rtol: 1e-6, atol: 1e-10 });
    assertClose(m.score(data.iris), e.score, { rtol: 1e-9 });
  });

  test('randomized SVD reaches the lapack solution; precision inverts covariance; loglike increases', async () => {
    const X = data.diabetes;
    const a = await new FactorAnalysis({ nComponents: 3, svdMethod: 'lapack' }).fit(X);
    const b = await new FactorAnalysis({ nComponents: 3, iteratedPower: 7 }).fit(X);
    assertClose(b.noiseVariance, a.noiseVariance, { rtol: 1e-4, atol: 1e-8, label: 'psi' });
    const ll = a.loglike;
    for (let i = 1; i < ll.length; i++) assert.ok(ll[i] >= ll[i - 1] - 1e-9, `loglike drops at ${i}`);
    const C = a.getCovariance().toArray() as number[][];
    const P = a.getPrecision().toArray() as number[][];
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) {
        const v = C[i].reduce((s, c, t) => s + c * P[t][j], 0);
        assert.ok(Math.abs(v - (i === j ? 1 : 0)) < 1e-8, `(C P)[${i}, ${j}] = ${v}`);
      }
    }
  });

  test('bad input: NaN, noiseVarianceInit of the wrong length, too many components', async () => {
    await assert.rejects(
      new FactorAnalysis().fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      ValidationError,
    );
    await assert.rejects(
      new FactorAnalysis({ noiseVarianceInit: [1, 1] }).fit(data.iris),
      (e: Error) => e instanceof ValidationError && /noiseVarianceInit/.test(e.message),
    );
    await assert.rejects(new FactorAnalysis({ nComponents: 5 }).fit(data.iris), ValidationError);
  });

  test('checkEstimator', async () => {
    for (const make of [
      () => new FactorAnalysis({ nComponents: 2 }),
      () => new FactorAnalysis({ svdMethod: 'lapack', rotation: 'varimax', nComponents: 2 }),
    ]) {
      await captureWarnings(async () => assert.equal((await checkEstimator(make)).failed, 0));
    }
  });
});
