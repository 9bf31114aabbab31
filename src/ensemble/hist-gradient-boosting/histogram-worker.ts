/**
 * The companion side of two-thread histogram building (see `histogram-space.ts`):
 * a kept pool worker instantiates the histogram kernel on the fit's shared
 * WebAssembly memory and builds the histograms of a range of features on each
 * request, while the fitting thread builds the other features of the same node.
 * Each bin still gets its samples in sample order, so the histograms are
 * bit-identical to one thread's. Not part of the public API.
 */
import { serveCompanion } from '../../parallel/companion.js';
import { type HistogramKernel, instantiateHistogramKernel } from './histogram-kernel.js';

/** What the fitting thread sends once per fit. */
export interface HistogramWorkerContext {
  memory: WebAssembly.Memory;
}

/** Request: build features `[f0, f0 + nf)`; the arguments are {@link BuildArgs}' slots. */
export const BUILD = 1;

/**
 * Argument slots of a {@link BUILD} request (byte addresses in the shared memory):
 * `rows` (first bin of feature f0 in row 0), `p` (row stride), `nf`, `idx`, `start`,
 * `end`, `gh`, `hist` (histogram of feature f0), `stride` (bytes per feature's histogram).
 */
export const BuildArgs = { rows: 0, p: 1, nf: 2, idx: 3, start: 4, end: 5, gh: 6, hist: 7, stride: 8 } as const;

/** The worker's state for one fit. */
export interface HistogramWorkerState {
  memory: WebAssembly.Memory;
  kernel: HistogramKernel;
}

/**
 * Instantiates the kernel on the shared memory.
 * @example const state = setup({ memory });
 */
export function setup(context: HistogramWorkerContext): HistogramWorkerState {
  const kernel = instantiateHistogramKernel(context.memory);
  if (kernel === null) throw new Error('histogram worker: WebAssembly SIMD on shared memory is unavailable');
  return { memory: context.memory, kernel };
}

/**
 * Serves build requests until the fit closes the companion.
 * @example run({ control }, state);
 */
export function run(payload: { control: SharedArrayBuffer }, state: HistogramWorkerState): void {
  const { kernel, memory } = state;
  serveCompanion(payload.control, (command, a) => {
    if (command !== BUILD) throw new Error(`histogram worker: unknown command ${command}`);
    const hist = a[BuildArgs.hist];
    const stride = a[BuildArgs.stride];
    const nf = a[BuildArgs.nf];
    new Float64Array(memory.buffer, hist, (nf * stride) / 8).fill(0);
    kernel.accumulate(
      a[BuildArgs.rows],
      a[BuildArgs.p],
      nf,
      a[BuildArgs.idx],
      a[BuildArgs.start],
      a[BuildArgs.end],
      a[BuildArgs.gh],
      hist,
      stride,
    );
  });
}
