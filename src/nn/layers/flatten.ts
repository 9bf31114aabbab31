import type { Tensor } from '../../tensor/tensor.js';
import { flatten } from '../functional/shape.js';
import { Module } from '../module.js';

/**
 * Flattens dims `startDim..endDim` (defaults 1 and -1, keeping the batch dim).
 * @example new Flatten().forward(images).shape // [N, C*H*W]
 */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  override forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}
