/**
 * LU factorisation with partial pivoting, `A = P L U` (scipy's `lu`,
 * `lu_factor`, `lu_solve`; LAPACK `getrf`/`getrs`).
 */
import { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';
import { type MatrixInput, matrixTensor, type RhsInput, rhsTensor, toMatrix, toRhs, toSquareMatrix } from './input.js';
import { triangularSolveInPlace } from './triangular.js';

/**
 * Kernel: overwrites the `m x n` row-major `a` with its LU factors (the unit
 * lower `L` below the diagonal, `U` on and above it) and fills `piv`
 * (length `min(m, n)`) with LAPACK-style row interchanges: row `k` was swapped
 * with row `piv[k]`, in order `k = 0, 1, …`.
 * @returns 0, or `k + 1` for the first exactly zero pivot `U[k, k]`
 *   (the factorisation is still completed, as LAPACK does).
 * @example
 * const a = new Float64Array([1, 2, 3, 4]);
 * const piv = new Int32Array(2);
 * luFactorInPlace(a, 2, 2, piv); // 0; piv = [1, 1], a = [3, 4, 1/3, 2/3]
 */
export function luFactorInPlace(a: Float64Array, m: number, n: number, piv: Int32Array): number {
  const k = Math.min(m, n);
  let info = 0;
  for (let j = 0; j < k; j++) {
    let p = j;
    let best = Math.abs(a[j * n + j]);
    for (let i = j + 1; i < m; i++) {
      const v = Math.abs(a[i * n + j]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[j] = p;
    if (p !== j) {
      const rj = j * n;
      const rp = p * n;
      for (let c = 0; c < n; c++) {
        const t = a[rj + c];
        a[rj + c] = a[rp + c];
        a[rp + c] = t;
      }
    }
    const rj = j * n;
    const pivot = a[rj + j];
    if (pivot === 0) {
      if (info === 0) info = j + 1;
      continue;
    }
    // Right-looking update, one contiguous row at a time.
    for (let i = j + 1; i < m; i++) {
      const ri = i * n;
      const l = a[ri + j] / pivot;
      a[ri + j] = l;
      if (l === 0) continue;
      for (let c = j + 1; c < n; c++) a[ri + c] -= l * a[rj + c];
    }
  }
  return info;
}

/**
 * Kernel: solves `A X = B` (or `Aᵀ X = B` with `transpose`) in place from the
 * output of {@link luFactorInPlace} on a square `n x n` matrix. `B` is
 * `n x nrhs` row-major and is overwritten by `X`.
 * @returns 0, or `k + 1` when `U[k, k]` is zero (the system is singular).
 * @example
 * // with lu, piv from luFactorInPlace on [[1, 2], [3, 4]]:
 * // luSolveInPlace(lu, 2, piv, b = Float64Array.of(5, 11), 1, false) → b = [1, 2]
 */
export function luSolveInPlace(
  lu: Float64Array,
  n: number,
  piv: Int32Array,
  b: Float64Array,
  nrhs: number,
  transpose = false,
): number {
  if (!transpose) {
    swapRows(b, nrhs, piv, true);
    const info = triangularSolveInPlace(lu, n, b, nrhs, true, false, true);
    if (info > 0) return info;
    return triangularSolveInPlace(lu, n, b, nrhs, false, false, false);
  }
  // Aᵀ = Uᵀ Lᵀ Pᵀ: solve with Uᵀ, then Lᵀ, then undo the row order.
  const info = triangularSolveInPlace(lu, n, b, nrhs, false, true, false);
  if (info > 0) return info;
  triangularSolveInPlace(lu, n, b, nrhs, true, true, true);
  swapRows(b, nrhs, piv, false);
  return 0;
}

function swapRows(b: Float64Array, nrhs: number, piv: Int32Array, forward: boolean): void {
  const k = piv.length;
  for (let s = 0; s < k; s++) {
    const j = forward ? s : k - 1 - s;
    const p = piv[j];
    if (p === j) continue;
    const rj = j * nrhs;
    const rp = p * nrhs;
    for (let c = 0; c < nrhs; c++) {
      const t = b[rj + c];
      b[rj + c] = b[rp + c];
      b[rp + c] = t;
    }
  }
}

/**
 * The row permutation behind LAPACK-style interchanges: `perm[k]` is the
 * original row that ends up in row `k` of `L U`, i.e. `A[perm[k], :] = (L U)[k, :]`.
 * @example pivotsToPermutation(Int32Array.of(1, 1), 2) // Int32Array [1, 0]
 */
export function pivotsToPermutation(piv: Int32Array, m: number): Int32Array {
  const perm = new Int32Array(m);
  for (let i = 0; i < m; i++) perm[i] = i;
  for (let j = 0; j < piv.length; j++) {
    const p = piv[j];
    const t = perm[j];
    perm[j] = perm[p];
    perm[p] = t;
  }
  return perm;
}

/** Result of {@link lu}: `A = p @ l @ u`. */
export interface LUResult {
  /** `m x m` permutation matrix. */
  p: Tensor;
  /** `m x k` unit lower-triangular (trapezoidal) factor, `k = min(m, n)`. */
  l: Tensor;
  /** `k x n` upper-triangular (trapezoidal) factor. */
  u: Tensor;
}

/**
 * LU decomposition with partial pivoting of an `m x n` matrix: `A = P L U`,
 * as scipy's `lu`. Never throws for singular matrices (`U` then has a zero on
 * its diagonal). Results are float64.
 * @example
 * import { lu } from 'typelearn/linalg';
 * const { p, l, u } = lu([[1, 2], [3, 4]]);
 * p.toArray(); // [[0, 1], [1, 0]]
 * l.toArray(); // [[1, 0], [0.333…, 1]]
 * u.toArray(); // [[3, 4], [0, 0.666…]]
 */
export function lu(A: MatrixInput): LUResult {
  const a = toMatrix(A, 'lu');
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const piv = new Int32Array(k);
  luFactorInPlace(a.data, m, n, piv);
  const perm = pivotsToPermutation(piv, m);
  const p = new Float64Array(m * m);
  for (let r = 0; r < m; r++) p[perm[r] * m + r] = 1;
  const l = new Float64Array(m * k);
  const u = new Float64Array(k * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      if (j < i) l[i * k + j] = a.data[i * n + j];
      else if (j === i) l[i * k + j] = 1;
    }
  }
  for (let i = 0; i < k; i++) for (let j = i; j < n; j++) u[i * n + j] = a.data[i * n + j];
  return { p: matrixTensor(p, m, m), l: matrixTensor(l, m, k), u: matrixTensor(u, k, n) };
}

/** Result of {@link luFactor}: packed factors and pivots, the input of {@link luSolve}. */
export interface LUFactorization {
  /** `n x n`: unit-lower `L` strictly below the diagonal, `U` on and above it. */
  lu: Tensor;
  /** Row interchanges (0-based, LAPACK order): row `k` was swapped with row `piv[k]`. */
  piv: Tensor;
}

/**
 * Packed LU factorisation of a square matrix for repeated solves, as scipy's
 * `lu_factor`. Does not throw for singular matrices ({@link luSolve} does).
 * @example
 * import { luFactor, luSolve } from 'typelearn/linalg';
 * const f = luFactor([[1, 2], [3, 4]]);
 * luSolve(f, [5, 11]).toArray(); // [1, 2]
 */
export function luFactor(A: MatrixInput): LUFactorization {
  const a = toSquareMatrix(A, 'luFactor');
  const piv = new Int32Array(a.rows);
  luFactorInPlace(a.data, a.rows, a.cols, piv);
  return { lu: matrixTensor(a.data, a.rows, a.cols), piv: new Tensor(piv, [a.rows]) };
}

/** Options of {@link luSolve}. */
export interface LUSolveOptions {
  /** Solve `Aᵀ x = b` instead of `A x = b`. Default `false`. */
  transpose?: boolean;
}

/**
 * Solves `A x = b` from a {@link luFactor} result. `b` is a vector `[n]` or a
 * matrix `[n, k]`; the result has the same shape, in float64. Throws a
 * {@link LinAlgError} when `A` is singular.
 * @example
 * import { luFactor, luSolve } from 'typelearn/linalg';
 * luSolve(luFactor([[2, 0], [0, 4]]), [[2, 4], [4, 8]]).toArray(); // [[1, 2], [1, 2]]
 */
export function luSolve(factorization: LUFactorization, b: RhsInput, options: LUSolveOptions = {}): Tensor {
  const f = toSquareMatrix(factorization.lu, 'luSolve', 'lu');
  const n = f.rows;
  if (factorization.piv.ndim !== 1 || factorization.piv.size !== n) {
    throw new LinAlgError(`luSolve: piv must have ${n} entries, got shape [${factorization.piv.shape.join(', ')}]`);
  }
  const piv = Int32Array.from(factorization.piv.data);
  for (let i = 0; i < n; i++) {
    if (piv[i] < i || piv[i] >= n) throw new LinAlgError(`luSolve: piv[${i}] = ${piv[i]} is not a valid interchange`);
  }
  const rhs = toRhs(b, n, 'luSolve', 'b');
  const info = luSolveInPlace(f.data, n, piv, rhs.data, rhs.cols, options.transpose ?? false);
  if (info > 0) throw new LinAlgError(`luSolve: singular matrix, U[${info - 1}, ${info - 1}] is exactly zero`);
  return rhsTensor(rhs.data, rhs.rows, rhs.cols, rhs.vector);
}
