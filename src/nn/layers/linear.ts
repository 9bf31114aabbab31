import { zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import type { RandomGenerator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { castLike } from '../functional/grad-utils.js';
import { linear } from '../functional/matmul.js';
import { kaimingUniform_, uniform_ } from '../init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Learn an additive bias. Default `true`. */
  bias?: boolean;
  /** Parameter dtype. Default `'float32'`. */
  dtype?: DType;
  /** Generator for the initial values. Default: nn's default generator. */
  generator?: RandomGenerator;
}

/**
 * Fully connected layer `y = x W^T + b` (PyTorch's `nn.Linear`): `weight` `(out, in)`,
 * `bias` `(out)`, both initialised U(-1/sqrt(in), 1/sqrt(in)) (kaiming_uniform with
 * a = sqrt(5)). Inputs of another float dtype are converted at the boundary.
 * @example
 * const fc = new Linear(784, 64);
 * fc.forward(x).shape; // [batch, 64]
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    if (!Number.isInteger(inFeatures) || inFeatures <= 0 || !Number.isInteger(outFeatures) || outFeatures <= 0) {
      throw new RangeError(`Linear: feature counts must be positive integers, got (${inFeatures}, ${outFeatures})`);
    }
    const dtype = options.dtype ?? 'float32';
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(
      kaimingUniform_(zeros([outFeatures, inFeatures], dtype), Math.sqrt(5), options.generator),
    );
    const bound = 1 / Math.sqrt(inFeatures);
    this.bias =
      options.bias === false
        ? null
        : new Parameter(uniform_(zeros([outFeatures], dtype), -bound, bound, options.generator));
  }

  override forward(x: Tensor): Tensor {
    return linear(castLike(x, this.weight), this.weight, this.bias, 'Linear');
  }

  override extraRepr(): string {
    return `in=${this.inFeatures}, out=${this.outFeatures}, bias=${this.bias !== null}`;
  }
}
