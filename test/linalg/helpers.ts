/**
 * Test-only helpers for the linalg tests: a seeded generator (a small LCG, so
 * these tests do not depend on the random module) and naive reference
 * products and checks written independently of the code under test.
 */
import { Tensor } from '../../src/tensor/tensor.js';

/** Seeded uniform/standard-normal generator: a 32-bit LCG (high bits of two draws per uniform), Box–Muller. */
export function makeRng(seed: number): { uniform(): number; normal(): number } {
  // Numerical Recipes LCG constants; the top 27 + 26 bits of two draws make a 53-bit uniform.
  let state = (seed * 2654435761) >>> 0 || 1;
  const next32 = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const uniform = (): number => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

/** An `m x n` float64 tensor of standard normals. */
export function randn(m: number, n: number, seed: number): Tensor {
  const rng = makeRng(seed);
  const d = new Float64Array(m * n);
  for (let i = 0; i < d.length; i++) d[i] = rng.normal();
  return new Tensor(d, [m, n]);
}

/** Naive product of 2-D tensors (independent of gemm). */
export function mm(a: Tensor, b: Tensor): Tensor {
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) throw new Error(`mm: ${a.shape} x ${b.shape}`);
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a.data[i * k + p];
      for (let j = 0; j < n; j++) out[i * n + j] += av * b.data[p * n + j];
    }
  }
  return new Tensor(out, [m, n]);
}

/** Transpose of a 2-D tensor. */
export function tr(a: Tensor): Tensor {
  const [m, n] = a.shape;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a.data[i * n + j];
  return new Tensor(out, [n, m]);
}

/** `diag(s)` as an `m x n` tensor. */
export function diag(s: ArrayLike<number>, m = s.length, n = s.length): Tensor {
  const out = new Float64Array(m * n);
  for (let i = 0; i < Math.min(s.length, m, n); i++) out[i * n + i] = s[i];
  return new Tensor(out, [m, n]);
}

/** Identity tensor. */
export function eye(n: number): Tensor {
  return diag(new Float64Array(n).fill(1));
}

/** Frobenius norm of a tensor's data. */
export function fro(a: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * a.data[i];
  return Math.sqrt(s);
}

/** Frobenius norm of `a - b` (shapes must match). */
export function diffNorm(a: Tensor, b: Tensor): number {
  if (a.shape.join() !== b.shape.join()) throw new Error(`shape mismatch ${a.shape} vs ${b.shape}`);
  let s = 0;
  for (let i = 0; i < a.size; i++) s += (a.data[i] - b.data[i]) ** 2;
  return Math.sqrt(s);
}

/** Largest |(QᵀQ - I)_ij| for the columns of `q`. */
export function orthoError(q: Tensor): number {
  const g = mm(tr(q), q);
  const n = g.shape[0];
  let e = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) e = Math.max(e, Math.abs(g.data[i * n + j] - (i === j ? 1 : 0)));
  return e;
}

/** The n x n Hilbert matrix, `H[i][j] = 1 / (i + j + 1)`. */
export function hilbert(n: number): Tensor {
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = 1 / (i + j + 1);
  return new Tensor(d, [n, n]);
}

/** A random symmetric positive-definite matrix `G Gᵀ + n I`. */
export function randomSpd(n: number, seed: number): Tensor {
  const g = randn(n, n, seed);
  const a = mm(g, tr(g));
  for (let i = 0; i < n; i++) a.data[i * n + i] += n;
  return a;
}

/** A random `m x n` matrix of rank `r` (product of Gaussian `m x r` and `r x n`). */
export function randomRank(m: number, n: number, r: number, seed: number): Tensor {
  return mm(randn(m, r, seed), randn(r, n, seed + 1));
}

/** Whether entries below the diagonal are exactly zero. */
export function isUpperTriangular(a: Tensor): boolean {
  const [m, n] = a.shape;
  for (let i = 0; i < m; i++) for (let j = 0; j < Math.min(i, n); j++) if (a.data[i * n + j] !== 0) return false;
  return true;
}

/** Whether entries above the diagonal are exactly zero. */
export function isLowerTriangular(a: Tensor): boolean {
  const [m, n] = a.shape;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < n; j++) if (a.data[i * n + j] !== 0) return false;
  return true;
}

/** Column vector tensor from a 1-D tensor. */
export function col(v: Tensor): Tensor {
  return new Tensor(v.data, [v.size, 1]);
}

/** Shapes exercised by the decomposition tests: square, tall, wide, thin, 1x1. */
export const SHAPES: readonly (readonly [number, number])[] = [
  [1, 1],
  [2, 2],
  [5, 5],
  [20, 20],
  [7, 3],
  [40, 12],
  [3, 7],
  [12, 40],
  [6, 1],
  [1, 6],
];

/** An `m x n` (m >= n) matrix with orthonormal columns: Gram–Schmidt, twice, on Gaussian columns. */
export function orthonormal(m: number, n: number, seed: number): Tensor {
  const g = randn(m, n, seed);
  const d = g.data;
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let c = 0; c < j; c++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += d[i * n + c] * d[i * n + j];
        for (let i = 0; i < m; i++) d[i * n + j] -= dot * d[i * n + c];
      }
    }
    let s = 0;
    for (let i = 0; i < m; i++) s += d[i * n + j] ** 2;
    s = Math.sqrt(s);
    for (let i = 0; i < m; i++) d[i * n + j] /= s;
  }
  return g;
}
