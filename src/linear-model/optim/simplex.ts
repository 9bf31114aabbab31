/**
 * A dense-tableau primal simplex for linear programs in standard form
 * `min cᵀx subject to Ax = b, x ≥ 0` that come with a feasible identity
 * basis (QuantileRegressor's LP has one: a slack per row). Dantzig's rule,
 * switching to Bland's rule after a run of degenerate pivots so it cannot
 * cycle. Exact up to floating-point rounding; cost per pivot is O(rows × cols).
 */

/** Result of {@link simplex}. */
export interface SimplexResult {
  x: Float64Array;
  objective: number;
  nIter: number;
  /** `'optimal'`, `'unbounded'` or `'maxIter'`. */
  status: 'optimal' | 'unbounded' | 'maxIter';
}

/**
 * Solves the LP. `a` is `m × n` row-major (copied, not modified), `b ≥ 0`,
 * `basis[i]` the column that is the i-th unit vector of `a`.
 * @example
 * // min x0 + 2 x1 s.t. x0 + x1 + s = 1 → x = 0
 * simplex(Float64Array.of(1, 1, 1), 1, 3, Float64Array.of(1), Float64Array.of(1, 2, 0), Int32Array.of(2)).objective // 0
 */
export function simplex(
  a: Float64Array,
  m: number,
  n: number,
  b: Float64Array,
  c: Float64Array,
  basis: Int32Array,
  maxIter = 50 * (m + n),
): SimplexResult {
  const t = Float64Array.from(a);
  const rhs = Float64Array.from(b);
  const base = Int32Array.from(basis);
  // Reduced costs r = c − c_Bᵀ T.
  const r = Float64Array.from(c);
  for (let i = 0; i < m; i++) {
    const cb = c[base[i]];
    if (cb === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) r[j] -= cb * t[row + j];
  }
  let scale = 0;
  for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(c[j]));
  const costTol = 1e-11 * Math.max(1, scale);
  const pivotTol = 1e-11;
  let degenerate = 0;
  let iter = 0;
  let status: SimplexResult['status'] = 'maxIter';
  for (; iter < maxIter; iter++) {
    const bland = degenerate > 50;
    let enter = -1;
    let best = -costTol;
    for (let j = 0; j < n; j++) {
      if (r[j] < best) {
        enter = j;
        if (bland) break;
        best = r[j];
      }
    }
    if (enter < 0) {
      status = 'optimal';
      break;
    }
    let leave = -1;
    let ratio = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const v = t[i * n + enter];
      if (v <= pivotTol) continue;
      const q = rhs[i] / v;
      if (q < ratio - 1e-14 || (q <= ratio + 1e-14 && leave >= 0 && base[i] < base[leave])) {
        ratio = q;
        leave = i;
      }
    }
    if (leave < 0) {
      status = 'unbounded';
      break;
    }
    degenerate = ratio <= 1e-14 ? degenerate + 1 : 0;
    // Pivot on (leave, enter).
    const prow = leave * n;
    const inv = 1 / t[prow + enter];
    for (let j = 0; j < n; j++) t[prow + j] *= inv;
    rhs[leave] *= inv;
    t[prow + enter] = 1;
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const f = t[i * n + enter];
      if (f === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) t[row + j] -= f * t[prow + j];
      t[row + enter] = 0;
      rhs[i] -= f * rhs[leave];
      if (rhs[i] < 0 && rhs[i] > -1e-12) rhs[i] = 0;
    }
    const f = r[enter];
    for (let j = 0; j < n; j++) r[j] -= f * t[prow + j];
    r[enter] = 0;
    base[leave] = enter;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) x[base[i]] = rhs[i];
  let objective = 0;
  for (let j = 0; j < n; j++) objective += c[j] * x[j];
  return { x, objective, nIter: iter, status };
}
