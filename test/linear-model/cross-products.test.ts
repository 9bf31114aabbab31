import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { centeredCrossProducts } from '../../src/linear-model/linear-base.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Reference: explicit centred, √w-scaled copy [X̃ Ỹ], then its cross products. */
function naive(xs: Float64Array, m: number, n: number, ys: Float64Array, t: number, fit: boolean, w?: Float64Array) {
  const v = n + t;
  const z = new Float64Array(m * v);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) z[i * v + j] = xs[i * n + j];
    for (let k = 0; k < t; k++) z[i * v + n + k] = ys[i * t + k];
  }
  const mean = new Float64Array(v);
  if (fit) {
    let sw = 0;
    for (let i = 0; i < m; i++) {
      const wi = w ? w[i] : 1;
      sw += wi;
      for (let c = 0; c < v; c++) mean[c] += wi * z[i * v + c];
    }
    for (let c = 0; c < v; c++) mean[c] /= sw;
  }
  const out = new Float64Array(v * v);
  for (let i = 0; i < m; i++) {
    const s = w ? w[i] : 1;
    for (let a = 0; a < v; a++)
      for (let b = 0; b < v; b++) out[a * v + b] += s * (z[i * v + a] - mean[a]) * (z[i * v + b] - mean[b]);
  }
  return { out, mean };
}

function close(got: Float64Array, want: Float64Array, scale: number, tol: number, what: string) {
  assert.equal(got.length, want.length);
  for (let i = 0; i < got.length; i++)
    assert.ok(Math.abs(got[i] - want[i]) <= tol * scale, `${what}[${i}]: ${got[i]} vs ${want[i]}`);
}

describe('centeredCrossProducts', () => {
  const cases: [number, number, number, number, boolean, boolean][] = [
    // [m, n, t, mean offset, fitIntercept, weighted]
    [1, 1, 1, 0, true, false],
    [7, 3, 1, 0.5, true, false],
    [1500, 5, 2, 0.5, true, false], // raw path (small means)
    [1500, 5, 1, 1000, true, false], // large means: block-centred path
    [2100, 6, 1, 3, true, true], // weighted, more than one block
    [300, 4, 3, 2, false, false],
  ];
  for (const [m, n, t, offset, fit, weighted] of cases) {
    test(`matches the explicit centred products (m=${m}, n=${n}, t=${t}, offset ${offset}, intercept ${fit}, weights ${weighted})`, () => {
      const rnd = lcg(m + 17 * n + t);
      const xs = Float64Array.from({ length: m * n }, () => offset + rnd() - 0.5);
      const ys = Float64Array.from({ length: m * t }, () => offset + 3 * rnd());
      const w = weighted ? Float64Array.from({ length: m }, () => 0.5 + rnd()) : undefined;
      const r = centeredCrossProducts(xs, m, n, ys, t, fit, w);
      const { out, mean } = naive(xs, m, n, ys, t, fit, w);
      let scale = 0;
      for (let a = 0; a < n + t; a++) scale = Math.max(scale, Math.abs(out[a * (n + t) + a]));
      close(r.cross, out, scale, 1e-12, 'cross');
      close(r.xOffset, mean.subarray(0, n), Math.max(1, offset), 1e-14, 'xOffset');
      close(r.yOffset, mean.subarray(n), Math.max(1, offset), 1e-14, 'yOffset');
    });
  }
});
