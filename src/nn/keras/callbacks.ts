/**
 * Keras-style training callbacks: hooks `fit` calls at epoch and batch boundaries, plus
 * `EarlyStopping`, `ReduceLROnPlateau` and `ModelCheckpoint`.
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
  /** The optimizer's learning rate; settable. */
  learningRate: number;
}

/** Whether a logged name is better when larger (`'auto'` mode of the monitors). */
function maximizes(monitor: string, mode: 'min' | 'max' | 'auto'): boolean {
  if (mode !== 'auto') return mode === 'max';
  return /acc|auc|precision|recall|f1/i.test(monitor);
}

function logged(who: string, monitor: string, logs: Logs): number {
  const v = logs[monitor];
  if (v === undefined)
    throw new Error(`${who}: '${monitor}' is not logged; available: ${Object.keys(logs).join(', ')}`);
  return v;
}

/** A `fit` hook; every method is optional. */
export interface Callback {
  onTrainBegin?(model: TrainingTarget): void | Promise<void>;
  onEpochBegin?(epoch: number): void | Promise<void>;
  /** Called after every batch; runs synchronously (an asynchronous one is not awaited). */
  onBatchEnd?(batch: number, logs: Logs): void;
  onEpochEnd?(epoch: number, logs: Logs, model: TrainingTarget): void | Promise<void>;
  onTrainEnd?(model: TrainingTarget): void | Promise<void>;
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
 * @example await model.fit(x, y, { epochs: 100, validationSplit: 0.1, callbacks: [new EarlyStopping({ patience: 3 })] })
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
    return maximizes(this.o.monitor, this.o.mode);
  }

  onTrainBegin(): void {
    this.wait = 0;
    this.best = this.maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.bestWeights = null;
    this.stoppedEpoch = 0;
  }

  onEpochEnd(epoch: number, logs: Logs, model: TrainingTarget): void {
    const v = logged('EarlyStopping', this.o.monitor, logs);
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

/** Options of {@link ReduceLROnPlateauCallback} (Keras' defaults). */
export interface ReduceLROnPlateauCallbackOptions {
  /** Logged quantity to watch. Default `'valLoss'`. */
  monitor?: string;
  /** The learning rate is multiplied by this. Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** `'min'`, `'max'` or `'auto'` (max for accuracy-like names). Default `'auto'`. */
  mode?: 'min' | 'max' | 'auto';
  /** Minimum change that counts as improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound on the learning rate. Default 0. */
  minLr?: number;
}

/**
 * Multiplies the learning rate by `factor` when the monitored quantity has not improved
 * for `patience` epochs: Keras' `callbacks.ReduceLROnPlateau` (named apart from the
 * PyTorch-style scheduler `ReduceLROnPlateau`, which steps an optimizer by hand). The `lr`
 * of each epoch is logged as `lr`.
 * @example await model.fit(x, y, { epochs: 50, validationSplit: 0.1, callbacks: [new ReduceLROnPlateauCallback({ patience: 3 })] })
 */
export class ReduceLROnPlateauCallback implements Callback {
  private readonly o: Required<ReduceLROnPlateauCallbackOptions>;
  private best = Number.NaN;
  private wait = 0;
  private cooldownLeft = 0;

  constructor(options: ReduceLROnPlateauCallbackOptions = {}) {
    this.o = {
      monitor: 'valLoss',
      factor: 0.1,
      patience: 10,
      mode: 'auto',
      minDelta: 1e-4,
      cooldown: 0,
      minLr: 0,
      ...options,
    };
    if (!(this.o.factor < 1 && this.o.factor >= 0)) {
      throw new RangeError(`ReduceLROnPlateauCallback: factor must be in [0, 1), got ${this.o.factor}`);
    }
  }

  onTrainBegin(): void {
    this.best = maximizes(this.o.monitor, this.o.mode) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.wait = 0;
    this.cooldownLeft = 0;
  }

  onEpochEnd(_epoch: number, logs: Logs, model: TrainingTarget): void {
    logs.lr = model.learningRate;
    const v = logged('ReduceLROnPlateauCallback', this.o.monitor, logs);
    const better = maximizes(this.o.monitor, this.o.mode)
      ? v > this.best + this.o.minDelta
      : v < this.best - this.o.minDelta;
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    if (better) {
      this.best = v;
      this.wait = 0;
      return;
    }
    if (this.cooldownLeft > 0) return;
    this.wait++;
    if (this.wait >= this.o.patience) {
      const lr = model.learningRate;
      if (lr > this.o.minLr) {
        model.learningRate = Math.max(lr * this.o.factor, this.o.minLr);
        this.cooldownLeft = this.o.cooldown;
        this.wait = 0;
      }
    }
  }
}

/** Options of {@link ModelCheckpoint}. */
export interface ModelCheckpointOptions {
  /** Logged quantity deciding "best". Default `'valLoss'`. */
  monitor?: string;
  /** Save only when the monitored quantity improves. Default `false` (every epoch). */
  saveBestOnly?: boolean;
  /** `'min'`, `'max'` or `'auto'`. Default `'auto'`. */
  mode?: 'min' | 'max' | 'auto';
}

/**
 * Saves the model at the end of epochs (Keras `ModelCheckpoint`) by calling `save(epoch, logs)`
 * — write the model wherever it should go, e.g. with `serializeModule` from `typelearn/nn`
 * and a file write. `{epoch}` in a path is yours to format. With `saveBestOnly`, only epochs
 * that improve the monitored quantity are saved.
 * @example
 * new ModelCheckpoint((epoch) => writeFileSync(`ckpt-${epoch}.tlnn`, serializeModule(model)), { saveBestOnly: true })
 */
export class ModelCheckpoint implements Callback {
  private readonly o: Required<ModelCheckpointOptions>;
  private best = Number.NaN;
  /** The epochs saved so far. */
  readonly savedEpochs: number[] = [];

  constructor(
    private readonly save: (epoch: number, logs: Logs) => void,
    options: ModelCheckpointOptions = {},
  ) {
    this.o = { monitor: 'valLoss', saveBestOnly: false, mode: 'auto', ...options };
  }

  onTrainBegin(): void {
    this.best = maximizes(this.o.monitor, this.o.mode) ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    this.savedEpochs.length = 0;
  }

  onEpochEnd(epoch: number, logs: Logs): void {
    if (this.o.saveBestOnly) {
      const v = logged('ModelCheckpoint', this.o.monitor, logs);
      const better = maximizes(this.o.monitor, this.o.mode) ? v > this.best : v < this.best;
      if (!better) return;
      this.best = v;
    }
    this.save(epoch, logs);
    this.savedEpochs.push(epoch);
  }
}
