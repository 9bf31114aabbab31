/**
 * `typelearn/linalg`: dense linear algebra in float64 — GEMM, triangular and
 * general solves, Cholesky, LU, QR, SVD, symmetric eigendecomposition, least
 * squares, pseudo-inverse, determinants, norms, rank and condition numbers.
 *
 * Every public function accepts a 2-D `Tensor` (any dtype) or `number[][]`,
 * computes in float64 and returns float64 Tensors (like scipy's LAPACK
 * wrappers, float32 input is not narrowed back). Each is built on a kernel
 * (`*InPlace`, `formQ`, `norm2`, …) working on row-major `Float64Array`s that
 * model code can call directly without Tensor overhead.
 *
 * @example
 * import { solve, svd, eigh } from 'typelearn/linalg';
 * solve([[3, 1], [1, 2]], [9, 8]).toArray(); // [2, 3]
 * svd([[3, 2, 2], [2, 3, -2]]).S.toArray(); // [5, 3]
 * eigh([[2, 1], [1, 2]]).eigenvalues.toArray(); // [1, 3]
 */
export type { FloatArray } from '../tensor/kernels/gemm.js';
export { gemm } from '../tensor/kernels/gemm.js';
export type { CholeskyOptions } from './cholesky.js';
export { cholesky, choleskyInPlace, choleskySolve, choleskySolveInPlace } from './cholesky.js';
export { cond } from './cond.js';
export type { SlogdetResult } from './det.js';
export { det, slogdet, slogdetInPlace } from './det.js';
export type { EighBuffers, EighOptions, EighResult } from './eigh.js';
export { eigh, eighInPlace, eigvalsh } from './eigh.js';
export { LinAlgError } from './errors.js';
export type { MatrixInput, RhsInput, VectorInput } from './input.js';
export type { LstsqBuffers, LstsqOptions, LstsqResult } from './lstsq.js';
export { lstsq, lstsqInPlace } from './lstsq.js';
export type { LUFactorization, LUResult, LUSolveOptions } from './lu.js';
export { lu, luFactor, luFactorInPlace, luSolve, luSolveInPlace, pivotsToPermutation } from './lu.js';
export type { NormOrder } from './norm.js';
export { norm, norm2 } from './norm.js';
export type { PinvOptions } from './pinv.js';
export { pinv, pinvInPlace } from './pinv.js';
export type { QROptions, QRResult } from './qr.js';
export { applyQTransposeInPlace, formQ, householderQRInPlace, qr } from './qr.js';
export type { MatrixRankOptions } from './rank.js';
export { matrixRank } from './rank.js';
export type { SolveOptions } from './solve.js';
export { inv, solve, solveInPlace } from './solve.js';
export type { SvdBuffers, SvdOptions, SvdResult } from './svd.js';
export { jacobiOrthogonalizeRows, svd, svdInPlace } from './svd.js';
export type { TriangularSolveOptions } from './triangular.js';
export { triangularSolve, triangularSolveInPlace } from './triangular.js';
