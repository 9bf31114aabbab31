/**
 * Indexing: strided views copied out (`asStrided`, `slice`), integer gathers
 * (`take`) and boolean masks (`booleanMask`). Every result is a new contiguous
 * tensor; only `reshape` shares memory.
 */
import { allocate, type DataArray } from './dtype.js';
import { DTypeError, ShapeError } from './errors.js';
import { assertValidShape, formatShape, normalizeAxis, type Shape, shapeSize, stridesOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Copies the elements of a strided view of `src` (element `[i0, i1, ...]` at
 * `offset + i0 * strides[0] + i1 * strides[1] + ...`) into `out`, row-major.
 * Strides may be zero or negative. Callers guarantee every offset is in range.
 */
function copyStrided(src: DataArray, offset: number, shape: Shape, strides: readonly number[], out: DataArray): void {
  const nd = shape.length;
  const total = shapeSize(shape);
  if (total === 0) return;
  if (nd === 0) {
    out[0] = src[offset];
    return;
  }
  const last = nd - 1;
  const n = shape[last];
  const s = strides[last];
  const outer = total / n;
  const counter = new Int32Array(nd);
  let base = offset;
  let p = 0;
  for (let o = 0; o < outer; o++) {
    if (s === 1) {
      for (let j = 0; j < n; j++) out[p++] = src[base + j];
    } else {
      let q = base;
      for (let j = 0; j < n; j++) {
        out[p++] = src[q];
        q += s;
      }
    }
    // Odometer over every axis but the last: carry into the next-outer axis.
    for (let d = last - 1; d >= 0; d--) {
      base += strides[d];
      if (++counter[d] < shape[d]) break;
      base -= strides[d] * shape[d];
      counter[d] = 0;
    }
  }
}

/**
 * A contiguous copy of the strided view of `x`'s buffer described by `shape`,
 * `strides` and `offset` — numpy's `as_strided(x, shape, strides).copy()`,
 * except strides count **elements**, not bytes. Strides may be 0 (repeat) or
 * negative (reverse). Every reachable element must lie inside `x`, else a
 * {@link ShapeError}.
 * @example
 * // sliding windows of length 3 over [0, 1, 2, 3, 4]
 * asStrided(Tensor.from([0, 1, 2, 3, 4]), [3, 3], [1, 1]).toArray(); // [[0,1,2],[1,2,3],[2,3,4]]
 */
export function asStrided(x: Tensor, shape: Shape, strides: readonly number[], offset = 0): Tensor {
  assertValidShape(shape);
  if (strides.length !== shape.length) {
    throw new ShapeError(`asStrided: ${strides.length} stride(s) given for a shape with ${shape.length} dimension(s)`);
  }
  const size = shapeSize(shape);
  if (size > 0) {
    let lo = offset;
    let hi = offset;
    for (let d = 0; d < shape.length; d++) {
      if (!Number.isInteger(strides[d])) throw new ShapeError(`asStrided: stride ${strides[d]} is not an integer`);
      const span = (shape[d] - 1) * strides[d];
      if (span < 0) lo += span;
      else hi += span;
    }
    if (!Number.isInteger(offset) || lo < 0 || hi >= x.size) {
      throw new ShapeError(
        `asStrided: shape ${formatShape(shape)} with strides ${formatShape(strides)} and offset ${offset} reaches elements ${lo}..${hi}, outside a tensor of ${x.size} element(s)`,
      );
    }
  }
  const out = allocate(x.dtype, size);
  copyStrided(x.data, offset, shape, strides, out);
  return new Tensor(out, shape);
}

/**
 * One entry of {@link slice}: an index (drops the dimension), `null` (the whole
 * dimension), or a Python slice `[start, stop]` / `[start, stop, step]` where
 * any part may be `null` and negatives count from the end.
 */
export type SliceRange =
  | number
  | null
  | readonly [start: number | null, stop: number | null]
  | readonly [start: number | null, stop: number | null, step: number | null];

/** Resolves a Python slice against a dimension of size `n`: `[start, step, length]`. */
function resolveSlice(
  start: number | null,
  stop: number | null,
  step: number | null,
  n: number,
  dim: number,
): [number, number, number] {
  const st = step ?? 1;
  if (!Number.isInteger(st) || st === 0) {
    throw new ShapeError(`slice: step ${step} for dimension ${dim} must be a non-zero integer`);
  }
  for (const v of [start, stop]) {
    if (v !== null && !Number.isInteger(v)) {
      throw new ShapeError(`slice: bound ${v} for dimension ${dim} is not an integer`);
    }
  }
  let a: number;
  let b: number;
  if (st > 0) {
    a = start === null ? 0 : start < 0 ? Math.max(start + n, 0) : Math.min(start, n);
    b = stop === null ? n : stop < 0 ? Math.max(stop + n, 0) : Math.min(stop, n);
    return [a, st, b > a ? Math.ceil((b - a) / st) : 0];
  }
  // Negative step: bounds live in [-1, n - 1], -1 meaning "before the first element".
  a = start === null ? n - 1 : start < 0 ? Math.max(start + n, -1) : Math.min(start, n - 1);
  b = stop === null ? -1 : stop < 0 ? Math.max(stop + n, -1) : Math.min(stop, n - 1);
  return [a, st, a > b ? Math.ceil((a - b) / -st) : 0];
}

/**
 * Basic indexing, numpy's `x[r0, r1, ...]`: one entry per leading dimension
 * (missing trailing entries mean "all"). A number picks one index and drops the
 * dimension (negatives count from the end; out of range is a
 * {@link ShapeError}); `[start, stop, step?]` follows Python slice semantics
 * (clamped bounds, negatives, `null` for defaults, negative steps); `null` keeps
 * the whole dimension. Returns a contiguous copy.
 * @example
 * const x = Tensor.from([[1, 2, 3], [4, 5, 6]]);
 * slice(x, [null, [0, 3, 2]]).toArray(); // [[1, 3], [4, 6]]
 * slice(x, [-1]).toArray();              // [4, 5, 6]
 * slice(x, [null, [null, null, -1]]).toArray(); // [[3, 2, 1], [6, 5, 4]]
 */
export function slice(x: Tensor, ranges: readonly SliceRange[]): Tensor {
  if (ranges.length > x.ndim) {
    throw new ShapeError(`slice: ${ranges.length} ranges given for a tensor with ${x.ndim} dimension(s)`);
  }
  const srcStrides = stridesOf(x.shape);
  const shape: number[] = [];
  const strides: number[] = [];
  let offset = 0;
  for (let d = 0; d < x.ndim; d++) {
    const r = d < ranges.length ? ranges[d] : null;
    const n = x.shape[d];
    if (r === null) {
      shape.push(n);
      strides.push(srcStrides[d]);
    } else if (typeof r === 'number') {
      const i = r < 0 ? r + n : r;
      if (!Number.isInteger(r) || i < 0 || i >= n) {
        throw new ShapeError(`slice: index ${r} is out of bounds for dimension ${d} of size ${n}`);
      }
      offset += i * srcStrides[d];
    } else {
      const [start, step, len] = resolveSlice(r[0], r[1], r.length > 2 ? (r[2] ?? null) : null, n, d);
      shape.push(len);
      strides.push(step * srcStrides[d]);
      if (len > 0) offset += start * srcStrides[d];
    }
  }
  const out = allocate(x.dtype, shapeSize(shape));
  copyStrided(x.data, offset, shape, strides, out);
  return new Tensor(out, shape);
}

/** Validates integer indices into a dimension of size `n` and resolves negatives. */
function resolveIndices(indices: Tensor | ArrayLike<number>, n: number, where: string): Int32Array {
  let src: ArrayLike<number>;
  if (indices instanceof Tensor) {
    if (indices.dtype === 'bool') {
      throw new DTypeError(`take: indices are bool; use booleanMask for boolean selection`);
    }
    src = indices.data;
  } else {
    src = indices;
  }
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (!Number.isInteger(v)) {
      throw new DTypeError(`take: index ${v} at position ${i} is not an integer`);
    }
    const r = v < 0 ? v + n : v;
    if (r < 0 || r >= n) throw new ShapeError(`take: index ${v} is out of bounds for ${where} of size ${n}`);
    out[i] = r;
  }
  return out;
}

