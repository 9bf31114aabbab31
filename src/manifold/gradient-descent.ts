/**
 * t-SNE's optimiser (scikit-learn's `_t_sne._gradient_descent`): gradient
 * descent with momentum and per-parameter adaptive gains (Jacobs' delta-bar-
 * delta: +0.2 when the step keeps its direction, ×0.8 when it flips, floored
 * at `minGain`), with the error checked every `nIterCheck` iterations.
 */

/** Objective: fills `grad` at `p`, returns the error (NaN when not asked for). */
export type Objective = (p: Float64Array, grad: Float64Array, computeError: boolean) => number;

/** Options of {@link gradientDescent}; see sklearn's `_gradient_descent`. */
export interface GradientDescentOptions {
  /** First iteration index. */
  it: number;
  /** Stop before this iteration index. */
  nIter: number;
  /** Check the error and gradient norm every this many iterations. Default 50. */
  nIterCheck?: number;
  /** Stop after this many iterations without improvement (checked at checkpoints). */
  nIterWithoutProgress: number;
  momentum: number;
  learningRate: number;
  /** Default 0.01. */
  minGain?: number;
  /** Stop when the gradient norm falls to this. */
  minGradNorm: number;
  /** Called at every checkpoint (abort checks, progress). */
  onCheck?: (it: number, error: number) => void;
}

/**
 * Minimises `objective` from `p` (updated in place); returns the last error
 * and the last iteration index (sklearn's `(p, error, i)`).
 * @example const { error, it } = gradientDescent(obj, p, { it: 0, nIter: 250, nIterWithoutProgress: 250, momentum: 0.5, learningRate: 200, minGradNorm: 1e-7 });
 */
export function gradientDescent(
  objective: Objective,
  p: Float64Array,
  options: GradientDescentOptions,
): { error: number; it: number } {
  const { nIter, nIterWithoutProgress, momentum, learningRate, minGradNorm, onCheck } = options;
  const nIterCheck = options.nIterCheck ?? 50;
  const minGain = options.minGain ?? 0.01;
  const m = p.length;
  const update = new Float64Array(m);
  const gains = new Float64Array(m).fill(1);
  const grad = new Float64Array(m);
  let error = Number.MAX_VALUE;
  let bestError = Number.MAX_VALUE;
  let bestIter = options.it;
  let last = options.it;
  for (let i = options.it; i < nIter; i++) {
    last = i;
    const check = (i + 1) % nIterCheck === 0;
    error = objective(p, grad, check || i === nIter - 1);
    let norm2 = 0;
    for (let t = 0; t < m; t++) {
      const g = grad[t];
      let gain = update[t] * g < 0 ? gains[t] + 0.2 : gains[t] * 0.8;
      if (gain < minGain) gain = minGain;
      gains[t] = gain;
      const gg = g * gain;
      norm2 += gg * gg;
      const u = momentum * update[t] - learningRate * gg;
      update[t] = u;
      p[t] += u;
    }
    if (check) {
      onCheck?.(i, error);
      if (error < bestError) {
        bestError = error;
        bestIter = i;
      } else if (i - bestIter > nIterWithoutProgress) break;
      if (Math.sqrt(norm2) <= minGradNorm) break;
    }
  }
  return { error, it: last };
}
