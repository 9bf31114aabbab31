import type { Tensor } from '../../tensor/tensor.js';
import { type GroupOptions, Optimizer, type ParamGroup, type ParamsInput } from './optimizer.js';

/** Hyper-parameters of {@link SGD}. */
export interface SGDOptions extends GroupOptions {
  /** Default 0. */
  momentum: number;
  /** Default 0 (not applied on the first step). */
  dampening: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay: number;
  /** Nesterov momentum. Default `false`. */
  nesterov: boolean;
}

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov and weight decay
 * (PyTorch's `torch.optim.SGD`): `g += wd p`; `buf = g` (first step) then
 * `buf = m buf + (1 - dampening) g`; `g = nesterov ? g + m buf : buf`; `p -= lr g`.
 * @example const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> & { lr: number }) {
    super(params, { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, ...options });
    if (options.nesterov && ((options.momentum ?? 0) <= 0 || (options.dampening ?? 0) !== 0)) {
      throw new RangeError('SGD: Nesterov momentum requires a momentum > 0 and zero dampening');
    }
  }

  protected update(
    p: Tensor,
    grad: Tensor,
    group: ParamGroup<SGDOptions>,
    state: Record<string, Float64Array | Float32Array | number>,
  ): void {
    const { lr, momentum, dampening, weightDecay, nesterov } = group;
    const w = p.data;
    const g = grad.data;
    let buf = state.momentumBuffer as Float64Array | Float32Array | undefined;
    const first = buf === undefined;
    if (momentum !== 0 && buf === undefined) {
      buf = this.buffer(p);
      state.momentumBuffer = buf;
    }
    for (let i = 0; i < w.length; i++) {
      let d = g[i] + weightDecay * w[i];
      if (buf !== undefined) {
        buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
        d = nesterov ? d + momentum * buf[i] : buf[i];
      }
      w[i] -= lr * d;
    }
  }
}
