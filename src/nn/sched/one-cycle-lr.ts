import type { GroupOptions, Optimizer } from '../optim/optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** Options of {@link OneCycleLR}. */
export interface OneCycleLROptions {
  /** Peak learning rate. */
  maxLr: number;
  /** Number of `step()` calls in the cycle (or give `epochs` and `stepsPerEpoch`). */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the lr. Default 0.3. */
  pctStart?: number;
  /** `'cos'` (default) or `'linear'`. */
  annealStrategy?: 'cos' | 'linear';
  /** Initial lr = maxLr / divFactor. Default 25. */
  divFactor?: number;
  /** Final lr = initial lr / finalDivFactor. Default 1e4. */
  finalDivFactor?: number;
  /** Add a third phase annihilating the lr (the fast.ai variant). Default `false`. */
  threePhase?: boolean;
}

/**
 * The 1cycle policy (PyTorch's `OneCycleLR`): the lr rises from `maxLr / divFactor` to
 * `maxLr` over `pctStart` of the steps and anneals to `initial / finalDivFactor`. Call
 * `step()` after every batch. Momentum is not cycled.
 * @example new OneCycleLR(opt, { maxLr: 0.01, totalSteps: 1000 })
 */
export class OneCycleLR extends LRScheduler {
  private readonly phases: { end: number; start: number; from: number[]; to: number[] }[];
  private readonly total: number;

  constructor(
    optimizer: Optimizer<GroupOptions>,
    readonly options: OneCycleLROptions,
  ) {
    super(optimizer);
    const total = options.totalSteps ?? (options.epochs ?? 0) * (options.stepsPerEpoch ?? 0);
    if (!(total > 0)) throw new RangeError('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
    this.total = total;
    const pct = options.pctStart ?? 0.3;
    const initial = options.maxLr / (options.divFactor ?? 25);
    const minLr = initial / (options.finalDivFactor ?? 1e4);
    const n = optimizer.paramGroups.length;
    const rep = (v: number) => new Array<number>(n).fill(v);
    const up = pct * total - 1;
    this.phases = options.threePhase
      ? [
          { start: 0, end: up, from: rep(initial), to: rep(options.maxLr) },
          { start: up, end: 2 * pct * total - 2, from: rep(options.maxLr), to: rep(initial) },
          { start: 2 * pct * total - 2, end: total - 1, from: rep(initial), to: rep(minLr) },
        ]
      : [
          { start: 0, end: up, from: rep(initial), to: rep(options.maxLr) },
          { start: up, end: total - 1, from: rep(options.maxLr), to: rep(minLr) },
        ];
    for (const g of optimizer.paramGroups) g.lr = initial;
  }

  protected computeLr(): number[] {
    const s = this.lastEpoch;
    if (s >= this.total) {
      throw new RangeError(`OneCycleLR: stepped ${s + 1} times but totalSteps is ${this.total}`);
    }
    const cos = (this.options.annealStrategy ?? 'cos') === 'cos';
    for (const ph of this.phases) {
      if (s <= ph.end || ph === this.phases[this.phases.length - 1]) {
        const t = (s - ph.start) / (ph.end - ph.start);
        return ph.from.map((a, i) => {
          const b = ph.to[i];
          return cos ? b + ((a - b) / 2) * (Math.cos(Math.PI * t) + 1) : (b - a) * t + a;
        });
      }
    }
    return this.getLastLr();
  }
}
