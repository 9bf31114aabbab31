import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BLOCK_ROWS,
  blockRows,
  centredBlocks,
  fromRowBlocks,
  inertiaOfBlocks,
  rowFromBlocks,
  toRowBlocks,
} from '../../src/cluster/kmeans-blocks.js';
import {
  kmeansInertia,
  kmeansTolerance,
  lloydStep,
  lloydWorkspace,
  rowSquaredNorms,
} from '../../src/cluster/kmeans-common.js';
import { kmeansPlusPlus, kmeansPlusPlusBlocks } from '../../src/cluster/kmeans-init.js';
import { checkRandomState } from '../../src/tensor/random.js';

function data(n: number, d: number, seed: number): Float64Array {
  const rng = checkRandomState(seed);
  return Float64Array.from({ length: n * d }, () => rng.normal(3, 2));
}

const shapes = [
  [1, 1],
  [5, 3],
  [blockRows(4), 4],
  [blockRows(2) + 1, 2],
  [3 * blockRows(7) + 17, 7],
  [2 * blockRows(40) + 5, 40],
  [blockRows(200) + 3, 200],
] as const;

describe('k-means row blocks', () => {
  test('blockRows: multiples of 128 from 1,024 (narrow) down to 128 (wide), one GEMM depth block for 128 centres', () => {
    assert.equal(blockRows(1), 1024);
    assert.equal(blockRows(20), 1024);
    assert.equal(blockRows(40), 384);
    assert.equal(blockRows(64), 256);
    assert.equal(blockRows(96), 128);
    assert.equal(blockRows(784), BLOCK_ROWS);
    for (let d = 1; d <= 400; d++) {
      const b = blockRows(d);
      assert.equal(b % BLOCK_ROWS, 0);
      assert.ok(b >= BLOCK_ROWS && b <= 1024, `d = ${d}: ${b}`);
      // The kernel's depth block for 128 centres (192 KiB over (128 + rows) 8-byte columns) holds all d.
      // (For d > 96, 128-row blocks split the depth too, so they stay at 128.)
      if (d <= 96) assert.ok(Math.floor((192 * 1024) / ((128 + b) * 8)) >= d, `d = ${d}: ${b} rows`);
      else assert.equal(b, BLOCK_ROWS);
    }
  });

  test('toRowBlocks / fromRowBlocks / rowFromBlocks round-trip', () => {
    for (const [n, d] of shapes) {
      const x = data(n, d, n + d);
      const xb = toRowBlocks(x, n, d);
      assert.deepEqual(fromRowBlocks(xb, n, d), x);
      const row = new Float64Array(d);
      for (const i of [0, n - 1, Math.floor(n / 2)]) {
        rowFromBlocks(xb, n, d, i, row, 0);
        assert.deepEqual(row, x.subarray(i * d, (i + 1) * d));
      }
    }
  });

  test('centredBlocks gives the same numbers as the row-major helpers', () => {
    for (const [n, d] of shapes) {
      const x0 = data(n, d, 7 * n + d);
      const { xb, x, mean, norms, sumSquares } = centredBlocks(x0, n, d, true);
      const centred = new Float64Array(n * d);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) centred[i * d + f] = x0[i * d + f] - mean[f];
      assert.deepEqual(x, centred);
      assert.deepEqual(fromRowBlocks(xb, n, d), centred);
      assert.deepEqual(norms, rowSquaredNorms(centred, n, d));
      let total = 0;
      for (let f = 0; f < d; f++) total += sumSquares[f] / n;
      assert.equal((total / d) * 1e-4, kmeansTolerance(x0, n, d, 1e-4));
      assert.equal(centredBlocks(x0, n, d, false).x, null);
    }
  });

  test('inertia, Lloyd step and k-means++ are identical on blocks and rows', () => {
    for (const [n, d] of shapes) {
      const x = data(n, d, 3 * n + d);
      const xb = toRowBlocks(x, n, d);
      const k = Math.min(3, n);
      const sw = Float64Array.from({ length: n }, (_, i) => 0.5 + (i % 3));
      const norms = rowSquaredNorms(x, n, d);
      const a = kmeansPlusPlus(x, n, d, k, norms, checkRandomState(1));
      const b = kmeansPlusPlusBlocks(xb, n, d, k, norms, checkRandomState(1));
      assert.deepEqual(a, b);
      const run = (blocks: boolean) => {
        const out = { centers: new Float64Array(k * d), weights: new Float64Array(k), labels: new Int32Array(n) };
        const shift = new Float64Array(k);
        lloydStep(
          blocks ? null : x,
          n,
          d,
          sw,
          a.centers,
          k,
          out.centers,
          out.weights,
          out.labels,
          shift,
          true,
          lloydWorkspace(k),
          blocks ? xb : undefined,
        );
        return out;
      };
      const rows = run(false);
      assert.deepEqual(run(true), rows);
      // The E-step against naive squared distances (ties aside, random data has none).
      for (let i = 0; i < n; i++) {
        let best = 0;
        let min = Number.POSITIVE_INFINITY;
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let f = 0; f < d; f++) s += (x[i * d + f] - a.centers[j * d + f]) ** 2;
          if (s < min) {
            min = s;
            best = j;
          }
        }
        assert.equal(rows.labels[i], best, `row ${i}`);
      }
      assert.equal(
        inertiaOfBlocks(xb, n, d, sw, a.centers, rows.labels),
        kmeansInertia(x, n, d, sw, a.centers, rows.labels),
      );
    }
  });
});
