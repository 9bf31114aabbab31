/**
 * Differentiable indexing: slice, indexSelect (`take` along an axis), gather, embedding.
 * Each forward reads elements at computed flat positions; each backward scatter-adds the
 * upstream into those positions, so repeated indices accumulate.
 */
import { ShapeError } from '../../tensor/errors.js';
import * as ix from '../../tensor/indexing.js';
import { formatShape, normalizeAxis, stridesOf } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

function positions(x: Tensor): Tensor {
  const p = new Int32Array(x.size);
  for (let i = 0; i < p.length; i++) p[i] = i;
  return new Tensor(p, x.shape);
}

/** `out[i] = x[pos[i]]`, with a scatter-add backward. */
function gatherFlat(x: Tensor, pos: ArrayLike<number>, shape: readonly number[], name: string): Tensor {
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), pos.length);
  for (let i = 0; i < o.length; i++) o[i] = xs[pos[i]];
  const out = new Tensor(o, shape);
  return record(out, name, [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gs.length; i++) gx[pos[i]] += gs[i];
    return [new Tensor(gx, x.shape)];
  });
}

/**
 * Basic slicing, numpy style (see `slice` in `typelearn/tensor`): one range per leading
 * dimension, a number drops the dimension.
 * @example F.slice(x, [null, [0, 2]])
 */
export function slice(x: Tensor, ranges: readonly ix.SliceRange[]): Tensor {
  const pos = ix.slice(positions(x), ranges);
  return gatherFlat(x, pos.data, pos.shape, 'slice');
}

/**
 * Picks entries along `axis` (PyTorch's `index_select`, numpy's `take` with an axis).
 * @example F.indexSelect(x, 0, Tensor.from([0, 2, 2], 'int32'))
 */
export function indexSelect(x: Tensor, axis: number, indices: Tensor | ArrayLike<number>): Tensor {
  const pos = ix.take(positions(x), indices, axis);
  return gatherFlat(x, pos.data, pos.shape, 'indexSelect');
}

/**
 * PyTorch's `gather`: `out[i][j] = x[i][index[i][j]]` for `dim = 1` (and so on); `index`
 * has `x`'s number of dimensions and is no larger than `x` outside `dim`.
 * @example F.gather(logp, 1, targets.reshape(-1, 1))
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const d = normalizeAxis(dim, x.ndim);
  if (index.ndim !== x.ndim) {
    throw new ShapeError(
      `gather: index of shape ${formatShape(index.shape)} needs ${x.ndim} dimensions like the input ${formatShape(x.shape)}`,
    );
  }
  const st = stridesOf(x.shape);
  const ist = stridesOf(index.shape);
  const pos = new Int32Array(index.size);
  const n = x.shape[d];
  for (let i = 0; i < pos.length; i++) {
    let rem = i;
    let p = 0;
    for (let a = 0; a < index.ndim; a++) {
      const c = Math.floor(rem / ist[a]);
      rem -= c * ist[a];
      if (a === d) {
        let v = index.data[i];
        if (v < 0) v += n;
        if (!Number.isInteger(v) || v < 0 || v >= n) {
          throw new ShapeError(`gather: index ${index.data[i]} is out of bounds for dimension ${d} of size ${n}`);
        }
        p += v * st[a];
      } else {
        if (c >= x.shape[a]) {
          throw new ShapeError(
            `gather: index shape ${formatShape(index.shape)} exceeds input shape ${formatShape(x.shape)} in dimension ${a}`,
          );
        }
        p += c * st[a];
      }
    }
    pos[i] = p;
  }
  return gatherFlat(x, pos, index.shape, 'gather');
}

/**
 * Embedding lookup: rows of `weight` `(num, dim)` at `indices`; output shape
 * `indices.shape + [dim]`. The `paddingIdx` row never receives gradient.
 * @example F.embedding(tokens, table.weight)
 */
export function embedding(indices: Tensor, weight: Tensor, paddingIdx: number | null = null): Tensor {
  if (weight.ndim !== 2) throw new ShapeError(`embedding: weight must be 2-D, got ${formatShape(weight.shape)}`);
  const [num, dim] = weight.shape;
  const ids = indices.data;
  const w = weight.data;
  const o = floatBuffer(floatDtype(weight), ids.length * dim);
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    if (!Number.isInteger(r) || r < 0 || r >= num) {
      throw new RangeError(`embedding: index ${r} is out of range for an embedding table of ${num} rows`);
    }
    o.set(w.subarray(r * dim, r * dim + dim), i * dim);
  }
  const out = new Tensor(o, [...indices.shape, dim]);
  return record(out, 'embedding', [weight], (g) => {
    const gs = g.data;
    const gw = floatBuffer(g.dtype, weight.size);
    for (let i = 0; i < ids.length; i++) {
      const r = ids[i];
      if (r === paddingIdx) continue;
      for (let j = 0; j < dim; j++) gw[r * dim + j] += gs[i * dim + j];
    }
    return [new Tensor(gw, weight.shape)];
  });
}
