/**
 * Messages between a {@link WorkerPool} and its workers, and the shape of the
 * handler module a pool runs tasks with.
 */
import type { SerializedError } from './errors.js';

/** Pool → worker. */
export type ToWorker =
  | { type: 'init'; handler: string; context: unknown }
  | { type: 'task'; id: number; payload: unknown }
  /** The map is over: drop the handler's state (the data it viewed). */
  | { type: 'release' };

/** Worker → pool. */
export type FromWorker =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

/**
 * A module the worker imports (by URL) to run tasks: `setup` once per worker
 * and map with the map's `context` (e.g. shared data), then `run` per task.
 * @example
 * // my-handler.ts
 * export async function setup(context: { X: SharedTensor }) { return { X: fromShared(context.X) }; }
 * export async function run(payload: { row: number }, state: { X: Tensor }) { return state.X.get(payload.row, 0); }
 */
export interface TaskHandlerModule<C = unknown, S = unknown, P = unknown, R = unknown> {
  setup?(context: C): S | Promise<S>;
  run(payload: P, state: S): R | Promise<R>;
}
