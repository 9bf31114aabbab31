/**
 * Reduction planning and typed-array kernels behind `reduce.ts`.
 *
 * Every reduction is brought to one layout: the input viewed as
 * `[outer, r, inner]` (contiguous), reduced over the middle dimension into
 * `[outer, inner]`. `inner === 1` (reducing trailing axes) scans contiguous
 * rows; `inner > 1` (e.g. axis 0 of a matrix) walks the input in memory order
 * and accumulates into a row buffer, which keeps the access pattern sequential.
 * Reduced axes that are not adjacent are first moved to the end by one copy.
 */
import { allocate, type DataArray, dtypeOf } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, normalizeAxis, shapeSize, stridesOf } from './shape.js';
import type { Tensor } from './tensor.js';

/**
 * An input brought to the `[outer, r, inner]` layout, and the shape of the result.
 * @example planReduce(zeros([2, 3, 4]), 1, false, 'sum') // { outer: 2, r: 3, inner: 4, outShape: [2, 4], ... }
 */
export interface ReducePlan {
  /** The elements as `[outer, r, inner]`, row-major (the tensor's own buffer unless axes had to be moved). */
  src: DataArray;
  outer: number;
  /** Number of elements folded into each output element. */
  r: number;
  inner: number;
  /** Result shape (reduced axes removed, or kept as 1 with `keepdims`). */
  outShape: number[];
  /** The reduced axes, normalised and sorted (for error messages). */
  axes: number[];
}

/**
 * Normalises `axis` (undefined = all axes; negative counts from the end; duplicates are a
 * {@link ShapeError}) and lays the input out for the kernels.
 * @example planReduce(zeros([2, 3]), -1, true, 'sum').outShape // [2, 1]
 */
export function planReduce(
  x: Tensor,
  axis: number | readonly number[] | undefined,
  keepdims: boolean,
  op: string,
): ReducePlan {
  const shape = x.shape;
  const ndim = shape.length;
  let axes: number[];
  if (axis === undefined) axes = shape.map((_, i) => i);
  else {
    const list = typeof axis === 'number' ? [axis] : [...axis];
    axes = list.map((a) => normalizeAxis(a, ndim));
    if (ndim === 0) axes = [];
    axes.sort((a, b) => a - b);
    for (let i = 1; i < axes.length; i++) {
      if (axes[i] === axes[i - 1])
        throw new ShapeError(`${op}: axis ${axes[i]} is repeated in ${JSON.stringify(list)}`);
    }
  }
  const reduced = new Array<boolean>(ndim).fill(false);
  for (const a of axes) reduced[a] = true;
  const outShape: number[] = [];
  for (let i = 0; i < ndim; i++) {
    if (!reduced[i]) outShape.push(shape[i]);
    else if (keepdims) outShape.push(1);
  }
  if (axes.length === 0) return { src: x.data, outer: x.size, r: 1, inner: 1, outShape, axes };
  const first = axes[0];
  const last = axes[axes.length - 1];
  // Kept axes of size 1 between reduced ones do not break adjacency.
  let adjacent = true;
  for (let i = first; i <= last; i++) if (!reduced[i] && shape[i] !== 1) adjacent = false;
  if (adjacent) {
    return {
      src: x.data,
      outer: shapeSize(shape.slice(0, first)),
      r: shapeSize(shape.slice(first, last + 1)),
      inner: shapeSize(shape.slice(last + 1)),
      outShape,
      axes,
    };
  }
  const kept = shape.map((_, i) => i).filter((i) => !reduced[i]);
  const perm = [...kept, ...axes];
  return {
    src: permuteCopy(x.data, shape, perm),
    outer: shapeSize(kept.map((i) => shape[i])),
    r: shapeSize(axes.map((i) => shape[i])),
    inner: 1,
    outShape,
    axes,
  };
}

/**
 * Throws the {@link ShapeError} for reducing an empty axis with an op that has no identity.
 * @example assertNonEmpty(planReduce(zeros([2, 0]), 1, false, 'max'), [2, 0], 'max') // throws, naming axis 1
 */
