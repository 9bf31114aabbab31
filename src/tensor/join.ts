/**
 * Joining and splitting along an axis: `concat`, `stack`, `split`.
 */
import { allocate, type DType, promoteTypes } from './dtype.js';
import { ShapeError } from './errors.js';
import { formatShape, normalizeAxis, shapeSize } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * Joins tensors along an existing axis (default 0), numpy's `np.concatenate`.
 * All inputs need the same number of dimensions and equal sizes off the axis
 * (a {@link ShapeError} names the offending tensor and dimension). The result
 * dtype is the promotion of all input dtypes.
 * @example
 * concat([Tensor.from([[1, 2]]), Tensor.from([[3, 4], [5, 6]])]).toArray(); // [[1, 2], [3, 4], [5, 6]]
 * concat([Tensor.from([[1], [2]]), Tensor.from([[3], [4]])], 1).toArray(); // [[1, 3], [2, 4]]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('concat: needs at least one tensor');
  const first = tensors[0];
  if (first.ndim === 0) throw new ShapeError('concat: 0-d tensors cannot be concatenated; use stack');
  const ax = normalizeAxis(axis, first.ndim);
  let dtype: DType = first.dtype;
  let total = 0;
  for (let t = 0; t < tensors.length; t++) {
    const x = tensors[t];
    if (x.ndim !== first.ndim) {
      throw new ShapeError(
        `concat: tensor ${t} has ${x.ndim} dimension(s) (shape ${formatShape(x.shape)}) but tensor 0 has ${first.ndim} (shape ${formatShape(first.shape)})`,
      );
    }
    for (let d = 0; d < first.ndim; d++) {
      if (d !== ax && x.shape[d] !== first.shape[d]) {
        throw new ShapeError(
          `concat: tensor ${t} has size ${x.shape[d]} in dimension ${d} but tensor 0 has ${first.shape[d]} (shapes ${formatShape(x.shape)} and ${formatShape(first.shape)}, joining along axis ${ax})`,
        );
      }
    }
    dtype = promoteTypes(dtype, x.dtype);
    total += x.shape[ax];
  }
  const outer = shapeSize(first.shape.slice(0, ax));
  const inner = shapeSize(first.shape.slice(ax + 1));
  const outShape = [...first.shape];
  outShape[ax] = total;
  const out = allocate(dtype, outer * total * inner);
  // Each output row along `outer` is the inputs' rows laid end to end; TypedArray.set converts dtypes.
  let p = 0;
  for (let o = 0; o < outer; o++) {
    for (const x of tensors) {
      const chunk = x.shape[ax] * inner;
      if (chunk === 0) continue;
      out.set(x.data.subarray(o * chunk, (o + 1) * chunk), p);
      p += chunk;
    }
  }
  return new Tensor(out, outShape);
}

/**
 * Joins equally shaped tensors along a new axis (default 0), numpy's
 * `np.stack`. The result dtype is the promotion of all input dtypes.
 * @example stack([Tensor.from([1, 2]), Tensor.from([3, 4])], 1).toArray() // [[1, 3], [2, 4]]
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ShapeError('stack: needs at least one tensor');
  const first = tensors[0];
  const ax = normalizeAxis(axis, first.ndim + 1);
  const expanded = tensors.map((x, t) => {
    if (x.ndim !== first.ndim || x.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError(
        `stack: tensor ${t} has shape ${formatShape(x.shape)} but tensor 0 has ${formatShape(first.shape)}; all must be equal`,
      );
    }
    const s = [...x.shape];
    s.splice(ax, 0, 1);
    return x.reshape(s);
  });
  return concat(expanded, ax);
}

/** Copies the half-open range `[start, stop)` of `axis` into a new tensor. */
function axisRange(x: Tensor, axis: number, start: number, stop: number): Tensor {
  const n = x.shape[axis];
  const outer = shapeSize(x.shape.slice(0, axis));
  const inner = shapeSize(x.shape.slice(axis + 1));
  const len = stop - start;
  const shape = [...x.shape];
  shape[axis] = len;
  const out = allocate(x.dtype, outer * len * inner);
  const chunk = len * inner;
  if (chunk > 0) {
    for (let o = 0; o < outer; o++) {
      const b = (o * n + start) * inner;
      out.set(x.data.subarray(b, b + chunk), o * chunk);
    }
  }
  return new Tensor(out, shape);
}

/**
 * Splits along `axis` (default 0), numpy's `np.split`: a number N gives N
 * equal pieces (the axis size must divide evenly); a list of indices gives the
 * split points (`[2, 5]` → `[:2]`, `[2:5]`, `[5:]`), with Python slice
 * clamping, so out-of-range or decreasing points give empty pieces.
 * @example split(Tensor.from([1, 2, 3, 4, 5, 6]), 3).map((t) => t.toArray()) // [[1, 2], [3, 4], [5, 6]]
 * @example split(Tensor.from([1, 2, 3, 4, 5]), [1, 3]).map((t) => t.toArray()) // [[1], [2, 3], [4, 5]]
 */
export function split(x: Tensor, sectionsOrIndices: number | readonly number[], axis = 0): Tensor[] {
  const ax = normalizeAxis(axis, x.ndim);
  const n = x.shape[ax];
  if (typeof sectionsOrIndices === 'number') {
    const k = sectionsOrIndices;
    if (!Number.isInteger(k) || k <= 0)
      throw new ShapeError(`split: number of sections ${k} must be a positive integer`);
    if (n % k !== 0) {
      throw new ShapeError(`split: axis ${ax} of size ${n} does not divide into ${k} equal sections`);
    }
    const len = n / k;
    return Array.from({ length: k }, (_, i) => axisRange(x, ax, i * len, (i + 1) * len));
  }
  const clamp = (i: number): number => {
    if (!Number.isInteger(i)) throw new ShapeError(`split: index ${i} is not an integer`);
    return i < 0 ? Math.max(i + n, 0) : Math.min(i, n);
  };
  const bounds = [0, ...sectionsOrIndices.map(clamp), n];
  const pieces: Tensor[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i];
    pieces.push(axisRange(x, ax, start, Math.max(start, bounds[i + 1])));
  }
  return pieces;
}
