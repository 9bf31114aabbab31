/**
 * Functions that make new tensors: filled (`zeros`, `ones`, `full`, `*Like`),
 * ranges (`arange`, `linspace`), `eye`, and aliases for building from nested
 * arrays or typed arrays. Shapes are `number[]`, or a single number for 1-D.
 */
import { allocate, type DataArray, type DType, isDType } from './dtype.js';
import { DTypeError } from './errors.js';
import { assertValidShape, type Shape, shapeSize } from './shape.js';
import { type NestedArray, Tensor } from './tensor.js';

/** A shape, or a single length for a 1-D tensor. */
export type ShapeLike = Shape | number;

function toShape(shape: ShapeLike): number[] {
  const s = typeof shape === 'number' ? [shape] : [...shape];
  assertValidShape(s);
  return s;
}

function checkDType(dtype: DType, op: string): void {
  if (!isDType(dtype)) throw new DTypeError(`${op}: unknown dtype '${String(dtype)}'`);
}

/** Converts `value` to what a `dtype` buffer should hold, rejecting values int32 cannot represent. */
function fillValue(value: number | boolean, dtype: DType, op: string): number {
  const v = Number(value);
  if (dtype === 'bool') return v !== 0 ? 1 : 0;
  if (dtype === 'int32' && (!Number.isFinite(v) || v < -2147483648 || v > 2147483647)) {
    throw new DTypeError(`${op}: value ${v} does not fit in int32`);
  }
  return v;
}

/**
 * A tensor of `shape` filled with zeros.
 * @param dtype - default `'float64'`.
 * @example zeros([2, 3]).shape // [2, 3]
 */
export function zeros(shape: ShapeLike, dtype: DType = 'float64'): Tensor {
  checkDType(dtype, 'zeros');
  const s = toShape(shape);
  return new Tensor(allocate(dtype, shapeSize(s)), s);
}

/**
 * A tensor of `shape` filled with ones.
 * @param dtype - default `'float64'`.
 * @example ones(3, 'int32').toArray() // [1, 1, 1]
 */
export function ones(shape: ShapeLike, dtype: DType = 'float64'): Tensor {
  return full(shape, 1, dtype);
}

/**
 * A tensor of `shape` filled with `value`.
 * @param dtype - default `'bool'` for a boolean value, `'float64'` otherwise. Values are
 *   converted like `astype` (int32 truncates toward zero; a value outside int32's range is a DTypeError).
 * @example full([2], 7).toArray() // [7, 7]
 */
export function full(shape: ShapeLike, value: number | boolean, dtype?: DType): Tensor {
  const dt: DType = dtype ?? (typeof value === 'boolean' ? 'bool' : 'float64');
  checkDType(dt, 'full');
  const s = toShape(shape);
  const data = allocate(dt, shapeSize(s));
  const v = fillValue(value, dt, 'full');
  if (v !== 0) data.fill(v);
  return new Tensor(data, s);
}

/**
 * Evenly spaced values in `[start, stop)` with `step`, like numpy's `arange`:
 * `arange(5)` is `0..4`; the length is `ceil((stop - start) / step)`.
 * @param stop - when omitted, `start` is the stop and the range starts at 0.
 * @param step - default 1; must not be 0.
 * @param dtype - default `'int32'` when all arguments are integers (in int32 range), `'float64'` otherwise.
 * @example arange(1, 2, 0.25).toArray() // [1, 1.25, 1.5, 1.75]
 */
export function arange(start: number, stop?: number, step = 1, dtype?: DType): Tensor {
  let lo = start;
  let hi = stop;
  if (hi === undefined) {
    hi = lo;
    lo = 0;
  }
  for (const [name, v] of [
    ['start', lo],
    ['stop', hi],
    ['step', step],
  ] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`arange: ${name} must be a finite number, got ${v}`);
  }
  if (step === 0) throw new RangeError('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((hi - lo) / step));
  const allInt = Number.isInteger(lo) && Number.isInteger(hi) && Number.isInteger(step);
  const last = lo + (n - 1) * step;
  const fitsInt = Math.abs(lo) <= 2147483647 && Math.abs(last) <= 2147483647;
  const dt: DType = dtype ?? (allInt && fitsInt ? 'int32' : 'float64');
  checkDType(dt, 'arange');
  const data = allocate(dt, n);
  if (dt === 'bool') for (let i = 0; i < n; i++) data[i] = lo + i * step !== 0 ? 1 : 0;
  else for (let i = 0; i < n; i++) data[i] = lo + i * step;
  return new Tensor(data, [n]);
}

