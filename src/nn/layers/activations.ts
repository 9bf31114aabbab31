/**
 * Activation functions as modules (for `Sequential`): ReLU, LeakyReLU, Sigmoid, Tanh,
 * GELU, Softmax, LogSoftmax.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { gelu, leakyRelu, relu, sigmoid, tanh } from '../functional/activation.js';
import { logSoftmax, softmax } from '../functional/softmax.js';
import { Module } from '../module.js';

/**
 * `max(x, 0)`.
 * @example new Sequential(new Linear(4, 8), new ReLU())
 */
export class ReLU extends Module {
  override forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/**
 * Leaky ReLU with `negativeSlope` (default 0.01).
 * @example new LeakyReLU(0.2)
 */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negativeSlope=${this.negativeSlope}`;
  }
}

/**
 * Logistic sigmoid.
 * @example new Sigmoid().forward(x)
 */
export class Sigmoid extends Module {
  override forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

/**
 * Hyperbolic tangent.
 * @example new Tanh().forward(x)
 */
export class Tanh extends Module {
  override forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

/**
 * GELU, exact (`'none'`, default) or the tanh approximation.
 * @example new GELU('tanh')
 */
export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  override forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }
}

/**
 * Softmax along `dim` (default -1).
 * @example new Softmax(1)
 */
export class Softmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }
}

/**
 * Log-softmax along `dim` (default -1).
 * @example new LogSoftmax(1)
 */
export class LogSoftmax extends Module {
  constructor(readonly dim = -1) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return logSoftmax(x, this.dim);
  }
}
