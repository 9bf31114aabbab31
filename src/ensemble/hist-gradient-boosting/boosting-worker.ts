/**
 * The companion side of a two-thread boosting fit (see `parallel/companion.ts`).
 * A kept pool worker instantiates the histogram kernel on the fit's shared
 * WebAssembly memory and owns the second half of the features, as OpenMP's
 * static schedule gives scikit-learn's threads the same features every time:
 * it builds their histograms, subtracts them for the larger sibling and scans
 * them for the best split, so their histograms stay in its core's cache (the
 * fitting thread reading them cost more than building them). It also
 * computes the gradients of the second half of the rows (`gradient-halves.ts`).
 * Each bin gets its samples in the same order and the best split is combined
 * as a sequential scan would pick it, so models are bit-identical to one
 * thread's. Not part of the public API.
 */
import { serveCompanion } from '../../parallel/companion.js';
import { HIST_STRIDE } from './histogram.js';
import { type HistogramKernel, instantiateHistogramKernel } from './histogram-kernel.js';
import { type HgbLoss, type HgbLossSpec, lossFromSpec } from './loss.js';
import { findNodeSplit, noSplit, type SplitContext, type SplitInfo } from './splitting.js';

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
  /** The split finder's context and the first feature the companion owns (it owns the rest). */
  split: { ctx: SplitContext; firstFeature: number; nFeatures: number } | null;
}

/** Request: histograms of features `[f0, f0 + nf)` from column-major bins; arguments in {@link BuildArgs}. */
export const BUILD = 1;

/**
 * Argument slots of a {@link BUILD} request (byte addresses in the shared memory): `binned`
 * (column f0), `n` (column length), `nf`, `idx`, `start`, `end`, `gho` (the segment's
 * gathered gradients), `hist` (histogram of feature f0), `stride` (bytes per feature's histogram).
 */
export const BuildArgs = { binned: 0, n: 1, nf: 2, idx: 3, start: 4, end: 5, gho: 6, hist: 7, stride: 8 } as const;

/** Request: gradients and hessians of rows `[lo, hi)`; arguments in {@link GradientArgs}. */
export const GRADIENT = 2;

/** Argument slots of a {@link GRADIENT} request; `loss` receives the rows' mean loss (or NaN). */
export const GradientArgs = { lo: 0, hi: 1, withLoss: 2, loss: 3 } as const;

/** Request: `out = parent - child` over `bytes` (the companion's features); arguments in {@link SubtractArgs}. */
export const SUBTRACT = 3;

/** Argument slots of a {@link SUBTRACT} request (byte addresses). */
export const SubtractArgs = { parent: 0, child: 1, out: 2, bytes: 3 } as const;

/** Request: the best split over the companion's features; arguments in {@link ScanArgs}, result in {@link SplitSlots}. */
export const SCAN = 4;

/** Argument slots of a {@link SCAN} request (`hist`: byte address of the node's histogram slot). */
export const ScanArgs = { hist: 0, n: 1, sumGrad: 2, sumHess: 3, value: 4, lower: 5, upper: 6 } as const;

/** Slots of a numeric split written back by a {@link SCAN} request. */
const SplitSlots = {
  gain: 0,
  feature: 1,
  binIdx: 2,
  missingGoToLeft: 3,
  sumGradLeft: 4,
  sumHessLeft: 5,
  nLeft: 6,
  sumGradRight: 7,
  sumHessRight: 8,
  nRight: 9,
  valueLeft: 10,
  valueRight: 11,
} as const;

/**
 * Writes a numeric split into request slots.
 * @example writeSplit(companion.args, split);
 */
export function writeSplit(args: Float64Array, s: SplitInfo): void {
  args[SplitSlots.gain] = s.gain;
  args[SplitSlots.feature] = s.feature;
  args[SplitSlots.binIdx] = s.binIdx;
  args[SplitSlots.missingGoToLeft] = s.missingGoToLeft ? 1 : 0;
  args[SplitSlots.sumGradLeft] = s.sumGradLeft;
  args[SplitSlots.sumHessLeft] = s.sumHessLeft;
  args[SplitSlots.nLeft] = s.nLeft;
  args[SplitSlots.sumGradRight] = s.sumGradRight;
  args[SplitSlots.sumHessRight] = s.sumHessRight;
  args[SplitSlots.nRight] = s.nRight;
  args[SplitSlots.valueLeft] = s.valueLeft;
  args[SplitSlots.valueRight] = s.valueRight;
}

/**
 * Reads back a split written by {@link writeSplit}.
 * @example const split = readSplit(companion.args);
 */
