/**
 * The learning-rate scheduler base (PyTorch's `LRScheduler`): remembers each group's
 * initial lr, counts `step()` calls (epochs) and writes the new lr into the optimizer's
 * groups. Call `scheduler.step()` after `optimizer.step()`.
 */
import type { GroupOptions, Optimizer } from '../optim/optimizer.js';

export abstract class LRScheduler {
  /** The lr of each group when the scheduler was created. */
  readonly baseLrs: number[];
  /** Number of `step()` calls so far. */
  lastEpoch = 0;

  constructor(readonly optimizer: Optimizer<GroupOptions>) {
    this.baseLrs = optimizer.paramGroups.map((g) => g.lr);
  }

  /** The lr of each group for epoch `lastEpoch`, given the current ones. */
  protected abstract computeLr(current: readonly number[]): number[];

  /**
   * Advances one epoch and updates the optimizer's learning rates.
   * @example for (...) { train(); scheduler.step(); }
   */
  step(): void {
    this.lastEpoch++;
    const lrs = this.computeLr(this.getLastLr());
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = lrs[i];
    });
  }

  /**
   * The current learning rate of each group.
   * @example scheduler.getLastLr() // [0.05]
   */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}

/**
 * `lr = base * gamma^floor(epoch / stepSize)` (`gamma` default 0.1).
 * @example new StepLR(opt, { stepSize: 30, gamma: 0.1 })
 */
export class StepLR extends LRScheduler {
  constructor(
    optimizer: Optimizer<GroupOptions>,
    readonly options: { stepSize: number; gamma?: number },
  ) {
    super(optimizer);
  }
  protected computeLr(): number[] {
    const f = (this.options.gamma ?? 0.1) ** Math.floor(this.lastEpoch / this.options.stepSize);
    return this.baseLrs.map((b) => b * f);
  }
}

/**
 * `lr = base * gamma^epoch`.
 * @example new ExponentialLR(opt, { gamma: 0.95 })
 */
export class ExponentialLR extends LRScheduler {
  constructor(
    optimizer: Optimizer<GroupOptions>,
    readonly options: { gamma: number },
  ) {
    super(optimizer);
  }
  protected computeLr(): number[] {
    return this.baseLrs.map((b) => b * this.options.gamma ** this.lastEpoch);
  }
}

/**
 * Cosine annealing from the base lr to `etaMin` (default 0) over `tMax` epochs, in
 * PyTorch's recursive form (past `tMax` it rises again, period `2 tMax`).
 * @example new CosineAnnealingLR(opt, { tMax: 50 })
 */
export class CosineAnnealingLR extends LRScheduler {
  constructor(
    optimizer: Optimizer<GroupOptions>,
    readonly options: { tMax: number; etaMin?: number },
  ) {
    super(optimizer);
  }
  protected computeLr(current: readonly number[]): number[] {
    const T = this.options.tMax;
    const etaMin = this.options.etaMin ?? 0;
    const e = this.lastEpoch;
    return current.map((lr, i) => {
      if ((e - 1 - T) % (2 * T) === 0) return lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / T))) / 2;
      return ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (lr - etaMin) + etaMin;
    });
  }
}
