import { zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import type { RandomGenerator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { conv2d, type Pair, pair } from '../functional/conv.js';
import { castLike } from '../functional/grad-utils.js';
import { kaimingUniform_, uniform_ } from '../init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/** Options of {@link Conv2d}. */
export interface Conv2dLayerOptions {
  /** Default 1. */
  stride?: Pair;
  /** Zero padding on each side. Default 0. */
  padding?: Pair;
  /** Default 1. */
  dilation?: Pair;
  /** Default 1. */
  groups?: number;
  /** Default `true`. */
  bias?: boolean;
  /** Parameter dtype. Default `'float32'`. */
  dtype?: DType;
  /** Generator for the initial values. */
  generator?: RandomGenerator;
}

/**
 * 2-D convolution over NCHW input (PyTorch's `nn.Conv2d`): `weight`
 * `(out, in/groups, kH, kW)`, `bias` `(out)`, both U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * with `fan_in = in/groups * kH * kW`.
 * @example
 * const conv = new Conv2d(1, 32, 3);
 * conv.forward(images).shape; // [N, 32, 26, 26] for 28x28 input
 */
export class Conv2d extends Module {
  weight: Parameter;
  bias: Parameter | null;
  readonly kernelSize: [number, number];

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: Pair,
    readonly options: Conv2dLayerOptions = {},
  ) {
    super();
    const groups = options.groups ?? 1;
    if (inChannels % groups !== 0 || outChannels % groups !== 0) {
      throw new RangeError(`Conv2d: channels (${inChannels}, ${outChannels}) must be divisible by groups=${groups}`);
    }
    this.kernelSize = pair(kernelSize);
    const [kh, kw] = this.kernelSize;
    const dtype = options.dtype ?? 'float32';
    this.weight = new Parameter(
      kaimingUniform_(zeros([outChannels, inChannels / groups, kh, kw], dtype), Math.sqrt(5), options.generator),
    );
    const bound = 1 / Math.sqrt((inChannels / groups) * kh * kw);
    this.bias =
      options.bias === false
        ? null
        : new Parameter(uniform_(zeros([outChannels], dtype), -bound, bound, options.generator));
  }

  override forward(x: Tensor): Tensor {
    const { stride, padding, dilation, groups } = this.options;
    return conv2d(castLike(x, this.weight), this.weight, this.bias, {
      stride,
      padding,
      dilation,
      groups,
      layer: 'Conv2d',
    });
  }

  override extraRepr(): string {
    return `${this.inChannels}, ${this.outChannels}, kernelSize=[${this.kernelSize.join(', ')}]`;
  }
}
