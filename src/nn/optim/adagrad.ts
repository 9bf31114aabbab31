import type { Tensor } from '../../tensor/tensor.js';
import { type GroupOptions, Optimizer, type ParamGroup, type ParamsInput } from './optimizer.js';

/** Hyper-parameters of {@link Adagrad}. */
export interface AdagradOptions extends GroupOptions {
  /** Default 0. */
  lrDecay: number;
  /** Default 0. */
  weightDecay: number;
  /** Starting value of the squared-gradient sum. Default 0. */
  initialAccumulatorValue: number;
  /** Default 1e-10. */
  eps: number;
}

/**
 * Adagrad (PyTorch's `torch.optim.Adagrad`, default lr 1e-2): `s += g^2`,
 * `p -= lr / (1 + (t - 1) lrDecay) * g / (sqrt(s) + eps)`.
 * @example const opt = new Adagrad(model.parameters(), { lr: 0.05 });
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(params, { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, ...options });
  }

  protected update(
    p: Tensor,
    grad: Tensor,
    group: ParamGroup<AdagradOptions>,
    state: Record<string, Float64Array | Float32Array | number>,
  ): void {
    const { lr, lrDecay, weightDecay, initialAccumulatorValue, eps } = group;
    if (state.sum === undefined) {
      state.step = 0;
      state.sum = this.buffer(p).fill(initialAccumulatorValue);
    }
    const t = (state.step as number) + 1;
    state.step = t;
    const s = state.sum as Float64Array;
    const clr = lr / (1 + (t - 1) * lrDecay);
    const w = p.data;
    const g = grad.data;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i] + weightDecay * w[i];
      s[i] += gi * gi;
      w[i] -= (clr * gi) / (Math.sqrt(s[i]) + eps);
    }
  }
}
