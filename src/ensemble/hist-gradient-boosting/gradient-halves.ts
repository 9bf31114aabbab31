/**
 * The gradient pass of a boosting iteration in two halves of the rows, the second
 * on the companion thread when one runs (`boosting-worker.ts`). The halves are
 * the same with one thread or two, and the mean loss is combined from the
 * halves' weighted sums in the same order, so a fit gives identical numbers
 * either way.
 */
import type { Companion } from '../../parallel/companion.js';
import { GRADIENT, GradientArgs, type GradientArrays, gradientRange } from './boosting-worker.js';
import type { HgbLoss } from './loss.js';

/** Below this many rows the pass runs whole (the split costs more than it saves). */
const MIN_SPLIT_ROWS = 4096;

/**
 * Fills `a.grad`/`a.hess` for all rows with `loss.gradientHessian`; with `withLoss`
 * returns the weighted mean loss, else NaN. Losses that can work on a row range
 * (single-output ones, and multiclass log-loss) run as two halves when there are enough rows (the second on `companion` if given, whose context must hold
 * these same arrays); `sumW` are the halves' weight sums (see {@link halfWeightSums}).
 * @example const trainLoss = gradientHessianHalves(loss, arrays, true, companion, sumW);
 */
export function gradientHessianHalves(
  loss: HgbLoss,
  a: GradientArrays,
  withLoss: boolean,
  companion: Companion | null,
  sumW: [number, number],
): number {
  const n = a.y.length;
  const splittable = loss.nTreesPerIteration === 1 || loss.gradientHessianRows !== undefined;
  if (!splittable || n < MIN_SPLIT_ROWS) {
    return loss.gradientHessian(a.y, a.raw, a.w ?? undefined, a.grad, a.hess, withLoss);
  }
  const half = n >> 1;
  const helper = companion?.share() ? companion : null;
  let second = 0;
  if (helper !== null) {
    const args = helper.args;
    args[GradientArgs.lo] = half;
    args[GradientArgs.hi] = n;
    args[GradientArgs.withLoss] = withLoss ? 1 : 0;
    helper.request(GRADIENT);
  } else {
    second = gradientRange(loss, a, half, n, withLoss);
  }
  const first = gradientRange(loss, a, 0, half, withLoss);
  if (helper !== null) {
    helper.wait();
    second = helper.args[GradientArgs.loss];
  }
  if (!withLoss) return Number.NaN;
  // A half with zero total weight has a NaN mean and adds nothing.
  const s0 = sumW[0] === 0 ? 0 : first * sumW[0];
  const s1 = sumW[1] === 0 ? 0 : second * sumW[1];
  return (s0 + s1) / (sumW[0] + sumW[1]);
}

/**
 * The weight sums of the two halves {@link gradientHessianHalves} uses (row counts when unweighted).
 * @example halfWeightSums(6, null) // [3, 3]
 */
export function halfWeightSums(n: number, w: Float64Array | null): [number, number] {
  const half = n >> 1;
  if (w === null) return [half, n - half];
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < half; i++) s0 += w[i];
  for (let i = half; i < n; i++) s1 += w[i];
  return [s0, s1];
}
