// STUB: signatures fixed; implementation owned by the tensor-ops helper.
import type { ArgReduceOptions, ReduceOptions, Tensor, VarianceOptions } from './tensor.js';

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};
export function sum(x: Tensor, options?: ReduceOptions): Tensor {
  return todo('sum');
}
export function mean(x: Tensor, options?: ReduceOptions): Tensor {
  return todo('mean');
}
export function variance(x: Tensor, options?: VarianceOptions): Tensor {
  return todo('variance');
}
export function std(x: Tensor, options?: VarianceOptions): Tensor {
  return todo('std');
}
export function min(x: Tensor, options?: ReduceOptions): Tensor {
  return todo('min');
}
export function max(x: Tensor, options?: ReduceOptions): Tensor {
  return todo('max');
}
export function prod(x: Tensor, options?: ReduceOptions): Tensor {
  return todo('prod');
}
export function argmin(x: Tensor, options?: ArgReduceOptions): Tensor {
  return todo('argmin');
}
export function argmax(x: Tensor, options?: ArgReduceOptions): Tensor {
  return todo('argmax');
}
export function cumsum(x: Tensor, axis?: number): Tensor {
  return todo('cumsum');
}
