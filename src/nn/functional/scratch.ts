/**
 * Reusable scratch buffers for the temporaries of the big ops (im2col matrices, GEMM
 * outputs before a transpose). Allocating a fresh multi-megabyte typed array on every
 * call costs more than the arithmetic (the allocator maps fresh pages, the kernel zeroes
 * and faults them in, and the collector unmaps them later), so each slot keeps its
 * largest buffer. Only for values that never escape the call that asked for them.
 */
import type { FloatArray } from '../../tensor/kernels/gemm.js';

const f32Slots: Float32Array[] = [];
const f64Slots: Float64Array[] = [];

/**
 * A buffer of exactly `n` elements of `dtype` for slot `slot`, with unspecified
 * contents (callers write before reading). The same slot returns the same memory until a
 * larger request replaces it, so two live temporaries of one op must use two slots.
 * @example
 * const cols = scratchBuffer(0, 'float32', k * n); // overwritten by im2col before use
 */
export function scratchBuffer(slot: number, dtype: 'float32' | 'float64', n: number): FloatArray {
  if (dtype === 'float32') {
    let b = f32Slots[slot];
    if (b === undefined || b.length < n) {
      b = new Float32Array(n);
      f32Slots[slot] = b;
    }
    return b.length === n ? b : b.subarray(0, n);
  }
  let b = f64Slots[slot];
  if (b === undefined || b.length < n) {
    b = new Float64Array(n);
    f64Slots[slot] = b;
  }
  return b.length === n ? b : b.subarray(0, n);
}
