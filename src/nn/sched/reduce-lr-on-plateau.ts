import type { GroupOptions, Optimizer } from '../optim/optimizer.js';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** `'min'` (default: the metric should fall) or `'max'`. */
  mode?: 'min' | 'max';
  /** Multiply the lr by this on a plateau. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** Minimum change that counts as improvement. Default 1e-4. */
  threshold?: number;
  /** `'rel'` (default: relative to the best) or `'abs'`. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction. Default 0. */
  cooldown?: number;
  /** Lower bound of the lr. Default 0. */
  minLr?: number;
  /** Reductions smaller than this are skipped. Default 1e-8. */
  eps?: number;
}

/**
 * Reduces the learning rate by `factor` when a metric stops improving for `patience`
 * epochs (PyTorch's `ReduceLROnPlateau`). Call `step(metric)` once per epoch.
 * @example
 * const plateau = new ReduceLROnPlateau(opt, { patience: 2 });
 * plateau.step(validationLoss);
 */
export class ReduceLROnPlateau {
  private best: number;
  private badEpochs = 0;
  private cooldownLeft = 0;
  private readonly o: Required<ReduceLROnPlateauOptions>;

  constructor(
    readonly optimizer: Optimizer<GroupOptions>,
    options: ReduceLROnPlateauOptions = {},
  ) {
    this.o = {
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      minLr: 0,
      eps: 1e-8,
      ...options,
    };
    if (this.o.factor >= 1) throw new RangeError('ReduceLROnPlateau: factor must be < 1');
    this.best = this.o.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  private isBetter(v: number): boolean {
    const { mode, threshold, thresholdMode } = this.o;
    if (mode === 'min') return thresholdMode === 'rel' ? v < this.best * (1 - threshold) : v < this.best - threshold;
    return thresholdMode === 'rel' ? v > this.best * (1 + threshold) : v > this.best + threshold;
  }

  /**
   * Records one epoch's metric and reduces the lr on a plateau.
   * @example plateau.step(0.42);
   */
  step(metric: number): void {
    if (this.isBetter(metric)) {
      this.best = metric;
      this.badEpochs = 0;
    } else this.badEpochs++;
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.badEpochs = 0;
    }
    if (this.badEpochs > this.o.patience) {
      for (const g of this.optimizer.paramGroups) {
        const next = Math.max(g.lr * this.o.factor, this.o.minLr);
        if (g.lr - next > this.o.eps) g.lr = next;
      }
      this.cooldownLeft = this.o.cooldown;
      this.badEpochs = 0;
    }
  }

  /**
   * The current learning rate of each group.
   * @example plateau.getLastLr()
   */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }
}
