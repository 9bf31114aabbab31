/** Pooling layers over NCHW input: MaxPool2d, AvgPool2d, AdaptiveAvgPool2d. */
import type { Tensor } from '../../tensor/tensor.js';
import type { Pair } from '../functional/conv.js';
import { adaptiveAvgPool2d, avgPool2d, maxPool2d, type Pool2dOptions } from '../functional/pool.js';
import { Module } from '../module.js';

/**
 * Max pooling; `stride` defaults to the kernel size.
 * @example new MaxPool2d(2).forward(x) // halves H and W
 */
export class MaxPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: Pool2dOptions = {},
  ) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return maxPool2d(x, this.kernelSize, this.options);
  }
}

/**
 * Average pooling; `countIncludePad` (default true) divides by the full window.
 * @example new AvgPool2d(3, { stride: 2, padding: 1 })
 */
export class AvgPool2d extends Module {
  constructor(
    readonly kernelSize: Pair,
    readonly options: Pool2dOptions = {},
  ) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return avgPool2d(x, this.kernelSize, this.options);
  }
}

/**
 * Adaptive average pooling to a fixed output size.
 * @example new AdaptiveAvgPool2d(1).forward(features).shape // [N, C, 1, 1]
 */
export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: Pair) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }
}
