import { ones, zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import { ShapeError } from '../../tensor/errors.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { castLike } from '../functional/grad-utils.js';
import { batchNorm } from '../functional/normalization.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/** Options of the BatchNorm layers. */
export interface BatchNormOptions {
  /** Default 1e-5. */
  eps?: number;
  /** Running-average factor. Default 0.1. */
  momentum?: number;
  /** Learn `weight` and `bias`. Default `true`. */
  affine?: boolean;
  /** Parameter dtype. Default `'float32'`. */
  dtype?: DType;
}

/** Shared implementation; the subclasses only check the input rank. */
abstract class BatchNormBase extends Module {
  weight: Parameter | null;
  bias: Parameter | null;
  runningMean: Tensor;
  runningVar: Tensor;
  numBatchesTracked: Tensor;
  readonly eps: number;
  readonly momentum: number;

  constructor(
    readonly numFeatures: number,
    options: BatchNormOptions = {},
  ) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    const affine = options.affine ?? true;
    this.weight = affine ? new Parameter(ones([numFeatures], dtype)) : null;
    this.bias = affine ? new Parameter(zeros([numFeatures], dtype)) : null;
    this.runningMean = zeros([numFeatures], dtype);
    this.runningVar = ones([numFeatures], dtype);
    this.numBatchesTracked = new Tensor(new Int32Array(1), []);
    this.registerBuffer('runningMean', 'running_mean');
    this.registerBuffer('runningVar', 'running_var');
    this.registerBuffer('numBatchesTracked', 'num_batches_tracked');
  }

  protected abstract checkInput(x: Tensor): void;

  override forward(x: Tensor): Tensor {
    this.checkInput(x);
    if (this.training) this.numBatchesTracked.data[0] += 1;
    return batchNorm(castLike(x, this.runningMean), this.runningMean, this.runningVar, {
      weight: this.weight,
      bias: this.bias,
      training: this.training,
      momentum: this.momentum,
      eps: this.eps,
      layer: this.constructor.name,
    });
  }

  override extraRepr(): string {
    return `${this.numFeatures}, eps=${this.eps}, momentum=${this.momentum}`;
  }
}

/**
 * Batch normalisation of `(N, C)` or `(N, C, L)` input over the batch (and length).
 * @example new BatchNorm1d(64)
 */
export class BatchNorm1d extends BatchNormBase {
  protected checkInput(x: Tensor): void {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        `BatchNorm1d(${this.numFeatures}): expected (N, ${this.numFeatures}) or (N, ${this.numFeatures}, L) input, got ${formatShape(x.shape)}`,
      );
    }
  }
}

/**
 * Batch normalisation of `(N, C, H, W)` input per channel.
 * @example new BatchNorm2d(32)
 */
export class BatchNorm2d extends BatchNormBase {
  protected checkInput(x: Tensor): void {
    if (x.ndim !== 4 || x.shape[1] !== this.numFeatures) {
      throw new ShapeError(
        `BatchNorm2d(${this.numFeatures}): expected (N, ${this.numFeatures}, H, W) input, got ${formatShape(x.shape)}`,
      );
    }
  }
}
