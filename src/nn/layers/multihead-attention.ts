/**
 * `MultiheadAttention` (PyTorch's `nn.MultiheadAttention`): scaled dot-product attention
 * over `numHeads` heads with learned input and output projections, composed from
 * differentiable ops (linear, batched matmul, softmax, dropout), so every output,
 * the attention weights included, has gradients.
 */
import { zeros } from '../../tensor/creation.js';
import type { DType } from '../../tensor/dtype.js';
import { DTypeError, ShapeError } from '../../tensor/errors.js';
import type { RandomGenerator } from '../../tensor/random.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { add, mul } from '../functional/arithmetic.js';
import { dropout as dropoutFn } from '../functional/dropout.js';
import { castLike, floatBuffer } from '../functional/grad-utils.js';
import { slice } from '../functional/indexing.js';
import { linear, matmul } from '../functional/matmul.js';
import { mean } from '../functional/reduce.js';
import { permute, reshape, squeeze, transpose, unsqueeze } from '../functional/shape.js';
import { softmax } from '../functional/softmax.js';
import { constant_, xavierUniform_ } from '../init.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Linear } from './linear.js';

/** Options of {@link MultiheadAttention}. */
export interface MultiheadAttentionOptions {
  /** Dropout on the attention weights in training. Default 0. */
  dropout?: number;
  /** Learn the input and output projection biases. Default `true`. */
  bias?: boolean;
  /** Inputs and outputs are `(B, L, E)` instead of `(L, B, E)`. Default `false`. */
  batchFirst?: boolean;
  /** Feature size of `key`. Default `embedDim`. */
  kdim?: number;
  /** Feature size of `value`. Default `embedDim`. */
  vdim?: number;
  /** Parameter dtype. Default `'float32'`. */
  dtype?: DType;
  /** Generator for the initial weights and dropout masks. Default: nn's default generator. */
  generator?: RandomGenerator;
}

/** Options of {@link MultiheadAttention.forward}. */
export interface AttentionForwardOptions {
  /** `(B, S)` (or `(S)` unbatched): bool `true` = ignore that key, or float added to the scores. */
  keyPaddingMask?: Tensor;
  /** Return the attention weights. Default `true`. */
  needWeights?: boolean;
  /** `(L, S)` or `(B * numHeads, L, S)`: bool `true` = not allowed, or float added to the scores. */
  attnMask?: Tensor;
  /** Average the returned weights over heads (`(B, L, S)`) or not (`(B, numHeads, L, S)`). Default `true`. */
  averageAttnWeights?: boolean;
  /** Apply a causal mask (query i sees keys j <= i) when no `attnMask` is given. Default `false`. */
  isCausal?: boolean;
}

