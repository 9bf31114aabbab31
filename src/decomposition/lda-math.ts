/**
 * Special functions and sampling for variational LDA: the digamma function,
 * Dirichlet expectations `E[log θ]`, log-sum-exp and Gamma draws.
 */
import type { RandomGenerator } from '../tensor/random.js';

const EULER = 0.5772156649015329;

/**
 * ψ(x), the digamma function, for x > 0: upward recurrence to x >= 6, then
 * the asymptotic series (the same expansion scikit-learn's LDA uses; ~1e-12).
 * @example digamma(1) // -0.5772156649015329
 */
export function digamma(x: number): number {
  if (x <= 1e-6) return -EULER - 1 / x;
  let result = 0;
  while (x < 6) {
    result -= 1 / x;
    x += 1;
  }
  let r = 1 / x;
  result += Math.log(x) - 0.5 * r;
  r *= r;
  result -= r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r * (1 / 132)))));
  return result;
}

/**
 * Row-wise `ψ(a[i, j]) - ψ(Σ_j a[i, j])` of the `rows x cols` matrix `a`
 * (sklearn's `_dirichlet_expectation_2d`), into a new buffer.
 * @example dirichletExpectation2d(Float64Array.of(1, 1), 1, 2) // [ψ(1) - ψ(2), ψ(1) - ψ(2)]
 */
export function dirichletExpectation2d(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < cols; j++) s += a[i * cols + j];
    const psiSum = digamma(s);
    for (let j = 0; j < cols; j++) out[i * cols + j] = digamma(a[i * cols + j]) - psiSum;
  }
  return out;
}

/**
 * A Gamma(shape, scale) draw (Marsaglia & Tsang 2000, for shape >= 1).
 * @example gammaDraw(rng, 100, 0.01) // ≈ 1
 */
export function gammaDraw(rng: RandomGenerator, shape: number, scale: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}
