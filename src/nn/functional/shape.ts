/**
 * Differentiable shape ops: reshape/view, flatten, transpose/permute, squeeze/unsqueeze,
 * concat, stack. Their gradients undo the rearrangement.
 */
import * as join from '../../tensor/join.js';
import * as man from '../../tensor/manipulation.js';
import { normalizeAxis } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';

/**
 * Same data, new shape (one dimension may be -1); no copy.
 * @example F.reshape(x, [2, -1])
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const out = x.reshape([...shape]);
  return record(out, 'reshape', [x], (g) => [g.reshape([...x.shape])]);
}

/**
 * PyTorch's name for {@link reshape} (storage is always contiguous here).
 * @example F.view(x, [-1, 784])
 */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  return reshape(x, shape);
}

/**
 * Flattens dims `startDim..endDim` (defaults 0 and -1) into one.
 * @example F.flatten(images, 1).shape // [N, C*H*W]
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeAxis(startDim, x.ndim);
  const e = normalizeAxis(endDim, x.ndim);
  let merged = 1;
  for (let i = s; i <= e; i++) merged *= x.shape[i];
  return reshape(x, [...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1)]);
}

/**
 * Reorders axes (a copy): `out.shape[i] = x.shape[axes[i]]`.
 * @example F.permute(x, [2, 0, 1])
 */
export function permute(x: Tensor, axes: readonly number[]): Tensor {
  const perm = axes.map((a) => normalizeAxis(a, x.ndim));
  const out = man.transpose(x, perm);
  const inverse = new Array<number>(perm.length);
  for (let i = 0; i < perm.length; i++) inverse[perm[i]] = i;
  return record(out, 'permute', [x], (g) => [man.transpose(g, inverse)]);
}

/**
 * Swaps two axes (default the last two; PyTorch's `transpose(dim0, dim1)`).
 * @example F.transpose(x, 1, 2)
 */
export function transpose(x: Tensor, dim0 = -2, dim1 = -1): Tensor {
  const perm = x.shape.map((_, i) => i);
  const a = normalizeAxis(dim0, x.ndim);
  const b = normalizeAxis(dim1, x.ndim);
  perm[a] = b;
  perm[b] = a;
  return permute(x, perm);
}

/**
 * Removes a size-1 axis (or all of them when `axis` is omitted).
 * @example F.squeeze(x, 1)
 */
export function squeeze(x: Tensor, axis?: number): Tensor {
  return reshape(x, man.squeeze(x, axis).shape);
}

/**
 * Inserts a size-1 axis at `axis`.
 * @example F.unsqueeze(x, 0)
 */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  return reshape(x, man.expandDims(x, axis).shape);
}

/**
 * Joins tensors along an existing axis (PyTorch's `cat`).
 * @example F.concat([a, b], 0)
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  const out = join.concat(tensors, axis);
  const ax = normalizeAxis(axis, out.ndim);
  const bounds: number[] = [];
  let acc = 0;
  for (let i = 0; i < tensors.length - 1; i++) {
    acc += tensors[i].shape[ax];
    bounds.push(acc);
  }
  return record(out, 'concat', tensors, (g) => join.split(g, bounds, ax));
}

/**
 * Joins same-shape tensors along a new axis.
 * @example F.stack([a, b, c], 1)
 */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  const out = join.stack(tensors, axis);
  const ax = normalizeAxis(axis, out.ndim);
  return record(out, 'stack', tensors, (g) =>
    join.split(g, tensors.length, ax).map((part, i) => part.reshape([...tensors[i].shape])),
  );
}
