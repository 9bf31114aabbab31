/**
 * A companion handler for the companion tests (loaded by a pool worker): command 1
 * adds `args[1]` to `data[args[0]]` of the shared data, 2 records the worker's
 * thread id, 3 throws a RangeError, 4 keeps the thread busy for `args[0]` ms.
 */
import { threadId } from 'node:worker_threads';
import { serveCompanion } from '../../src/parallel/companion.js';

export function setup(context: { data: SharedArrayBuffer }): { data: Float64Array } {
  return { data: new Float64Array(context.data) };
}

export function run(payload: { control: SharedArrayBuffer }, state: { data: Float64Array }): void {
  serveCompanion(payload.control, (command, args) => {
    if (command === 1) state.data[args[0]] += args[1];
    else if (command === 2) args[2] = threadId;
    else if (command === 4) {
      const until = performance.now() + args[0];
      while (performance.now() < until) {}
    } else throw new RangeError(`bad command ${command}`);
  });
}
