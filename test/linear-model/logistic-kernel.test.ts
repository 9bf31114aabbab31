import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLogisticKernel, logisticKernelAvailable } from '../../src/linear-model/logistic-kernel.js';
import { binaryLogisticLoss, binaryLogisticObjectives } from '../../src/linear-model/logistic-loss.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** Small deterministic generator (tests only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomArray(rand: () => number, len: number, scale = 2): Float64Array {
  return Float64Array.from({ length: len }, () => (rand() - 0.5) * scale);
}

/** The row dot order the kernel must reproduce: four partial sums by j mod 4, the tail into the first. */
function naiveRowDot(x: Float64Array, r: number, w: Float64Array, n: number): number {
  const s = [0, 0, 0, 0];
  const n4 = n - (n % 4);
  for (let j = 0; j < n4; j++) s[j % 4] += x[r + j] * w[j];
  for (let j = n4; j < n; j++) s[0] += x[r + j] * w[j];
  return s[0] + s[1] + (s[2] + s[3]);
}

function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} !== ${b[i]}`);
}

/** Two-pass textbook binary log-loss (different summation order: compared with a tolerance). */
function referenceLoss(
  w: Float64Array,
  X: Float64Array,
  m: number,
  n: number,
  y: Float64Array,
  sw: Float64Array,
  l2: number,
) {
  const grad = new Float64Array(n + 1);
  let loss = 0;
  for (let i = 0; i < m; i++) {
    let z = w[n];
    for (let j = 0; j < n; j++) z += X[i * n + j] * w[j];
    loss += sw[i] * (Math.log(1 + Math.exp(z)) - y[i] * z);
    const d = sw[i] * (1 / (1 + Math.exp(-z)) - y[i]);
    for (let j = 0; j < n; j++) grad[j] += d * X[i * n + j];
    grad[n] += d;
  }
  let reg = 0;
  for (let j = 0; j < n; j++) {
    reg += w[j] * w[j];
    grad[j] += l2 * w[j];
  }
  return { loss: loss + 0.5 * l2 * reg, grad };
}

describe('logistic WebAssembly kernel', { skip: !logisticKernelAvailable() && 'no WebAssembly SIMD' }, () => {
  const sizes: Array<[number, number]> = [
    [1, 1],
    [3, 2],
    [4, 3],
    [5, 4],
    [7, 5],
    [17, 7],
    [64, 8],
    [33, 9],
    [130, 20],
    [101, 21],
  ];

  test('dots and grad4 match the JavaScript summation order bit for bit', () => {
    const rand = lcg(11);
    for (const [m, n] of sizes) {
      const x = randomArray(rand, m * n);
      const w = randomArray(rand, n);
      const b = rand() - 0.5;
      const blockRows = 8;
      const k = createLogisticKernel(x, m, n, blockRows);
      assert.ok(k !== null);
      k.w.set(w);
      k.grad.fill(0);
      const expectGrad = new Float64Array(n);
      for (let start = 0; start < m; start += blockRows) {
        const rows = Math.min(blockRows, m - start);
        k.dots(start, rows, b);
        const expectZ = Float64Array.from({ length: rows }, (_, t) => b + naiveRowDot(x, (start + t) * n, w, n));
        sameBits(k.z.subarray(0, rows), expectZ, `z (m=${m}, n=${n}, block ${start})`);
        // Arbitrary gradient weights, including zeros and negatives.
        for (let t = 0; t < rows; t++) k.z[t] = t % 3 === 0 ? 0 : rand() - 0.5;
        const groups = rows >> 2;
        k.grad4(start, groups);
        for (let g = 0; g < groups; g++) {
          const r = (start + 4 * g) * n;
          const d = k.z.subarray(4 * g, 4 * g + 4);
          for (let c = 0; c < n; c++) {
            expectGrad[c] += d[0] * x[r + c] + d[1] * x[r + n + c] + d[2] * x[r + 2 * n + c] + d[3] * x[r + 3 * n + c];
          }
        }
      }
      sameBits(k.grad, expectGrad, `grad (m=${m}, n=${n})`);
    }
  });

  test('pointwise matches the scalar loss and weight formulas bit for bit', () => {
    const rand = lcg(5);
    for (const rows of [1, 2, 3, 8, 13]) {
      const m = rows + 3;
      const k = createLogisticKernel(new Float64Array(m), m, 1, 16);
      assert.ok(k !== null);
      const y = Float64Array.from({ length: m }, () => (rand() < 0.5 ? 0 : 1));
      const sw = Float64Array.from({ length: m }, () => 0.25 + rand());
      k.setTargets(y, sw);
      const start = 2;
      // Both signs, zeros of both signs, large magnitudes.
      const special = [0, -0, 40, -40, 1e-300, -800];
      const z = Float64Array.from({ length: rows }, (_, t) => (t < special.length ? special[t] : (rand() - 0.5) * 20));
      k.z.set(z);
      for (let t = 0; t < rows; t++) {
        k.e[t] = Math.exp(-Math.abs(z[t]));
        k.l[t] = Math.log1p(k.e[t]);
      }
      k.acc[0] = 0.5;
      k.acc[1] = -0.25;
      k.pointwise(start, rows);
      let loss = 0.5;
      let dsum = -0.25;
      const d = new Float64Array(rows);
      for (let t = 0; t < rows; t++) {
        const zi = z[t];
        const e = Math.exp(zi > 0 ? -zi : zi);
        const softplus = zi > 0 ? zi + Math.log1p(e) : Math.log1p(e);
        const sigmoid = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        const i = start + t;
        loss += sw[i] * (softplus - y[i] * zi);
        d[t] = sw[i] * (sigmoid - y[i]);
        dsum += d[t];
      }
      sameBits(k.z.subarray(0, rows), d, `d (rows=${rows})`);
      sameBits(k.acc, [loss, dsum], `acc (rows=${rows})`);
    }
  });
});

describe('binaryLogisticObjectives', () => {
  test('equals binaryLogisticLoss bit for bit and a two-pass reference closely, across block sizes', () => {
    const rand = lcg(3);
    // n = 300 gives 52-row blocks (many blocks); m % 4 = 1, 2, 3 leaves gradient tails.
    for (const [m, n] of [
      [1, 3],
      [2, 1],
      [7, 4],
      [1703, 20],
      [1700, 21],
      [333, 300],
      [0, 5],
    ] as Array<[number, number]>) {
      const xs = randomArray(rand, m * n);
      const X = new Tensor(xs, [m, n]);
      const y = Float64Array.from({ length: m }, () => (rand() < 0.4 ? 1 : 0));
      const sw = Float64Array.from({ length: m }, () => 0.5 + rand());
      const w = randomArray(rand, n + 1, 0.5);
      const make = binaryLogisticObjectives(X);
      const g1 = new Float64Array(n + 1);
      const g2 = new Float64Array(n + 1);
      const f1 = make(y, sw, 0.7, true)(w, g1);
      const f2 = binaryLogisticLoss(w, X, y, sw, 0.7, true, g2);
      assert.ok(Object.is(f1, f2), `loss (m=${m}, n=${n}): ${f1} !== ${f2}`);
      sameBits(g1, g2, `grad (m=${m}, n=${n})`);
      const ref = referenceLoss(w, xs, m, n, y, sw, 0.7);
      assert.ok(
        Math.abs(f1 - ref.loss) <= 1e-9 * Math.max(1, Math.abs(ref.loss)),
        `loss vs reference (m=${m}, n=${n})`,
      );
      for (let j = 0; j <= n; j++) {
        assert.ok(
          Math.abs(g1[j] - ref.grad[j]) <= 1e-9 * Math.max(1, Math.abs(ref.grad[j])),
          `grad[${j}] vs reference`,
        );
      }
    }
  });

  test('objectives sharing one X keep their own targets when interleaved', () => {
    const rand = lcg(8);
    const m = 50;
    const n = 6;
    const X = new Tensor(randomArray(rand, m * n), [m, n]);
    const ya = Float64Array.from({ length: m }, (_, i) => i % 2);
    const yb = Float64Array.from({ length: m }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const sw = new Float64Array(m).fill(1);
    const make = binaryLogisticObjectives(X);
    const fa = make(ya, sw, 1, false);
    const fb = make(yb, sw, 1, false);
    const w = randomArray(rand, n);
    for (const [f, y] of [
      [fa, ya],
      [fb, yb],
      [fa, ya],
    ] as const) {
      const g = new Float64Array(n);
      const gRef = new Float64Array(n);
      assert.equal(f(w, g), binaryLogisticLoss(w, X, y, sw, 1, false, gRef));
      sameBits(g, gRef, 'grad');
    }
  });

  test('sparse X goes through binaryLogisticLoss', () => {
    const X = SparseMatrix.fromDense(new Tensor(Float64Array.of(1, 0, 0, 2, 3, 0), [3, 2]));
    const y = Float64Array.of(1, 0, 1);
    const sw = new Float64Array(3).fill(1);
    const w = Float64Array.of(0.3, -0.2, 0.1);
    const g = new Float64Array(3);
    const gRef = new Float64Array(3);
    assert.equal(binaryLogisticObjectives(X)(y, sw, 1, true)(w, g), binaryLogisticLoss(w, X, y, sw, 1, true, gRef));
    sameBits(g, gRef, 'grad');
  });
});
