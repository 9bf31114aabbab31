/**
 * Keras-style training callbacks: hooks `fit` calls at epoch and batch boundaries, plus
 * `EarlyStopping`.
 */

/** Epoch metrics: `loss`, each metric, and `valLoss`/`valAccuracy`/... with validation. */
export type Logs = Record<string, number>;

/** What callbacks can reach on the model being trained. */
export interface TrainingTarget {
  /** Set to `true` to end `fit` after the current epoch. */
  stopTraining: boolean;
  /** Snapshot of all weights (for restoring the best ones). */
  getWeights(): Float64Array[];
  /** Restores a snapshot from `getWeights`. */
  setWeights(weights: readonly ArrayLike<number>[]): void;
}

/** A `fit` hook; every method is optional. */
export interface Callback {
  onTrainBegin?(model: TrainingTarget): void;
  onEpochBegin?(epoch: number): void;
  onBatchEnd?(batch: number, logs: Logs): void;
  onEpochEnd?(epoch: number, logs: Logs, model: TrainingTarget): void;
  onTrainEnd?(model: TrainingTarget): void;
}

/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Logged quantity to watch. Default `'valLoss'`. */
  monitor?: string;
  /** Minimum change that counts as improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** `'min'`, `'max'` or `'auto'` (default: max for accuracy-like names). */
  mode?: 'min' | 'max' | 'auto';
  /** Restore the weights of the best epoch when stopping. Default `false`. */
  restoreBestWeights?: boolean;
}

/**
 * Stops training when the monitored quantity stops improving (Keras `EarlyStopping`).
 * @example model.fit(x, y, { epochs: 100, validationSplit: 0.1, callbacks: [new EarlyStopping({ patience: 3 })] })
 */
export class EarlyStopping implements Callback {
  /** The epoch training stopped at (0 if it did not stop early). */
  stoppedEpoch = 0;
  /** The best value seen. */
  best = Number.NaN;
  private wait = 0;
  private bestWeights: Float64Array[] | null = null;
  private readonly o: Required<EarlyStoppingOptions>;

  constructor(options: EarlyStoppingOptions = {}) {
    this.o = { monitor: 'valLoss', minDelta: 0, patience: 0, mode: 'auto', restoreBestWeights: false, ...options };
  }

  private get maximize(): boolean {
    if (this.o.mode !== 'auto') return this.o.mode === 'max';
    return /acc|auc|precision|recall|f1/i.test(this.o.monitor);
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.best = this.maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.bestWeights = null;
    this.stoppedEpoch = 0;
  }

  onEpochEnd(epoch: number, logs: Logs, model: TrainingTarget): void {
    const v = logs[this.o.monitor];
    if (v === undefined) {
      throw new Error(`EarlyStopping: '${this.o.monitor}' is not logged; available: ${Object.keys(logs).join(', ')}`);
    }
    const d = Math.abs(this.o.minDelta);
    const better = this.maximize ? v - d > this.best : v + d < this.best;
    if (better) {
      this.best = v;
      this.wait = 0;
      if (this.o.restoreBestWeights) this.bestWeights = model.getWeights();
      return;
    }
    this.wait++;
    if (this.wait >= Math.max(1, this.o.patience)) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
      if (this.o.restoreBestWeights && this.bestWeights !== null) model.setWeights(this.bestWeights);
    }
  }
}
