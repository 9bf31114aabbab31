import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { clusterQr, discretize, SpectralClustering } from '../../src/cluster/spectral-clustering.js';
import { rbfAffinity } from '../../src/manifold/affinity.js';
import { adjustedRandScore } from '../../src/metrics/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('cluster_spectral');
const blobs: number[][] = fx.inputs.blobs;
const moons: number[][] = fx.inputs.moons;
const expected = fx.expected.labels as Record<string, number[]>;

/** Adjusted Rand index 1 means the same partition up to label names. */
function samePartition(a: ArrayLike<number>, b: number[], label: string): void {
  assertClose(adjustedRandScore(Array.from(b), Array.from(a)), 1, { rtol: 1e-12, label });
}

describe('SpectralClustering', () => {
  test('rbf affinity: kmeans, discretize and cluster_qr partitions match sklearn', async () => {
    for (const [name, assignLabels] of [
      ['blobs_rbf_kmeans', 'kmeans'],
      ['blobs_rbf_discretize', 'discretize'],
      ['blobs_rbf_qr', 'cluster_qr'],
    ] as const) {
      const sc = await new SpectralClustering({ nClusters: 3, gamma: 0.1, assignLabels, randomState: 0 }).fit(blobs);
      samePartition(sc.labels, expected[name], name);
    }
    // cluster_qr is deterministic: the label numbers match too.
    const qr = await new SpectralClustering({ nClusters: 3, gamma: 0.1, assignLabels: 'cluster_qr' }).fitPredict(blobs);
    assert.deepEqual(Array.from(qr), expected.blobs_rbf_qr);
  });

  test('nearest-neighbours affinity separates the moons like sklearn', async () => {
    for (const [name, assignLabels] of [
      ['moons_nn_kmeans', 'kmeans'],
      ['moons_nn_qr', 'cluster_qr'],
    ] as const) {
      const sc = new SpectralClustering({ nClusters: 2, affinity: 'nearest_neighbors', assignLabels, randomState: 0 });
      const labels = await sc.fitPredict(moons);
      samePartition(labels, expected[name], name);
      if (assignLabels === 'kmeans') samePartition(labels, fx.inputs.moons_y, `${name} vs truth`);
    }
  });

  test('precomputed affinity (dense and sparse) and the label-assignment functions', async () => {
    const rows = { data: Float64Array.from(blobs.flat()), n: blobs.length, d: 2 };
    const A = new Tensor(rbfAffinity(rows, 0.1), [blobs.length, blobs.length]);
    for (const input of [A, SparseMatrix.fromDense(A)]) {
      const labels = await new SpectralClustering({
        nClusters: 3,
        affinity: 'precomputed',
        assignLabels: 'cluster_qr',
      }).fitPredict(input);
      assert.deepEqual(Array.from(labels), expected.blobs_precomputed_qr);
    }
    const maps = Float64Array.from((fx.expected.maps as number[][]).flat());
    assert.deepEqual(Array.from(clusterQr(maps, blobs.length, 3)), fx.expected.cluster_qr);
    samePartition(discretize(maps, blobs.length, 3, new RandomGenerator(1)), fx.inputs.blobs_y, 'discretize');
  });

  test('other kernels run and rejects bad input', async () => {
    const positive = blobs.map((r) => r.map((v) => v + 20));
    for (const affinity of ['cosine', 'linear', 'poly'] as const) {
      const labels = await new SpectralClustering({ nClusters: 2, affinity, gamma: 0.01, randomState: 0 }).fitPredict(
        positive,
      );
      assert.equal(labels.length, blobs.length);
    }
    await assert.rejects(
      new SpectralClustering({ nClusters: 2, affinity: 'linear', randomState: 0 }).fit(blobs),
      /non-negative/,
    );
    await assert.rejects(new SpectralClustering({ nClusters: 100 }).fit(blobs), ValidationError);
    await assert.rejects(new SpectralClustering({ affinity: 'precomputed' }).fit(blobs), /square/);
    await assert.rejects(new SpectralClustering({ assignLabels: 'amg' as never }).fit(blobs), ValidationError);
    await assert.rejects(new SpectralClustering().fit(SparseMatrix.fromDense(blobs)), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new SpectralClustering({ nClusters: 3, gamma: 0.5 }));
    await checkEstimator(
      () =>
        new SpectralClustering({
          nClusters: 2,
          assignLabels: 'cluster_qr',
          affinity: 'nearest_neighbors',
          nNeighbors: 5,
        }),
    );
  });
});