export function assertNonEmpty(p: ReducePlan, shape: readonly number[], op: string): void {
  if (p.r > 0) return;
  const where =
    p.axes.length === shape.length
      ? `all axes of a tensor with 0 elements`
      : `axis ${p.axes.filter((a) => shape[a] === 0).join(', ')} of size 0`;
  throw new ShapeError(`${op}: cannot reduce over ${where} (shape ${formatShape(shape)}); ${op} has no identity`);
}

/** A row-major copy of `data` with its axes reordered by `perm`. */
function permuteCopy(data: DataArray, shape: readonly number[], perm: number[]): DataArray {
  const out = allocate(dtypeOf(data), data.length);
  if (data.length === 0) return out;
  const srcStrides = stridesOf(shape);
  const dims = perm.map((p) => shape[p]);
  const st = perm.map((p) => srcStrides[p]);
  const nd = dims.length;
  const inner = dims[nd - 1];
  const is = st[nd - 1];
  const counter = new Int32Array(nd);
  let ps = 0;
  for (let po = 0; po < out.length; po += inner) {
    for (let i = 0; i < inner; i++) out[po + i] = data[ps + i * is];
    for (let d = nd - 2; d >= 0; d--) {
      ps += st[d];
      if (++counter[d] < dims[d]) break;
      counter[d] = 0;
      ps -= st[d] * dims[d];
    }
  }
  return out;
}

type SumLeaf = (x: DataArray, start: number, n: number) => number;
type RowAdder = (src: DataArray, base: number, rows: number, inner: number, out: Float64Array, ob: number) => void;

// Identical bodies, one per array type: V8 keeps type feedback per function literal, and a
// leaf that sees one array type compiles to monomorphic loads (about 2x faster than mixed).
// Four independent accumulators break the floating-point add dependency chain.
const leaf64 = (x: Float64Array, start: number, n: number): number => {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = start + n;
  const end4 = start + (n & ~3);
  let i = start;
  for (; i < end4; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < end; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
};
const leaf32 = (x: Float32Array, start: number, n: number): number => {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = start + n;
  const end4 = start + (n & ~3);
  let i = start;
  for (; i < end4; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < end; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
};
const leafAny = (x: DataArray, start: number, n: number): number => {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const end = start + n;
  const end4 = start + (n & ~3);
  let i = start;
  for (; i < end4; i += 4) {
    s0 += x[i];
    s1 += x[i + 1];
    s2 += x[i + 2];
    s3 += x[i + 3];
  }
  for (; i < end; i++) s0 += x[i];
  return s0 + s1 + (s2 + s3);
};

// Adds `rows` consecutive rows of length `inner` into `out[ob..]`, four rows per pass so the
// row buffer is loaded and stored a quarter as often.
const rows64 = (src: Float64Array, base: number, rows: number, inner: number, out: Float64Array, ob: number) => {
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    const b0 = base + j * inner;
    const b1 = b0 + inner;
    const b2 = b1 + inner;
    const b3 = b2 + inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k] + src[b1 + k] + (src[b2 + k] + src[b3 + k]);
  }
  for (; j < rows; j++) {
    const b0 = base + j * inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k];
  }
};
const rows32 = (src: Float32Array, base: number, rows: number, inner: number, out: Float64Array, ob: number) => {
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    const b0 = base + j * inner;
    const b1 = b0 + inner;
    const b2 = b1 + inner;
    const b3 = b2 + inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k] + src[b1 + k] + (src[b2 + k] + src[b3 + k]);
  }
  for (; j < rows; j++) {
    const b0 = base + j * inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k];
  }
};
const rowsAny = (src: DataArray, base: number, rows: number, inner: number, out: Float64Array, ob: number) => {
  let j = 0;
  for (; j + 4 <= rows; j += 4) {
    const b0 = base + j * inner;
    const b1 = b0 + inner;
    const b2 = b1 + inner;
    const b3 = b2 + inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k] + src[b1 + k] + (src[b2 + k] + src[b3 + k]);
  }
  for (; j < rows; j++) {
    const b0 = base + j * inner;
    for (let k = 0; k < inner; k++) out[ob + k] += src[b0 + k];
  }
};