/**
 * Picks elements by integer index, numpy's `np.take`. Without `axis` it indexes
 * the flattened tensor and the result has the indices' shape; with `axis` the
 * result shape is `x.shape[:axis] + indices.shape + x.shape[axis+1:]`.
 * Negative indices count from the end; an out-of-range index is a
 * {@link ShapeError} naming it. `indices` may be an int32 tensor, a float
 * tensor holding integers, or any array-like of integers.
 * @example
 * const x = Tensor.from([[1, 2], [3, 4], [5, 6]]);
 * take(x, [2, 0], 0).toArray(); // [[5, 6], [1, 2]]
 * take(x, [-1]).toArray();      // [6]
 */
export function take(x: Tensor, indices: Tensor | ArrayLike<number>, axis?: number): Tensor {
  const idxShape: Shape = indices instanceof Tensor ? indices.shape : [indices.length];
  const src = x.data;
  if (axis === undefined) {
    const idx = resolveIndices(indices, x.size, 'the flattened tensor');
    const out = allocate(x.dtype, idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = src[idx[i]];
    return new Tensor(out, idxShape);
  }
  const ax = normalizeAxis(axis, x.ndim);
  const n = x.shape[ax];
  const idx = resolveIndices(indices, n, `axis ${ax}`);
  const outer = shapeSize(x.shape.slice(0, ax));
  const inner = shapeSize(x.shape.slice(ax + 1));
  const outShape = [...x.shape.slice(0, ax), ...idxShape, ...x.shape.slice(ax + 1)];
  const out = allocate(x.dtype, outer * idx.length * inner);
  let p = 0;
  for (let o = 0; o < outer; o++) {
    const rowBase = o * n * inner;
    for (let i = 0; i < idx.length; i++) {
      const b = rowBase + idx[i] * inner;
      if (inner >= 64) {
        out.set(src.subarray(b, b + inner), p);
        p += inner;
      } else {
        for (let t = 0; t < inner; t++) out[p++] = src[b + t];
      }
    }
  }
  return new Tensor(out, outShape);
}

/**
 * Boolean-mask selection, numpy's `x[mask]`: `mask` is a bool tensor whose
 * shape equals `x`'s leading dimensions; the result stacks the selected
 * sub-tensors in row-major order, shape `[count, ...x.shape[mask.ndim:]]`.
 * @example
 * const x = Tensor.from([[1, 2], [3, 4], [5, 6]]);
 * booleanMask(x, Tensor.from([true, false, true])).toArray(); // [[1, 2], [5, 6]]
 */
export function booleanMask(x: Tensor, mask: Tensor): Tensor {
  if (mask.dtype !== 'bool') {
    throw new DTypeError(`booleanMask: mask must be a bool tensor, got ${mask.dtype}`);
  }
  const lead = x.shape.slice(0, mask.ndim);
  if (mask.ndim > x.ndim || lead.some((d, i) => d !== mask.shape[i])) {
    throw new ShapeError(
      `booleanMask: mask shape ${formatShape(mask.shape)} must equal the leading dimensions of x's shape ${formatShape(x.shape)}`,
    );
  }
  const m = mask.data;
  const rest = x.shape.slice(mask.ndim);
  const inner = shapeSize(rest);
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) count++;
  const out = allocate(x.dtype, count * inner);
  const src = x.data;
  let p = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] === 0) continue;
    const b = i * inner;
    if (inner >= 64) {
      out.set(src.subarray(b, b + inner), p);
      p += inner;
    } else {
      for (let t = 0; t < inner; t++) out[p++] = src[b + t];
    }
  }
  return new Tensor(out, [count, ...rest]);
}
