/** Float arrays GEMM works on; A, B and C must all be the same type. */
export type FloatArray = Float32Array | Float64Array;

/**
 * A GEMM kernel: `C = alpha * op(A) @ op(B) + beta * C`, row-major, with the argument
 * order and meaning of {@link gemm} (see `kernels/gemm.ts`). Kernels may assume the
 * arguments were validated (sizes non-negative, strides and lengths sufficient, one array
 * type) and need not special-case anything.
 *
 * @example
 * const kernel: GemmKernel = getKernel('gemm', 'js');
 * kernel(false, false, 1, 1, 1, 1, new Float64Array([2]), 1, new Float64Array([3]), 1, 0, out, 1);
 */
export type GemmKernel = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
) => void;
