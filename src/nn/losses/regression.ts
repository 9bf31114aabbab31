/** Regression loss modules (PyTorch names), thin wrappers over `nn.F`. */
import type { Tensor } from '../../tensor/tensor.js';
import { huberLoss, l1Loss, mseLoss, type RegressionLossOptions, smoothL1Loss } from '../functional/loss-regression.js';
import { Module } from '../module.js';

/**
 * Mean squared error.
 * @example new MSELoss().forward(pred, y)
 */
export class MSELoss extends Module {
  constructor(readonly options: RegressionLossOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options);
  }
}

/**
 * Mean absolute error.
 * @example new L1Loss({ reduction: 'sum' })
 */
export class L1Loss extends Module {
  constructor(readonly options: RegressionLossOptions = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return l1Loss(input, target, this.options);
  }
}

/**
 * Huber loss with `delta` (default 1).
 * @example new HuberLoss({ delta: 2 })
 */
export class HuberLoss extends Module {
  constructor(readonly options: RegressionLossOptions & { delta?: number } = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return huberLoss(input, target, this.options);
  }
}

/**
 * Smooth L1 loss with `beta` (default 1).
 * @example new SmoothL1Loss({ beta: 0.5 })
 */
export class SmoothL1Loss extends Module {
  constructor(readonly options: RegressionLossOptions & { beta?: number } = {}) {
    super();
  }
  override forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1Loss(input, target, this.options);
  }
}
