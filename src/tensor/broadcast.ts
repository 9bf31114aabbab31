/**
 * Broadcast loop planning shared by the elementwise ops: turns a broadcast of
 * several contiguous operands into the fewest, longest inner rows, so the hot
 * loops run over long stretches and the index bookkeeping runs once per row.
 */
import type { Shape } from './shape.js';

/** A collapsed loop nest: `shape` of the output and, per operand, its element strides. */
export interface LoopNest {
  /** Dimensions of the loop nest (size-1 dimensions removed, contiguous runs merged); `[]` for one element. */
  shape: number[];
  /** One stride array per operand, aligned with `shape`. */
  strides: number[][];
}

/**
 * Simplifies a loop nest over `shape` with per-operand `strides`: drops size-1
 * dimensions (their stride never matters) and merges neighbouring dimensions
 * that every operand walks contiguously.
 * @example collapseDims([2, 3, 4], [[12, 4, 1], [0, 0, 1]]) // { shape: [6, 4], strides: [[4, 1], [0, 1]] }
 */
export function collapseDims(shape: Shape, strides: readonly (readonly number[])[]): LoopNest {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d];
    if (n === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    for (let k = 0; k < strides.length && mergeable; k++) {
      // The previous dimension can absorb this one when stepping it once equals
      // stepping this one `n` times, for every operand.
      if (outStrides[k][last] !== strides[k][d] * n) mergeable = false;
    }
    if (mergeable) {
      outShape[last] *= n;
      for (let k = 0; k < strides.length; k++) outStrides[k][last] = strides[k][d];
    } else {
      outShape.push(n);
      for (let k = 0; k < strides.length; k++) outStrides[k].push(strides[k][d]);
    }
  }
  return { shape: outShape, strides: outStrides };
}
