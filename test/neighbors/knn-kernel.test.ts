import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { knnKernelAvailable, knnScan } from '../../src/neighbors/knn-kernel.js';

/** Small deterministic generator (tests only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The keys the kernel must reproduce: Σ_f q_f·(scale·t_f) in order, then + last[j]. */
function naiveKeys(
  train: Float64Array,
  n: number,
  query: Float64Array,
  nq: number,
  d: number,
  scale: number,
  last: Float64Array,
) {
  const keys = new Float64Array(nq * n);
  for (let i = 0; i < nq; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += query[i * d + f] * (scale * train[j * d + f]);
      keys[i * n + j] = s + 1 * last[j];
    }
  }
  return keys;
}

/** k smallest (key, index) per query by a full sort. */
function naiveBest(keys: Float64Array, n: number, nq: number, k: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < nq; i++) {
    const idx = Array.from({ length: n }, (_, j) => j);
    idx.sort((a, b) => keys[i * n + a] - keys[i * n + b] || a - b);
    out.push(idx.slice(0, k));
  }
  return out;
}

function runKernel(
  train: Float64Array,
  n: number,
  query: Float64Array,
  nq: number,
  d: number,
  k: number,
  scale: number,
  last: Float64Array,
) {
  // A plain k-best list per query (no heap): the kernel only has to offer the right candidates.
  const best: { v: number; j: number }[][] = Array.from({ length: nq }, () => []);
  const offered = { count: 0 };
  knnScan(train, n, query, nq, d, scale, last, {
    worst: (i) => (best[i].length < k ? Number.POSITIVE_INFINITY : best[i][k - 1].v),
    offer: (i, v, j) => {
      offered.count++;
      best[i].push({ v, j });
      best[i].sort((a, b) => a.v - b.v || a.j - b.j);
      if (best[i].length > k) best[i].pop();
    },
  });
  return { best, offered: offered.count };
}

describe('knnScan (fused WebAssembly kernel)', { skip: !knnKernelAvailable() }, () => {
  const shapes: [number, number, number, number][] = [
    // [training rows, queries, features, k]: edges of the 4-row panels, 4-query groups and 1024-row blocks.
    [1, 1, 1, 1],
    [5, 3, 2, 2],
    [7, 9, 3, 7],
    [1023, 5, 4, 3],
    [1025, 6, 20, 5],
    [2050, 13, 7, 10],
  ];
  for (const [n, nq, d, k] of shapes) {
    test(`same keys and k best as a full sort (n=${n}, queries=${nq}, d=${d}, k=${k})`, () => {
      const rnd = lcg(n * 131 + nq * 7 + d);
      const train = Float64Array.from({ length: n * d }, () => rnd() * 4 - 2);
      const query = Float64Array.from({ length: nq * d }, () => rnd() * 4 - 2);
      const last = new Float64Array(n);
      for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) last[j] += train[j * d + f] ** 2;
      const keys = naiveKeys(train, n, query, nq, d, -2, last);
      const want = naiveBest(keys, n, nq, k);
      const { best } = runKernel(train, n, query, nq, d, k, -2, last);
      for (let i = 0; i < nq; i++) {
        assert.deepEqual(
          best[i].map((c) => c.j),
          want[i],
          `query ${i}`,
        );
        // Bit-identical keys: the kernel sums in the same order as the reference.
        for (const c of best[i]) assert.equal(c.v, keys[i * n + c.j]);
      }
    });
  }

  test('exact ties (duplicate training rows) go to the lower index', () => {
    const d = 3;
    const n = 40;
    const train = new Float64Array(n * d);
    for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) train[j * d + f] = (j % 5) + f;
    const query = Float64Array.of(0, 1, 2, 4, 5, 6);
    const last = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) last[j] += train[j * d + f] ** 2;
    const keys = naiveKeys(train, n, query, 2, d, -2, last);
    const want = naiveBest(keys, n, 2, 6);
    const { best } = runKernel(train, n, query, 2, d, 6, -2, last);
    assert.deepEqual(
      best.map((b) => b.map((c) => c.j)),
      want,
    );
    assert.deepEqual(want[0], [0, 5, 10, 15, 20, 25]);
  });

  test('after the first block, far panels are rejected inside the kernel', () => {
    const d = 5;
    const n = 8192;
    const rnd = lcg(42);
    const train = Float64Array.from({ length: n * d }, () => rnd());
    const query = Float64Array.from({ length: 4 * d }, () => rnd());
    const last = new Float64Array(n);
    for (let j = 0; j < n; j++) for (let f = 0; f < d; f++) last[j] += train[j * d + f] ** 2;
    const { offered } = runKernel(train, n, query, 4, d, 3, -2, last);
    // Every row of the first 1024-row block is offered; later blocks only a few panels.
    assert.ok(offered < 4 * 1024 + 4 * 400, `offered ${offered}`);
  });
});
