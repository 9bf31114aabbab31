import { DTypeError, ShapeError } from '../errors.js';
import { gemv } from './js/gemv.js';
import { type BackendName, getBackend, getKernel, isBackendAvailable } from './registry.js';
import type { FloatArray } from './types.js';

export type { FloatArray } from './types.js';

/**
 * In `'auto'` mode, products with `m * n * k` below this run on the `js` backend: packing
 * and the WASM call overhead outweigh SIMD for tiny matrices (crossover measured between
 * 12^3 and 16^3).
 */
const WASM_MIN_WORK = 16 * 16 * 16;

/**
 * The backend {@link gemm} runs an `m x n x k` product on under the current setting
 * (`setBackend`): fused kernels that reproduce a GEMM's arithmetic use it to stay
 * bit-identical with the plain op.
 *
 * @example
 * if (gemmBackendFor(32, 2704, 9) === 'wasm') runFusedKernel();
 */
export function gemmBackendFor(m: number, n: number, k: number): BackendName {
  const setting = getBackend();
  if (setting !== 'auto') return setting;
  return m * n * k >= WASM_MIN_WORK && isBackendAvailable('wasm') ? 'wasm' : 'js';
}

function checkSize(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new ShapeError(`gemm: ${name} = ${v} must be a non-negative integer`);
}

function checkOperand(name: string, arr: FloatArray, rows: number, cols: number, ld: number): void {
  if (rows === 0 || cols === 0) return;
  if (!Number.isInteger(ld) || ld < cols) {
    throw new ShapeError(`gemm: ld${name} = ${ld} must be an integer >= ${cols} (the row length of ${name})`);
  }
  const need = (rows - 1) * ld + cols;
  if (arr.length < need) {
    throw new ShapeError(
      `gemm: ${name} has ${arr.length} elements, needs ${need} for ${rows} x ${cols} with ld${name} = ${ld}`,
    );
  }
}

/**
 * General matrix multiply, row-major: `C = alpha * op(A) @ op(B) + beta * C`, where
 * `op(A)` is `m x k` (A stored `m x k` with row stride `lda`, or `k x m` when `transA`),
 * `op(B)` is `k x n` (stored `k x n` with row stride `ldb`, or `n x k` when `transB`),
 * and C is `m x n` with row stride `ldc`.
 *
 * BLAS semantics: with `beta === 0` C is only written (NaN in C does not propagate); with
 * `k === 0` or `alpha === 0`, A and B are not read and `C = beta * C`. A, B and C must all be
 * Float32Array or all Float64Array (else `DTypeError`); strides smaller than a row or arrays
 * too short throw `ShapeError`. Runs on the backend chosen by `setBackend` (`'auto'` by
 * default: WebAssembly SIMD for all but tiny products when available, plain TS otherwise).
 *
 * @example
 * const a = new Float64Array([1, 2, 3, 4]); // 2 x 2
 * const b = new Float64Array([5, 6, 7, 8]); // 2 x 2
 * const c = new Float64Array(4);
 * gemm(false, false, 2, 2, 2, 1, a, 2, b, 2, 0, c, 2); // c = [19, 22, 43, 50]
 */
export function gemm(
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
): void {
  checkSize('m', m);
  checkSize('n', n);
  checkSize('k', k);
  if (
    !(c instanceof Float32Array || c instanceof Float64Array) ||
    !(a instanceof c.constructor) ||
    !(b instanceof c.constructor)
  ) {
    const kind = (x: unknown) => (x as object)?.constructor?.name ?? typeof x;
    throw new DTypeError(
      `gemm: A, B and C must all be Float32Array or all Float64Array, got ${kind(a)}, ${kind(b)}, ${kind(c)}`,
    );
  }
  checkOperand('a', a, transA ? k : m, transA ? m : k, lda);
  checkOperand('b', b, transB ? n : k, transB ? k : n, ldb);
  checkOperand('c', c, m, n, ldc);

  // Matrix-vector products are memory-bound: one TS kernel serves every backend.
  if (n === 1 && m > 0 && k > 0 && alpha !== 0) {
    gemv(transA, transB, m, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  getKernel('gemm', gemmBackendFor(m, n, k))(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
