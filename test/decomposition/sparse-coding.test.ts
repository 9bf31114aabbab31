import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/datasets.js';
import { SparseCoder, sparseEncode } from '../../src/decomposition/sparse-coding.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_sparse_encode_digits');
const digits = loadDataset('digits').data.toArray() as number[][];
const X = digits.slice(0, 20);
const D = fx.inputs.dictionary as number[][];
const e = fx.expected;

describe('sparseEncode', () => {
  const cases: [string, Parameters<typeof sparseEncode>[2]][] = [
    ['omp_default', { algorithm: 'omp' }],
    ['omp_3', { algorithm: 'omp', nNonzeroCoefs: 3 }],
    ['omp_12', { algorithm: 'omp', nNonzeroCoefs: 12 }],
    ['lasso_cd_1', { algorithm: 'lasso_cd', alpha: 1 }],
    ['lasso_cd_10', { algorithm: 'lasso_cd', alpha: 10 }],
    ['lasso_cd_10_positive', { algorithm: 'lasso_cd', alpha: 10, positive: true }],
    ['lasso_cd_5_maxiter3', { algorithm: 'lasso_cd', alpha: 5, maxIter: 3 }],
    [
      'lasso_cd_5_init',
      { algorithm: 'lasso_cd', alpha: 5, maxIter: 4, init: Float64Array.from((fx.inputs.init as number[][]).flat()) },
    ],
    ['threshold_20', { algorithm: 'threshold', alpha: 20 }],
    ['threshold_20_positive', { algorithm: 'threshold', alpha: 20, positive: true }],
  ];
  for (const [name, opts] of cases) {
    test(`matches sklearn's sparse_encode: ${name}`, async () => {
      const { result } = await captureWarnings(async () => sparseEncode(X, D, opts));
      assertClose(result.toArray() as number[][], e[name], { rtol: 1e-8, atol: 1e-9, label: name });
    });
  }

  test('omp uses exactly nNonzeroCoefs atoms and recovers a sparse combination', () => {
    const x = D[0].map((v, f) => 2 * v - 3 * D[5][f]);
    const code = sparseEncode([x], D, { algorithm: 'omp', nNonzeroCoefs: 2 }).toArray() as number[][];
    const nz = code[0].map((v, i) => (v !== 0 ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(nz, [0, 5]);
    assertClose([code[0][0], code[0][5]], [2, -3], { rtol: 1e-9, atol: 1e-9 });
  });

  test('property: threshold codes shrink D·x by alpha; lasso codes get sparser with alpha', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19 }), fc.double({ min: 0, max: 50, noNaN: true }), (i, a) => {
        const t = sparseEncode([X[i]], D, { algorithm: 'threshold', alpha: a }).toArray() as number[][];
        const raw = sparseEncode([X[i]], D, { algorithm: 'threshold', alpha: 0 }).toArray() as number[][];
        for (let c = 0; c < D.length; c++) {
          assert.ok(Math.abs(Math.abs(t[0][c]) - Math.max(Math.abs(raw[0][c]) - a, 0)) < 1e-9);
        }
      }),
      { numRuns: 30 },
    );
    const nnz = (a: number) =>
      (sparseEncode(X, D, { algorithm: 'lasso_cd', alpha: a }).toArray() as number[][]).flat().filter((v) => v !== 0)
        .length;
    assert.ok(nnz(50) <= nnz(5) && nnz(5) <= nnz(0.5));
  });

  test('bad input', () => {
    assert.throws(() => sparseEncode([[Number.NaN, ...X[0].slice(1)]], D), /NaN|finite/i);
    assert.throws(() => sparseEncode([X[0].slice(1)], D), ValidationError);
    assert.throws(() => sparseEncode(X, D, { algorithm: 'omp', nNonzeroCoefs: 13 }), /more than/);
    assert.throws(() => sparseEncode(X, D, { algorithm: 'omp', positive: true }), /Positive/);
  });
});

describe('SparseCoder', () => {
  test('transform works without fit and matches sklearn with splitSign', () => {
    const coder = new SparseCoder({
      dictionary: D,
      transformAlgorithm: 'lasso_cd',
      transformAlpha: 10,
      splitSign: true,
    });
    assertClose(coder.transform(X).toArray() as number[][], e.coder_split_sign, { rtol: 1e-8, atol: 1e-9 });
    assert.equal(coder.nComponents, 12);
    assert.equal(coder.getFeatureNamesOut().length, 24);
  });

  test('default omp transform equals sparseEncode', async () => {
    const coder = await new SparseCoder({ dictionary: D }).fit(X);
    assertClose(coder.transform(X).toArray() as number[][], e.omp_default, { rtol: 1e-8, atol: 1e-9 });
    assert.throws(() => coder.transform([X[0].slice(2)]), ValidationError);
  });

  test('missing dictionary throws', () => {
    assert.throws(() => new SparseCoder().transform(X), /dictionary/);
  });

  test('checkEstimator', async () => {
    const dict = [
      [1, 0, 0, 0],
      [0, 0.6, 0.8, 0],
      [0, 0, 0, 1],
    ];
    for (const make of [
      () => new SparseCoder({ dictionary: dict }),
      () => new SparseCoder({ dictionary: dict, transformAlgorithm: 'lasso_cd', transformAlpha: 0.1 }),
      () =>
        new SparseCoder({ dictionary: dict, transformAlgorithm: 'threshold', transformAlpha: 0.1, splitSign: true }),
    ]) {
      // checkRefitNoLeak refits on data of another width, which a fixed dictionary cannot code.
      const skip = ['checkRefitNoLeak'];
      await captureWarnings(async () => assert.equal((await checkEstimator(make, { skip })).failed, 0));
    }
  });
});
