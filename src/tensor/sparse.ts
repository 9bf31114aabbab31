/**
 * `SparseMatrix`: a 2-D matrix in compressed sparse row (CSR) form, scipy's
 * `csr_matrix`. Row `i` holds the entries `data[k]` at columns `indices[k]` for
 * `k` in `[indptr[i], indptr[i + 1])`.
 *
 * Decisions:
 * - Values are float64 only (what text features, one-hot encodings and graph
 *   weights need); indices are int32, so nnz and dimensions stay below 2^31.
 * - Like scipy, a valid matrix may have unsorted column indices or duplicate
 *   entries within a row (duplicates mean their sum) and explicit zeros.
 *   `fromTriplets` and `fromDense` produce canonical form (sorted, no duplicates);
 *   `sortIndices()` and `eliminateZeros()` restore it.
 * - Every method returns a matrix that owns fresh arrays (nothing is shared
 *   between two matrices), so mutating one never changes another. The one
 *   exception is `getRow`, which returns views for cheap iteration.
 */
import { ShapeError } from './errors.js';
import { Tensor } from './tensor.js';

/** The nonzeros of one row: column indices and values (views into the matrix). */
export interface SparseRow {
  indices: Int32Array;
  data: Float64Array;
}

function toFloat64(values: ArrayLike<number>): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

function toInt32(values: ArrayLike<number>, what: string): Int32Array {
  if (values instanceof Int32Array) return values;
  const out = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
      throw new RangeError(`${what}[${k}] = ${String(v)} is not an int32 integer`);
    }
    out[k] = v;
  }
  return out;
}

function checkShape(shape: readonly number[]): [number, number] {
  if (shape.length !== 2) throw new ShapeError(`A sparse matrix needs a 2-D shape, got [${shape.join(', ')}]`);
  const [r, c] = shape;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0 || d > 0x7fffffff) {
      throw new ShapeError(`Invalid sparse matrix shape [${r}, ${c}]: dimensions must be integers in [0, 2^31 - 1]`);
    }
  }
  return [r, c];
}

function resolveIndex(i: number, n: number, what: string): number {
  const j = i < 0 ? i + n : i;
  if (!Number.isInteger(j) || j < 0 || j >= n) throw new ShapeError(`${what} ${i} is out of bounds for size ${n}`);
  return j;
}

/**
 * A CSR sparse matrix of float64 values.
 *
 * The constructor wraps the arrays without copying when they already have the
 * right types (Float64Array data, Int32Array indices/indptr) and validates them:
 * a {@link ShapeError} for a bad shape, `indptr` of length other than rows + 1,
 * not starting at 0, decreasing (naming the row) or not ending at nnz, for
 * `data`/`indices` of different lengths, and for a column index out of range
 * (naming row and position).
 *
 * @example
 * // [[1, 0, 2],
 * //  [0, 0, 3]]
 * const A = new SparseMatrix([1, 2, 3], [0, 2, 2], [0, 2, 3], [2, 3]);
 * A.nnz;                         // 3
 * A.matvec(new Float64Array([1, 1, 1])); // Float64Array [3, 3]
 */
export class SparseMatrix {
  /** Nonzero values, row by row. */
  readonly data: Float64Array;
  /** Column index of each value. */
  readonly indices: Int32Array;
  /** Row `i`'s entries are at positions `indptr[i]` up to (not including) `indptr[i + 1]`. */
  readonly indptr: Int32Array;
  /** `[rows, cols]`. */
  readonly shape: readonly [number, number];
  /** Whether column indices are strictly increasing within every row (sorted, no duplicates). */
  readonly hasCanonicalFormat: boolean;

