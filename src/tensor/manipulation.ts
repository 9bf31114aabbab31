// STUB: signatures fixed; implementation owned by the tensor-ops helper.
import type { Tensor } from './tensor.js';

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};
export function transpose(x: Tensor, axes?: readonly number[]): Tensor {
  return todo('transpose');
}
export function squeeze(x: Tensor, axis?: number): Tensor {
  return todo('squeeze');
}
export function expandDims(x: Tensor, axis: number): Tensor {
  return todo('expandDims');
}
export function concat(tensors: readonly Tensor[], axis?: number): Tensor {
  return todo('concat');
}
export function stack(tensors: readonly Tensor[], axis?: number): Tensor {
  return todo('stack');
}
export function take(x: Tensor, indices: Tensor | ArrayLike<number>, axis?: number): Tensor {
  return todo('take');
}
export function booleanMask(x: Tensor, mask: Tensor): Tensor {
  return todo('booleanMask');
}
