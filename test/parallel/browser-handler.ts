/**
 * A task handler for the browser pool test, loaded by Web Workers (so no Node imports):
 * squares numbers, sums a row of shared data, or writes into it.
 */
import { fromShared, type SharedTensor } from '../../src/parallel/shared.js';
import type { Tensor } from '../../src/tensor/tensor.js';

/** One task of the browser test. */
export interface BrowserTask {
  x: number;
  rowSum?: number;
  write?: number;
  fail?: boolean;
}

export function setup(context: { X?: SharedTensor } | undefined): { X?: Tensor } {
  return { X: context?.X === undefined ? undefined : fromShared(context.X) };
}

export function run(task: BrowserTask, state: { X?: Tensor }): unknown {
  if (task.fail) throw new RangeError(`task ${task.x} failed in a Web Worker`);
  if (task.rowSum !== undefined && state.X) {
    const d = state.X.shape[1];
    let s = 0;
    for (let j = 0; j < d; j++) s += state.X.data[task.rowSum * d + j];
    return s;
  }
  if (task.write !== undefined && state.X) {
    (state.X.data as Float64Array)[task.write] = -task.x;
    return null;
  }
  // Proof of where it ran: Web Workers have no `document`.
  return { square: task.x * task.x, inWorker: typeof (globalThis as { document?: unknown }).document === 'undefined' };
}
