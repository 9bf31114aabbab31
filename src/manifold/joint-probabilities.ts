/**
 * t-SNE input affinities (scikit-learn's `_utils._binary_search_perplexity`,
 * `_joint_probabilities` and `_joint_probabilities_nn`): per row, a binary
 * search for the Gaussian precision whose conditional distribution has the
 * requested perplexity, then the symmetrised, normalised joint distribution.
 *
 * As sklearn, the squared distances are rounded to float32 before the search
 * (and the perplexity to a C `float`), so P matches sklearn's to ~1e-7.
 */

const PERPLEXITY_TOLERANCE = 1e-5;
const EPSILON_DBL = 1e-8;
const N_STEPS = 100;
/** numpy's `np.finfo(np.double).eps`, the floor sklearn puts under P and Q. */
export const MACHINE_EPSILON = 2 ** -52;

/**
 * Conditional probabilities `P[i, j] = p(j | i)` with the given perplexity.
 * `sqdist` is `n x m` row-major: with `m === n` the full squared-distance
 * matrix (the diagonal is skipped), with `m < n` each row's `m` nearest
 * neighbours (all entries used). Values are read as float32, as sklearn does.
 * @example binarySearchPerplexity(Float64Array.from([0, 1, 1, 0]), 2, 2, 1) // Float64Array [0, 1, 1, 0]
 */
export function binarySearchPerplexity(sqdist: Float64Array, n: number, m: number, perplexity: number): Float64Array {
  const usingNeighbors = m < n;
  const P = new Float64Array(n * m);
  const d = new Float64Array(m);
  const desiredEntropy = Math.log(Math.fround(perplexity));
  for (let i = 0; i < n; i++) {
    const o = i * m;
    for (let j = 0; j < m; j++) d[j] = Math.fround(sqdist[o + j]);
    let betaMin = Number.NEGATIVE_INFINITY;
    let betaMax = Number.POSITIVE_INFINITY;
    let beta = 1;
    for (let step = 0; step < N_STEPS; step++) {
      let sumP = 0;
      for (let j = 0; j < m; j++) {
        if (j !== i || usingNeighbors) {
          const v = Math.exp(-d[j] * beta);
          P[o + j] = v;
          sumP += v;
        }
      }
      if (sumP === 0) sumP = EPSILON_DBL;
      let sumDistP = 0;
      for (let j = 0; j < m; j++) {
        P[o + j] /= sumP;
        sumDistP += d[j] * P[o + j];
      }
      const entropyDiff = Math.log(sumP) + beta * sumDistP - desiredEntropy;
      if (Math.abs(entropyDiff) <= PERPLEXITY_TOLERANCE) break;
      if (entropyDiff > 0) {
        betaMin = beta;
        beta = betaMax === Number.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin === Number.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
      }
    }
  }
  return P;
}

/**
 * Joint probabilities of exact t-SNE from the full `n x n` squared-distance
 * matrix: `P = (C + Cᵀ) / sum`, floored at machine epsilon off the diagonal
 * (diagonal 0), returned as a dense symmetric `n x n` matrix.
 * @example jointProbabilities(sqdist, n, 30)
 */
export function jointProbabilities(sqdist: Float64Array, n: number, perplexity: number): Float64Array {
  const C = binarySearchPerplexity(sqdist, n, n, perplexity);
  const P = new Float64Array(n * n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = C[i * n + j] + C[j * n + i];
      P[i * n + j] = v;
      sum += 2 * v;
    }
  }
  sum = Math.max(sum, MACHINE_EPSILON);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.max(P[i * n + j] / sum, MACHINE_EPSILON);
      P[i * n + j] = v;
      P[j * n + i] = v;
    }
  }
  return P;
}

/** A square CSR matrix of float64 values with sorted column indices. */
export interface Csr {
  n: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/**
 * Joint probabilities of Barnes-Hut t-SNE from each row's `k` nearest
 * neighbours (`ind`, `sqdist`: `n x k`, squared distances): the conditional
 * rows `C`, then `P = (C + Cᵀ) / sum(C + Cᵀ)` as a symmetric CSR matrix.
 * @example jointProbabilitiesNn(ind, sqdist, n, k, 30).indptr
 */
export function jointProbabilitiesNn(
  ind: Int32Array,
  sqdist: Float64Array,
  n: number,
  k: number,
  perplexity: number,
): Csr {
  // sklearn sorts each row's neighbours by column index before the search.
  const order = new Int32Array(k);
  const sInd = new Int32Array(n * k);
  const sDist = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) order[t] = t;
    const o = i * k;
    order.sort((a, b) => ind[o + a] - ind[o + b]);
    for (let t = 0; t < k; t++) {
      sInd[o + t] = ind[o + order[t]];
      sDist[o + t] = sqdist[o + order[t]];
    }
  }
  const C = binarySearchPerplexity(sDist, n, k, perplexity);
  // C + Cᵀ: each entry (i, j, c) also lands at (j, i); duplicates are summed.
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      counts[i + 1]++;
      counts[sInd[i * k + t] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const cols = new Int32Array(counts[n]);
  const vals = new Float64Array(counts[n]);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = sInd[i * k + t];
      const c = C[i * k + t];
      cols[fill[i]] = j;
      vals[fill[i]++] = c;
      cols[fill[j]] = i;
      vals[fill[j]++] = c;
    }
  }
  const indptr = new Int32Array(n + 1);
  const outCols: number[] = [];
  const outVals: number[] = [];
  const perm: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    perm.length = 0;
    for (let t = counts[i]; t < counts[i + 1]; t++) perm.push(t);
    perm.sort((a, b) => cols[a] - cols[b]);
    let last = -1;
    for (const t of perm) {
      if (cols[t] === last) outVals[outVals.length - 1] += vals[t];
      else {
        outCols.push(cols[t]);
        outVals.push(vals[t]);
        last = cols[t];
      }
      total += vals[t];
    }
    indptr[i + 1] = outCols.length;
  }
  const scale = 1 / Math.max(total, MACHINE_EPSILON);
  const data = Float64Array.from(outVals, (v) => v * scale);
  return { n, indptr, indices: Int32Array.from(outCols), data };
}