/**
 * Multi-head attention: `softmax(Q K^T / sqrt(d) + mask) V` per head, `Q = query W_q^T +
 * b_q` (likewise K, V), heads concatenated and projected by `out_proj`. State-dict
 * names are PyTorch's (`in_proj_weight` `(3E, E)`, `in_proj_bias`, `out_proj.weight`,
 * `out_proj.bias`; `q_proj_weight`/`k_proj_weight`/`v_proj_weight` when `kdim` or `vdim`
 * differ from `embedDim`); init as PyTorch (Xavier-uniform input projections, zero biases).
 *
 * `forward(query, key, value, options)` with `query` `(L, B, E)` (`(B, L, E)` with
 * `batchFirst`; `(L, E)` unbatched) and `key`/`value` `(S, B, kdim/vdim)` returns
 * `[output, weights]`: `output` like `query`, `weights` `(B, L, S)` averaged over heads
 * (or `null` with `needWeights: false`). Masked positions get weight exactly 0; a query
 * whose keys are all masked gives NaN, as in PyTorch. (No `addBiasKv`/`addZeroAttn`.)
 * @example
 * const mha = new MultiheadAttention(64, 8, { batchFirst: true });
 * const [out, weights] = mha.forward(x, x, x, { isCausal: true }); // x: (batch, seq, 64)
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly numHeads: number;
  readonly headDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  in_proj_weight: Parameter | null = null;
  q_proj_weight: Parameter | null = null;
  k_proj_weight: Parameter | null = null;
  v_proj_weight: Parameter | null = null;
  in_proj_bias: Parameter | null = null;
  outProj: Linear;
  private readonly generator?: RandomGenerator;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    if (!Number.isInteger(embedDim) || embedDim <= 0 || !Number.isInteger(numHeads) || numHeads <= 0) {
      throw new RangeError(
        `MultiheadAttention: embedDim and numHeads must be positive integers, got ${embedDim}, ${numHeads}`,
      );
    }
    if (embedDim % numHeads !== 0) {
      throw new RangeError(`MultiheadAttention: embedDim ${embedDim} must be divisible by numHeads ${numHeads}`);
    }
    const p = options.dropout ?? 0;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`MultiheadAttention: dropout must be in [0, 1], got ${p}`);
    const dtype = options.dtype ?? 'float32';
    const gen = options.generator;
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.headDim = embedDim / numHeads;
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    this.dropout = p;
    this.batchFirst = options.batchFirst ?? false;
    this.generator = gen;
    const xavier = (shape: number[]) => new Parameter(xavierUniform_(zeros(shape, dtype), 1, gen));
    if (this.kdim === embedDim && this.vdim === embedDim) {
      this.in_proj_weight = xavier([3 * embedDim, embedDim]);
    } else {
      this.q_proj_weight = xavier([embedDim, embedDim]);
      this.k_proj_weight = xavier([embedDim, this.kdim]);
      this.v_proj_weight = xavier([embedDim, this.vdim]);
    }
    const bias = options.bias ?? true;
    if (bias) this.in_proj_bias = new Parameter(zeros([3 * embedDim], dtype));
    this.outProj = new Linear(embedDim, embedDim, { bias, dtype, generator: gen });
    if (this.outProj.bias !== null) constant_(this.outProj.bias, 0);
    this.stateName('outProj', 'out_proj');
  }

  /** The query, key and value projection weights (slices of `in_proj_weight` when packed). */
  private projections(): [Tensor, Tensor, Tensor] {
    const E = this.embedDim;
    const w = this.in_proj_weight;
    if (w !== null) return [slice(w, [[0, E]]), slice(w, [[E, 2 * E]]), slice(w, [[2 * E, 3 * E]])];
    return [this.q_proj_weight as Parameter, this.k_proj_weight as Parameter, this.v_proj_weight as Parameter];
  }

  override forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    options: AttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const E = this.embedDim;
    const h = this.numHeads;
    const d = this.headDim;
    const batched = query.ndim === 3;
    const expectDims = batched ? 3 : 2;
    for (const [name, t, size] of [
      ['query', query, E],
      ['key', key, this.kdim],
      ['value', value, this.vdim],
    ] as const) {
      if (t.ndim !== expectDims || t.shape[t.ndim - 1] !== size) {
        throw new ShapeError(
          `MultiheadAttention: ${name} must be ${batched ? '3-D' : '2-D'} with last dimension ${size}, got ${formatShape(t.shape)}`,
        );
      }
    }
    const like = this.outProj.weight;
    // Internally batch first: (B, L, E).
    const prep = (t: Tensor) => {
      const c = castLike(t, like);
      if (!batched) return unsqueeze(c, 0);
      return this.batchFirst ? c : permute(c, [1, 0, 2]);
    };
    const q = prep(query);
    const k = prep(key);
    const v = prep(value);
    const [B, L] = q.shape;
    const S = k.shape[1];
    if (k.shape[0] !== B || v.shape[0] !== B || v.shape[1] !== S) {
      throw new ShapeError(
        `MultiheadAttention: query ${formatShape(query.shape)}, key ${formatShape(key.shape)} and value ${formatShape(value.shape)} disagree on batch or key length`,
      );
    }
    const [wq, wk, wv] = this.projections();
    const b = this.in_proj_bias;
    const bq = b === null ? null : slice(b, [[0, E]]);
    const bk = b === null ? null : slice(b, [[E, 2 * E]]);
    const bv = b === null ? null : slice(b, [[2 * E, 3 * E]]);
    const heads = (t: Tensor, n: number) => permute(reshape(t, [B, n, h, d]), [0, 2, 1, 3]);
    const qh = heads(linear(q, wq, bq), L);
    const kh = heads(linear(k, wk, bk), S);
    const vh = heads(linear(v, wv, bv), S);
    let scores = matmul(mul(qh, 1 / Math.sqrt(d)), transpose(kh, -2, -1)); // (B, h, L, S)
    const mask = this.additiveMask(options, batched, B, L, S, like.dtype);
    if (mask !== null) scores = add(scores, mask);
    let weights = softmax(scores, -1);
    if (this.dropout > 0 && this.training) {
      weights = dropoutFn(weights, this.dropout, { training: true, generator: this.generator });
    }
    const attended = reshape(permute(matmul(weights, vh), [0, 2, 1, 3]), [B, L, E]);
    let output = this.outProj.forward(attended);
    if (!batched) output = squeeze(output, 0);
    else if (!this.batchFirst) output = permute(output, [1, 0, 2]);
    if (options.needWeights === false) return [output, null];
    let w = options.averageAttnWeights === false ? weights : mean(weights, { axis: 1 });
    if (!batched) w = squeeze(w, 0);
    return [output, w];
  }

  /** The key-padding, attention and causal masks merged into one additive `(B, h, L, S)` tensor. */
  private additiveMask(
    options: AttentionForwardOptions,
    batched: boolean,
    B: number,
    L: number,
    S: number,
    dtype: DType,
  ): Tensor | null {
    const h = this.numHeads;
    const { attnMask, keyPaddingMask, isCausal } = options;
    if (attnMask === undefined && keyPaddingMask === undefined && !isCausal) return null;
    const out = floatBuffer(dtype, B * h * L * S);
    const value = (t: Tensor, i: number) => {
      if (t.dtype === 'bool') return t.data[i] ? Number.NEGATIVE_INFINITY : 0;
      return t.data[i];
    };
    const checkKind = (t: Tensor, name: string) => {
      if (t.dtype === 'int32') throw new DTypeError(`MultiheadAttention: ${name} must be bool or float, got int32`);
    };
    if (attnMask !== undefined) {
      checkKind(attnMask, 'attnMask');
      const is2d = attnMask.ndim === 2 && attnMask.shape[0] === L && attnMask.shape[1] === S;
      const is3d =
        attnMask.ndim === 3 && attnMask.shape[0] === B * h && attnMask.shape[1] === L && attnMask.shape[2] === S;
      if (!is2d && !is3d) {
        throw new ShapeError(
          `MultiheadAttention: attnMask must be (${L}, ${S}) or (${B * h}, ${L}, ${S}), got ${formatShape(attnMask.shape)}`,
        );
      }
      for (let bh = 0; bh < B * h; bh++) {
        for (let i = 0; i < L * S; i++) out[bh * L * S + i] = value(attnMask, is2d ? i : bh * L * S + i);
      }
    } else if (isCausal) {
      for (let bh = 0; bh < B * h; bh++) {
        for (let l = 0; l < L; l++)
          for (let s = l + 1; s < S; s++) out[(bh * L + l) * S + s] = Number.NEGATIVE_INFINITY;
      }
    }
    if (keyPaddingMask !== undefined) {
      checkKind(keyPaddingMask, 'keyPaddingMask');
      const expected = batched ? [B, S] : [S];
      if (keyPaddingMask.ndim !== expected.length || keyPaddingMask.shape.some((v, i) => v !== expected[i])) {
        throw new ShapeError(
          `MultiheadAttention: keyPaddingMask must be ${formatShape(expected)}, got ${formatShape(keyPaddingMask.shape)}`,
        );
      }
      for (let bb = 0; bb < B; bb++) {
        for (let hh = 0; hh < h; hh++) {
          for (let l = 0; l < L; l++) {
            const o = ((bb * h + hh) * L + l) * S;
            for (let s = 0; s < S; s++) out[o + s] += value(keyPaddingMask, bb * S + s);
          }
        }
      }
    }
    return new Tensor(out, [B, h, L, S]);
  }

  override extraRepr(): string {
    return `embedDim=${this.embedDim}, numHeads=${this.numHeads}${this.batchFirst ? ', batchFirst=true' : ''}`;
  }
}
