// STUB: signatures fixed; implementation owned by the tensor-ops helper.
import type { SortOptions, Tensor } from './tensor.js';

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};
export function sort(x: Tensor, options?: SortOptions): Tensor {
  return todo('sort');
}
export function argsort(x: Tensor, options?: SortOptions): Tensor {
  return todo('argsort');
}
/** Result of {@link unique}. */
export interface UniqueResult {
  values: Tensor;
  counts: Tensor;
  inverse: Tensor;
  indices: Tensor;
}
export function unique(x: Tensor): UniqueResult {
  return todo('unique');
}