  constructor(
    data: ArrayLike<number>,
    indices: ArrayLike<number>,
    indptr: ArrayLike<number>,
    shape: readonly number[],
  ) {
    const [rows, cols] = checkShape(shape);
    const d = toFloat64(data);
    const ind = toInt32(indices, 'indices');
    const ptr = toInt32(indptr, 'indptr');
    if (ptr.length !== rows + 1) {
      throw new ShapeError(
        `indptr has length ${ptr.length}, expected rows + 1 = ${rows + 1} for shape [${rows}, ${cols}]`,
      );
    }
    if (d.length !== ind.length) {
      throw new ShapeError(`data has length ${d.length} but indices has length ${ind.length}`);
    }
    if (ptr[0] !== 0) throw new ShapeError(`indptr[0] must be 0, got ${ptr[0]}`);
    if (ptr[rows] !== d.length) {
      throw new ShapeError(`indptr[${rows}] = ${ptr[rows]} must equal the number of stored entries ${d.length}`);
    }
    let canonical = true;
    for (let i = 0; i < rows; i++) {
      const start = ptr[i];
      const end = ptr[i + 1];
      if (end < start)
        throw new ShapeError(`indptr decreases at row ${i}: indptr[${i}] = ${start} > indptr[${i + 1}] = ${end}`);
      let prev = -1;
      for (let k = start; k < end; k++) {
        const j = ind[k];
        if (j < 0 || j >= cols) {
          throw new ShapeError(`Column index ${j} at position ${k} (row ${i}) is out of range for ${cols} column(s)`);
        }
        if (j <= prev) canonical = false;
        prev = j;
      }
    }
    this.data = d;
    this.indices = ind;
    this.indptr = ptr;
    this.shape = Object.freeze([rows, cols] as [number, number]);
    this.hasCanonicalFormat = canonical;
  }

  /** Number of stored entries (explicit zeros and duplicates included). */
  get nnz(): number {
    return this.indptr[this.shape[0]];
  }

