/**
 * An autograd graph node (PyTorch's grad_fn): the inputs an op read and a closure that
 * maps the gradient of its output to gradients of those inputs.
 */
import type { Tensor } from '../../tensor/tensor.js';
import { isGradEnabled } from './grad-mode.js';

/** Maps the output gradient to one gradient per input (`null` where none flows). */
export type BackwardFn = (grad: Tensor) => readonly (Tensor | null)[];

/** One recorded op. `backwardFn` is dropped after use unless the graph is retained. */
export class Node {
  /** The op's name, used in error messages (`'matmul'`, `'conv2d'`, ...). */
  readonly name: string;
  /** The tensor inputs, in the order `backwardFn` returns their gradients. */
  inputs: readonly Tensor[];
  /** The backward closure; `null` once released. */
  backwardFn: BackwardFn | null;

  constructor(name: string, inputs: readonly Tensor[], backwardFn: BackwardFn) {
    this.name = name;
    this.inputs = inputs;
    this.backwardFn = backwardFn;
  }
}

/**
 * Whether an op over `inputs` must record its backward: grad mode is on and some input
 * requires grad.
 * @example if (needsGrad(a, b)) record(out, 'add', [a, b], (g) => [g, g]);
 */
export function needsGrad(...inputs: readonly (Tensor | number | null | undefined)[]): boolean {
  if (!isGradEnabled()) return false;
  for (const x of inputs) if (typeof x === 'object' && x !== null && x.requiresGrad) return true;
  return false;
}

/**
 * Marks `out` as produced by an op over `inputs` with the given backward; a no-op when
 * {@link needsGrad} is false. Returns `out`.
 * @example return record(out, 'exp', [x], (g) => [F.mul(g, out)]);
 */
export function record(out: Tensor, name: string, inputs: readonly Tensor[], backwardFn: BackwardFn): Tensor {
  if (!needsGrad(...inputs)) return out;
  out.requiresGrad = true;
  out._node = new Node(name, inputs, backwardFn);
  return out;
}
