import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { rbfAffinity } from '../../src/manifold/affinity.js';
import { spectralEmbedding } from '../../src/manifold/spectral.js';
import { SpectralEmbedding } from '../../src/manifold/spectral-embedding.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('manifold_spectral_embedding');
const X: number[][] = fx.inputs.X;
const n = X.length;

describe('SpectralEmbedding', () => {
  test('nearest-neighbours affinity (default) matches sklearn, signs included', async () => {
    const se = new SpectralEmbedding({ randomState: 0 });
    const Y = await se.fitTransform(X);
    assertClose(Y.data, (fx.expected.embedding as number[][]).flat(), { atol: 1e-6, rtol: 1e-5, label: 'embedding' });
    assert.equal(se.nNeighborsUsed, 20);
    assert.equal(se.gammaUsed, undefined);
    const A = se.affinityMatrix;
    assert.equal(A.get(3, 7), A.get(7, 3));
    assert.equal(A.get(0, 0), 1);
  });

  test('rbf and precomputed affinities match sklearn', async () => {
    const rbf = new SpectralEmbedding({ nComponents: 3, affinity: 'rbf', gamma: 0.05 });
    const Y = await rbf.fitTransform(X);
    assertClose(Y.data, (fx.expected.embedding_rbf as number[][]).flat(), { atol: 1e-6, rtol: 1e-5, label: 'rbf' });
    const A = rbf.affinityMatrix;
    const P = await new SpectralEmbedding({ affinity: 'precomputed' }).fitTransform(A);
    assertClose(P.data, (fx.expected.embedding_precomputed as number[][]).flat(), { atol: 1e-6, rtol: 1e-5 });
    const S = await new SpectralEmbedding({ affinity: 'precomputed' }).fitTransform(SparseMatrix.fromDense(A));
    assertClose(S.data, P.data, { rtol: 1e-12, atol: 1e-14 });
  });

  test('spectralEmbedding without dropping the first vector equals sklearn', () => {
    const rows = { data: Float64Array.from(X.flat()), n, d: 3 };
    const maps = spectralEmbedding(rbfAffinity(rows, 0.05), n, { nComponents: 3, dropFirst: false });
    assertClose(maps, (fx.expected.maps as number[][]).flat(), { atol: 1e-6, rtol: 1e-5 });
  });

  test('precomputed nearest neighbours from distances equals nearest_neighbors on the rows', async () => {
    const D = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) D[i * n + j] = Math.hypot(...X[i].map((v, f) => v - X[j][f]));
    const a = await new SpectralEmbedding({ nNeighbors: 12 }).fitTransform(X);
    const b = await new SpectralEmbedding({ nNeighbors: 12, affinity: 'precomputed_nearest_neighbors' }).fitTransform(
      new Tensor(D, [n, n]),
    );
    assertClose(b.data, a.data, { atol: 1e-8, rtol: 1e-6 });
  });

  test('warns on a disconnected graph; rejects bad input', async () => {
    const two = [
      [0, 0],
      [0, 1],
      [1, 0],
      [50, 50],
      [50, 51],
      [51, 50],
    ];
    const { warnings } = await captureWarnings(() =>
      new SpectralEmbedding({ nNeighbors: 2, nComponents: 1 }).fitTransform(two),
    );
    assert.ok(warnings.some((w) => /not fully connected/.test(w.message)));
    await assert.rejects(new SpectralEmbedding({ affinity: 'precomputed' }).fit(X), /square/);
    await assert.rejects(new SpectralEmbedding({ nNeighbors: 500 }).fit(X), ValidationError);
    await assert.rejects(new SpectralEmbedding({ nComponents: 250 }).fit(X), ValidationError);
    await assert.rejects(new SpectralEmbedding().fit(SparseMatrix.fromDense(X)), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new SpectralEmbedding({ nNeighbors: 5 }));
  });
});
