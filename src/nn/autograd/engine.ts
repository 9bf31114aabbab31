/**
 * The backward pass: a topological sort of the recorded graph from the root, then one
 * sweep in reverse order that calls each node's backward closure and accumulates
 * gradients (into `.grad` for leaves, in a map for intermediate tensors).
 */
import { ShapeError } from '../../tensor/errors.js';
import { formatShape, shapesEqual } from '../../tensor/shape.js';
import { setAutogradHook, Tensor } from '../../tensor/tensor.js';
import { noGrad } from './grad-mode.js';
import { Node } from './node.js';

/** Options of {@link backward}. */
export interface BackwardOptions {
  /** Keep the backward closures so the graph can be traversed again. Default `false`. */
  retainGraph?: boolean;
}

function nodeOf(t: Tensor): Node | null {
  return t._node instanceof Node ? t._node : null;
}

/** Tensors reachable from `root` through nodes, each after every tensor computed from it. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  // Iterative post-order DFS: deep graphs (long RNN unrolls) must not overflow the stack.
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const node = nodeOf(top[0]);
    const inputs = node === null ? [] : node.inputs;
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (next.requiresGrad && !seen.has(next)) {
        seen.add(next);
        stack.push([next, 0]);
      }
    } else {
      stack.pop();
      order.push(top[0]);
    }
  }
  return order.reverse();
}

function addInto(target: Tensor, g: Tensor): void {
  const t = target.data;
  const s = g.data;
  for (let i = 0; i < t.length; i++) t[i] += s[i];
}

function checkGradShape(t: Tensor, g: Tensor, op: string): void {
  if (!shapesEqual(t.shape, g.shape)) {
    throw new ShapeError(
      `backward of '${op}' produced a gradient of shape ${formatShape(g.shape)} for an input of shape ${formatShape(t.shape)}`,
    );
  }
}

/**
 * Computes gradients of `root` with respect to every leaf tensor that requires grad and
 * accumulates them into their `.grad` (PyTorch's `tensor.backward()`). `gradient` is the
 * upstream gradient (default 1, only for one-element roots). Unless `retainGraph`, the
 * closures are freed, and a second backward through the same graph throws.
 * @example
 * const w = Tensor.from([3]).requiresGrad_();
 * backward(F.mul(w, w)); // w.grad = [6]
 */
export function backward(root: Tensor, gradient?: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new Error('backward(): the tensor does not require grad and has no grad_fn (nothing to differentiate)');
  }
  let seed: Tensor;
  if (gradient === undefined) {
    if (root.size !== 1) {
      throw new ShapeError(
        `backward(): a gradient is needed for a non-scalar output of shape ${formatShape(root.shape)} (grad can be implicitly created only for scalar outputs)`,
      );
    }
    seed = new Tensor(root.data.slice().fill(1), root.shape);
  } else {
    checkGradShape(root, gradient, 'backward() gradient');
    seed = gradient.dtype === root.dtype ? gradient : gradient.astype(root.dtype);
  }
  const retain = options.retainGraph ?? false;
  const order = topoOrder(root);
  const grads = new Map<Tensor, Tensor>([[root, seed]]);
  // Whether the map entry is a fresh buffer we may add into in place.
  const owned = new Set<Tensor>();
  noGrad(() => {
    for (const t of order) {
      const g = grads.get(t);
      if (g === undefined) continue;
      grads.delete(t);
      const node = nodeOf(t);
      if (node === null) {
        if (t.grad === null) t.grad = owned.has(t) ? g : g.clone();
        else addInto(t.grad, g);
        continue;
      }
      const fn = node.backwardFn;
      if (fn === null) {
        throw new Error(
          `Trying to backward through the graph a second time (through '${node.name}'); pass { retainGraph: true } to the first backward`,
        );
      }
      const inputs = node.inputs;
      const inputGrads = fn(g);
      if (!retain) {
        node.backwardFn = null;
        node.inputs = [];
      }
      for (let i = 0; i < inputs.length; i++) {
        const x = inputs[i];
        const gx = inputGrads[i];
        if (gx === null || gx === undefined || !x.requiresGrad) continue;
        checkGradShape(x, gx, node.name);
        const gCast = gx.dtype === x.dtype ? gx : gx.astype(x.dtype);
        const prev = grads.get(x);
        if (prev === undefined) {
          grads.set(x, gCast);
        } else if (owned.has(x)) {
          addInto(prev, gCast);
        } else {
          const sum = prev.clone();
          addInto(sum, gCast);
          grads.set(x, sum);
          owned.add(x);
        }
      }
    }
  });
}

/**
 * A tensor sharing `x`'s data but outside the graph (`requiresGrad` false).
 * @example const frozen = detach(hidden);
 */
export function detach(x: Tensor): Tensor {
  return new Tensor(x.data, x.shape);
}

setAutogradHook({ backward, detach });