function pairwise(x: DataArray, start: number, n: number, leaf: SumLeaf): number {
  if (n <= 2048) return leaf(x, start, n);
  const half = (n >>> 1) & ~7;
  return pairwise(x, start, half, leaf) + pairwise(x, start + half, n - half, leaf);
}

/**
 * Sum of `n` elements from `start`, in double precision: pairwise over blocks of up to 2048
 * (rounding error grows like log n, as in numpy).
 * @example sumRange(new Float64Array([1, 2, 3, 4]), 1, 2) // 5
 */
export function sumRange(x: DataArray, start: number, n: number): number {
  const leaf = (x instanceof Float64Array ? leaf64 : x instanceof Float32Array ? leaf32 : leafAny) as SumLeaf;
  return pairwise(x, start, n, leaf);
}

/** Sums in float64, one per output element. */
export function sumF64(p: ReducePlan): Float64Array {
  const { src, outer, r, inner } = p;
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) out[o] = sumRange(src, o * r, r);
    return out;
  }
  const addRows = (src instanceof Float64Array ? rows64 : src instanceof Float32Array ? rows32 : rowsAny) as RowAdder;
  // Blocks of rows are summed into the row buffer, then blocks are added: keeps the error growth modest.
  for (let o = 0; o < outer; o++) addRows(src, o * r * inner, r, inner, out, o * inner);
  return out;
}

/** Sums with int32 wrap-around (the Int32Array store wraps; the scalar path wraps with `| 0`). */
export function sumI32(p: ReducePlan): Int32Array {
  const { src, outer, r, inner } = p;
  const out = new Int32Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let s = 0;
      const end = (o + 1) * r;
      for (let i = o * r; i < end; i++) s = (s + src[i]) | 0;
      out[o] = s;
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let j = 0; j < r; j++) {
      const base = (o * r + j) * inner;
      for (let k = 0; k < inner; k++) out[ob + k] += src[base + k];
    }
  }
  return out;
}

/** Products in float64 (`int` = false) or with int32 wrap-around (`int` = true). */
export function prodKernel(p: ReducePlan, int: boolean): Float64Array | Int32Array {
  const { src, outer, r, inner } = p;
  const out = int ? new Int32Array(outer * inner) : new Float64Array(outer * inner);
  out.fill(1);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let j = 0; j < r; j++) {
      const base = (o * r + j) * inner;
      if (int) for (let k = 0; k < inner; k++) out[ob + k] = Math.imul(out[ob + k], src[base + k]);
      else for (let k = 0; k < inner; k++) out[ob + k] *= src[base + k];
    }
  }
  return out;
}

/** Sum of squared deviations from `mean` (one mean per output element): the second pass of a stable variance. */
export function sqDevF64(p: ReducePlan, mean: Float64Array): Float64Array {
  const { src, outer, r, inner } = p;
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const m = mean[o];
      let s0 = 0;
      let s1 = 0;
      const end = (o + 1) * r;
      let i = o * r;
      for (; i + 1 < end; i += 2) {
        const d0 = src[i] - m;
        const d1 = src[i + 1] - m;
        s0 += d0 * d0;
        s1 += d1 * d1;
      }
      if (i < end) {
        const d = src[i] - m;
        s0 += d * d;
      }
      out[o] = s0 + s1;
    }
    return out;
  }
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    if (inner < 16) {
      // Few columns: one flat pass with a wrapping column index beats a short inner loop per row.
      const start = o * r * inner;
      const end = start + r * inner;
      let k = 0;
      for (let i = start; i < end; i++) {
        const d = src[i] - mean[ob + k];
        out[ob + k] += d * d;
        if (++k === inner) k = 0;
      }
      continue;
    }
    for (let j = 0; j < r; j++) {
      const base = (o * r + j) * inner;
      for (let k = 0; k < inner; k++) {
        const d = src[base + k] - mean[ob + k];
        out[ob + k] += d * d;
      }
    }
  }
  return out;
}

