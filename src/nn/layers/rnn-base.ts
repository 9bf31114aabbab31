/**
 * What LSTM and GRU share (PyTorch's `nn.RNNBase`): the parameters under PyTorch's
 * state-dict names (`weight_ih_l0`, `bias_hh_l1_reverse`, ...), their default init
 * U(-1/sqrt(H), 1/sqrt(H)), and the stacking of layers and directions around a fused
 * one-layer kernel: batch-first and unbatched inputs, per-layer/direction initial states
 * sliced from `(D * numLayers, B, H)`, direction outputs concatenated on the feature
 * axis, dropout between layers in training.
 */
import { zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import { ShapeError } from '../../tensor/errors.js';
import type { RandomGenerator } from '../../tensor/random.js';
import { formatShape } from '../../tensor/shape.js';
import type { Tensor } from '../../tensor/tensor.js';
import { dropout } from '../functional/dropout.js';
import { castLike } from '../functional/grad-utils.js';
import { slice } from '../functional/indexing.js';
import type { RecurrentWeights } from '../functional/lstm.js';
import { concat, permute, squeeze, stack, unsqueeze } from '../functional/shape.js';
import { uniform_ } from '../init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';

/** Options of {@link LSTM} and {@link GRU} (PyTorch's keyword arguments, camelCase). */
export interface RNNOptions {
  /** Stacked layers. Default 1. */
  numLayers?: number;
  /** Learn `bias_ih` and `bias_hh`. Default `true`. */
  bias?: boolean;
  /** Inputs and outputs are `(B, T, F)` instead of `(T, B, F)`. Default `false`. */
  batchFirst?: boolean;
  /** Dropout on each layer's output except the last, in training. Default 0. */
  dropout?: number;
  /** Run a second, reversed direction and concatenate. Default `false`. */
  bidirectional?: boolean;
  /** Parameter dtype. Default `'float32'`. */
  dtype?: DType;
  /** Generator for the initial weights and dropout masks. Default: nn's default generator. */
  generator?: RandomGenerator;
}

/** One fused layer direction: output sequence plus final states, one per state slot. */
export type RecurrentKernel = (
  x: Tensor,
  initial: readonly (Tensor | null)[],
  weights: RecurrentWeights,
  reverse: boolean,
) => { output: Tensor; finals: Tensor[] };

/** Base class of {@link LSTM} and {@link GRU}; see the module comment. */
export abstract class RNNBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  private readonly generator?: RandomGenerator;

  protected constructor(
    private readonly mode: string,
    gates: number,
    inputSize: number,
    hiddenSize: number,
    options: RNNOptions,
  ) {
    super();
    const numLayers = options.numLayers ?? 1;
    const p = options.dropout ?? 0;
    for (const [name, v] of [
      ['inputSize', inputSize],
      ['hiddenSize', hiddenSize],
      ['numLayers', numLayers],
    ] as const) {
      if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${mode}: ${name} must be a positive integer, got ${v}`);
    }
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${mode}: dropout must be in [0, 1], got ${p}`);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = options.bias ?? true;
    this.batchFirst = options.batchFirst ?? false;
    this.dropout = p;
    this.bidirectional = options.bidirectional ?? false;
    this.generator = options.generator;
    const dtype = options.dtype ?? 'float32';
    const bound = 1 / Math.sqrt(hiddenSize);
    const make = (shape: number[]) => new Parameter(uniform_(zeros(shape, dtype), -bound, bound, options.generator));
    const D = this.numDirections;
    const fields = this as unknown as Record<string, Parameter>;
    // Insertion order is PyTorch's parameter order (layer, direction, w_ih, w_hh, b_ih, b_hh).
    for (let layer = 0; layer < numLayers; layer++) {
      for (let d = 0; d < D; d++) {
        const sfx = RNNBase.suffix(layer, d);
        const inSize = layer === 0 ? inputSize : hiddenSize * D;
        fields[`weight_ih${sfx}`] = make([gates * hiddenSize, inSize]);
        fields[`weight_hh${sfx}`] = make([gates * hiddenSize, hiddenSize]);
        if (this.bias) {
          fields[`bias_ih${sfx}`] = make([gates * hiddenSize]);
          fields[`bias_hh${sfx}`] = make([gates * hiddenSize]);
        }
      }
    }
  }

  private static suffix(layer: number, direction: number): string {
    return `_l${layer}${direction === 1 ? '_reverse' : ''}`;
  }

  /** 2 when bidirectional, else 1. */
  get numDirections(): number {
    return this.bidirectional ? 2 : 1;
  }

  /**
   * The weights of one layer and direction (`direction` 1 is the reverse one).
   * @example lstm.layerWeights(0, 0).weightIh.shape // [4 * hidden, input]
   */
  layerWeights(layer: number, direction = 0): RecurrentWeights {
    const fields = this as unknown as Record<string, Parameter | undefined>;
    const sfx = RNNBase.suffix(layer, direction);
    const weightIh = fields[`weight_ih${sfx}`];
    const weightHh = fields[`weight_hh${sfx}`];
    if (weightIh === undefined || weightHh === undefined) {
      throw new RangeError(`${this.mode}: no layer ${layer}, direction ${direction}`);
    }
    return { weightIh, weightHh, biasIh: fields[`bias_ih${sfx}`] ?? null, biasHh: fields[`bias_hh${sfx}`] ?? null };
  }

  /**
   * Runs every layer and direction with `kernel`. `states` holds the user's initial
   * states per slot (`h0`, and `c0` for LSTM), each `(D * numLayers, B, H)` (or without B
   * for unbatched input) or `undefined` for zeros. Returns the output sequence and the
   * stacked final states per slot.
   */
  protected runLayers(
    input: Tensor,
    states: readonly (Tensor | undefined)[],
    kernel: RecurrentKernel,
  ): { output: Tensor; finals: Tensor[] } {
    const name = this.mode;
    const w0 = this.layerWeights(0, 0).weightIh;
    if (input.ndim !== 2 && input.ndim !== 3) {
      throw new ShapeError(
        `${name}: expected a 2-D (unbatched) or 3-D (batched) input, got shape ${formatShape(input.shape)}`,
      );
    }
    if (input.shape[input.ndim - 1] !== this.inputSize) {
      throw new ShapeError(
        `${name}: input of shape ${formatShape(input.shape)} does not match inputSize ${this.inputSize} (last dimension)`,
      );
    }
    const batched = input.ndim === 3;
    let x = castLike(input, w0);
    if (!batched) x = unsqueeze(x, 1);
    else if (this.batchFirst) x = permute(x, [1, 0, 2]);
    const B = x.shape[1];
    const D = this.numDirections;
    const H = this.hiddenSize;
    const slots = states.map((s, i) => {
      if (s === undefined) return undefined;
      const expected = batched ? [D * this.numLayers, B, H] : [D * this.numLayers, H];
      if (s.ndim !== expected.length || s.shape.some((v, k) => v !== expected[k])) {
        throw new ShapeError(
          `${name}: initial state ${i} must have shape ${formatShape(expected)}, got ${formatShape(s.shape)}`,
        );
      }
      const c = castLike(s, w0);
      return batched ? c : unsqueeze(c, 1);
    });
    const finals: Tensor[][] = states.map(() => []);
    for (let layer = 0; layer < this.numLayers; layer++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < D; d++) {
        const idx = layer * D + d;
        const initial = slots.map((s) => (s === undefined ? null : slice(s, [idx])));
        const r = kernel(x, initial, this.layerWeights(layer, d), d === 1);
        outs.push(r.output);
        r.finals.forEach((f, k) => {
          finals[k].push(f);
        });
      }
      x = D === 1 ? outs[0] : concat(outs, 2);
      if (layer < this.numLayers - 1 && this.dropout > 0 && this.training) {
        x = dropout(x, this.dropout, { training: true, generator: this.generator });
      }
    }
    let output = x;
    let stacked = finals.map((f) => stack(f, 0));
    if (!batched) {
      output = squeeze(output, 1);
      stacked = stacked.map((s) => squeeze(s, 1));
    } else if (this.batchFirst) {
      output = permute(output, [1, 0, 2]);
    }
    return { output, finals: stacked };
  }

  override extraRepr(): string {
    const parts = [`${this.inputSize}, ${this.hiddenSize}`];
    if (this.numLayers !== 1) parts.push(`numLayers=${this.numLayers}`);
    if (!this.bias) parts.push('bias=false');
    if (this.batchFirst) parts.push('batchFirst=true');
    if (this.dropout !== 0) parts.push(`dropout=${this.dropout}`);
    if (this.bidirectional) parts.push('bidirectional=true');
    return parts.join(', ');
  }
}
