/**
 * Matrix products: `matmul` (numpy semantics incl. batch broadcasting), `dot`
 * and `outer`. The multiply itself is always `gemm` from `kernels/gemm.js`,
 * so whichever backend registers there does the work.
 *
 * Dtype: float32 only when both operands are
 * float32, otherwise float64. int32 and bool operands are computed in float64
 * and give float64 (numpy keeps integer products integral; an int32 GEMM would
 * overflow silently, so we widen instead).
 */
import { allocate, type DType } from './dtype.js';
import { ShapeError } from './errors.js';
import { type FloatArray, gemm } from './kernels/gemm.js';
import { transpose } from './manipulation.js';
import { broadcastShapes, broadcastStrides, formatShape, shapeSize } from './shape.js';
import { Tensor } from './tensor.js';

/** Result dtype of a product: float32 iff both are float32. */
function productDtype(a: Tensor, b: Tensor): 'float32' | 'float64' {
  return a.dtype === 'float32' && b.dtype === 'float32' ? 'float32' : 'float64';
}

/** `x`'s elements as a float array of `dtype`, without copying when already so. */
function floatData(x: Tensor, dtype: DType): FloatArray {
  if (x.dtype === dtype) return x.data as FloatArray;
  const out = allocate(dtype, x.size) as FloatArray;
  out.set(x.data);
  return out;
}

/**
 * Matrix product with numpy's `matmul` (`@`) semantics: 2-D × 2-D is the matrix
 * product; a 1-D first operand is a row vector and a 1-D second operand a
 * column vector, and that dimension is dropped from the result (1-D × 1-D is a
 * 0-d inner product); N-D operands are stacks of matrices in the last two axes
 * whose leading (batch) axes broadcast. 0-d operands and mismatched inner
 * dimensions are {@link ShapeError}s that show both shapes. Dtype: float32 if
 * both are float32, else float64 (int32/bool compute in float64).
 * @example
 * matmul(Tensor.from([[1, 2], [3, 4]]), Tensor.from([[5], [6]])).toArray(); // [[17], [39]]
 * matmul(Tensor.from([1, 2]), Tensor.from([3, 4])).item();                  // 11
 * matmul(zeros([5, 2, 3]), zeros([3, 4])).shape;                            // [5, 2, 4]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const fa = formatShape(a.shape);
  const fb = formatShape(b.shape);
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(
      `matmul: operands need at least 1 dimension, got shapes ${fa} and ${fb} (use mul for scalars)`,
    );
  }
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : a.shape;
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : b.shape;
  const m = aShape[aShape.length - 2];
  const k = aShape[aShape.length - 1];
  const kb = bShape[bShape.length - 2];
  const n = bShape[bShape.length - 1];
  if (k !== kb) {
    throw new ShapeError(
      `matmul: shapes ${fa} and ${fb} are not aligned: dimension ${a.ndim - 1} of the first (${k}) must equal dimension ${Math.max(b.ndim - 2, 0)} of the second (${kb})`,
    );
  }
  const batchA = aShape.slice(0, -2);
  const batchB = bShape.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes(batchA, batchB);
  } catch {
    throw new ShapeError(
      `matmul: batch dimensions ${formatShape(batchA)} and ${formatShape(batchB)} of shapes ${fa} and ${fb} cannot be broadcast together`,
    );
  }
  const outShape = [...batch];
  if (a.ndim > 1) outShape.push(m);
  if (b.ndim > 1) outShape.push(n);
  const dtype = productDtype(a, b);
  const nBatch = shapeSize(batch);
  const c = allocate(dtype, nBatch * m * n) as FloatArray;
  if (c.length === 0 || k === 0) return new Tensor(c, outShape);
  const A = floatData(a, dtype);
  const B = floatData(b, dtype);
  const sizeA = shapeSize(batchA);
  if (shapeSize(batchB) === 1 && sizeA === nBatch) {
    // One shared right operand: the whole stack is a single (nBatch*m) x k by k x n product.
    gemm(false, false, nBatch * m, n, k, 1, A, k, B, n, 0, c, n);
    return new Tensor(c, outShape);
  }
  const stA = broadcastStrides(batchA, batch);
  const stB = broadcastStrides(batchB, batch);
  const mk = m * k;
  const kn = k * n;
  const mn = m * n;
  for (let t = 0; t < nBatch; t++) {
    let rem = t;
    let offA = 0;
    let offB = 0;
    for (let d = batch.length - 1; d >= 0; d--) {
      const i = rem % batch[d];
      rem = (rem - i) / batch[d];
      offA += i * stA[d];
      offB += i * stB[d];
    }
    gemm(
      false,
      false,
      m,
      n,
      k,
      1,
      A.subarray(offA * mk, offA * mk + mk),
      k,
      B.subarray(offB * kn, offB * kn + kn),
      n,
      0,
      c.subarray(t * mn, t * mn + mn),
      n,
    );
  }
  return new Tensor(c, outShape);
}

/** Multiplies every element of `x` by the 0-d `s`, in the product dtype. */
function scale(x: Tensor, s: Tensor): Tensor {
  const dtype = productDtype(x, s);
  const out = allocate(dtype, x.size);
  const v = s.data[0];
  const src = x.data;
  for (let i = 0; i < src.length; i++) out[i] = src[i] * v;
  return new Tensor(out, x.shape);
}

/**
 * numpy's `np.dot`: a 0-d operand scales the other; 1-D · 1-D is the inner
 * product (0-d); 2-D · 2-D is the matrix product; N-D · 1-D sums over the last
 * axes; N-D · M-D (M ≥ 2) sums over the last axis of `a` and the second-to-last
 * of `b`, giving shape `a.shape[:-1] + b.shape[:-2] + b.shape[-1:]` (no batch
 * broadcasting, unlike {@link matmul}). Dtype as {@link matmul}.
 * @example dot(Tensor.from([1, 2, 3]), Tensor.from([4, 5, 6])).item() // 32
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0) return scale(b, a);
  if (b.ndim === 0) return scale(a, b);
  if (a.ndim === 1 || b.ndim <= 2) return matmul(a, b);
  const k = a.shape[a.ndim - 1];
  const kb = b.shape[b.ndim - 2];
  if (k !== kb) {
    throw new ShapeError(
      `dot: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} are not aligned: dimension ${a.ndim - 1} of the first (${k}) must equal dimension ${b.ndim - 2} of the second (${kb})`,
    );
  }
  const outShape = [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), b.shape[b.ndim - 1]];
  if (k === 0) return new Tensor(allocate(productDtype(a, b), shapeSize(outShape)), outShape);
  // Bring b's contracted axis to the front: [k, ...batch, n] viewed as k x (batch*n).
  const nd = b.ndim;
  const perm = [nd - 2, ...b.shape.slice(0, nd - 2).map((_, i) => i), nd - 1];
  const b2 = transpose(b, perm).reshape(k, b.size / k);
  return matmul(a.reshape(a.size / k, k), b2).reshape(outShape);
}

/**
 * Outer product of the flattened operands: `out[i, j] = a[i] * b[j]`, shape
 * `[a.size, b.size]`. Dtype as {@link matmul}.
 * @example outer(Tensor.from([1, 2]), Tensor.from([3, 4, 5])).toArray() // [[3, 4, 5], [6, 8, 10]]
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  const dtype = productDtype(a, b);
  const m = a.size;
  const n = b.size;
  const out = allocate(dtype, m * n);
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < m; i++) {
    const xi = x[i];
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = xi * y[j];
  }
  return new Tensor(out, [m, n]);
}
