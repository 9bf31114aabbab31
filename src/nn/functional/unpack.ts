/**
 * Multi-output ops on a single-output autograd: a fused op writes all its results into
 * one packed buffer and records one node on it; `unpack` then hands out each result as a
 * differentiable view whose backward places its gradient back at its offset. The engine
 * sums the pieces, so the fused backward sees one packed gradient.
 */
import { ShapeError } from '../../tensor/errors.js';
import { shapeSize } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { record } from '../autograd/node.js';
import { floatBuffer } from './grad-utils.js';

/**
 * Views of consecutive pieces of a packed 1-D float tensor, with the given shapes; the
 * pieces share `packed`'s buffer (no copy) and are differentiable.
 * @example const [a, b] = unpack(packed, [[2, 3], [4]]); // packed has 10 elements
 */
export function unpack(packed: Tensor, shapes: readonly (readonly number[])[]): Tensor[] {
  let total = 0;
  for (const s of shapes) total += shapeSize(s);
  if (total !== packed.size) {
    throw new ShapeError(`unpack: the pieces hold ${total} elements but the packed tensor has ${packed.size}`);
  }
  const out: Tensor[] = [];
  let offset = 0;
  for (const shape of shapes) {
    const n = shapeSize(shape);
    const start = offset;
    const piece = new Tensor(packed.data.subarray(start, start + n), shape);
    out.push(
      record(piece, 'unpack', [packed], (g) => {
        const full = floatBuffer(packed.dtype, packed.size);
        full.set(g.data, start);
        return [new Tensor(full, packed.shape)];
      }),
    );
    offset += n;
  }
  return out;
}
