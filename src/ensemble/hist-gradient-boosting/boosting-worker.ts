/**
 * The companion side of a two-thread boosting fit (see `parallel/companion.ts`):
 * a kept pool worker instantiates the histogram kernel on the fit's shared
 * WebAssembly memory and, on request, builds the histograms of a range of
 * features while the fitting thread builds the others of the same node (each
 * bin still gets its samples in sample order, so histograms are bit-identical
 * to one thread's), or computes the gradients of the second half of the rows
 * (`gradient-halves.ts`). Not part of the public API.
 */
import { serveCompanion } from '../../parallel/companion.js';
import { type HistogramKernel, instantiateHistogramKernel } from './histogram-kernel.js';
import { type HgbLoss, type HgbLossSpec, lossFromSpec } from './loss.js';

/** Arrays of the gradient pass, on shared memory (`w` null when unweighted). */
export interface GradientArrays {
  y: Float64Array;
  raw: Float64Array;
  w: Float64Array | null;
  grad: Float64Array;
  hess: Float64Array;
}

/** What the fitting thread sends once per fit. */
export interface BoostingWorkerContext {
  memory: WebAssembly.Memory;
  /** The loss and the arrays of the gradient pass, or null when gradients stay on the fitting thread. */
  gradients: (GradientArrays & { spec: HgbLossSpec }) | null;
}

/** Request: build features `[f0, f0 + nf)`; arguments in {@link BuildArgs}' slots. */
export const BUILD = 1;

/**
 * Argument slots of a {@link BUILD} request (byte addresses in the shared memory):
 * `rows` (first bin of feature f0 in row 0), `p` (row stride), `nf`, `idx`, `start`,
 * `end`, `gh`, `hist` (histogram of feature f0), `stride` (bytes per feature's histogram).
 */
export const BuildArgs = { rows: 0, p: 1, nf: 2, idx: 3, start: 4, end: 5, gh: 6, hist: 7, stride: 8 } as const;

/** Request: gradients and hessians of rows `[lo, hi)`; arguments in {@link GradientArgs}' slots. */
export const GRADIENT = 2;

/** Argument slots of a {@link GRADIENT} request; `loss` receives the rows' mean loss (or NaN). */
export const GradientArgs = { lo: 0, hi: 1, withLoss: 2, loss: 3 } as const;

/** The worker's state for one fit. */
export interface BoostingWorkerState {
  memory: WebAssembly.Memory;
  kernel: HistogramKernel;
  loss: HgbLoss | null;
  arrays: GradientArrays | null;
}

/**
 * Instantiates the kernel on the shared memory and rebuilds the loss.
 * @example const state = setup({ memory, gradients: null });
 */
export function setup(context: BoostingWorkerContext): BoostingWorkerState {
  const kernel = instantiateHistogramKernel(context.memory);
  if (kernel === null) throw new Error('boosting worker: WebAssembly SIMD on shared memory is unavailable');
  const g = context.gradients;
  return {
    memory: context.memory,
    kernel,
    loss: g === null ? null : lossFromSpec(g.spec),
    arrays: g === null ? null : { y: g.y, raw: g.raw, w: g.w, grad: g.grad, hess: g.hess },
  };
}

/**
 * Gradients, hessians and (with `withLoss`) the mean loss of rows `[lo, hi)`.
 * @example const meanLoss = gradientRange(loss, arrays, 0, n / 2, true);
 */
export function gradientRange(loss: HgbLoss, a: GradientArrays, lo: number, hi: number, withLoss: boolean): number {
  return loss.gradientHessian(
    a.y.subarray(lo, hi),
    a.raw.subarray(lo, hi),
    a.w === null ? undefined : a.w.subarray(lo, hi),
    a.grad.subarray(lo, hi),
    a.hess.subarray(lo, hi),
    withLoss,
  );
}

/**
 * Serves requests until the fit closes the companion.
 * @example run({ control }, state);
 */
export function run(payload: { control: SharedArrayBuffer }, state: BoostingWorkerState): void {
  const { kernel, memory } = state;
  serveCompanion(payload.control, (command, a) => {
    if (command === BUILD) {
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
    } else if (command === GRADIENT && state.loss !== null && state.arrays !== null) {
      const withLoss = a[GradientArgs.withLoss] === 1;
      a[GradientArgs.loss] = gradientRange(state.loss, state.arrays, a[GradientArgs.lo], a[GradientArgs.hi], withLoss);
    } else {
      throw new Error(`boosting worker: unknown command ${command}`);
    }
  });
}
