/**
 * Non-negative least squares, `argmin ‖A x − b‖₂ subject to x ≥ 0`, by the
 * Lawson–Hanson active-set method (scipy's `optimize.nnls`). `LinearRegression`
 * uses it for `positive: true`.
 */
import { lstsqInPlace } from '../linalg/lstsq.js';

/** Result of {@link nnls}. */
export interface NnlsResult {
  /** The solution, all entries ≥ 0. */
  x: Float64Array;
  /** ‖A x − b‖₂. */
  residualNorm: number;
  /** Outer iterations used. */
  nIter: number;
}

const EPS = 2.220446049250313e-16;

/**
 * Solves NNLS for a row-major `m × n` matrix `a` and `b` of length `m` (inputs are not modified).
 * @param maxIter - outer iteration cap, default `3 * n` (scipy's).
 * @example nnls(Float64Array.of(1, 0, 0, 1), 2, 2, Float64Array.of(1, -1)).x // Float64Array [1, 0]
 */
export function nnls(a: Float64Array, m: number, n: number, b: Float64Array, maxIter = 3 * n): NnlsResult {
  const x = new Float64Array(n);
  const inP = new Uint8Array(n);
  const w = new Float64Array(n);
  const residual = new Float64Array(m);
  const tol = 10 * Math.max(m, n) * EPS;

  const updateResidualAndGradient = (): void => {
    for (let i = 0; i < m; i++) {
      let s = b[i];
      for (let j = 0; j < n; j++) s -= a[i * n + j] * x[j];
      residual[i] = s;
    }
    w.fill(0);
    for (let i = 0; i < m; i++) {
      const r = residual[i];
      for (let j = 0; j < n; j++) w[j] += a[i * n + j] * r;
    }
  };

  // Unconstrained least squares on the passive set P; zero elsewhere.
  const solvePassive = (): Float64Array => {
    const cols: number[] = [];
    for (let j = 0; j < n; j++) if (inP[j]) cols.push(j);
    const k = cols.length;
    const sub = new Float64Array(m * k);
    for (let i = 0; i < m; i++) for (let c = 0; c < k; c++) sub[i * k + c] = a[i * n + cols[c]];
    const { x: solution } = lstsqInPlace(sub, m, k, b.slice(), 1, EPS * Math.max(m, k));
    const s = new Float64Array(n);
    for (let c = 0; c < k; c++) s[cols[c]] = solution[c];
    return s;
  };

  updateResidualAndGradient();
  let nIter = 0;
  while (nIter < maxIter) {
    let best = -1;
    let bestW = tol;
    for (let j = 0; j < n; j++) {
      if (!inP[j] && w[j] > bestW) {
        bestW = w[j];
        best = j;
      }
    }
    if (best < 0) break;
    nIter++;
    inP[best] = 1;
    let s = solvePassive();
    // Step back towards feasibility while the passive solution has non-positive entries.
    for (;;) {
      let alpha = Number.POSITIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        if (inP[j] && s[j] <= tol) alpha = Math.min(alpha, x[j] / (x[j] - s[j]));
      }
      if (alpha === Number.POSITIVE_INFINITY) break;
      for (let j = 0; j < n; j++) {
        x[j] += alpha * (s[j] - x[j]);
        if (inP[j] && Math.abs(x[j]) <= tol) {
          inP[j] = 0;
          x[j] = 0;
        }
      }
      s = solvePassive();
    }
    x.set(s);
    updateResidualAndGradient();
  }
  let rss = 0;
  for (let i = 0; i < m; i++) rss += residual[i] * residual[i];
  return { x, residualNorm: Math.sqrt(rss), nIter };
}
