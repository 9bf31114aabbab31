/**
 * Barycentric reconstruction weights of locally linear embedding
 * (scikit-learn's `barycenter_weights`): for each row, the weights summing to
 * 1 that best rebuild it from its neighbours, with a ridge term `reg · trace(G)`
 * on the local Gram matrix.
 */
import { solveInPlace } from '../linalg/solve.js';

/**
 * Weights `n x k` (row-major) reconstructing row `i` of `x` (`n x d`) from the
 * rows `ind[i·k .. i·k + k)` of `y` (`· x d`).
 * @example barycenterWeights(x, n, d, y, ind, 5, 1e-3)
 */
export function barycenterWeights(
  x: Float64Array,
  n: number,
  d: number,
  y: Float64Array,
  ind: Int32Array,
  k: number,
  reg: number,
): Float64Array {
  const out = new Float64Array(n * k);
  const C = new Float64Array(k * d);
  const G = new Float64Array(k * k);
  const v = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      const r = ind[i * k + a];
      for (let f = 0; f < d; f++) C[a * d + f] = y[r * d + f] - x[i * d + f];
    }
    let trace = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += C[a * d + f] * C[b * d + f];
        G[a * k + b] = s;
        G[b * k + a] = s;
      }
      trace += G[a * k + a];
    }
    const R = trace > 0 ? reg * trace : reg;
    for (let a = 0; a < k; a++) G[a * k + a] += R;
    v.fill(1);
    solveInPlace(G, k, v, 1);
    let sum = 0;
    for (let a = 0; a < k; a++) sum += v[a];
    for (let a = 0; a < k; a++) out[i * k + a] = v[a] / sum;
  }
  return out;
}
