import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { KernelCache } from '../../src/svm/kernel-cache.js';
import { kernelMatrix, powi, TrainingKernel } from '../../src/svm/kernels.js';
import { multiclassProbability } from '../../src/svm/libsvm.js';
import { Mt19937, sklearnLibSeed } from '../../src/svm/mt19937.js';
import { ovrDecision } from '../../src/svm/svc.js';

describe('Mt19937 and seeds', () => {
  test('matches std::mt19937 and numpy RandomState', () => {
    // std::mt19937 with the default seed: the 10000th output is 4123659995 (C++ standard).
    const mt = new Mt19937();
    let v = 0;
    for (let i = 0; i < 10000; i++) v = mt.nextUint32();
    assert.equal(v, 4123659995);
    // numpy: RandomState(0).randint(2**31 - 1) and RandomState(42).randint(2**31 - 1).
    assert.equal(sklearnLibSeed(0), 209652396);
    assert.equal(sklearnLibSeed(42), 1608637542);
  });

  test('boundedRandInt stays in range and is exact for powers of two', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed, range) => {
        const mt = new Mt19937(seed);
        const r = mt.boundedRandInt(range);
        return Number.isInteger(r) && r >= 0 && r < range;
      }),
    );
    const a = new Mt19937(7);
    const b = new Mt19937(7);
    // range 2^k: Lemire's method returns the top k bits of the draw.
    for (let i = 0; i < 100; i++) assert.equal(a.boundedRandInt(1024), b.nextUint32() >>> 22);
  });
});

describe('KernelCache', () => {
  test('keeps columns within budget and follows swaps', () => {
    const l = 50;
    const cache = new KernelCache(l, 0.0001); // budget: 2 full columns
    const ref = (col: number, row: number) => col * 1000 + row;
    const perm = Int32Array.from({ length: l }, (_, i) => i);
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.integer({ min: 0, max: l - 1 }),
            fc.integer({ min: 0, max: l - 1 }),
            fc.integer({ min: 1, max: l }),
          ),
          { maxLength: 60 },
        ),
        (ops) => {
          for (const [isSwap, i, j, len] of ops) {
            if (isSwap) {
              cache.swapIndex(i, j);
              const t = perm[i];
              perm[i] = perm[j];
              perm[j] = t;
            } else {
              const start = cache.getData(i, len);
              const data = cache.data;
              for (let r = start; r < len; r++) data[r] = ref(perm[i], perm[r]);
              for (let r = 0; r < len; r++) if (data[r] !== ref(perm[i], perm[r])) return false;
            }
          }
          return true;
        },
      ),
    );
  });
});

describe('kernels', () => {
  test('powi is exact integer powering', () => {
    assert.equal(powi(2, 10), 1024);
    assert.equal(powi(-1.5, 3), -3.375);
    assert.equal(powi(7, 0), 1);
  });

  test('kernelMatrix (GEMM) agrees with the per-pair training kernel', () => {
    const d = 3;
    const rows = [
      [0.1, -1, 2],
      [1, 0.5, 0],
      [-2, 1, 1],
      [0.3, 0.3, -0.7],
    ];
    const x = Float64Array.from(rows.flat());
    for (const kernel of ['linear', 'poly', 'rbf', 'sigmoid'] as const) {
      const params = { kernel, gamma: 0.4, degree: 3, coef0: 0.5 };
      const K = kernelMatrix(params, x, 4, x, 4, d);
      const tk = new TrainingKernel(params, x, 4, d, Int32Array.of(0, 1, 2, 3));
      const col = new Float64Array(4);
      for (let i = 0; i < 4; i++) {
        tk.fill(i, 0, 4, col);
        for (let j = 0; j < 4; j++) {
          assert.ok(Math.abs(K[i * 4 + j] - tk.value(i, j)) < 1e-12, `${kernel} ${i} ${j}`);
          assert.ok(Math.abs(col[j] - tk.value(i, j)) < 1e-12);
        }
      }
    }
  });
});

describe('probability helpers', () => {
  test('pairwise coupling of consistent pairwise probabilities recovers the class probabilities', () => {
    const p = [0.5, 0.3, 0.2];
    const k = 3;
    const r = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (i !== j) r[i * k + j] = p[i] / (p[i] + p[j]);
    const out = new Float64Array(k);
    multiclassProbability(k, r, out);
    for (let i = 0; i < k; i++) assert.ok(Math.abs(out[i] - p[i]) < 5e-3);
    assert.ok(Math.abs(out.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });

  test('ovrDecision ranks by votes, confidences break ties within (-1/3, 1/3)', () => {
    // pairs (0,1), (0,2), (1,2): class 0 beats 1 and 2 -> 2 votes.
    const out = ovrDecision(Float64Array.of(1, 2, -0.5), 1, 3);
    assert.ok(out[0] > 1.66 && out[0] < 2.34);
    assert.ok(out[2] > out[1]);
  });
});