  /**
   * Builds a matrix from COO triplets `(rows[k], cols[k], values[k])`, like scipy's
   * `coo_matrix((values, (rows, cols)), shape).tocsr()`: duplicate positions are
   * summed, column indices come out sorted within each row, explicit zeros are kept.
   * O(nnz + rows + cols): a stable counting sort by column, then by row.
   * Throws a ShapeError for unequal lengths or an index out of range (naming the entry).
   * @example SparseMatrix.fromTriplets([0, 1, 0], [2, 0, 2], [1, 5, 1], [2, 3]).toDense() // [[0, 0, 2], [5, 0, 0]]
   */
  static fromTriplets(
    rows: ArrayLike<number>,
    cols: ArrayLike<number>,
    values: ArrayLike<number>,
    shape: readonly number[],
  ): SparseMatrix {
    const [nRows, nCols] = checkShape(shape);
    const n = values.length;
    if (rows.length !== n || cols.length !== n) {
      throw new ShapeError(`fromTriplets: rows, cols and values have lengths ${rows.length}, ${cols.length}, ${n}`);
    }
    for (let k = 0; k < n; k++) {
      const r = rows[k];
      const c = cols[k];
      if (!Number.isInteger(r) || r < 0 || r >= nRows) {
        throw new ShapeError(`fromTriplets: row index ${r} at entry ${k} is out of range for ${nRows} row(s)`);
      }
      if (!Number.isInteger(c) || c < 0 || c >= nCols) {
        throw new ShapeError(`fromTriplets: column index ${c} at entry ${k} is out of range for ${nCols} column(s)`);
      }
    }
    // Pass 1: order entries by column (stable counting sort).
    const colStart = new Int32Array(nCols + 1);
    for (let k = 0; k < n; k++) colStart[cols[k] + 1]++;
    for (let j = 0; j < nCols; j++) colStart[j + 1] += colStart[j];
    const byCol = new Int32Array(n);
    for (let k = 0; k < n; k++) byCol[colStart[cols[k]]++] = k;
    // Pass 2: stable by row, so each row's columns arrive sorted.
    const indptr = new Int32Array(nRows + 1);
    for (let k = 0; k < n; k++) indptr[rows[k] + 1]++;
    for (let i = 0; i < nRows; i++) indptr[i + 1] += indptr[i];
    const next = indptr.slice(0, nRows);
    const indices = new Int32Array(n);
    const data = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const k = byCol[t];
      const pos = next[rows[k]]++;
      indices[pos] = cols[k];
      data[pos] = values[k];
    }
    return compactDuplicates(data, indices, indptr, nRows, nCols);
  }

  /**
   * Builds a matrix from a 2-D tensor (any dtype) or nested array, dropping exact
   * zeros (NaN is kept: it is not zero). `[]` is a 0 × 0 matrix.
   * @example SparseMatrix.fromDense([[1, 0], [0, 2]]).nnz // 2
   */
  static fromDense(dense: Tensor | readonly (readonly number[])[]): SparseMatrix {
    let rows: number;
    let cols: number;
    let at: (i: number, j: number) => number;
    if (dense instanceof Tensor) {
      if (dense.ndim !== 2) throw new ShapeError(`fromDense needs a 2-D tensor, got shape [${dense.shape.join(', ')}]`);
      [rows, cols] = dense.shape;
      const src = dense.data;
      const c = cols;
      at = (i, j) => src[i * c + j];
    } else {
      rows = dense.length;
      cols = rows === 0 ? 0 : dense[0].length;
      for (let i = 0; i < rows; i++) {
        if (!Array.isArray(dense[i]) || dense[i].length !== cols) {
          throw new ShapeError(`fromDense: row ${i} has length ${dense[i]?.length}, expected ${cols}`);
        }
      }
      at = (i, j) => dense[i][j];
    }
    let nnz = 0;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (at(i, j) !== 0) nnz++;
    const data = new Float64Array(nnz);
    const indices = new Int32Array(nnz);
    const indptr = new Int32Array(rows + 1);
    let k = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = at(i, j);
        if (v !== 0) {
          data[k] = v;
          indices[k++] = j;
        }
      }
      indptr[i + 1] = k;
    }
    return new SparseMatrix(data, indices, indptr, [rows, cols]);
  }

  /**
   * The dense float64 tensor of shape `[rows, cols]` (duplicate entries summed).
   * @example SparseMatrix.fromTriplets([0], [1], [3], [1, 2]).toDense().toArray() // [[0, 3]]
   */
  toDense(): Tensor {
    const [rows, cols] = this.shape;
    const out = new Float64Array(rows * cols);
    const { data, indices, indptr } = this;
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      for (let k = indptr[i]; k < indptr[i + 1]; k++) out[base + indices[k]] += data[k];
    }
    return new Tensor(out, [rows, cols]);
  }

  /**
   * The product `A x` with a vector of length `cols` (a 1-D tensor or array).
   * Throws a ShapeError for a length mismatch.
   * @example A.matvec(new Float64Array([1, 2, 3]))
   */
  matvec(x: Float64Array | Tensor | ArrayLike<number>): Float64Array {
    const [rows, cols] = this.shape;
    let v: ArrayLike<number>;
    if (x instanceof Tensor) {
      if (x.ndim !== 1 || x.shape[0] !== cols) {
        throw new ShapeError(
          `matvec: expected a vector of length ${cols}, got a tensor of shape [${x.shape.join(', ')}]`,
        );
      }
      v = x.data;
    } else {
      if (x.length !== cols)
        throw new ShapeError(`matvec: expected a vector of length ${cols}, got length ${x.length}`);
      v = x;
    }
    const xs = toFloat64(v);
    const out = new Float64Array(rows);
    const { data, indices, indptr } = this;
    for (let i = 0; i < rows; i++) {
      let acc = 0;
      for (let k = indptr[i]; k < indptr[i + 1]; k++) acc += data[k] * xs[indices[k]];
      out[i] = acc;
    }
    return out;
  }

  /**
   * Sparse × dense product `A B` for a dense `B` of shape `[cols, m]`, giving a
   * float64 tensor `[rows, m]`; a 1-D `B` of length `cols` gives a 1-D result like
   * numpy. Each stored `A[i, j]` adds `A[i, j] * B[j, :]` to output row `i`, so both
   * `B` and the output are walked row-major.
   * @example A.matmul(Tensor.from([[1, 0], [0, 1], [1, 1]]))
   */
  matmul(dense: Tensor): Tensor {
    const [rows, cols] = this.shape;
    if (dense.ndim === 1) return new Tensor(this.matvec(dense), [rows]);
    if (dense.ndim !== 2 || dense.shape[0] !== cols) {
      throw new ShapeError(
        `matmul: sparse [${rows}, ${cols}] cannot multiply a tensor of shape [${dense.shape.join(', ')}]`,
      );
    }
    const m = dense.shape[1];
    const b = toFloat64(dense.data);
    const out = new Float64Array(rows * m);
    const { data, indices, indptr } = this;
    for (let i = 0; i < rows; i++) {
      const o = i * m;
      for (let k = indptr[i]; k < indptr[i + 1]; k++) {
        const a = data[k];
        const r = indices[k] * m;
        for (let c = 0; c < m; c++) out[o + c] += a * b[r + c];
      }
    }
    return new Tensor(out, [rows, m]);
  }

  /**
   * The transpose, in CSR form (equivalently: this matrix converted to CSC).
   * O(nnz + rows + cols); the result's column indices are sorted within each row.
   * @example A.transpose().shape // [cols, rows]
   */
  transpose(): SparseMatrix {
    const [rows, cols] = this.shape;
    const { data, indices, indptr } = this;
    const nnz = this.nnz;
    const tptr = new Int32Array(cols + 1);
    for (let k = 0; k < nnz; k++) tptr[indices[k] + 1]++;
    for (let j = 0; j < cols; j++) tptr[j + 1] += tptr[j];
    const next = tptr.slice(0, cols);
    const tind = new Int32Array(nnz);
    const tdata = new Float64Array(nnz);
    for (let i = 0; i < rows; i++) {
      for (let k = indptr[i]; k < indptr[i + 1]; k++) {
        const pos = next[indices[k]]++;
        tind[pos] = i;
        tdata[pos] = data[k];
      }
    }
    return new SparseMatrix(tdata, tind, tptr, [cols, rows]);
  }

  /** The transpose (numpy's `.T`). */
  get T(): SparseMatrix {
    return this.transpose();
  }

  /**
   * A matrix made of the given rows, in the given order (repeats allowed,
   * negative indices count from the end). Out-of-range indices are a ShapeError.
   * @example A.selectRows([1, 1, 0]).shape // [3, cols]
   */
  selectRows(rowIndices: ArrayLike<number>): SparseMatrix {
    const [rows, cols] = this.shape;
    const m = rowIndices.length;
    const resolved = new Int32Array(m);
    const indptr = new Int32Array(m + 1);
    for (let t = 0; t < m; t++) {
      const i = resolveIndex(rowIndices[t], rows, 'Row index');
      resolved[t] = i;
      indptr[t + 1] = indptr[t] + (this.indptr[i + 1] - this.indptr[i]);
    }
    const nnz = indptr[m];
    const data = new Float64Array(nnz);
    const indices = new Int32Array(nnz);
    for (let t = 0; t < m; t++) {
      const start = this.indptr[resolved[t]];
      const end = this.indptr[resolved[t] + 1];
      data.set(this.data.subarray(start, end), indptr[t]);
      indices.set(this.indices.subarray(start, end), indptr[t]);
    }
    return new SparseMatrix(data, indices, indptr, [m, cols]);
  }

  /**
   * Row `i`'s stored column indices and values, as views (no copy: copy them
   * before modifying). Negative `i` counts from the end.
   * @example const { indices, data } = A.getRow(0);
   */
  getRow(i: number): SparseRow {
    const r = resolveIndex(i, this.shape[0], 'Row index');
    const start = this.indptr[r];
    const end = this.indptr[r + 1];
    return { indices: this.indices.subarray(start, end), data: this.data.subarray(start, end) };
  }

  /**
   * The value at `(i, j)` (0 when not stored; duplicates summed). Binary search
   * in canonical rows, a scan otherwise. Negative indices count from the end.
   * @example A.get(0, 2) // 2
   */
  get(i: number, j: number): number {
    const r = resolveIndex(i, this.shape[0], 'Row index');
    const c = resolveIndex(j, this.shape[1], 'Column index');
    const { data, indices } = this;
    let lo = this.indptr[r];
    let hi = this.indptr[r + 1];
    if (this.hasCanonicalFormat) {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = indices[mid];
        if (v === c) return data[mid];
        if (v < c) lo = mid + 1;
        else hi = mid;
      }
      return 0;
    }
    let acc = 0;
    for (; lo < hi; lo++) if (indices[lo] === c) acc += data[lo];
    return acc;
  }

  /**
   * Sums along an axis: `0` gives the column sums (length `cols`), `1` the row
   * sums (length `rows`). Other axes are a ShapeError.
   * @example A.sumAxis(1) // row sums
   */
  sumAxis(axis: 0 | 1): Float64Array {
    const [rows, cols] = this.shape;
    const { data, indices, indptr } = this;
    if (axis === 0) {
      const out = new Float64Array(cols);
      for (let k = 0; k < this.nnz; k++) out[indices[k]] += data[k];
      return out;
    }
    if (axis === 1) {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let acc = 0;
        for (let k = indptr[i]; k < indptr[i + 1]; k++) acc += data[k];
        out[i] = acc;
      }
      return out;
    }
    throw new ShapeError(`sumAxis: axis must be 0 or 1 for a sparse matrix, got ${String(axis)}`);
  }

  /**
   * A copy with row `i` multiplied by `v[i]` (`diag(v) A`), e.g. to L2-normalise
   * TF-IDF rows. `v` must have length `rows`.
   * @example A.scaleRows(new Float64Array([1, 0.5]))
   */
  scaleRows(v: ArrayLike<number>): SparseMatrix {
    const rows = this.shape[0];
    if (v.length !== rows) throw new ShapeError(`scaleRows: expected ${rows} factor(s), got ${v.length}`);
    const out = this.data.slice();
    const indptr = this.indptr;
    for (let i = 0; i < rows; i++) {
      const f = v[i];
      for (let k = indptr[i]; k < indptr[i + 1]; k++) out[k] *= f;
    }
    return this.withData(out);
  }

  /**
   * A copy with column `j` multiplied by `v[j]` (`A diag(v)`), e.g. to apply IDF
   * weights. `v` must have length `cols`.
   * @example A.scaleColumns(idf)
   */
  scaleColumns(v: ArrayLike<number>): SparseMatrix {
    const cols = this.shape[1];
    if (v.length !== cols) throw new ShapeError(`scaleColumns: expected ${cols} factor(s), got ${v.length}`);
    const factors = toFloat64(v);
    const out = this.data.slice();
    const indices = this.indices;
    for (let k = 0; k < out.length; k++) out[k] *= factors[indices[k]];
    return this.withData(out);
  }

  private withData(data: Float64Array): SparseMatrix {
    return new SparseMatrix(data, this.indices.slice(), this.indptr.slice(), this.shape);
  }

  /** A deep copy. */
  copy(): SparseMatrix {
    return this.withData(this.data.slice());
  }

  /**
   * A copy in canonical form: column indices sorted within each row and
   * duplicates summed (scipy's `sort_indices` + `sum_duplicates`). Explicit zeros stay.
   * @example SparseMatrix.fromDense([[1, 2]]).sortIndices().hasCanonicalFormat // true
   */
  sortIndices(): SparseMatrix {
    if (this.hasCanonicalFormat) return this.copy();
    const [rows, cols] = this.shape;
    const indices = this.indices.slice();
    const data = this.data.slice();
    const indptr = this.indptr.slice();
    for (let i = 0; i < rows; i++) {
      // Insertion sort: rows are short and usually nearly sorted.
      for (let k = indptr[i] + 1; k < indptr[i + 1]; k++) {
        const j = indices[k];
        const v = data[k];
        let t = k - 1;
        while (t >= indptr[i] && indices[t] > j) {
          indices[t + 1] = indices[t];
          data[t + 1] = data[t];
          t--;
        }
        indices[t + 1] = j;
        data[t + 1] = v;
      }
    }
    return compactDuplicates(data, indices, indptr, rows, cols);
  }

  /**
   * A copy without stored entries equal to 0 (NaN is kept).
   * @example SparseMatrix.fromTriplets([0, 0], [0, 0], [1, -1], [1, 1]).eliminateZeros().nnz // 0
   */
  eliminateZeros(): SparseMatrix {
    const rows = this.shape[0];
    const { data, indices, indptr } = this;
    let nnz = 0;
    for (let k = 0; k < data.length; k++) if (data[k] !== 0) nnz++;
    const outData = new Float64Array(nnz);
    const outInd = new Int32Array(nnz);
    const outPtr = new Int32Array(rows + 1);
    let p = 0;
    for (let i = 0; i < rows; i++) {
      for (let k = indptr[i]; k < indptr[i + 1]; k++) {
        if (data[k] !== 0) {
          outData[p] = data[k];
          outInd[p++] = indices[k];
        }
      }
      outPtr[i + 1] = p;
    }
    return new SparseMatrix(outData, outInd, outPtr, this.shape);
  }

  /** Short description, e.g. `SparseMatrix([2, 3], nnz=3)`. */
  toString(): string {
    return `SparseMatrix([${this.shape[0]}, ${this.shape[1]}], nnz=${this.nnz})`;
  }
}

/** Merges runs of equal column indices (rows already sorted) into their sum, in fresh arrays. */
function compactDuplicates(
  data: Float64Array,
  indices: Int32Array,
  indptr: Int32Array,
  rows: number,
  cols: number,
): SparseMatrix {
  const outPtr = new Int32Array(rows + 1);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const end = indptr[i + 1];
    let k = indptr[i];
    while (k < end) {
      const j = indices[k];
      let acc = data[k++];
      while (k < end && indices[k] === j) acc += data[k++];
      indices[p] = j;
      data[p++] = acc;
    }
    outPtr[i + 1] = p;
  }
  return new SparseMatrix(data.slice(0, p), indices.slice(0, p), outPtr, [rows, cols]);
}
