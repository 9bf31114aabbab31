import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { loadDataset } from '../../src/data/datasets.js';
import { KernelPCA, type KernelPCAKernel } from '../../src/decomposition/kernel-pca.js';
import { PCA } from '../../src/decomposition/pca.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_kernelpca_iris');
const iris = loadDataset('iris').data.toArray() as number[][];
const wine = loadDataset('wine').data.toArray() as number[][];

function randomMatrix(n: number, d: number, seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

describe('KernelPCA', () => {
  for (const kernel of ['linear', 'poly', 'rbf', 'sigmoid', 'cosine'] as KernelPCAKernel[]) {
    test(`matches sklearn on iris, kernel '${kernel}' (eigenpairs with signs, transform, fitTransform)`, async () => {
      const e = fx.expected[kernel];
      // sklearn's default sigmoid (gamma 1/4, coef0 1) saturates on iris: the centred kernel is ~1e-8, pure round-off.
      const extra = kernel === 'sigmoid' ? { gamma: 0.01, coef0: 0 } : {};
      const m = await new KernelPCA({ nComponents: 4, kernel, fitInverseTransform: kernel === 'rbf', ...extra }).fit(
        iris,
      );
      assertClose(m.eigenvalues, e.eigenvalues_, { rtol: 1e-9, atol: 1e-12, label: 'eigenvalues' });
      const V = (m.eigenvectors.toArray() as number[][]).slice(0, 20);
      // Eigenvalue ~0 directions (linear kernel has rank 4 but tiny ones are still distinct) need a looser atol.
      assertClose(V, e.eigenvectors_first20, { rtol: 1e-6, atol: 1e-8, label: 'eigenvectors' });
      assertClose(m.transform(iris.slice(0, 10)).toArray() as number[][], e.transform_first10, {
        rtol: 1e-6,
        atol: 1e-8,
        label: 'transform',
      });
      const Z = (await new KernelPCA({ nComponents: 4, kernel, ...extra }).fitTransform(iris)).toArray() as number[][];
      assertClose(Z.slice(0, 10), e.fit_transform_first10, { rtol: 1e-6, atol: 1e-8, label: 'fitTransform' });
      if (kernel === 'rbf') {
        const back = m.inverseTransform(m.transform(iris.slice(0, 10))).toArray() as number[][];
        assertClose(back, e.inverse_first10, { rtol: 1e-6, atol: 1e-8, label: 'inverse' });
      }
    });
  }

  test('nComponents null keeps the positive eigenvalues; removeZeroEig; poly pre-image with alpha', async () => {
    const all = await new KernelPCA({ kernel: 'rbf', gamma: 0.5, removeZeroEig: true }).fit(iris.slice(0, 30));
    assert.equal(all.eigenvalues.length, fx.expected.rbf_all.n);
    assertClose(all.eigenvalues, fx.expected.rbf_all.eigenvalues_, { rtol: 1e-8, atol: 1e-12 });
    const w = wine.slice(0, 60);
    const max = w[0].map((_, j) => Math.max(...w.map((r) => r[j])));
    const ws = w.map((r) => r.map((v, j) => v / max[j]));
    const m = await new KernelPCA({
      nComponents: 3,
      kernel: 'poly',
      degree: 2,
      coef0: 0.5,
      gamma: 0.1,
      fitInverseTransform: true,
      alpha: 0.1,
    }).fit(ws);
    assertClose(m.eigenvalues, fx.expected.poly_wine.eigenvalues_, { rtol: 1e-9 });
    assertClose(
      m.inverseTransform(m.transform(ws.slice(0, 5))).toArray() as number[][],
      fx.expected.poly_wine.inverse_first5,
      {
        rtol: 1e-6,
        atol: 1e-8,
      },
    );
  });

  test('linear kernel gives the PCA scores (up to sign); a precomputed linear Gram matrix gives the same', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), async (seed) => {
        const X = randomMatrix(25, 4, seed);
        const kp = (await new KernelPCA({ nComponents: 3 }).fitTransform(X)).toArray() as number[][];
        const pc = (await new PCA({ nComponents: 3, svdSolver: 'full' }).fitTransform(X)).toArray() as number[][];
        for (let c = 0; c < 3; c++) {
          const sign = Math.sign(kp[0][c]) === Math.sign(pc[0][c]) ? 1 : -1;
          for (let i = 0; i < 25; i++) assert.ok(Math.abs(kp[i][c] - sign * pc[i][c]) < 1e-8, `score [${i}, ${c}]`);
        }
        const gram = X.map((a) => X.map((b) => a.reduce((s, v, f) => s + v * b[f], 0)));
        const pre = await new KernelPCA({ nComponents: 3, kernel: 'precomputed' }).fit(gram);
        const lin = await new KernelPCA({ nComponents: 3 }).fit(X);
        assertClose(pre.transform(gram).toArray() as number[][], lin.transform(X).toArray() as number[][], {
          rtol: 1e-8,
          atol: 1e-9,
        });
      }),
      { numRuns: 10 },
    );
  });

  test('bad input: NaN, precomputed with inverse transform, non-square precomputed, no pre-image map', async () => {
    await assert.rejects(
      new KernelPCA().fit([
        [1, Number.NaN],
        [2, 3],
      ]),
      ValidationError,
    );
    await assert.rejects(
      new KernelPCA({ kernel: 'precomputed', fitInverseTransform: true }).fit([
        [1, 0],
        [0, 1],
      ]),
      (e: Error) => e instanceof ValidationError && /precomputed/.test(e.message),
    );
    await assert.rejects(
      new KernelPCA({ kernel: 'precomputed' }).fit([
        [1, 0, 0],
        [0, 1, 0],
      ]),
      (e: Error) => e instanceof ValidationError && /square/.test(e.message),
    );
    const m = await new KernelPCA({ nComponents: 2 }).fit(iris);
    assert.throws(() => m.inverseTransform([[0, 0]]), NotFittedError);
    await assert.rejects(new KernelPCA({ kernel: 'rbf', gamma: -1 }).fit(iris), ValidationError);
  });

  test('checkEstimator', async () => {
    assert.equal((await checkEstimator(() => new KernelPCA({ nComponents: 2 }))).failed, 0);
    const rbf = () => new KernelPCA({ nComponents: 2, kernel: 'rbf', fitInverseTransform: true });
    assert.equal((await checkEstimator(rbf)).failed, 0);
  });
});