export function readSplit(args: Float64Array): SplitInfo {
  const s = noSplit();
  s.gain = args[SplitSlots.gain];
  s.feature = args[SplitSlots.feature];
  s.binIdx = args[SplitSlots.binIdx];
  s.missingGoToLeft = args[SplitSlots.missingGoToLeft] === 1;
  s.sumGradLeft = args[SplitSlots.sumGradLeft];
  s.sumHessLeft = args[SplitSlots.sumHessLeft];
  s.nLeft = args[SplitSlots.nLeft];
  s.sumGradRight = args[SplitSlots.sumGradRight];
  s.sumHessRight = args[SplitSlots.sumHessRight];
  s.nRight = args[SplitSlots.nRight];
  s.valueLeft = args[SplitSlots.valueLeft];
  s.valueRight = args[SplitSlots.valueRight];
  return s;
}

/** The worker's state for one fit. */
export interface BoostingWorkerState {
  memory: WebAssembly.Memory;
  kernel: HistogramKernel;
  loss: HgbLoss | null;
  arrays: GradientArrays | null;
  ctx: SplitContext | null;
  features: Int32Array;
  histSize: number;
}

/**
 * Instantiates the kernel on the shared memory and rebuilds the loss.
 * @example const state = setup({ memory, gradients: null, split: null });
 */
export function setup(context: BoostingWorkerContext): BoostingWorkerState {
  const kernel = instantiateHistogramKernel(context.memory);
  if (kernel === null) throw new Error('boosting worker: WebAssembly SIMD on shared memory is unavailable');
  const g = context.gradients;
  const split = context.split;
  const first = split?.firstFeature ?? 0;
  const p = split?.nFeatures ?? 0;
  return {
    memory: context.memory,
    kernel,
    loss: g === null ? null : lossFromSpec(g.spec),
    arrays: g === null ? null : { y: g.y, raw: g.raw, w: g.w, grad: g.grad, hess: g.hess },
    ctx: split?.ctx ?? null,
    features: Int32Array.from({ length: Math.max(0, p - first) }, (_, j) => first + j),
    histSize: split === null ? 0 : p * split.ctx.nBins * HIST_STRIDE,
  };
}

/**
 * Gradients, hessians and (with `withLoss`) the mean loss of rows `[lo, hi)`.
 * @example const meanLoss = gradientRange(loss, arrays, 0, n / 2, true);
 */
export function gradientRange(loss: HgbLoss, a: GradientArrays, lo: number, hi: number, withLoss: boolean): number {
  if (loss.nTreesPerIteration > 1 && loss.gradientHessianRows) {
    return loss.gradientHessianRows(a.y, a.raw, a.w ?? undefined, a.grad, a.hess, withLoss, lo, hi);
  }
  return loss.gradientHessian(
    a.y.subarray(lo, hi),
    a.raw.subarray(lo, hi),
    a.w === null ? undefined : a.w.subarray(lo, hi),
    a.grad.subarray(lo, hi),
    a.hess.subarray(lo, hi),
    withLoss,
  );
}

function build(state: BoostingWorkerState, a: Float64Array): void {
  const { kernel } = state;
  const hist = a[BuildArgs.hist];
  const stride = a[BuildArgs.stride];
  const nf = a[BuildArgs.nf];
  kernel.zero(hist, nf * stride);
  kernel.accumulateColumns(
    a[BuildArgs.binned],
    a[BuildArgs.n],
    nf,
    a[BuildArgs.idx],
    a[BuildArgs.start],
    a[BuildArgs.end],
    a[BuildArgs.gho],
    hist,
    stride,
  );
}

function scan(state: BoostingWorkerState, a: Float64Array): void {
  const { ctx, memory } = state;
  if (ctx === null) throw new Error('boosting worker: no split context for a scan');
  const hist = new Float64Array(memory.buffer, a[ScanArgs.hist], state.histSize);
  const best = findNodeSplit(
    hist,
    state.features,
    a[ScanArgs.n],
    a[ScanArgs.sumGrad],
    a[ScanArgs.sumHess],
    a[ScanArgs.value],
    a[ScanArgs.lower],
    a[ScanArgs.upper],
    ctx,
  );
  writeSplit(a, best);
}

/**
 * Serves requests until the fit closes the companion.
 * @example run({ control }, state);
 */
export function run(payload: { control: SharedArrayBuffer }, state: BoostingWorkerState): void {
  serveCompanion(payload.control, (command, a) => {
    if (command === BUILD) build(state, a);
    else if (command === SUBTRACT) {
      state.kernel.subtract(a[SubtractArgs.parent], a[SubtractArgs.child], a[SubtractArgs.out], a[SubtractArgs.bytes]);
    } else if (command === SCAN) scan(state, a);
    else if (command === GRADIENT && state.loss !== null && state.arrays !== null) {
      const withLoss = a[GradientArgs.withLoss] === 1;
      a[GradientArgs.loss] = gradientRange(state.loss, state.arrays, a[GradientArgs.lo], a[GradientArgs.hi], withLoss);
    } else {
      throw new Error(`boosting worker: unknown command ${command}`);
    }
  });
}
