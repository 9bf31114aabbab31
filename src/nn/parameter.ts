/**
 * A trainable tensor: a {@link Tensor} that requires grad, which `Module` finds and lists
 * in `parameters()`.
 */
import type { DataArray } from '../tensor/dtype.js';
import { Tensor } from '../tensor/tensor.js';

export class Parameter extends Tensor {
  /**
   * Wraps `data` (a tensor, whose buffer is shared, or a typed array with `shape`) as a
   * parameter with `requiresGrad` true (unless `requiresGrad` is false).
   * @example const w = new Parameter(zeros([3, 2], 'float32'));
   */
  constructor(data: Tensor | DataArray, shape?: readonly number[], requiresGrad = true) {
    if (data instanceof Tensor) super(data.data, data.shape);
    else super(data, shape);
    this.requiresGrad = requiresGrad;
  }
}
