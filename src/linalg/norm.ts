/**
 * Vector and matrix norms (numpy's `linalg.norm`).
 */
import { ShapeError } from '../tensor/errors.js';
import { formatShape } from '../tensor/shape.js';
import { Tensor } from '../tensor/tensor.js';
import { toMatrix } from './input.js';
import { svdInPlace } from './svd.js';

/** Order of a norm: a number `p` (vectors: any; matrices: 1, -1, 2, -2, ±Infinity), `'fro'` or `'nuc'`. */
export type NormOrder = number | 'fro' | 'nuc';

/**
 * Kernel: Euclidean norm of `x`, scaled so huge or tiny entries neither
 * overflow nor underflow (NaN if any entry is NaN, Infinity if one is infinite).
 * @example norm2(Float64Array.of(3, 4)) // 5
 */
export function norm2(x: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let ssq = 0;
  for (let i = 0; i < x.length; i++) {
    const t = x[i] / scale;
    ssq += t * t;
  }
  return scale * Math.sqrt(ssq);
}

function vectorNorm(x: ArrayLike<number>, ord: NormOrder | undefined): number {
  if (ord === undefined || ord === 2) return norm2(x);
  if (typeof ord !== 'number' || Number.isNaN(ord)) {
    throw new RangeError(`norm: invalid norm order '${String(ord)}' for a vector`);
  }
  if (ord === Number.POSITIVE_INFINITY || ord === Number.NEGATIVE_INFINITY) {
    if (x.length === 0) throw new ShapeError(`norm: the ${ord} norm of an empty vector is undefined`);
    let r = Math.abs(x[0]);
    for (let i = 1; i < x.length; i++) {
      const v = Math.abs(x[i]);
      r = ord > 0 ? Math.max(r, v) : Math.min(r, v);
    }
    return r;
  }
  let s = 0;
  if (ord === 0) {
    for (let i = 0; i < x.length; i++) if (x[i] !== 0) s++;
    return s;
  }
  if (ord === 1) {
    for (let i = 0; i < x.length; i++) s += Math.abs(x[i]);
    return s;
  }
  for (let i = 0; i < x.length; i++) s += Math.abs(x[i]) ** ord;
  return s ** (1 / ord);
}

function matrixNorm(data: Float64Array, m: number, n: number, ord: NormOrder | undefined): number {
  if (ord === undefined || ord === 'fro') return norm2(data);
  if (ord === 1 || ord === -1) {
    const sums = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[j] += Math.abs(data[i * n + j]);
    return extreme(sums, ord > 0, 'columns');
  }
  if (ord === Number.POSITIVE_INFINITY || ord === Number.NEGATIVE_INFINITY) {
    const sums = new Float64Array(m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[i] += Math.abs(data[i * n + j]);
    return extreme(sums, ord > 0, 'rows');
  }
  if (ord === 2 || ord === -2 || ord === 'nuc') {
    const { s } = svdInPlace(data, m, n, false, false);
    if (ord === 'nuc') {
      let t = 0;
      for (let i = 0; i < s.length; i++) t += s[i];
      return t;
    }
    if (s.length === 0) throw new ShapeError(`norm: the ${ord} norm of an empty matrix is undefined`);
    return ord === 2 ? s[0] : s[s.length - 1];
  }
  throw new RangeError(
    `norm: invalid norm order '${String(ord)}' for a matrix (use 'fro', 'nuc', ±1, ±2 or ±Infinity)`,
  );
}

function extreme(values: Float64Array, max: boolean, what: string): number {
  if (values.length === 0) throw new ShapeError(`norm: a matrix without ${what} has no such norm`);
  let r = values[0];
  for (let i = 1; i < values.length; i++) r = max ? Math.max(r, values[i]) : Math.min(r, values[i]);
  return r;
}

/**
 * Norm of a vector (1-D) or matrix (2-D), as numpy's `linalg.norm`.
 *
 * Vectors: `ord` default 2 (Euclidean); `1`; `Infinity` (max |x|); `-Infinity`
 * (min |x|); `0` (number of non-zeros); any other `p`: `(Σ|x|^p)^(1/p)`.
 * Matrices: `ord` default `'fro'` (Frobenius); `'nuc'` (sum of singular
 * values); `2`/`-2` (largest/smallest singular value); `1`/`-1` (max/min
 * column abs sum); `Infinity`/`-Infinity` (max/min row abs sum).
 * Without `ord`, inputs of any other dimensionality give the 2-norm of all
 * elements. Elementwise norms propagate NaN/Infinity; the singular-value
 * norms reject them with a `LinAlgError`.
 * @example
 * import { norm } from 'typelearn/linalg';
 * norm([3, 4]); // 5
 * norm([3, -4], Infinity); // 4
 * norm([[1, 2], [3, 4]], 1); // 6
 * norm([[3, 0], [0, 4]], 2); // 4
 */
export function norm(
  x: Tensor | readonly number[] | readonly (readonly number[])[] | Float64Array,
  ord?: NormOrder,
): number {
  if (x instanceof Tensor) {
    if (x.ndim === 1) return vectorNorm(x.data, ord);
    if (x.ndim === 2) {
      const data = ord === 2 || ord === -2 || ord === 'nuc' ? toMatrix(x, 'norm', 'x').data : Float64Array.from(x.data);
      return matrixNorm(data, x.shape[0], x.shape[1], ord);
    }
    if (ord === undefined) return norm2(x.data);
    throw new ShapeError(`norm: ord needs a 1-D or 2-D input, got shape ${formatShape(x.shape)}`);
  }
  if (x instanceof Float64Array) return vectorNorm(x, ord);
  if (x.length > 0 && Array.isArray(x[0])) {
    const mtx = toMatrixUnchecked(x as readonly (readonly number[])[], ord);
    return matrixNorm(mtx.data, mtx.rows, mtx.cols, ord);
  }
  return vectorNorm(x as readonly number[], ord);
}

function toMatrixUnchecked(x: readonly (readonly number[])[], ord: NormOrder | undefined) {
  // SVD-based orders need finite input (toMatrix checks); elementwise orders propagate NaN/Infinity.
  if (ord === 2 || ord === -2 || ord === 'nuc') return toMatrix(x, 'norm', 'x');
  const rows = x.length;
  const cols = x[0].length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    if (!Array.isArray(x[i]) || x[i].length !== cols) {
      throw new ShapeError(`norm: x is ragged: row ${i} does not have length ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = x[i][j];
  }
  return { data, rows, cols };
}
