/**
 * Reductions (sum, mean, variance, min/max, arg-min/max, any/all, logsumexp)
 * and the cumulative sum, with numpy semantics: `axis` is one axis, several,
 * or (default) all of them, negative axes count from the end, `keepdims`
 * keeps reduced axes as size 1, and reducing every axis gives a 0-d tensor.
 *
 * Accumulation is always in float64 (float32 inputs still return float32);
 * int32 and bool sums and products wrap around in int32.
 */
import { allocate, floatResult, isFloat } from './dtype.js';
import { DTypeError } from './errors.js';
import {
  anyAllKernel,
  argKernel,
  assertNonEmpty,
  logSumExpF64,
  minMaxKernel,
  planReduce,
  prodKernel,
  type ReducePlan,
  sqDevF64,
  sumF64,
  sumI32,
} from './reduce-kernels.js';
import { normalizeAxis, shapeSize } from './shape.js';
import { type ArgReduceOptions, type ReduceOptions, Tensor, type VarianceOptions } from './tensor.js';

function check(x: Tensor, op: string): void {
  if (!(x instanceof Tensor)) throw new DTypeError(`${op}: expected a Tensor, got ${x === null ? 'null' : typeof x}`);
}

function plan(x: Tensor, options: ReduceOptions | undefined, op: string): ReducePlan {
  check(x, op);
  return planReduce(x, options?.axis, options?.keepdims ?? false, op);
}

/** Float64 accumulations as a tensor of the float dtype the op returns. */
function floatTensor(acc: Float64Array, dtype: 'float32' | 'float64', shape: number[]): Tensor {
  return new Tensor(dtype === 'float64' ? acc : new Float32Array(acc), shape);
}

/**
 * Sum of elements over `axis` (default all). int32/bool give int32 (wrapping); an empty sum is 0.
 * @param options - `axis` (number or numbers, default all), `keepdims` (default false).
 * @example sum(Tensor.from([[1, 2], [3, 4]]), { axis: 0 }).toArray() // [4, 6]
 */
export function sum(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'sum');
  if (x.dtype === 'float64' || x.dtype === 'float32') return floatTensor(sumF64(p), x.dtype, p.outShape);
  return new Tensor(sumI32(p), p.outShape);
}

/**
 * Arithmetic mean over `axis` (default all); int32/bool give float64; the mean of nothing is NaN.
 * @example mean(Tensor.from([[1, 2], [3, 4]]), { axis: 1 }).toArray() // [1.5, 3.5]
 */
export function mean(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'mean');
  const acc = sumF64(p);
  for (let i = 0; i < acc.length; i++) acc[i] /= p.r;
  return floatTensor(acc, floatResult(x.dtype) as 'float32' | 'float64', p.outShape);
}

function varianceF64(x: Tensor, options: VarianceOptions | undefined, op: string): { p: ReducePlan; v: Float64Array } {
  const p = plan(x, options, op);
  const ddof = options?.ddof ?? 0;
  if (!Number.isFinite(ddof)) throw new RangeError(`${op}: ddof must be a finite number, got ${ddof}`);
  // Two passes (mean, then squared deviations) so large offsets do not cancel catastrophically.
  const m = sumF64(p);
  for (let i = 0; i < m.length; i++) m[i] /= p.r;
  const v = sqDevF64(p, m);
  // numpy divides by max(n - ddof, 0): no degrees of freedom give Infinity (or NaN for 0/0).
  const dof = Math.max(p.r - ddof, 0);
  for (let i = 0; i < v.length; i++) v[i] = p.r === 0 ? Number.NaN : v[i] / dof;
  return { p, v };
}

/**
 * Variance over `axis`: mean squared deviation divided by `n - ddof`.
 * @param options - `axis`, `keepdims`, `ddof` (default 0; 1 gives the unbiased sample variance).
 * @example variance(Tensor.from([1, 2, 3, 4]), { ddof: 1 }).item() // 1.6666666666666667
 */
export function variance(x: Tensor, options?: VarianceOptions): Tensor {
  const { p, v } = varianceF64(x, options, 'variance');
  return floatTensor(v, floatResult(x.dtype) as 'float32' | 'float64', p.outShape);
}

/**
 * Standard deviation over `axis`: the square root of {@link variance} (same options).
 * @example std(Tensor.from([1, 3])).item() // 1
 */
export function std(x: Tensor, options?: VarianceOptions): Tensor {
  const { p, v } = varianceF64(x, options, 'std');
  for (let i = 0; i < v.length; i++) v[i] = Math.sqrt(v[i]);
  return floatTensor(v, floatResult(x.dtype) as 'float32' | 'float64', p.outShape);
}

function extreme(x: Tensor, options: ReduceOptions | undefined, isMax: boolean): Tensor {
  const op = isMax ? 'max' : 'min';
  const p = plan(x, options, op);
  const out = allocate(x.dtype, p.outer * p.inner);
  if (out.length > 0) {
    assertNonEmpty(p, x.shape, op);
    minMaxKernel(p, isMax, out);
  }
  return new Tensor(out, p.outShape);
}

/**
 * Smallest element over `axis`, same dtype; NaN propagates. Reducing an empty axis is a ShapeError.
 * @example min(Tensor.from([[1, 5], [3, 2]]), { axis: 0 }).toArray() // [1, 2]
 */
export function min(x: Tensor, options?: ReduceOptions): Tensor {
  return extreme(x, options, false);
}

