/**
 * Differentiable broadcasting arithmetic: add, sub, mul, div, neg, pow. Forwards are the
 * plain tensor ops; the gradient of a broadcast operand is summed back to its shape.
 */
import * as ew from '../../tensor/elementwise.js';
import type { Tensor, TensorLike } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { sumToShape } from './grad-utils.js';

function tensors(...xs: TensorLike[]): Tensor[] {
  return xs.filter((x): x is Tensor => typeof x !== 'number');
}

function gradFor(x: TensorLike, g: () => Tensor): Tensor | null {
  if (typeof x === 'number' || !x.requiresGrad) return null;
  return sumToShape(g(), x.shape);
}

/** Returns the grads aligned with the tensor operands among `a`, `b`. */
function aligned(a: TensorLike, b: TensorLike, ga: Tensor | null, gb: Tensor | null): (Tensor | null)[] {
  const out: (Tensor | null)[] = [];
  if (typeof a !== 'number') out.push(ga);
  if (typeof b !== 'number') out.push(gb);
  return out;
}

/**
 * `a + b` with broadcasting, differentiable.
 * @example F.add(w, 1)
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const out = ew.add(a, b);
  return record(out, 'add', tensors(a, b), (g) =>
    aligned(
      a,
      b,
      gradFor(a, () => g),
      gradFor(b, () => g),
    ),
  );
}

/**
 * `a - b` with broadcasting, differentiable.
 * @example F.sub(pred, target)
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const out = ew.sub(a, b);
  return record(out, 'sub', tensors(a, b), (g) =>
    aligned(
      a,
      b,
      gradFor(a, () => g),
      gradFor(b, () => ew.neg(g)),
    ),
  );
}

/**
 * `a * b` with broadcasting, differentiable.
 * @example F.mul(x, 2)
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const out = ew.mul(a, b);
  return record(out, 'mul', tensors(a, b), (g) =>
    aligned(
      a,
      b,
      gradFor(a, () => ew.mul(g, b)),
      gradFor(b, () => ew.mul(g, a)),
    ),
  );
}

/**
 * `a / b` with broadcasting (true division), differentiable.
 * @example F.div(x, F.sum(x))
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const out = ew.div(a, b);
  return record(out, 'div', tensors(a, b), (g) =>
    aligned(
      a,
      b,
      gradFor(a, () => ew.div(g, b)),
      // d(a/b)/db = -a / b^2 = -out / b
      gradFor(b, () => ew.neg(ew.div(ew.mul(g, out), b))),
    ),
  );
}

/**
 * `-x`, differentiable.
 * @example F.neg(x)
 */
export function neg(x: Tensor): Tensor {
  return record(ew.neg(x), 'neg', [x], (g) => [ew.neg(g)]);
}

/**
 * `base ** exponent` with broadcasting, differentiable in both (d/d exponent is
 * `base^exponent * ln(base)`).
 * @example F.pow(x, 2)
 */
export function pow(base: TensorLike, exponent: TensorLike): Tensor {
  const out = ew.pow(base, exponent);
  return record(out, 'pow', tensors(base, exponent), (g) =>
    aligned(
      base,
      exponent,
      gradFor(base, () => {
        if (typeof exponent === 'number') {
          return exponent === 0 ? ew.mul(g, 0) : ew.mul(g, ew.mul(ew.pow(base, exponent - 1), exponent));
        }
        return ew.mul(g, ew.mul(ew.pow(base, ew.sub(exponent, 1)), exponent));
      }),
      gradFor(exponent, () => ew.mul(ew.mul(g, out), typeof base === 'number' ? Math.log(base) : ew.log(base))),
    ),
  );
}
