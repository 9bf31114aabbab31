/**
 * `LSTM` (PyTorch's `nn.LSTM`): a multi-layer long short-term memory network over a
 * sequence, each layer and direction one fused kernel (`functional/lstm.ts`).
 */
import type { Tensor } from '../../tensor/tensor.js';
import { lstmLayer } from '../functional/lstm.js';
import { RNNBase, type RNNOptions } from './rnn-base.js';

/** Options of {@link LSTM}: see {@link RNNOptions}. */
export type LSTMOptions = RNNOptions;

/**
 * Long short-term memory, PyTorch's equations and parameter layout (gate order i, f, g,
 * o; `weight_ih_l{k}` `(4H, in)`, `weight_hh_l{k}` `(4H, H)`, `bias_ih_l{k}`,
 * `bias_hh_l{k}`, `_reverse` for the backward direction), initialised
 * U(-1/sqrt(H), 1/sqrt(H)). Options: `numLayers` 1, `bias` true, `batchFirst` false,
 * `dropout` 0 (between layers), `bidirectional` false, `dtype` float32.
 *
 * `forward(input, [h0, c0]?)` takes `(T, B, inputSize)` (`(B, T, inputSize)` with
 * `batchFirst`, or unbatched `(T, inputSize)`) and optional initial states
 * `(D * numLayers, B, H)` (zeros when omitted), and returns
 * `[output, [hN, cN]]` with `output` `(T, B, D * H)`. (No `projSize`.)
 * @example
 * const lstm = new LSTM(10, 20, { numLayers: 2, batchFirst: true });
 * const [output, [hN, cN]] = lstm.forward(x); // x: (batch, seq, 10)
 * output.shape; // [batch, seq, 20]
 */
export class LSTM extends RNNBase {
  constructor(inputSize: number, hiddenSize: number, options: LSTMOptions = {}) {
    super('LSTM', 4, inputSize, hiddenSize, options);
  }

  override forward(input: Tensor, hx?: readonly [Tensor, Tensor]): [Tensor, [Tensor, Tensor]] {
    const { output, finals } = this.runLayers(
      input,
      hx === undefined ? [undefined, undefined] : hx,
      (x, init, w, rev) => {
        const r = lstmLayer(x, init[0], init[1], w, rev);
        return { output: r.output, finals: [r.hN, r.cN] };
      },
    );
    return [output, [finals[0], finals[1]]];
  }
}