/**
 * Largest element over `axis`, same dtype; NaN propagates. Reducing an empty axis is a ShapeError.
 * @example max(Tensor.from([[1, 5], [3, 2]]), { axis: 1 }).toArray() // [5, 3]
 */
export function max(x: Tensor, options?: ReduceOptions): Tensor {
  return extreme(x, options, true);
}

/**
 * Product of elements over `axis`; int32/bool give int32 (wrapping); an empty product is 1.
 * @example prod(Tensor.from([[1, 2], [3, 4]]), { axis: 1 }).toArray() // [2, 12]
 */
export function prod(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'prod');
  if (x.dtype === 'float64' || x.dtype === 'float32') {
    return floatTensor(prodKernel(p, false) as Float64Array, x.dtype, p.outShape);
  }
  return new Tensor(prodKernel(p, true), p.outShape);
}

function argExtreme(x: Tensor, options: ArgReduceOptions | undefined, isMax: boolean): Tensor {
  const op = isMax ? 'argmax' : 'argmin';
  const axis = options?.axis;
  if (axis !== undefined && typeof axis !== 'number') {
    throw new RangeError(`${op}: axis must be a single number, got ${JSON.stringify(axis)}`);
  }
  const p = plan(x, { axis, keepdims: options?.keepdims ?? false }, op);
  if (p.outer * p.inner === 0) return new Tensor(new Int32Array(0), p.outShape);
  assertNonEmpty(p, x.shape, op);
  return new Tensor(argKernel(p, isMax), p.outShape);
}

/**
 * Index of the smallest element along `axis` (default: into the flattened tensor), as int32.
 * Ties give the first occurrence; a NaN counts as the minimum (first NaN wins), as in numpy.
 * @example argmin(Tensor.from([[3, 1], [0, 2]]), { axis: 1 }).toArray() // [1, 0]
 */
export function argmin(x: Tensor, options?: ArgReduceOptions): Tensor {
  return argExtreme(x, options, false);
}

/**
 * Index of the largest element along `axis` (default: into the flattened tensor), as int32.
 * Ties give the first occurrence; a NaN counts as the maximum (first NaN wins), as in numpy.
 * @example argmax(Tensor.from([[3, 1], [0, 2]])).item() // 0
 */
export function argmax(x: Tensor, options?: ArgReduceOptions): Tensor {
  return argExtreme(x, options, true);
}

/**
 * Whether any element over `axis` is true (non-zero; NaN counts as true), as bool. Empty gives false.
 * @example any(Tensor.from([[0, 1], [0, 0]]), { axis: 1 }).toArray() // [true, false]
 */
export function any(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'any');
  return new Tensor(anyAllKernel(p, true), p.outShape);
}

/**
 * Whether every element over `axis` is true (non-zero), as bool. Empty gives true.
 * @example all(Tensor.from([[1, 1], [0, 1]]), { axis: 0 }).toArray() // [false, true]
 */
export function all(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'all');
  return new Tensor(anyAllKernel(p, false), p.outShape);
}

/**
 * `log(sum(exp(x)))` over `axis`, computed stably by shifting with the maximum
 * (so `logsumexp([1000, 1000]) = 1000 + log 2`). int32/bool give float64; empty gives -Infinity.
 * @example logsumexp(Tensor.from([0, 0])).item() // 0.6931471805599453
 */
export function logsumexp(x: Tensor, options?: ReduceOptions): Tensor {
  const p = plan(x, options, 'logsumexp');
  return floatTensor(logSumExpF64(p), floatResult(x.dtype) as 'float32' | 'float64', p.outShape);
}

/**
 * Running sum along `axis`; without an axis the tensor is flattened first (numpy's `cumsum`).
 * Same shape as the input; int32/bool give int32 (wrapping), floats keep their dtype.
 * @example cumsum(Tensor.from([[1, 2], [3, 4]]), 0).toArray() // [[1, 2], [4, 6]]
 */
export function cumsum(x: Tensor, axis?: number): Tensor {
  check(x, 'cumsum');
  const flat = axis === undefined || x.ndim === 0;
  const ax = flat ? 0 : normalizeAxis(axis, x.ndim);
  const shape = flat ? [x.size] : [...x.shape];
  const outer = flat ? 1 : shapeSize(x.shape.slice(0, ax));
  const r = flat ? x.size : x.shape[ax];
  const inner = flat ? 1 : shapeSize(x.shape.slice(ax + 1));
  const src = x.data;
  const isInt = !isFloat(x.dtype);
  const out = allocate(isInt ? 'int32' : x.dtype, x.size);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let s = 0;
      const end = (o + 1) * r;
      if (isInt) {
        for (let i = o * r; i < end; i++) out[i] = s = (s + src[i]) | 0;
      } else {
        for (let i = o * r; i < end; i++) out[i] = s += src[i];
      }
    }
  } else {
    // Float64 running row so float32 output is rounded once, not at every step; Int32Array wraps on store.
    const acc = isInt ? new Int32Array(inner) : new Float64Array(inner);
    for (let o = 0; o < outer; o++) {
      acc.fill(0);
      for (let j = 0; j < r; j++) {
        const base = (o * r + j) * inner;
        for (let k = 0; k < inner; k++) out[base + k] = acc[k] += src[base + k];
      }
    }
  }
  return new Tensor(out, shape);
}
