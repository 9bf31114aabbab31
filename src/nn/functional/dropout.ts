/**
 * Differentiable dropout: in training, zeroes each element with probability `p` and
 * scales survivors by `1 / (1 - p)`; the identity otherwise. Masks come from a seeded
 * generator (nn's default one unless given).
 */
import type { RandomGenerator } from '../../tensor/random.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { defaultGenerator } from '../random.js';
import { floatBuffer, floatDtype } from './grad-utils.js';

/** Options of {@link dropout}. */
export interface DropoutOptions {
  /** Apply dropout (training) or pass through (evaluation). Default `true`. */
  training?: boolean;
  /** Generator for the mask. Default: nn's default generator (see `manualSeed`). */
  generator?: RandomGenerator;
}

/**
 * Dropout with drop probability `p` (default 0.5, in `[0, 1]`).
 * @example F.dropout(h, 0.2, { training: model.training })
 */
export function dropout(x: Tensor, p = 0.5, options: DropoutOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`dropout: probability must be in [0, 1], got ${p}`);
  if (!(options.training ?? true) || p === 0) return x;
  const rng = options.generator ?? defaultGenerator();
  const scale = p === 1 ? 0 : 1 / (1 - p);
  const mask = floatBuffer(floatDtype(x), x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.random() < p ? 0 : scale;
  const xs = x.data;
  const o = floatBuffer(floatDtype(x), x.size);
  for (let i = 0; i < o.length; i++) o[i] = xs[i] * mask[i];
  const out = new Tensor(o, x.shape);
  return record(out, 'dropout', [x], (g) => {
    const gs = g.data;
    const gx = floatBuffer(g.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * mask[i];
    return [new Tensor(gx, x.shape)];
  });
}
