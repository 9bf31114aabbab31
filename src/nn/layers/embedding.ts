import { zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import type { RandomGenerator } from '../../tensor/random.js';
import type { Tensor } from '../../tensor/tensor.js';
import { embedding } from '../functional/indexing.js';
import { normal_ } from '../init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/**
 * A lookup table of `numEmbeddings` vectors of size `embeddingDim`, initialised N(0, 1);
 * the `paddingIdx` row starts at 0 and receives no gradient.
 * @example new Embedding(1000, 16).forward(tokenIds).shape // [...ids.shape, 16]
 */
export class Embedding extends Module {
  weight: Parameter;
  readonly paddingIdx: number | null;

  constructor(
    readonly numEmbeddings: number,
    readonly embeddingDim: number,
    options: { paddingIdx?: number; dtype?: DType; generator?: RandomGenerator } = {},
  ) {
    super();
    this.weight = new Parameter(
      normal_(zeros([numEmbeddings, embeddingDim], options.dtype ?? 'float32'), 0, 1, options.generator),
    );
    const p = options.paddingIdx;
    this.paddingIdx = p === undefined ? null : p < 0 ? p + numEmbeddings : p;
    if (this.paddingIdx !== null)
      this.weight.data.fill(0, this.paddingIdx * embeddingDim, (this.paddingIdx + 1) * embeddingDim);
  }

  override forward(indices: Tensor): Tensor {
    return embedding(indices, this.weight, this.paddingIdx);
  }
}
