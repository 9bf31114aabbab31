/**
 * scikit-learn's `svd_flip`: a deterministic sign for each singular pair, so
 * that results do not depend on the SVD routine. With the `u`-based rule the
 * largest-magnitude entry of each column of `U` is made positive; with the
 * `v`-based rule, the largest-magnitude entry of each row of `Vt`.
 */

/**
 * Flips the signs of columns of `u` (`m x k`, may be null) and rows of `vt`
 * (`k x n`) in place. With `uBased` and a null `u`, `uSigns` must give the
 * column whose sign decides (e.g. `X·V` computed by the caller, `m x k`).
 * @example
 * const u = Float64Array.of(-1, 0, 0, 1); const vt = Float64Array.of(1, 0, 0, 1);
 * svdFlip(u, 2, 2, vt, 2, true); // u = [1, 0, 0, 1], vt = [-1, 0, 0, 1]
 */
export function svdFlip(
  u: Float64Array | null,
  m: number,
  k: number,
  vt: Float64Array,
  n: number,
  uBased: boolean,
  decider: Float64Array | null = u,
): void {
  for (let j = 0; j < k; j++) {
    let sign: number;
    if (uBased) {
      const src = decider as Float64Array;
      let best = 0;
      let bestAbs = -1;
      for (let i = 0; i < m; i++) {
        const a = Math.abs(src[i * k + j]);
        if (a > bestAbs) {
          bestAbs = a;
          best = src[i * k + j];
        }
      }
      sign = best < 0 ? -1 : 1;
    } else {
      let best = 0;
      let bestAbs = -1;
      for (let f = 0; f < n; f++) {
        const a = Math.abs(vt[j * n + f]);
        if (a > bestAbs) {
          bestAbs = a;
          best = vt[j * n + f];
        }
      }
      sign = best < 0 ? -1 : 1;
    }
    if (sign === 1) continue;
    if (u) for (let i = 0; i < m; i++) u[i * k + j] = -u[i * k + j];
    for (let f = 0; f < n; f++) vt[j * n + f] = -vt[j * n + f];
  }
}
