/**
 * Parameter initialisers (PyTorch's `nn.init`), drawing from nn's seeded generator unless
 * one is given. All fill a tensor in place and return it.
 */
import type { RandomGenerator } from '../tensor/random.js';
import type { Tensor } from '../tensor/tensor.js';
import { defaultGenerator } from './random.js';

/** `fan_in = shape[1] * prod(shape[2:])` and `fan_out = shape[0] * prod(shape[2:])`. */
export function fans(shape: readonly number[]): [number, number] {
  if (shape.length < 2) return [shape[0] ?? 1, shape[0] ?? 1];
  let field = 1;
  for (let i = 2; i < shape.length; i++) field *= shape[i];
  return [shape[1] * field, shape[0] * field];
}

/**
 * Fills with U(low, high).
 * @example uniform_(w, -0.1, 0.1)
 */
export function uniform_(
  t: Tensor,
  low: number,
  high: number,
  generator: RandomGenerator = defaultGenerator(),
): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = generator.uniform(low, high);
  return t;
}

/**
 * Fills with N(mean, std^2).
 * @example normal_(embeddingTable, 0, 1)
 */
export function normal_(t: Tensor, mean = 0, std = 1, generator: RandomGenerator = defaultGenerator()): Tensor {
  const d = t.data;
  for (let i = 0; i < d.length; i++) d[i] = generator.normal(mean, std);
  return t;
}

/**
 * Fills with a constant.
 * @example constant_(bias, 0)
 */
export function constant_(t: Tensor, value: number): Tensor {
  t.data.fill(value);
  return t;
}

/**
 * He/Kaiming uniform for leaky-ReLU slope `a`: bound `sqrt(2 / (1 + a^2)) * sqrt(3 / fan_in)`.
 * PyTorch's Linear/Conv default is `a = sqrt(5)`, i.e. bound `1 / sqrt(fan_in)`.
 * @example kaimingUniform_(w, Math.sqrt(5))
 */
export function kaimingUniform_(t: Tensor, a = 0, generator?: RandomGenerator): Tensor {
  const [fanIn] = fans(t.shape);
  const bound = Math.sqrt(2 / (1 + a * a)) * Math.sqrt(3 / fanIn);
  return uniform_(t, -bound, bound, generator);
}

/**
 * Glorot/Xavier uniform: bound `gain * sqrt(6 / (fan_in + fan_out))` (Keras' default for
 * Dense and Conv2D kernels).
 * @example xavierUniform_(w)
 */
export function xavierUniform_(t: Tensor, gain = 1, generator?: RandomGenerator): Tensor {
  const [fanIn, fanOut] = fans(t.shape);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound, generator);
}
