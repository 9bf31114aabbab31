/**
 * `typelearn/tensor`: the n-dimensional array, its ops, sparse matrices and the
 * seeded random generator.
 */

export * from './creation.js';
export type { DataArray, DType } from './dtype.js';
export { DTYPES, promoteScalar, promoteTypes } from './dtype.js';
export * from './elementwise.js';
export { DTypeError, ShapeError } from './errors.js';
export * from './indexing.js';
export * from './join.js';
export type { FloatArray } from './kernels/gemm.js';
export { gemm } from './kernels/gemm.js';
export { getBackend, isBackendAvailable, listBackends, setBackend } from './kernels/registry.js';
export * from './manipulation.js';
export { dot, matmul, outer } from './matmul.js';
export * from './random.js';
export * from './reduce.js';
export type { Shape } from './shape.js';
export { broadcastShapes, shapeSize } from './shape.js';
export * from './sort.js';
export * from './sparse.js';
export type {
  ArgReduceOptions,
  NestedArray,
  ReduceOptions,
  SortOptions,
  TensorLike,
  VarianceOptions,
} from './tensor.js';
export { Tensor } from './tensor.js';
