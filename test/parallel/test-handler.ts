/**
 * A task handler for the pool tests (loaded by the workers): squares numbers,
 * sums shared rows, writes into shared memory, sleeps, throws or exits on request.
 */

import { threadId } from 'node:worker_threads';
import { ValidationError } from '../../src/base/errors.js';
import { fromShared, type SharedTensor } from '../../src/parallel/shared.js';
import type { Tensor } from '../../src/tensor/tensor.js';

export interface Task {
  x: number;
  sleepMs?: number;
  fail?: 'validation' | 'range' | 'string';
  exit?: boolean;
  rowSum?: number;
  write?: number;
  /** Answer the worker's thread id (to see which worker ran the task). */
  whoami?: boolean;
  /** Answer whether this map's setup got shared data. */
  hasX?: boolean;
}

export function setup(context: { X?: SharedTensor } | undefined): { X?: Tensor } {
  return { X: context?.X === undefined ? undefined : fromShared(context.X) };
}

export async function run(task: Task, state: { X?: Tensor }): Promise<unknown> {
  if (task.sleepMs) await new Promise((resolve) => setTimeout(resolve, task.sleepMs));
  if (task.fail === 'validation') throw new ValidationError(`bad value ${task.x}`, { param: 'x', got: task.x });
  if (task.fail === 'range') throw new RangeError(`out of range ${task.x}`);
  if (task.fail === 'string') throw `plain ${task.x}`;
  if (task.exit) process.exit(3);
  if (task.whoami) return threadId;
  if (task.hasX) return state.X !== undefined;
  if (task.rowSum !== undefined && state.X) {
    const [, d] = state.X.shape;
    let s = 0;
    for (let j = 0; j < d; j++) s += state.X.data[task.rowSum * d + j];
    return s;
  }
  if (task.write !== undefined && state.X) {
    (state.X.data as Float64Array)[task.write] = -task.x;
    return null;
  }
  return task.x * task.x;
}
