/**
 * Dense affinity matrices for spectral methods (what `SpectralEmbedding` and
 * `SpectralClustering` build): the symmetrised k-neighbours connectivity
 * graph `½(A + Aᵀ)` with each sample counted as its own neighbour, and the
 * RBF kernel `exp(-γ‖x - y‖²)`.
 */
import type { Rows } from '../neighbors/brute.js';
import { kneighborsOf, type SearchAlgorithm } from './neighbors.js';

/**
 * `½(A + Aᵀ)` where `A[i, j] = 1` when j is among the `k` nearest rows of i,
 * i itself included (sklearn's `kneighbors_graph(X, k, include_self=True)`).
 * @example const A = knnAffinity(rows, 10);
 */
export function knnAffinity(rows: Rows, k: number, algorithm: SearchAlgorithm = 'auto'): Float64Array {
  const n = rows.n;
  const { ind } = kneighborsOf(rows, rows, k, { algorithm });
  return symmetricConnectivity(ind, n, k);
}

/** `½(A + Aᵀ)` of the connectivity matrix of `n x k` neighbour lists. */
export function symmetricConnectivity(ind: Int32Array, n: number, k: number): Float64Array {
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = ind[i * k + t];
      A[i * n + j] += 0.5;
      A[j * n + i] += 0.5;
    }
  }
  return A;
}

/**
 * The neighbour lists of a precomputed distance matrix (`n x n`): each row's
 * `k` smallest entries, ties to the lower index (the row itself included, at distance 0).
 * @example precomputedKnn(D, n, 10)
 */
export function precomputedKnn(D: Float64Array, n: number, k: number): Int32Array {
  const ind = new Int32Array(n * k);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) order[j] = j;
    const o = i * n;
    order.sort((a, b) => D[o + a] - D[o + b] || a - b);
    ind.set(order.subarray(0, k), i * k);
  }
  return ind;
}

/**
 * `exp(-γ‖xᵢ - xⱼ‖²)` for all pairs of rows, `n x n`.
 * @example rbfAffinity(rows, 1 / rows.d)
 */
export function rbfAffinity(rows: Rows, gamma: number): Float64Array {
  const { data, n, d } = rows;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = data[i * d + f] - data[j * d + f];
        s += t * t;
      }
      const v = Math.exp(-gamma * s);
      A[i * n + j] = v;
      A[j * n + i] = v;
    }
  }
  return A;
}
