/**
 * Kernel centring and the leading eigenpairs of a centred kernel, as
 * scikit-learn's `KernelCenterer` and `KernelPCA(kernel='precomputed')` do
 * them for Isomap: eigenvalues sorted descending and clipped at 0 (as
 * `_check_psd_eigenvalues`), eigenvector signs fixed by `svd_flip` (the
 * largest-magnitude entry of each eigenvector positive).
 */
import { eighInPlace } from '../linalg/eigh.js';

/** What centring a training kernel keeps to centre new rows the same way. */
export interface KernelCentering {
  /** Column means of the training kernel (sklearn's `K_fit_rows_`). */
  fitRows: Float64Array;
  /** Mean of `fitRows` (sklearn's `K_fit_all_`). */
  fitAll: number;
}

/**
 * Double-centres the `n x n` kernel `K` in place (`K - 1K - K1 + 1K1`) and
 * returns what {@link centerNewRows} needs.
 * @example const c = centerKernelInPlace(K, n);
 */
export function centerKernelInPlace(K: Float64Array, n: number): KernelCentering {
  const fitRows = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) fitRows[j] += K[i * n + j];
  let fitAll = 0;
  for (let j = 0; j < n; j++) {
    fitRows[j] /= n;
    fitAll += fitRows[j];
  }
  fitAll /= n;
  for (let i = 0; i < n; i++) {
    let rowMean = 0;
    for (let j = 0; j < n; j++) rowMean += K[i * n + j];
    rowMean /= n;
    for (let j = 0; j < n; j++) K[i * n + j] += fitAll - fitRows[j] - rowMean;
  }
  return { fitRows, fitAll };
}

/**
 * Centres `m` new kernel rows (`m x n`, against the training samples) in
 * place, like `KernelCenterer.transform`.
 * @example centerNewRows(Kx, m, centering);
 */
export function centerNewRows(K: Float64Array, m: number, c: KernelCentering): void {
  const n = c.fitRows.length;
  for (let i = 0; i < m; i++) {
    let rowMean = 0;
    for (let j = 0; j < n; j++) rowMean += K[i * n + j];
    rowMean /= n;
    for (let j = 0; j < n; j++) K[i * n + j] += c.fitAll - c.fitRows[j] - rowMean;
  }
}

/**
 * The `k` largest eigenpairs of the symmetric `n x n` matrix `A` (destroyed):
 * eigenvalues descending and clipped (negatives and values below 1e-12 of the
 * largest become 0), eigenvectors `n x k` row-major with sklearn's `svd_flip` signs.
 * @example const { values, vectors } = topEigenpairs(K, n, 2);
 */
export function topEigenpairs(A: Float64Array, n: number, k: number): { values: Float64Array; vectors: Float64Array } {
  const { w, v } = eighInPlace(A, n, true);
  const V = v as Float64Array;
  const values = new Float64Array(k);
  const vectors = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    const src = n - 1 - c;
    values[c] = w[src];
    let best = 0;
    for (let i = 0; i < n; i++) if (Math.abs(V[i * n + src]) > Math.abs(V[best * n + src])) best = i;
    const sign = V[best * n + src] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * k + c] = sign * V[i * n + src];
  }
  let largest = 0;
  for (let i = 0; i < n; i++) if (w[i] > largest) largest = w[i];
  for (let c = 0; c < k; c++) if (values[c] < 0 || values[c] < 1e-12 * largest) values[c] = 0;
  return { values, vectors };
}
