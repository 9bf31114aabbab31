/**
 * The special functions of the variational Gaussian mixture (scipy's
 * `gammaln`, `digamma`, `betaln`), to about 1e-15 relative accuracy: shifted
 * by the recurrences to arguments >= 10, then the asymptotic (Stirling) series.
 */

const HALF_LOG_2PI = 0.9189385332046728;

/**
 * `log |Γ(x)|` for `x > 0` (reflection below 0.5).
 * @example gammaln(5) // Math.log(24)
 */
export function gammaln(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaln(1 - x);
  // Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k - 1)): shift to x >= 10.
  let shift = 0;
  let prod = 1;
  while (x < 10) {
    prod *= x;
    x += 1;
    if (prod > 1e280) {
      shift += Math.log(prod);
      prod = 1;
    }
  }
  shift += Math.log(prod);
  const z = 1 / (x * x);
  const series =
    (1 / x) *
    (1 / 12 +
      z *
        (-1 / 360 +
          z *
            (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156 - (z * 3617) / 122400)))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/**
 * The digamma function `ψ(x) = d/dx log Γ(x)` for `x > 0` (reflection below 0).
 * @example digamma(1) // -0.5772156649015329 (minus Euler's constant)
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.NaN;
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const z = 1 / (x * x);
  const series =
    z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - (z * 1) / 12))))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/**
 * `log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b)`.
 * @example betaln(1, 1) // 0
 */
export function betaln(a: number, b: number): number {
  return gammaln(a) + gammaln(b) - gammaln(a + b);
}
