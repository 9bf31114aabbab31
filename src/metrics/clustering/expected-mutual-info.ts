/**
 * Expected mutual information of two labelings under the hypergeometric
 * model of random labelings with the same cluster sizes (Vinh, Epps & Bailey
 * 2010), computed in log space the way scikit-learn does, for the adjusted
 * mutual information.
 */
import type { Contingency } from './contingency.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

const SMALL_LOG_FACTORIALS: Float64Array = (() => {
  const out = new Float64Array(32);
  let f = 1;
  for (let n = 1; n < 32; n++) {
    f *= n;
    out[n] = Math.log(f);
  }
  return out;
})();

/**
 * `log(n!)` = `lgamma(n + 1)` for a non-negative integer `n`, to full double
 * precision: exact factorials below 32, Stirling's series (to the x⁻¹¹ term) above.
 * @example logFactorial(5) // Math.log(120)
 */
export function logFactorial(n: number): number {
  if (n < 32) return SMALL_LOG_FACTORIALS[n];
  const x = n + 1;
  const ix = 1 / x;
  const ix2 = ix * ix;
  const series =
    ix * (1 / 12 - ix2 * (1 / 360 - ix2 * (1 / 1260 - ix2 * (1 / 1680 - ix2 * (1 / 1188 - ix2 * (691 / 360360))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series;
}

/**
 * E[MI] (nats) of random labelings with the row and column sums of `c`; 0
 * when either labeling has a single cluster.
 * @example expectedMutualInformation(buildContingency([0, 0, 1, 1], [0, 1, 0, 1]))
 */
export function expectedMutualInformation(c: Contingency): number {
  const R = c.nClasses;
  const C = c.nClusters;
  if (R === 1 || C === 1) return 0;
  const N = c.n;
  const a = c.rowSums;
  const b = c.colSums;
  let maxAB = 0;
  for (let i = 0; i < R; i++) maxAB = Math.max(maxAB, a[i]);
  for (let j = 0; j < C; j++) maxAB = Math.max(maxAB, b[j]);
  const logN = Math.log(N);
  // Indexed by nij; entry 0 is never used.
  const term1 = new Float64Array(maxAB + 1);
  const logNnij = new Float64Array(maxAB + 1);
  const glnNij = new Float64Array(maxAB + 1);
  for (let v = 1; v <= maxAB; v++) {
    term1[v] = v / N;
    logNnij[v] = logN + Math.log(v);
    glnNij[v] = logFactorial(v);
  }
  const glnN = logFactorial(N);
  let emi = 0;
  for (let i = 0; i < R; i++) {
    const ai = a[i];
    const logA = Math.log(ai);
    const glnA = logFactorial(ai);
    const glnNa = logFactorial(N - ai);
    for (let j = 0; j < C; j++) {
      const bj = b[j];
      const logB = Math.log(bj);
      const base = glnA + logFactorial(bj) + glnNa + logFactorial(N - bj) - glnN;
      const start = Math.max(1, ai - N + bj);
      const end = Math.min(ai, bj);
      for (let nij = start; nij <= end; nij++) {
        const term2 = logNnij[nij] - logA - logB;
        const gln =
          base - glnNij[nij] - logFactorial(ai - nij) - logFactorial(bj - nij) - logFactorial(N - ai - bj + nij);
        emi += term1[nij] * term2 * Math.exp(gln);
      }
    }
  }
  return emi;
}
