/**
 * `spectralEmbedding`: scikit-learn's `sklearn.manifold.spectral_embedding`
 * on a dense affinity matrix: the eigenvectors of the graph Laplacian with
 * the smallest eigenvalues (Laplacian eigenmaps), for `SpectralEmbedding`
 * and `SpectralClustering`.
 *
 * As sklearn: scipy's Laplacian (self loops ignored; `normed`:
 * `I - D^-½ A D^-½` with isolated nodes given degree 1, then the diagonal
 * set to 1), eigenvectors divided by `√degree` when normalised, each flipped
 * so its largest-magnitude entry is positive, the first (constant) one
 * dropped when `dropFirst`. The eigenproblem is solved densely (sklearn's
 * ARPACK shift-invert finds the same vectors).
 */
import { ValidationError } from '../base/errors.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { eighInPlace } from '../linalg/eigh.js';
import { connectedComponents } from './graph.js';

/** Options of {@link spectralEmbedding}. */
export interface SpectralEmbeddingOptions {
  /** Number of eigenvectors to return. Default 8. */
  nComponents?: number;
  /** Normalised Laplacian. Default true. */
  normLaplacian?: boolean;
  /** Drop the first (trivial) eigenvector. Default true. */
  dropFirst?: boolean;
}

/** Whether the graph of the non-zero entries of the `n x n` matrix `A` is connected. */
export function isConnected(A: Float64Array, n: number): boolean {
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (A[i * n + j] !== 0 || A[j * n + i] !== 0) indices.push(j);
    indptr[i + 1] = indices.length;
  }
  return (
    connectedComponents({ n, indptr, indices: Int32Array.from(indices), data: new Float64Array(indices.length) })
      .count === 1
  );
}

/**
 * Sets the signs of the rows of `u` (`rows x n`) so each row's
 * largest-magnitude entry is positive (sklearn's `_deterministic_vector_sign_flip`).
 */
export function signFlipRows(u: Float64Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let i = 1; i < n; i++) if (Math.abs(u[r * n + i]) > Math.abs(u[r * n + best])) best = i;
    if (u[r * n + best] < 0) for (let i = 0; i < n; i++) u[r * n + i] = -u[r * n + i];
  }
}

/**
 * The spectral embedding of the symmetric `n x n` affinity matrix `A`
 * (row-major, not modified): `n x nComponents`, row-major. Warns when the
 * graph is not connected.
 * @example const maps = spectralEmbedding(A, n, { nComponents: 3, dropFirst: false });
 */
export function spectralEmbedding(A: Float64Array, n: number, options: SpectralEmbeddingOptions = {}): Float64Array {
  const dropFirst = options.dropFirst ?? true;
  const norm = options.normLaplacian ?? true;
  const k = (options.nComponents ?? 8) + (dropFirst ? 1 : 0);
  if (k > n) {
    throw new ValidationError(`nComponents=${options.nComponents ?? 8} is too large for ${n} samples`, {
      param: 'nComponents',
    });
  }
  for (let t = 0; t < A.length; t++) {
    if (!(A[t] >= 0) || A[t] === Number.POSITIVE_INFINITY) {
      throw new ValidationError(
        `The affinity matrix must be finite and non-negative; affinity[${Math.floor(t / n)}, ${t % n}] = ${A[t]}`,
      );
    }
  }
  if (!isConnected(A, n)) {
    warn(new TypelearnWarning('Graph is not fully connected, spectral embedding may not work as expected.'));
  }
  const L = new Float64Array(n * n);
  const deg = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (j !== i) deg[j] += A[i * n + j];
  const dd = new Float64Array(n);
  for (let i = 0; i < n; i++) dd[i] = norm ? (deg[i] === 0 ? 1 : Math.sqrt(deg[i])) : deg[i];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      L[i * n + j] = norm ? -A[i * n + j] / (dd[i] * dd[j]) : -A[i * n + j];
    }
    L[i * n + i] = norm ? 1 : deg[i];
  }
  const { v } = eighInPlace(L, n, true);
  const V = v as Float64Array;
  // Eigenvectors as rows (sklearn's orientation), smallest eigenvalue first.
  const u = new Float64Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < n; i++) u[r * n + i] = norm ? V[i * n + r] / dd[i] : V[i * n + r];
  }
  signFlipRows(u, k, n);
  const first = dropFirst ? 1 : 0;
  const m = k - first;
  const out = new Float64Array(n * m);
  for (let c = 0; c < m; c++) for (let i = 0; i < n; i++) out[i * m + c] = u[(c + first) * n + i];
  return out;
}
