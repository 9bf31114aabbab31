import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { centredGram, gramMatrix } from '../../src/linalg/gram.js';
import { makeRng } from './helpers.js';

/** Naive (X - mean)ᵀ(X - mean), written independently of the code under test. */
function naiveGram(x: Float64Array, n: number, d: number, mean?: Float64Array): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (x[r * d + i] - (mean?.[i] ?? 0)) * (x[r * d + j] - (mean?.[j] ?? 0));
      c[i * d + j] = s;
    }
  }
  return c;
}

function randomMatrix(n: number, d: number, seed: number, offset = 0): Float64Array {
  const rng = makeRng(seed);
  return Float64Array.from({ length: n * d }, () => rng.normal() + offset);
}

function assertNear(got: Float64Array, want: Float64Array, rtol: number): void {
  assert.equal(got.length, want.length);
  let scale = 0;
  for (const v of want) scale = Math.max(scale, Math.abs(v));
  for (let i = 0; i < got.length; i++) {
    assert.ok(Math.abs(got[i] - want[i]) <= rtol * Math.max(scale, 1), `entry ${i}: ${got[i]} vs ${want[i]}`);
  }
}

describe('gramMatrix', () => {
  test('doc example', () => {
    assert.deepEqual(Array.from(gramMatrix(Float64Array.of(1, 2, 3, 4), 2, 2)), [10, 14, 14, 20]);
    assert.deepEqual(
      Array.from(gramMatrix(Float64Array.of(1, 2, 3, 4), 2, 2, { mean: Float64Array.of(2, 3) })),
      [2, 2, 2, 2],
    );
  });

  for (const [n, d] of [
    [1, 1],
    [5, 3],
    [300, 20],
    [150, 129],
    [90, 260],
    [7, 300],
  ] as const) {
    test(`matches the naive product, ${n} x ${d}, with and without a mean`, () => {
      const x = randomMatrix(n, d, n * 1000 + d, 5);
      assertNear(gramMatrix(x, n, d), naiveGram(x, n, d), 1e-12);
      const mean = new Float64Array(d);
      for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) mean[f] += x[i * d + f] / n;
      assertNear(gramMatrix(x, n, d, { mean, chunkRows: 7 }), naiveGram(x, n, d, mean), 1e-12);
      assertNear(gramMatrix(x, n, d, { mean }), naiveGram(x, n, d, mean), 1e-12);
    });
  }

  test('is exactly symmetric, and empty shapes give zeros', () => {
    const x = randomMatrix(40, 200, 3);
    const c = gramMatrix(x, 40, 200, { mean: new Float64Array(200).fill(0.5), chunkRows: 9 });
    for (let i = 0; i < 200; i++) for (let j = 0; j < i; j++) assert.equal(c[i * 200 + j], c[j * 200 + i]);
    assert.deepEqual(Array.from(gramMatrix(new Float64Array(0), 0, 3)), new Array(9).fill(0));
    assert.equal(gramMatrix(new Float64Array(0), 4, 0).length, 0);
  });

  test('property: agrees with the naive product for any small shape and chunk size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 13 }),
        (n, d, chunk) => {
          const x = randomMatrix(n, d, n * 31 + d * 7 + chunk);
          const mean = randomMatrix(1, d, chunk);
          assertNear(gramMatrix(x, n, d, { mean, chunkRows: chunk }), naiveGram(x, n, d, mean), 1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Column means summed in row order (the reference for {@link centredGram}'s `mean`). */
function naiveMean(x: Float64Array, n: number, d: number): Float64Array {
  const m = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let f = 0; f < d; f++) m[f] += x[r * d + f];
  return m.map((v) => v / n);
}

function checkCentred(x: Float64Array, n: number, d: number, label: string, rtol = 1e-12): void {
  const { mean, gram } = centredGram(x, n, d);
  const want = naiveMean(x, n, d);
  for (let f = 0; f < d; f++) {
    assert.ok(Math.abs(mean[f] - want[f]) <= 1e-14 * Math.max(1, Math.abs(want[f])), `${label}: mean[${f}]`);
  }
  // Relative to the centred scale: the routes must not lose accuracy to the column offsets.
  assertNear(gram, naiveGram(x, n, d, want), rtol);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) assert.equal(gram[i * d + j], gram[j * d + i], `${label}: symmetric`);
}

describe('centredGram', () => {
  test('doc example', () => {
    const { mean, gram } = centredGram(Float64Array.of(1, 2, 3, 4), 2, 2);
    assert.deepEqual(Array.from(mean), [2, 3]);
    assert.deepEqual(Array.from(gram), [2, 2, 2, 2]);
  });

  test('uncentred route (small offsets, d <= 128), any d', () => {
    for (const [n, d] of [
      [1, 1],
      [3, 2],
      [200, 7],
      [5000, 20],
      [300, 128],
    ] as const) {
      checkCentred(randomMatrix(n, d, n + d, 0.5), n, d, `${n}x${d}`);
    }
  });

  test('shifted route: large offsets, and wide data', () => {
    // Offsets of 1e6 against unit spread: the uncentred product would lose 12 digits.
    checkCentred(randomMatrix(3000, 9, 1, 1e6), 3000, 9, 'offset 1e6', 1e-10);
    checkCentred(randomMatrix(700, 150, 2, 3), 700, 150, 'wide');
  });

  test('exact fallback: first rows far from the mean of the rest', () => {
    // Shifted by ~1e5, column 0's shifted sum of squares is ~80 times its centred one.
    const n = 5000;
    const d = 3;
    const x = randomMatrix(n, d, 5);
    // The first 64 rows (the shift) sit at 1e5, all others near 0.
    for (let i = 0; i < 64; i++) for (let f = 0; f < d; f++) x[i * d + f] += 1e5;
    for (let i = 64; i < n; i++) x[i * d] *= 1e-3;
    checkCentred(x, n, d, 'outlying first rows', 1e-11);
  });

  test('constant and zero columns give exact zeros', () => {
    const n = 300;
    const x = randomMatrix(n, 4, 6);
    for (let i = 0; i < n; i++) {
      x[i * 4 + 1] = 0.1;
      x[i * 4 + 3] = 0;
    }
    const { gram } = centredGram(x, n, 4);
    for (const f of [1, 3]) for (let j = 0; j < 4; j++) assert.ok(Math.abs(gram[f * 4 + j]) <= 1e-12, `column ${f}`);
  });

  test('agrees with gramMatrix(x, { mean }) on random shapes and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(0, 1, 100, 1e5),
        fc.integer({ min: 0, max: 1000 }),
        (n, d, offset, seed) => {
          const x = randomMatrix(n, d, seed, offset);
          const { mean, gram } = centredGram(x, n, d);
          assertNear(gram, gramMatrix(x, n, d, { mean }), 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
