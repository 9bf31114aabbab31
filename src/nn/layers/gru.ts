/**
 * `GRU` (PyTorch's `nn.GRU`): a multi-layer gated recurrent unit network over a
 * sequence, each layer and direction one fused kernel (`functional/gru.ts`).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { gruLayer } from '../functional/gru.js';
import { RNNBase, type RNNOptions } from './rnn-base.js';

/** Options of {@link GRU}: see {@link RNNOptions}. */
export type GRUOptions = RNNOptions;

/**
 * Gated recurrent unit, PyTorch's equations and parameter layout (gate order r, z, n;
 * `weight_ih_l{k}` `(3H, in)`, `weight_hh_l{k}` `(3H, H)`; `b_hn` stays inside the
 * reset gate's product), initialised U(-1/sqrt(H), 1/sqrt(H)). Options as {@link LSTM}:
 * `numLayers` 1, `bias` true, `batchFirst` false, `dropout` 0, `bidirectional` false.
 *
 * `forward(input, h0?)` returns `[output, hN]`: `output` `(T, B, D * H)` (batch first with
 * `batchFirst`), `hN` `(D * numLayers, B, H)`.
 * @example
 * const gru = new GRU(8, 16, { bidirectional: true });
 * const [output, hN] = gru.forward(x); // x: (seq, batch, 8) -> output (seq, batch, 32)
 */
export class GRU extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: GRUOptions = {}) {
    super('GRU', 3, inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, h0?: Tensor): [Tensor, Tensor] {
    const { output, finals } = this.runLayers(input, [h0], (x, init, w, rev) => {
      const r = gruLayer(x, init[0], w, rev);
      return { output: r.output, finals: [r.hN] };
    });
    return [output, finals[0]];
  }
}
