import type { RandomGenerator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dropout } from '../functional/dropout.js';
import { Module } from '../module.js';

/**
 * Dropout with probability `p` (default 0.5) in training mode, identity in eval mode.
 * Masks come from `generator` or nn's default generator (see `manualSeed`).
 * @example new Dropout(0.2)
 */
export class Dropout extends Module {
  constructor(
    readonly p = 0.5,
    readonly generator?: RandomGenerator,
  ) {
    super();
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Dropout: probability must be in [0, 1], got ${p}`);
  }
  override forward(x: Tensor): Tensor {
    return dropout(x, this.p, { training: this.training, generator: this.generator });
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
