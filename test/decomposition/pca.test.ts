import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { PCA } from '../../src/decomposition/pca.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('decomposition_pca_wine');
const raw: number[][] = fx.inputs.X;
const mean: number[] = fx.expected.scaler_mean_;
const scale: number[] = fx.expected.scaler_scale_;
const Xs = raw.map((row) => row.map((v, j) => (v - mean[j]) / scale[j]));

function randomMatrix(n: number, d: number, seed: number): number[][] {
  const rng = new RandomGenerator(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
}

describe('PCA', () => {
  for (const svdSolver of ['full', 'covariance_eigh', 'auto'] as const) {
    test(`matches sklearn on standardised wine, signs included (${svdSolver})`, async () => {
      const e = fx.expected;
      const pca = await new PCA({ nComponents: 3, svdSolver }).fit(Xs);
      assertClose(pca.components.toArray() as number[][], e.components_, {
        rtol: 1e-6,
        atol: 1e-9,
        label: 'components',
      });
      assertClose(pca.explainedVariance, e.explained_variance_, { rtol: 1e-8, atol: 0, label: 'ev' });
      assertClose(pca.explainedVarianceRatio, e.explained_variance_ratio_, { rtol: 1e-8, atol: 0, label: 'ratio' });
      assertClose(pca.singularValues, e.singular_values_, { rtol: 1e-8, atol: 0, label: 'sv' });
      assertClose(pca.noiseVariance, e.noise_variance_, { rtol: 1e-8, atol: 0, label: 'noise' });
      assertClose(pca.mean, e.mean_, { rtol: 0, atol: 1e-12, label: 'mean' });
      const Z = pca.transform(Xs.slice(0, 20)).toArray() as number[][];
      assertClose(Z, e.transform_first20, { rtol: 1e-6, atol: 1e-9, label: 'transform' });
    });
  }

  test('randomized solver agrees with full on the leading components', async () => {
    const X = randomMatrix(600, 30, 1).map((r, i) => r.map((v, j) => v * (j < 3 ? 10 - 3 * j : 1) + (i % 7)));
    const full = await new PCA({ nComponents: 3, svdSolver: 'full' }).fit(X);
    const rnd = await new PCA({ nComponents: 3, svdSolver: 'randomized', randomState: 0 }).fit(X);
    assertClose(rnd.singularValues, full.singularValues, { rtol: 1e-6, label: 'sv' });
    assertClose(rnd.components.toArray() as number[][], full.components.toArray() as number[][], {
      rtol: 1e-4,
      atol: 1e-5,
    });
  });

  test('covariance_eigh matches full including signs, narrow and wide data, few and many components', async () => {
    // d = 12 takes the transposed-chunk sign pass, d = 45 the row-major one; offsets test the centring.
    for (const [n, d, k] of [
      [3000, 12, 5],
      [1500, 45, 10],
      [1500, 45, 40],
    ] as const) {
      const X = randomMatrix(n, d, d).map((r) => r.map((v, j) => v * (1 + (d - j) / 4) + 50 * j));
      const full = await new PCA({ nComponents: k, svdSolver: 'full' }).fit(X);
      const cov = await new PCA({ nComponents: k, svdSolver: 'covariance_eigh' }).fit(X);
      assertClose(cov.mean, full.mean, { rtol: 1e-13, atol: 1e-12, label: 'mean' });
      assertClose(cov.explainedVariance, full.explainedVariance, { rtol: 1e-9, label: 'variance' });
      assertClose(cov.components.toArray() as number[][], full.components.toArray() as number[][], {
        rtol: 1e-6,
        atol: 1e-7,
        label: `components ${n}x${d} k=${k}`,
      });
    }
  });

  test('auto solver rules', async () => {
    assert.equal((await new PCA({ nComponents: 2 }).fit(randomMatrix(50, 5, 0))).fitSvdSolver, 'covariance_eigh');
    assert.equal((await new PCA({ nComponents: 2 }).fit(randomMatrix(20, 30, 0))).fitSvdSolver, 'full');
    assert.equal(
      (await new PCA({ nComponents: 2, randomState: 0 }).fit(randomMatrix(100, 600, 0))).fitSvdSolver,
      'randomized',
    );
  });

  test('components are orthonormal and full-rank inverse transform reconstructs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 2, max: 6 }), async (seed, d) => {
        const X = randomMatrix(3 * d + 2, d, seed);
        for (const svdSolver of ['full', 'covariance_eigh'] as const) {
          for (const whiten of [false, true]) {
            const pca = await new PCA({ svdSolver, whiten }).fit(X);
            const C = pca.components.toArray() as number[][];
            for (let a = 0; a < d; a++) {
              for (let b = 0; b < d; b++) {
                const dot = C[a].reduce((s, v, f) => s + v * C[b][f], 0);
                assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-9, `C C^T [${a}, ${b}] = ${dot}`);
              }
            }
            const back = pca.inverseTransform(pca.transform(X)).toArray() as number[][];
            assertClose(back, X, { rtol: 1e-8, atol: 1e-9, label: 'reconstruction' });
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  test('variance fraction and mle choose the number of components', async () => {
    const pca = await new PCA({ nComponents: 0.5 }).fit(Xs);
    assert.equal(pca.nComponents, 2); // 0.362 < 0.5 <= 0.554
    // sklearn 1.2.1: PCA('mle') keeps 3 components of iris and 12 of the raw wine data.
    const iris: number[][] = loadSklearnFixture('cluster_kmeans_iris').inputs.X;
    assert.equal((await new PCA({ nComponents: 'mle' }).fit(iris)).nComponents, 3);
    assert.equal((await new PCA({ nComponents: 'mle' }).fit(raw)).nComponents, 12);
  });

  test('score is the mean Gaussian log-likelihood under the model covariance', async () => {
    const X = randomMatrix(40, 3, 9);
    const pca = await new PCA().fit(X);
    // Full rank: the model covariance is the sample covariance (ddof 1).
    const cov = pca.getCovariance().toArray() as number[][];
    const m = pca.mean;
    const c01 = X.reduce((s, r) => s + (r[0] - m[0]) * (r[1] - m[1]), 0) / 39;
    assertClose(cov[0][1], c01, { rtol: 1e-9, atol: 1e-12 });
    const ss = pca.scoreSamples(X);
    assert.equal(ss.length, 40);
    assertClose(pca.score(X), ss.reduce((a, b) => a + b, 0) / 40, { rtol: 1e-12 });
  });

  test('bad nComponents is a clear error', async () => {
    await assert.rejects(
      new PCA({ nComponents: 5, svdSolver: 'full' }).fit([
        [1, 2],
        [3, 4],
        [5, 7],
      ]),
      (e: Error) => e instanceof ValidationError && /min\(n_samples, n_features\)=2/.test(e.message),
    );
    await assert.rejects(
      new PCA({ nComponents: 0.5, svdSolver: 'randomized' }).fit([
        [1, 2],
        [3, 4],
        [5, 7],
      ]),
      ValidationError,
    );
    await assert.rejects(
      new PCA({ nComponents: 'mle' }).fit([
        [1, 2, 3],
        [3, 4, 5],
      ]),
      ValidationError,
    );
  });

  test('getFeatureNamesOut', async () => {
    const pca = await new PCA({ nComponents: 2 }).fit(Xs);
    assert.deepEqual(pca.getFeatureNamesOut(), ['pca0', 'pca1']);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new PCA({ nComponents: 2 }));
    await checkEstimator(() => new PCA({ nComponents: 2, svdSolver: 'randomized', whiten: true }));
  });
});
