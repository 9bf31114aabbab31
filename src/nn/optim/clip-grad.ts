/** Gradient clipping, in place on `.grad` (PyTorch's `clip_grad_norm_`/`clip_grad_value_`). */
import type { Tensor } from '../../tensor/tensor.js';

/**
 * Scales all gradients so their joint `normType`-norm (default 2; `Infinity` for max) is
 * at most `maxNorm`; returns the norm before clipping.
 * @example clipGradNorm_(model.parameters(), 1.0);
 */
export function clipGradNorm_(params: readonly Tensor[], maxNorm: number, normType = 2): number {
  let total = 0;
  for (const p of params) {
    if (p.grad === null) continue;
    const g = p.grad.data;
    if (normType === Number.POSITIVE_INFINITY)
      for (let i = 0; i < g.length; i++) total = Math.max(total, Math.abs(g[i]));
    else for (let i = 0; i < g.length; i++) total += Math.abs(g[i]) ** normType;
  }
  if (normType !== Number.POSITIVE_INFINITY) total **= 1 / normType;
  const coef = maxNorm / (total + 1e-6);
  if (coef < 1) {
    for (const p of params) {
      if (p.grad === null) continue;
      const g = p.grad.data;
      for (let i = 0; i < g.length; i++) g[i] *= coef;
    }
  }
  return total;
}

/**
 * Clamps every gradient element into `[-clipValue, clipValue]`.
 * @example clipGradValue_(model.parameters(), 0.5);
 */
export function clipGradValue_(params: readonly Tensor[], clipValue: number): void {
  for (const p of params) {
    if (p.grad === null) continue;
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) g[i] = Math.min(clipValue, Math.max(-clipValue, g[i]));
  }
}
