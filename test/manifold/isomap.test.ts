import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { dijkstraAll, floydWarshall, undirected } from '../../src/manifold/graph.js';
import { Isomap } from '../../src/manifold/isomap.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';
import { columnsUpToSign } from './helpers.js';

const fx = loadSklearnFixture('manifold_isomap');
const X: number[][] = fx.inputs.X;

describe('Isomap', () => {
  test('matches sklearn on a swiss roll (defaults)', async () => {
    const iso = new Isomap();
    const Y = await iso.fitTransform(X);
    assert.deepEqual(Y.shape, [200, 2]);
    // Dense eigh and svd_flip make the signs deterministic: they match sklearn's exactly.
    assertClose(Y.data, (fx.expected.embedding as number[][]).flat(), { atol: 1e-6, rtol: 1e-6, label: 'embedding' });
    assertClose(iso.reconstructionError(), fx.expected.reconstruction_error, { rtol: 1e-8 });
    assertClose(Array.from(iso.distMatrix.data.slice(0, 200)), fx.expected.dist_row0, { rtol: 1e-10, atol: 1e-12 });
    assertClose(iso.transform(fx.inputs.Xnew).data, (fx.expected.transform as number[][]).flat(), {
      atol: 1e-6,
      rtol: 1e-6,
      label: 'transform',
    });
  });

  test('8 neighbours, 3 components, Dijkstra and Floyd-Warshall agree with sklearn', async () => {
    for (const pathMethod of ['D', 'FW'] as const) {
      const iso = new Isomap({ nNeighbors: 8, nComponents: 3, pathMethod });
      const Y = await iso.fitTransform(X);
      columnsUpToSign(Y.data, fx.expected.embedding8, 3, 1e-6);
      assertClose(iso.reconstructionError(), fx.expected.reconstruction_error8, { rtol: 1e-8 });
    }
  });

  test('joins disconnected components (with a warning) like sklearn', async () => {
    const { result: Y, warnings } = await captureWarnings(() =>
      new Isomap({ nNeighbors: 4 }).fitTransform(fx.inputs.Xb),
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0].message, /connected components of the neighbors graph is 2/);
    columnsUpToSign(Y.data, fx.expected.embedding_blobs, 2, 1e-6);
  });

  test('radius neighbourhoods embed like k-neighbours on well-sampled data', async () => {
    const iso = new Isomap({ nNeighbors: null, radius: 8 });
    const Y = await iso.fitTransform(X);
    assert.deepEqual(Y.shape, [200, 2]);
    assert.ok(iso.transform(fx.inputs.Xnew).data.every(Number.isFinite));
  });

  test('shortest paths: Dijkstra equals Floyd-Warshall on a random graph', () => {
    const n = 30;
    const indptr = new Int32Array(n + 1);
    const indices: number[] = [];
    const data: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let t = 1; t <= 3; t++) {
        indices.push((i * 7 + t * 5) % n);
        data.push(((i * 13 + t * 3) % 11) + 0.5);
      }
      indptr[i + 1] = indices.length;
    }
    const g = undirected({ n, indptr, indices: Int32Array.from(indices), data: Float64Array.from(data) });
    assert.deepEqual(dijkstraAll(g), floydWarshall(g));
  });

  test('rejects bad input', async () => {
    await assert.rejects(new Isomap({ radius: 1 }).fit(X), /Both nNeighbors and radius/);
    await assert.rejects(new Isomap({ nNeighbors: 300 }).fit(X), ValidationError);
    await assert.rejects(new Isomap({ nComponents: 0 }).fit(X), ValidationError);
    await assert.rejects(new Isomap({ pathMethod: 'J' as never }).fit(X), ValidationError);
    const iso = await new Isomap().fit(X);
    assert.throws(() => iso.transform([[1, 2]]), ValidationError);
  });

  test('checkEstimator', async () => {
    await checkEstimator(() => new Isomap({ nNeighbors: 6 }));
  });
});
