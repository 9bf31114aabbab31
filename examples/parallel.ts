// Parallel: nJobs gives the same results as nJobs: 1; runInPool runs your own tasks on shared data.
// This file is also its own handler module: the workers import it for `setup` and `run`.
import assert from 'node:assert/strict';
import { isMainThread } from 'node:worker_threads';
import { ValidationError } from 'typelearn/base';
import { loadDataset } from 'typelearn/data';
import { Ridge } from 'typelearn/linear-model';
import { crossValidate } from 'typelearn/model-selection';
import { closeReusablePools, fromShared, runInPool, type SharedTensor, shareTensor } from 'typelearn/parallel';
import type { Tensor } from 'typelearn/tensor';

/** One task: the sum of squares of rows [from, to) of the shared matrix. */
interface Task {
  from: number;
  to: number;
}

// Module state lives as long as the worker: it counts the maps this worker has set up.
let setups = 0;

/** Runs once per worker and map: views the shared matrix (no copy). */
export function setup(context: { X: SharedTensor }): { X: Tensor; setups: number } {
  setups++;
  return { X: fromShared(context.X), setups };
}

/** Runs per task, in a worker; what it throws comes back to the caller as the same error class. */
export function run(task: Task, state: { X: Tensor; setups: number }): { sum: number; setups: number } {
  const [rows, cols] = state.X.shape;
  if (!(task.from >= 0 && task.to <= rows && task.from < task.to)) {
    throw new ValidationError(`rows [${task.from}, ${task.to}) are outside the ${rows} rows of X`);
  }
  const data = state.X.data;
  let sum = 0;
  for (let i = task.from * cols; i < task.to * cols; i++) sum += data[i] * data[i];
  return { sum, setups: state.setups };
}

// The workers import this file too: only the main thread runs the program below.
if (isMainThread) {
  const { data, target } = loadDataset('diabetes');

  // 1. nJobs: the same scores whether the fits run inline (1) or on two threads.
  const options = { cv: 5, scoring: ['r2', 'neg_mean_squared_error'] } as const;
  const inline = await crossValidate(new Ridge(), data, target, { ...options, nJobs: 1 });
  const threaded = await crossValidate(new Ridge(), data, target, { ...options, nJobs: 2 });
  assert.deepEqual(threaded.test, inline.test);

  // 2. runInPool with a handler module: X is copied into shared memory once, every worker views it.
  const X = data; // a [442, 10] float64 Tensor
  const n = X.shape[0];
  const tasks: Task[] = Array.from({ length: Math.ceil(n / 50) }, (_, k) => ({
    from: k * 50,
    to: Math.min(n, k * 50 + 50),
  }));
  const handler = new URL(import.meta.url);
  const context = { X: shareTensor(X) };
  const first = await runInPool<{ sum: number; setups: number }>(tasks, { size: 2, handler, context });
  let expected = 0;
  for (const v of X.data) expected += v * v;
  const total = first.reduce((s, r) => s + r.sum, 0); // results come back in task order
  assert.ok(Math.abs(total - expected) < 1e-9 * expected);

  // The workers are kept (reuse: true is the default): the second call finds them warm,
  // with this module already loaded, so a worker's setup count goes on from the first call.
  const second = await runInPool<{ sum: number; setups: number }>(tasks, { size: 2, handler, context });
  assert.deepEqual(
    second.map((r) => r.sum),
    first.map((r) => r.sum),
  );
  assert.ok(second.some((r) => r.setups >= 2));

  // A task error rejects the call with the same class and message (and closes that pool).
  await assert.rejects(runInPool([{ from: 400, to: 500 }], { size: 2, handler, context }), (error: unknown) => {
    return error instanceof ValidationError && /outside the 442 rows/.test(error.message);
  });

  // Kept workers never hold the process open; closing them is still tidy at the end.
  await closeReusablePools();
  console.log(`sum of squares ${total.toFixed(3)} from ${tasks.length} tasks on 2 workers`);
}
