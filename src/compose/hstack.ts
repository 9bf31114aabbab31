/**
 * Horizontal concatenation of transformer outputs (dense 2-D Tensors and CSR
 * SparseMatrices, mixed), as ColumnTransformer and FeatureUnion return them.
 */
import { ValidationError } from '../base/errors.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';

/** One transformer's output. */
export type Block = Tensor | SparseMatrix;

/**
 * The fraction of nonzero cells over all blocks (sklearn's density test for
 * ColumnTransformer's `sparseThreshold`); dense blocks count every cell.
 * @example density([Tensor.from([[1, 0]]), sparse]) // (2 + sparse.nnz) / total cells
 */
export function density(blocks: readonly Block[]): number {
  let nnz = 0;
  let total = 0;
  for (const b of blocks) {
    const cells = b.shape[0] * b.shape[1];
    total += cells;
    nnz += b instanceof SparseMatrix ? b.nnz : cells;
  }
  return total === 0 ? 1 : nnz / total;
}

/**
 * Checks that a transformer output is 2-D with `nRows` rows, naming the
 * transformer otherwise; 1-D outputs are an error as in sklearn.
 */
export function checkBlock(out: unknown, nRows: number, owner: string, name: string): Block {
  if (!(out instanceof Tensor) && !(out instanceof SparseMatrix)) {
    throw new ValidationError(
      `${owner}: the output of transformer '${name}' must be a 2-D Tensor or SparseMatrix, got ${String(out)}`,
      { got: out },
    );
  }
  if (out.shape.length !== 2) {
    throw new ValidationError(
      `${owner}: the output of transformer '${name}' should be 2D (a Tensor of shape [nSamples, nFeatures]), got shape [${out.shape}]`,
      { got: [...out.shape] },
    );
  }
  if (out.shape[0] !== nRows) {
    throw new ValidationError(`${owner}: transformer '${name}' returned ${out.shape[0]} rows for ${nRows} input rows`, {
      expected: nRows,
      got: out.shape[0],
    });
  }
  return out;
}

function denseHstack(blocks: readonly Block[], nRows: number): Tensor {
  const widths = blocks.map((b) => b.shape[1]);
  const nCols = widths.reduce((a, b) => a + b, 0);
  const out = new Float64Array(nRows * nCols);
  let offset = 0;
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const w = widths[k];
    if (b instanceof SparseMatrix) {
      const { indptr, indices, data } = b;
      for (let i = 0; i < nRows; i++) {
        const row = i * nCols + offset;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) out[row + indices[p]] += data[p];
      }
    } else {
      const src = b.data;
      for (let i = 0; i < nRows; i++) {
        const row = i * nCols + offset;
        const from = i * w;
        for (let j = 0; j < w; j++) out[row + j] = src[from + j];
      }
    }
    offset += w;
  }
  return new Tensor(out, [nRows, nCols]);
}

function sparseHstack(blocks: readonly Block[], nRows: number): SparseMatrix {
  const parts = blocks.map((b) => (b instanceof SparseMatrix ? b : SparseMatrix.fromDense(b.astype('float64'))));
  const nCols = parts.reduce((a, b) => a + b.shape[1], 0);
  const nnz = parts.reduce((a, b) => a + b.nnz, 0);
  const data = new Float64Array(nnz);
  const indices = new Int32Array(nnz);
  const indptr = new Int32Array(nRows + 1);
  let k = 0;
  for (let i = 0; i < nRows; i++) {
    let offset = 0;
    for (const part of parts) {
      for (let p = part.indptr[i]; p < part.indptr[i + 1]; p++) {
        data[k] = part.data[p];
        indices[k] = part.indices[p] + offset;
        k++;
      }
      offset += part.shape[1];
    }
    indptr[i + 1] = k;
  }
  return new SparseMatrix(data, indices, indptr, [nRows, nCols]);
}

/**
 * Concatenates `blocks` column-wise: a float64 `Tensor` when `sparse` is
 * false, else a CSR `SparseMatrix`.
 * @example hstack([Tensor.from([[1], [2]]), Tensor.from([[3], [4]])], 2, false).toArray() // [[1, 3], [2, 4]]
 */
export function hstack(blocks: readonly Block[], nRows: number, sparse: boolean): Tensor | SparseMatrix {
  return sparse ? sparseHstack(blocks, nRows) : denseHstack(blocks, nRows);
}
