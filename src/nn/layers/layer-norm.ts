import { ones, zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import type { Tensor } from '../../tensor/tensor.js';
import { castLike } from '../functional/grad-utils.js';
import { layerNorm } from '../functional/normalization.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/**
 * Layer normalisation over the trailing `normalizedShape` dims with elementwise affine
 * `weight` (1) and `bias` (0) of that shape.
 * @example new LayerNorm([64]).forward(x)
 */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(
    normalizedShape: number | readonly number[],
    readonly options: { eps?: number; elementwiseAffine?: boolean; dtype?: DType } = {},
  ) {
    super();
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    const dtype = options.dtype ?? 'float32';
    const affine = options.elementwiseAffine ?? true;
    this.weight = affine ? new Parameter(ones(this.normalizedShape, dtype)) : null;
    this.bias = affine ? new Parameter(zeros(this.normalizedShape, dtype)) : null;
  }

  override forward(x: Tensor): Tensor {
    const input = this.weight === null ? x : castLike(x, this.weight);
    return layerNorm(input, this.normalizedShape, this.weight, this.bias, this.options.eps ?? 1e-5);
  }
}
