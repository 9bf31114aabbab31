// STUB: signatures fixed; implementation owned by the tensor-ops helper.
import type { Tensor, TensorLike } from './tensor.js';

const todo = (name: string): never => {
  throw new Error(`${name}: not implemented yet`);
};
export function add(a: TensorLike, b: TensorLike): Tensor {
  return todo('add');
}
export function sub(a: TensorLike, b: TensorLike): Tensor {
  return todo('sub');
}
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return todo('mul');
}
export function div(a: TensorLike, b: TensorLike): Tensor {
  return todo('div');
}
export function pow(a: TensorLike, b: TensorLike): Tensor {
  return todo('pow');
}
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return todo('maximum');
}
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return todo('minimum');
}
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return todo('eq');
}
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return todo('ne');
}
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return todo('lt');
}
export function le(a: TensorLike, b: TensorLike): Tensor {
  return todo('le');
}
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return todo('gt');
}
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return todo('ge');
}
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  return todo('where');
}
export function clip(x: Tensor, min: number | null, max: number | null): Tensor {
  return todo('clip');
}
export function neg(x: Tensor): Tensor {
  return todo('neg');
}
export function abs(x: Tensor): Tensor {
  return todo('abs');
}
export function exp(x: Tensor): Tensor {
  return todo('exp');
}
export function log(x: Tensor): Tensor {
  return todo('log');
}
export function sqrt(x: Tensor): Tensor {
  return todo('sqrt');
}
export function square(x: Tensor): Tensor {
  return todo('square');
}
