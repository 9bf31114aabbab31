/**
 * Matrix-free linear operators for the iterative ridge solvers (LSQR, CG):
 * `A v` and `Aᵀ u` without forming `A`. The centred operator applies
 * `diag(√w)(X - 1 x̄ᵀ)` to a CSR (or dense) `X` without densifying or
 * centring it, as sklearn's `_get_rescaled_operator` does.
 */
import { SparseMatrix } from '../tensor/sparse.js';

/** An `m × n` operator: `matvec` writes `A v` (length m), `rmatvec` writes `Aᵀ u` (length n). */
export interface LinearOperator {
  readonly m: number;
  readonly n: number;
  matvec(v: Float64Array, out: Float64Array): void;
  rmatvec(u: Float64Array, out: Float64Array): void;
}

/**
 * The operator `diag(s)(X - 1 offsetᵀ)` for CSR or dense row-major `X`;
 * `offset` and `rowScale` (`s`, typically √sampleWeight) are optional.
 * @example
 * const op = centeredOperator(SparseMatrix.fromDense([[1, 2], [3, 4]]), 2, 2);
 * const out = new Float64Array(2); op.matvec(Float64Array.of(1, 1), out); // out = [3, 7]
 */
export function centeredOperator(
  X: SparseMatrix | Float64Array,
  m: number,
  n: number,
  offset?: Float64Array,
  rowScale?: Float64Array,
): LinearOperator {
  const sparse = X instanceof SparseMatrix ? X : undefined;
  const dense = X instanceof SparseMatrix ? undefined : X;
  const scaled = new Float64Array(m);
  return {
    m,
    n,
    matvec(v, out) {
      let shift = 0;
      if (offset) for (let j = 0; j < n; j++) shift += offset[j] * v[j];
      for (let i = 0; i < m; i++) {
        let s = 0;
        if (sparse) {
          for (let p = sparse.indptr[i]; p < sparse.indptr[i + 1]; p++) s += sparse.data[p] * v[sparse.indices[p]];
        } else if (dense) {
          const r = i * n;
          for (let j = 0; j < n; j++) s += dense[r + j] * v[j];
        }
        out[i] = (s - shift) * (rowScale ? rowScale[i] : 1);
      }
    },
    rmatvec(u, out) {
      out.fill(0);
      let total = 0;
      for (let i = 0; i < m; i++) {
        const ui = u[i] * (rowScale ? rowScale[i] : 1);
        scaled[i] = ui;
        total += ui;
        if (ui === 0) continue;
        if (sparse) {
          for (let p = sparse.indptr[i]; p < sparse.indptr[i + 1]; p++) out[sparse.indices[p]] += sparse.data[p] * ui;
        } else if (dense) {
          const r = i * n;
          for (let j = 0; j < n; j++) out[j] += dense[r + j] * ui;
        }
      }
      if (offset) for (let j = 0; j < n; j++) out[j] -= offset[j] * total;
    },
  };
}
