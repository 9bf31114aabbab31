import { getBackend } from '../../tensor/kernels/registry.js';
import type { Tensor } from '../../tensor/tensor.js';
import { adamStepWasm } from './adam-kernel.js';
import { type GroupOptions, Optimizer, type ParamGroup, type ParamsInput } from './optimizer.js';

/** Hyper-parameters of {@link Adam} and `AdamW`. */
export interface AdamOptions extends GroupOptions {
  /** Moment decay rates. Default `[0.9, 0.999]`. */
  betas: [number, number];
  /** Added to the denominator. Default 1e-8. */
  eps: number;
  /** Adam: L2 penalty added to the gradient (default 0). AdamW: decoupled decay (default 0.01). */
  weightDecay: number;
  /** Use the running maximum of the second moment. Default `false`. */
  amsgrad: boolean;
}

type State = Record<string, Float64Array | Float32Array | number>;

/**
 * Adam (PyTorch's `torch.optim.Adam`, default lr 1e-3): `m = b1 m + (1 - b1) g`,
 * `v = b2 v + (1 - b2) g^2`, `p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)`;
 * `weightDecay` adds `wd p` to the gradient (coupled L2).
 * @example const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamOptions> {
  /** Whether weight decay is decoupled (AdamW). */
  protected decoupled = false;

  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, ...options });
  }

  protected update(p: Tensor, grad: Tensor, group: ParamGroup<AdamOptions>, state: State): void {
    const { lr, eps, weightDecay, amsgrad } = group;
    const [b1, b2] = group.betas;
    if (state.step === undefined) {
      state.step = 0;
      state.expAvg = this.buffer(p);
      state.expAvgSq = this.buffer(p);
      if (amsgrad) state.maxExpAvgSq = this.buffer(p);
    }
    const t = (state.step as number) + 1;
    state.step = t;
    const m = state.expAvg as Float64Array;
    const v = state.expAvgSq as Float64Array;
    const vmax = state.maxExpAvgSq as Float64Array | undefined;
    const w = p.data;
    const g = grad.data;
    const bc1 = 1 - b1 ** t;
    const bc2sqrt = Math.sqrt(1 - b2 ** t);
    const stepSize = lr / bc1;
    const l2 = this.decoupled ? 0 : weightDecay;
    const decay = this.decoupled ? 1 - lr * weightDecay : 1;
    const mv = state.expAvg;
    const vv = state.expAvgSq;
    if (
      l2 === 0 &&
      decay === 1 &&
      vmax === undefined &&
      w instanceof Float32Array &&
      mv instanceof Float32Array &&
      vv instanceof Float32Array
    ) {
      adamStepF32(w, g, mv, vv, b1, b2, stepSize, bc2sqrt, eps);
      return;
    }
    for (let i = 0; i < w.length; i++) {
      if (decay !== 1) w[i] *= decay;
      const gi = g[i] + l2 * w[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      let vv = v[i];
      if (vmax !== undefined) {
        if (vv > vmax[i]) vmax[i] = vv;
        vv = vmax[i];
      }
      w[i] -= (stepSize * m[i]) / (Math.sqrt(vv) / bc2sqrt + eps);
    }
  }
}

/** Below this many elements the block copies in and out of WASM memory cost more than they save. */
const WASM_MIN_ELEMENTS = 1024;

/**
 * The plain float32 Adam update (no weight decay, no amsgrad), computed in float32 like
 * PyTorch's float32 tensors: every operation is rounded to float32 (`Math.fround` of a
 * float64 add, multiply, divide or square root of float32 values is the correctly rounded
 * float32 result), scalars included. Large tensors run on the WASM SIMD kernel, which
 * computes the same operations, so the two agree bit for bit.
 */
function adamStepF32(
  w: Float32Array,
  g: ArrayLike<number>,
  m: Float32Array,
  v: Float32Array,
  b1: number,
  b2: number,
  stepSize: number,
  bc2sqrt: number,
  eps: number,
): void {
  const f = Math.fround;
  const B1 = f(b1);
  const B2 = f(b2);
  const C1 = f(1 - b1);
  const C2 = f(1 - b2);
  const SS = f(stepSize);
  const BC = f(bc2sqrt);
  const EPS = f(eps);
  // Large tensors on the WASM kernel (unless the js backend is forced); it leaves at most
  // 3 elements to this loop.
  const start =
    w.length >= WASM_MIN_ELEMENTS && g instanceof Float32Array && getBackend() !== 'js'
      ? adamStepWasm(w, g, m, v, B1, B2, C1, C2, SS, BC, EPS)
      : 0;
  for (let i = start; i < w.length; i++) {
    const gi = g[i];
    const mi = f(f(B1 * m[i]) + f(C1 * gi));
    const vi = f(f(B2 * v[i]) + f(f(C2 * gi) * gi));
    m[i] = mi;
    v[i] = vi;
    const den = f(f(f(Math.sqrt(vi)) / BC) + EPS);
    w[i] = w[i] - f(f(SS * mi) / den);
  }
}

/**
 * AdamW: Adam with decoupled weight decay (`p *= 1 - lr wd` before the Adam step; default
 * `weightDecay` 0.01).
 * @example const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends Adam {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { weightDecay: 0.01, ...options });
    this.decoupled = true;
  }
}
