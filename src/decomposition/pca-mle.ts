/**
 * Minka's automatic choice of the PCA dimension (`nComponents: 'mle'`),
 * scikit-learn's `_assess_dimension` / `_infer_dimension`: the rank of
 * highest Laplace-approximated evidence for the observed spectrum.
 * (T. P. Minka, "Automatic choice of dimensionality for PCA", NIPS 2000.)
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * log Γ(x) for x > 0 (Lanczos approximation, g = 7; ~1e-15 relative).
 * @example gammaln(0.5) // log(√π) ≈ 0.5723649429247001
 */
export function gammaln(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - gammaln(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Log-likelihood of `rank` components for the (descending) eigenvalue
 * `spectrum` of a covariance estimated from `nSamples` rows.
 * @example assessDimension(Float64Array.of(5, 1, 0.1), 1, 100)
 */
export function assessDimension(spectrum: Float64Array, rank: number, nSamples: number): number {
  const nFeatures = spectrum.length;
  if (!(rank >= 1 && rank < nFeatures)) throw new RangeError('the tested rank should be in [1, n_features - 1]');
  const eps = 1e-15;
  if (spectrum[rank - 1] < eps) return Number.NEGATIVE_INFINITY;
  let pu = -rank * Math.log(2);
  for (let i = 1; i <= rank; i++) {
    pu += gammaln((nFeatures - i + 1) / 2) - (Math.log(Math.PI) * (nFeatures - i + 1)) / 2;
  }
  let pl = 0;
  for (let i = 0; i < rank; i++) pl += Math.log(spectrum[i]);
  pl = (-pl * nSamples) / 2;
  let rest = 0;
  for (let i = rank; i < nFeatures; i++) rest += spectrum[i];
  const v = Math.max(eps, rest / (nFeatures - rank));
  const pv = (-Math.log(v) * nSamples * (nFeatures - rank)) / 2;
  const m = nFeatures * rank - (rank * (rank + 1)) / 2;
  const pp = (Math.log(2 * Math.PI) * (m + rank)) / 2;
  let pa = 0;
  for (let i = 0; i < rank; i++) {
    for (let j = i + 1; j < nFeatures; j++) {
      const sj = j < rank ? spectrum[j] : v;
      pa += Math.log((spectrum[i] - spectrum[j]) * (1 / sj - 1 / spectrum[i])) + Math.log(nSamples);
    }
  }
  return pu + pl + pv + pp - pa / 2 - (rank * Math.log(nSamples)) / 2;
}

/**
 * The rank in [1, n_features - 1] maximising {@link assessDimension} (0 never chosen).
 * @example inferDimension(Float64Array.of(10, 9, 0.01, 0.01, 0.01), 500) // 2
 */
export function inferDimension(spectrum: Float64Array, nSamples: number): number {
  let best = 0;
  let bestLl = Number.NEGATIVE_INFINITY;
  for (let rank = 1; rank < spectrum.length; rank++) {
    const ll = assessDimension(spectrum, rank, nSamples);
    if (ll > bestLl) {
      bestLl = ll;
      best = rank;
    }
  }
  return best;
}
