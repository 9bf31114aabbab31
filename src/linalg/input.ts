/**
 * Input handling shared by the `typelearn/linalg` functions: turns a 2-D
 * `Tensor` or `number[][]` (or a vector right-hand side) into a private
 * row-major `Float64Array` copy the kernels may overwrite, checking the shape
 * and that every value is finite, and wraps kernel results back into Tensors.
 */
import { ShapeError } from '../tensor/errors.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { LinAlgError } from './errors.js';

/** A matrix argument: a 2-D tensor of any dtype, or nested rows of numbers. */
export type MatrixInput = Tensor | readonly (readonly number[])[];

/** A vector argument: a 1-D tensor or an array of numbers. */
export type VectorInput = Tensor | readonly number[] | Float64Array;

/** A right-hand side: one vector (shape `[n]`) or several columns (shape `[n, k]`). */
export type RhsInput = Tensor | readonly number[] | readonly (readonly number[])[];

/** A row-major float64 matrix the caller owns. */
export interface DenseMatrix {
  data: Float64Array;
  rows: number;
  cols: number;
}

/** A right-hand side read as `rows x cols`, remembering whether it was a vector. */
export interface DenseRhs extends DenseMatrix {
  vector: boolean;
}

function assertFinite(data: ArrayLike<number>, cols: number, fn: string, name: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    // v - v is NaN exactly for NaN and +-Infinity, one compare per element.
    if (v - v !== 0) {
      const where = cols > 0 ? `[${Math.floor(i / cols)}, ${i % cols}]` : `[${i}]`;
      throw new LinAlgError(`${fn}: ${name} must contain only finite values, found ${v} at index ${where}`);
    }
  }
}

function fromNested(a: readonly (readonly unknown[])[], fn: string, name: string): DenseMatrix {
  const rows = a.length;
  const first = rows > 0 ? a[0] : [];
  if (!Array.isArray(first)) {
    throw new ShapeError(`${fn}: ${name} must be a 2-D matrix (an array of rows), got a 1-D array of length ${rows}`);
  }
  const cols = first.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = a[i];
    if (!Array.isArray(row) || row.length !== cols) {
      const got = Array.isArray(row) ? `length ${row.length}` : typeof row;
      throw new ShapeError(`${fn}: ${name} is ragged: row ${i} has ${got}, row 0 has length ${cols}`);
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new TypeError(`${fn}: ${name}[${i}][${j}] must be a number, got ${typeof v}`);
      }
      data[i * cols + j] = v;
    }
  }
  return { data, rows, cols };
}

/**
 * A private float64 copy of a 2-D matrix argument.
 * Throws a {@link ShapeError} unless the input is 2-D and a {@link LinAlgError}
 * naming the index of the first NaN/Infinity.
 * @param fn - name of the calling function, for messages.
 * @param name - name of the argument, for messages.
 * @example toMatrix([[1, 2], [3, 4]], 'solve').rows // 2
 */
export function toMatrix(a: MatrixInput, fn: string, name = 'A'): DenseMatrix {
  let m: DenseMatrix;
  if (a instanceof Tensor) {
    if (a.ndim !== 2) {
      throw new ShapeError(`${fn}: ${name} must be 2-D, got shape ${formatShape(a.shape)}`);
    }
    m = { data: Float64Array.from(a.data), rows: a.shape[0], cols: a.shape[1] };
  } else if (Array.isArray(a)) {
    m = fromNested(a, fn, name);
  } else {
    throw new TypeError(`${fn}: ${name} must be a Tensor or an array of rows`);
  }
  assertFinite(m.data, m.cols, fn, name);
  return m;
}

/** Like {@link toMatrix}, and throws a {@link ShapeError} unless the matrix is square. */
export function toSquareMatrix(a: MatrixInput, fn: string, name = 'A'): DenseMatrix {
  const m = toMatrix(a, fn, name);
  if (m.rows !== m.cols) {
    throw new ShapeError(`${fn}: ${name} must be square, got shape ${formatShape([m.rows, m.cols])}`);
  }
  return m;
}

/**
 * A private float64 copy of a right-hand side with `n` rows: a vector of
 * length `n` (read as `n x 1`) or an `n x k` matrix.
 * @example toRhs([1, 2], 2, 'solve').vector // true
 */
export function toRhs(b: RhsInput, n: number, fn: string, name = 'B'): DenseRhs {
  let out: DenseRhs;
  if (b instanceof Tensor) {
    if (b.ndim === 1) out = { data: Float64Array.from(b.data), rows: b.shape[0], cols: 1, vector: true };
    else if (b.ndim === 2) {
      out = { data: Float64Array.from(b.data), rows: b.shape[0], cols: b.shape[1], vector: false };
    } else {
      throw new ShapeError(`${fn}: ${name} must be 1-D or 2-D, got shape ${formatShape(b.shape)}`);
    }
  } else if (Array.isArray(b)) {
    if (b.length > 0 && Array.isArray(b[0])) {
      out = { ...fromNested(b as readonly (readonly number[])[], fn, name), vector: false };
    } else {
      const data = new Float64Array(b.length);
      for (let i = 0; i < b.length; i++) {
        const v = b[i];
        if (typeof v !== 'number') throw new TypeError(`${fn}: ${name}[${i}] must be a number, got ${typeof v}`);
        data[i] = v;
      }
      out = { data, rows: b.length, cols: 1, vector: true };
    }
  } else {
    throw new TypeError(`${fn}: ${name} must be a Tensor or an array`);
  }
  if (out.rows !== n) {
    const shape = out.vector ? [out.rows] : [out.rows, out.cols];
    throw new ShapeError(`${fn}: ${name} must have ${n} rows to match A, got shape ${formatShape(shape)}`);
  }
  assertFinite(out.data, out.vector ? 0 : out.cols, fn, name);
  return out;
}

/**
 * A private float64 copy of a vector argument (1-D tensor, number array or Float64Array).
 * @example toVector([3, 4], 'norm').length // 2
 */
export function toVector(x: VectorInput, fn: string, name = 'x'): Float64Array {
  if (x instanceof Tensor) {
    if (x.ndim !== 1) throw new ShapeError(`${fn}: ${name} must be 1-D, got shape ${formatShape(x.shape)}`);
    return Float64Array.from(x.data);
  }
  if (x instanceof Float64Array) return x.slice();
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== 'number') throw new TypeError(`${fn}: ${name}[${i}] must be a number, got ${typeof v}`);
    out[i] = v;
  }
  return out;
}

/** Wraps a row-major buffer as a `rows x cols` float64 tensor (no copy). */
export function matrixTensor(data: Float64Array, rows: number, cols: number): Tensor {
  return new Tensor(data, [rows, cols]);
}

/** Wraps a kernel result as a tensor shaped like the right-hand side it solved for. */
export function rhsTensor(data: Float64Array, rows: number, cols: number, vector: boolean): Tensor {
  return vector ? new Tensor(data, [rows]) : new Tensor(data, [rows, cols]);
}

/** Row-major transpose of a `rows x cols` buffer into a new `cols x rows` buffer. */
export function transposeBuffer(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const ri = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[ri + j];
  }
  return out;
}

/** The `n x n` identity as a row-major buffer. */
export function identityBuffer(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}
