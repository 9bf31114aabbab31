import type { Tensor } from '../../tensor/tensor.js';
import { type GroupOptions, Optimizer, type ParamGroup, type ParamsInput } from './optimizer.js';

/** Hyper-parameters of {@link RMSprop}. */
export interface RMSpropOptions extends GroupOptions {
  /** Smoothing constant. Default 0.99. */
  alpha: number;
  /** Default 1e-8. */
  eps: number;
  /** Default 0. */
  weightDecay: number;
  /** Default 0. */
  momentum: number;
  /** Normalise by the centred second moment. Default `false`. */
  centered: boolean;
}

/**
 * RMSprop (PyTorch's `torch.optim.RMSprop`, default lr 1e-2): `v = a v + (1 - a) g^2`,
 * `p -= lr g / (sqrt(v) + eps)`, with optional centring and momentum.
 * @example const opt = new RMSprop(model.parameters(), { lr: 1e-3 });
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(params, { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, ...options });
  }

  protected update(
    p: Tensor,
    grad: Tensor,
    group: ParamGroup<RMSpropOptions>,
    state: Record<string, Float64Array | Float32Array | number>,
  ): void {
    const { lr, alpha, eps, weightDecay, momentum, centered } = group;
    if (state.squareAvg === undefined) {
      state.squareAvg = this.buffer(p);
      if (momentum > 0) state.momentumBuffer = this.buffer(p);
      if (centered) state.gradAvg = this.buffer(p);
    }
    const v = state.squareAvg as Float64Array;
    const buf = state.momentumBuffer as Float64Array | undefined;
    const ga = state.gradAvg as Float64Array | undefined;
    const w = p.data;
    const g = grad.data;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i] + weightDecay * w[i];
      v[i] = alpha * v[i] + (1 - alpha) * gi * gi;
      let avg: number;
      if (ga !== undefined) {
        ga[i] = alpha * ga[i] + (1 - alpha) * gi;
        avg = Math.sqrt(v[i] - ga[i] * ga[i]) + eps;
      } else avg = Math.sqrt(v[i]) + eps;
      if (buf !== undefined) {
        buf[i] = momentum * buf[i] + gi / avg;
        w[i] -= lr * buf[i];
      } else w[i] -= (lr * gi) / avg;
    }
  }
}
