// STUB: signatures fixed; implementation owned by the tensor-ops helper.
import type { Tensor } from './tensor.js';
export function matmul(a: Tensor, b: Tensor): Tensor {
  throw new Error('matmul: not implemented yet');
}
