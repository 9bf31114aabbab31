/**
 * The shared tail of every loss: a per-position loss and the derivative of each position's
 * loss with respect to each input element, reduced by `'mean' | 'sum' | 'none'` into a
 * recorded tensor.
 */
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/** How a loss reduces its per-position values. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Throws unless `r` is a known reduction (`extra` allows e.g. `'batchmean'`). */
export function checkReduction(r: string, loss: string, extra: readonly string[] = []): void {
  if (!['mean', 'sum', 'none', ...extra].includes(r)) {
    throw new RangeError(`${loss}: unknown reduction '${r}' (use ${['mean', 'sum', 'none', ...extra].join(', ')})`);
  }
}

/**
 * Builds the loss tensor. Input element `i = (n C + c) inner + d` belongs to position
 * `n inner + d`; `perPos` holds each position's loss, `dInput` d(position loss)/d(input
 * element). `'mean'` divides by `denom` (default the number of positions).
 */
export function finishLoss(
  name: string,
  input: Tensor,
  perPos: Float64Array,
  posShape: readonly number[],
  dInput: Float64Array,
  C: number,
  inner: number,
  reduction: Reduction,
  denom: number = perPos.length,
): Tensor {
  const dtype = floatDtype(input);
  let out: Tensor;
  if (reduction === 'none') {
    const o = floatBuffer(dtype, perPos.length);
    o.set(perPos);
    out = new Tensor(o, posShape);
  } else {
    let s = 0;
    for (let i = 0; i < perPos.length; i++) s += perPos[i];
    const o = floatBuffer(dtype, 1);
    o[0] = reduction === 'mean' ? s / denom : s;
    out = new Tensor(o, []);
  }
  return record(out, name, [input], (g) => {
    const gx = floatBuffer(g.dtype, input.size);
    const gs = g.data;
    if (reduction === 'none') {
      const block = C * inner;
      for (let i = 0; i < gx.length; i++) {
        const n = Math.floor(i / block);
        gx[i] = dInput[i] * gs[n * inner + (i % inner)];
      }
    } else {
      const scale = reduction === 'mean' ? gs[0] / denom : gs[0];
      for (let i = 0; i < gx.length; i++) gx[i] = dInput[i] * scale;
    }
    return [new Tensor(gx, input.shape)];
  });
}