/** Minimum or maximum into `out` (any dtype), NaN-propagating. Needs `r > 0`. */
export function minMaxKernel(p: ReducePlan, isMax: boolean, out: DataArray): void {
  const { src, outer, r, inner } = p;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const start = o * r;
      const end = start + r;
      let m = src[start];
      if (isMax) {
        for (let i = start + 1; i < end; i++) {
          const v = src[i];
          if (v > m) m = v;
          else if (Number.isNaN(v)) {
            m = v;
            break;
          }
        }
      } else {
        for (let i = start + 1; i < end; i++) {
          const v = src[i];
          if (v < m) m = v;
          else if (Number.isNaN(v)) {
            m = v;
            break;
          }
        }
      }
      out[o] = m;
    }
    return;
  }
  // Row buffer in float64 so NaN survives whatever the output dtype; once NaN, `v > NaN` is false.
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    const first = o * r * inner;
    for (let k = 0; k < inner; k++) acc[k] = src[first + k];
    for (let j = 1; j < r; j++) {
      const base = (o * r + j) * inner;
      if (isMax) {
        for (let k = 0; k < inner; k++) {
          const v = src[base + k];
          if (v > acc[k] || Number.isNaN(v)) acc[k] = v;
        }
      } else {
        for (let k = 0; k < inner; k++) {
          const v = src[base + k];
          if (v < acc[k] || Number.isNaN(v)) acc[k] = v;
        }
      }
    }
    for (let k = 0; k < inner; k++) out[ob + k] = acc[k];
  }
}

/** Index (along the reduced dimension) of the first minimum/maximum; the first NaN wins, as in numpy. Needs `r > 0`. */
export function argKernel(p: ReducePlan, isMax: boolean): Int32Array {
  const { src, outer, r, inner } = p;
  const out = new Int32Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const start = o * r;
      let m = src[start];
      let at = 0;
      if (!Number.isNaN(m)) {
        for (let j = 1; j < r; j++) {
          const v = src[start + j];
          if (isMax ? v > m : v < m) {
            m = v;
            at = j;
          } else if (Number.isNaN(v)) {
            at = j;
            break;
          }
        }
      }
      out[o] = at;
    }
    return out;
  }
  const best = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    const first = o * r * inner;
    for (let k = 0; k < inner; k++) best[k] = src[first + k];
    for (let j = 1; j < r; j++) {
      const base = (o * r + j) * inner;
      for (let k = 0; k < inner; k++) {
        const v = src[base + k];
        const b = best[k];
        if ((isMax ? v > b : v < b) || (Number.isNaN(v) && !Number.isNaN(b))) {
          best[k] = v;
          out[ob + k] = j;
        }
      }
    }
  }
  return out;
}

/** Logical any (`isAny`) or all of the truth values (non-zero, NaN included, is true). */
export function anyAllKernel(p: ReducePlan, isAny: boolean): Uint8Array {
  const { src, outer, r, inner } = p;
  const out = new Uint8Array(outer * inner).fill(isAny ? 0 : 1);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let j = 0; j < r; j++) {
      const base = (o * r + j) * inner;
      if (isAny) for (let k = 0; k < inner; k++) out[ob + k] |= src[base + k] !== 0 ? 1 : 0;
      else for (let k = 0; k < inner; k++) out[ob + k] &= src[base + k] !== 0 ? 1 : 0;
    }
  }
  return out;
}

/** `log(sum(exp(x)))` per output, shifted by the maximum so nothing overflows (no shift when the maximum is ±Infinity). */
export function logSumExpF64(p: ReducePlan): Float64Array {
  const { src, outer, r, inner } = p;
  const shift = new Float64Array(outer * inner).fill(-Infinity);
  if (r > 0) minMaxKernel(p, true, shift);
  for (let i = 0; i < shift.length; i++) if (shift[i] === Infinity || shift[i] === -Infinity) shift[i] = 0;
  const out = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    const ob = o * inner;
    for (let j = 0; j < r; j++) {
      const base = (o * r + j) * inner;
      for (let k = 0; k < inner; k++) out[ob + k] += Math.exp(src[base + k] - shift[ob + k]);
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = Math.log(out[i]) + shift[i];
  return out;
}
