/**
 * Helpers the backward closures share: reducing a broadcast gradient back to an operand's
 * shape, expanding a reduced gradient back over the reduced axes, and float buffers.
 */
import { allocate, type DType } from '../../tensor/dtype.js';
import * as red from '../../tensor/reduce.js';
import { broadcastStrides, type Shape, shapeSize, shapesEqual } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';

/** The float dtype results of `x` are computed in: its own if float, else float64. */
export function floatDtype(x: Tensor): 'float32' | 'float64' {
  return x.dtype === 'float32' ? 'float32' : 'float64';
}

/** A zeroed buffer of `x`'s float dtype and `n` elements. */
export function floatBuffer(dtype: DType, n: number): Float32Array | Float64Array {
  return allocate(dtype === 'float32' ? 'float32' : 'float64', n) as Float32Array | Float64Array;
}

/** `x` converted to float (itself when already float). */
export function asFloat(x: Tensor): Tensor {
  return x.dtype === 'float32' || x.dtype === 'float64' ? x : x.astype('float64');
}

/**
 * Sums a gradient of a broadcast result back to `shape` (numpy broadcasting in reverse):
 * leading extra axes and axes where `shape` has 1 are summed.
 * @example sumToShape(ones([2, 3]), [3]).toArray() // [2, 2, 2]
 */
export function sumToShape(g: Tensor, shape: Shape): Tensor {
  if (shapesEqual(g.shape, shape)) return g;
  const lead = g.ndim - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < g.ndim; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const s = axes.length === 0 ? g : red.sum(g, { axis: axes });
  return s.reshape([...shape]);
}

/**
 * Repeats `x` along broadcast axes to `shape` (numpy's `broadcast_to`, as a copy).
 * @example broadcastTo(Tensor.from([1, 2]), [2, 2]).toArray() // [[1, 2], [1, 2]]
 */
export function broadcastTo(x: Tensor, shape: Shape): Tensor {
  if (shapesEqual(x.shape, shape)) return x;
  const n = shapeSize(shape);
  const out = allocate(x.dtype, n);
  const src = x.data;
  const st = broadcastStrides(x.shape, shape);
  const nd = shape.length;
  if (nd === 0) {
    out[0] = src[0];
    return new Tensor(out, shape);
  }
  const inner = shape[nd - 1];
  const innerStride = st[nd - 1];
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let o = 0; o < n; o += inner) {
    if (innerStride === 0) out.fill(src[off], o, o + inner);
    else for (let j = 0; j < inner; j++) out[o + j] = src[off + j * innerStride];
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]++;
      off += st[d];
      if (idx[d] < shape[d]) break;
      off -= st[d] * idx[d];
      idx[d] = 0;
    }
  }
  return new Tensor(out, shape);
}

/**
 * Normalises reduction axes: `undefined` means all; negatives count from the end;
 * duplicates and out-of-range axes throw a RangeError naming the axis.
 */
export function resolveAxes(axis: number | readonly number[] | undefined, ndim: number, op: string): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => {
    const r = a < 0 ? a + ndim : a;
    if (!Number.isInteger(r) || r < 0 || r >= ndim) {
      throw new RangeError(`${op}: axis ${a} is out of range for a tensor with ${ndim} dimension(s)`);
    }
    return r;
  });
  if (new Set(out).size !== out.length) throw new RangeError(`${op}: repeated axis in [${list.join(', ')}]`);
  return out.sort((a, b) => a - b);
}

/** The shape with `axes` kept as size 1 (the keepdims form of a reduction). */
export function keepdimsShape(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

/**
 * `x` converted to `like`'s float dtype when it differs and `x` is plain data (does not
 * require grad): the model boundary where float64 inputs meet float32 weights.
 */
export function castLike(x: Tensor, like: Tensor): Tensor {
  if (x.dtype === like.dtype || x.requiresGrad) return x;
  return x.astype(like.dtype);
}
