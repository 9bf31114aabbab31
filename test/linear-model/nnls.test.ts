import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { nnls } from '../../src/linear-model/nnls.js';

// KKT conditions of NNLS: x ≥ 0, gradient w = Aᵀ(b − Ax) ≤ 0 where x = 0 and ≈ 0 where x > 0.
function assertKkt(a: Float64Array, m: number, n: number, b: Float64Array, x: Float64Array): void {
  const r = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let j = 0; j < n; j++) s -= a[i * n + j] * x[j];
    r[i] = s;
  }
  for (let j = 0; j < n; j++) {
    let w = 0;
    for (let i = 0; i < m; i++) w += a[i * n + j] * r[i];
    assert.ok(x[j] >= 0, `x[${j}] = ${x[j]} < 0`);
    if (x[j] > 1e-12) assert.ok(Math.abs(w) < 1e-8, `active x[${j}] has gradient ${w}`);
    else assert.ok(w < 1e-8, `x[${j}] = 0 but gradient ${w} > 0`);
  }
}

describe('nnls', () => {
  test('identity: clips the negative part', () => {
    const { x } = nnls(Float64Array.of(1, 0, 0, 1), 2, 2, Float64Array.of(1, -1));
    assert.deepEqual(Array.from(x), [1, 0]);
  });
  test('satisfies the KKT conditions on random problems', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 6 }),
        // Entries on a 0.1 grid: arbitrary doubles produce condition numbers near 1e10, where
        // round-off alone moves the gradient past any fixed KKT tolerance (scipy behaves the same).
        fc.array(
          fc.integer({ min: -50, max: 50 }).map((v) => v / 10),
          { minLength: 100, maxLength: 100 },
        ),
        (m, n, values) => {
          const a = Float64Array.from(values.slice(0, m * n));
          const b = Float64Array.from(values.slice(50, 50 + m));
          assertKkt(a, m, n, b, nnls(a, m, n, b).x);
        },
      ),
      { numRuns: 200 },
    );
  });
});
