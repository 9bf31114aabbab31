/**
 * The optimizer base class (PyTorch's `torch.optim.Optimizer`): parameter groups with
 * their own hyper-parameters (`lr` at least, which schedulers change), per-parameter
 * state, `step()` and `zeroGrad()`. Updates write the parameters' buffers in place.
 */
import type { Tensor } from '../../tensor/tensor.js';

/** Hyper-parameters every group has. */
export interface GroupOptions {
  /** Learning rate. */
  lr: number;
}

/** A parameter group: its parameters plus its hyper-parameters. */
export type ParamGroup<O extends GroupOptions> = O & { params: Tensor[] };

/** What optimizers accept: parameters, or groups of them with per-group overrides. */
export type ParamsInput<O extends GroupOptions> =
  | readonly Tensor[]
  | readonly (Partial<O> & { params: readonly Tensor[] })[];

export abstract class Optimizer<O extends GroupOptions = GroupOptions> {
  /** The groups, each with its current hyper-parameters (schedulers edit `lr` here). */
  readonly paramGroups: ParamGroup<O>[];
  /** Per-parameter state (moment buffers, step counts). */
  readonly state = new Map<Tensor, Record<string, Float64Array | Float32Array | number>>();

  /**
   * @param params - parameters, or groups `{ params, ...overrides }`.
   * @param defaults - the hyper-parameters of groups that do not override them.
   */
  constructor(params: ParamsInput<O>, defaults: O) {
    if (!(defaults.lr >= 0)) throw new RangeError(`${this.constructor.name}: invalid learning rate ${defaults.lr}`);
    const list = [...params];
    if (list.length === 0) throw new Error(`${this.constructor.name}: got an empty parameter list`);
    const isGroups = list.every((p) => typeof p === 'object' && p !== null && 'params' in p && !('data' in p));
    const groups = isGroups
      ? (list as (Partial<O> & { params: readonly Tensor[] })[])
      : [{ params: list as Tensor[] } as unknown as Partial<O> & { params: readonly Tensor[] }];
    this.paramGroups = groups.map((g) => ({ ...defaults, ...g, params: [...g.params] }) as ParamGroup<O>);
  }

  /**
   * Clears the gradients of every parameter (sets them to `null`).
   * @example opt.zeroGrad();
   */
  zeroGrad(): void {
    for (const g of this.paramGroups) for (const p of g.params) p.grad = null;
  }

  /**
   * One update of every parameter that has a gradient.
   * @example loss.backward(); opt.step();
   */
  step(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        if (p.grad === null) continue;
        let st = this.state.get(p);
        if (st === undefined) {
          st = {};
          this.state.set(p, st);
        }
        this.update(p, p.grad, group, st);
      }
    }
  }

  /** Updates one parameter in place from its gradient, group options and state. */
  protected abstract update(
    p: Tensor,
    grad: Tensor,
    group: ParamGroup<O>,
    state: Record<string, Float64Array | Float32Array | number>,
  ): void;

  /** A zeroed state buffer of the parameter's float type. */
  protected buffer(p: Tensor): Float64Array | Float32Array {
    return p.dtype === 'float32' ? new Float32Array(p.size) : new Float64Array(p.size);
  }
}