/** Options of {@link linspace}. */
export interface LinspaceOptions {
  /** Include `stop` as the last sample. Default `true`. */
  endpoint?: boolean;
  /** Result dtype. Default `'float64'`; int32 rounds each sample down (as numpy does). */
  dtype?: DType;
}

/**
 * `num` evenly spaced samples from `start` to `stop` (numpy's `linspace`).
 * @param num - number of samples, default 50.
 * @example linspace(0, 1, 5).toArray() // [0, 0.25, 0.5, 0.75, 1]
 */
export function linspace(start: number, stop: number, num = 50, options: LinspaceOptions = {}): Tensor {
  const { endpoint = true, dtype = 'float64' } = options;
  checkDType(dtype, 'linspace');
  if (!Number.isInteger(num) || num < 0)
    throw new RangeError(`linspace: num must be a non-negative integer, got ${num}`);
  const divisor = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = divisor > 0 ? delta / divisor : Number.NaN;
  const vals = new Float64Array(num);
  // Same arithmetic as numpy: i * step + start, or (i / div) * delta when step underflows to 0.
  for (let i = 0; i < num; i++) vals[i] = (step === 0 ? (i / divisor) * delta : i * step) + start;
  if (num > 0 && divisor <= 0) vals[0] = start;
  if (endpoint && num > 1) vals[num - 1] = stop;
  const data = allocate(dtype, num);
  if (dtype === 'int32') for (let i = 0; i < num; i++) data[i] = Math.floor(vals[i]);
  else if (dtype === 'bool') for (let i = 0; i < num; i++) data[i] = vals[i] !== 0 ? 1 : 0;
  else data.set(vals);
  return new Tensor(data, [num]);
}

/**
 * An `n x m` matrix with ones on the `k`-th diagonal (0 main, positive above, negative below).
 * @param m - columns, default `n`.
 * @param dtype - default `'float64'`.
 * @example eye(2).toArray() // [[1, 0], [0, 1]]
 */
export function eye(n: number, m: number = n, k = 0, dtype: DType = 'float64'): Tensor {
  checkDType(dtype, 'eye');
  const shape = [n, m];
  assertValidShape(shape);
  if (!Number.isInteger(k)) throw new RangeError(`eye: k must be an integer, got ${k}`);
  const data = allocate(dtype, n * m);
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) data[i * m + i + k] = 1;
  return new Tensor(data, shape);
}

/**
 * Zeros with the shape of `x`, and its dtype unless `dtype` is given.
 * @example zerosLike(Tensor.from([[1, 2]])).toArray() // [[0, 0]]
 */
export function zerosLike(x: Tensor, dtype?: DType): Tensor {
  return zeros(x.shape, dtype ?? x.dtype);
}

/**
 * Ones with the shape of `x`, and its dtype unless `dtype` is given.
 * @example onesLike(Tensor.from([1, 2], 'int32')).toArray() // [1, 1]
 */
export function onesLike(x: Tensor, dtype?: DType): Tensor {
  return full(x.shape, 1, dtype ?? x.dtype);
}

/**
 * `value` everywhere, with the shape of `x` and its dtype unless `dtype` is given
 * (so an int32 `x` truncates a fractional value, as numpy's `full_like` does).
 * @example fullLike(Tensor.from([1, 2]), 0.5).toArray() // [0.5, 0.5]
 */
export function fullLike(x: Tensor, value: number | boolean, dtype?: DType): Tensor {
  return full(x.shape, value, dtype ?? x.dtype);
}

/**
 * A tensor from nested arrays (alias of `Tensor.from`); default dtype bool for booleans, float64 for numbers.
 * @example tensor([[1, 2], [3, 4]], 'int32').shape // [2, 2]
 */
export function tensor(values: NestedArray, dtype?: DType): Tensor {
  return Tensor.from(values, dtype);
}

/**
 * Wraps a typed array without copying (alias of `new Tensor(data, shape)`);
 * the array type fixes the dtype (`Uint8Array` is bool).
 * @param shape - default `[data.length]`; a single number means 1-D.
 * @example fromTyped(new Float32Array([1, 2, 3, 4]), [2, 2]).dtype // 'float32'
 */
export function fromTyped(data: DataArray, shape?: ShapeLike): Tensor {
  return new Tensor(data, shape === undefined ? undefined : toShape(shape));
}
