/**
 * Keras-style `sequential([...])` models: `compile`, `fit` (mini-batches, shuffling,
 * validation, callbacks, a progress line per epoch), `evaluate`, `predict`, `summary`.
 * Underneath it is a PyTorch-style `Sequential`, trained in float32; a final softmax
 * (sigmoid) is fused into a cross-entropy loss computed from logits, for stability.
 */
import { ShapeError } from '../../tensor/errors.js';
import { take } from '../../tensor/indexing.js';
import { formatShape } from '../../tensor/shape.js';
import { Tensor } from '../../tensor/tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { binaryCrossEntropy, binaryCrossEntropyWithLogits, crossEntropy } from '../functional/loss-classification.js';
import { l1Loss, mseLoss } from '../functional/loss-regression.js';
import { Sequential } from '../layers/sequential.js';
import { Adagrad } from '../optim/adagrad.js';
import { Adam, AdamW } from '../optim/adam.js';
import type { GroupOptions, Optimizer } from '../optim/optimizer.js';
import { RMSprop } from '../optim/rmsprop.js';
import { SGD } from '../optim/sgd.js';
import type { Parameter } from '../parameter.js';
import { defaultGenerator } from '../random.js';
import type { Callback, Logs, TrainingTarget } from './callbacks.js';
import { type ActivationName, channelsFirst, type LayerSpec } from './layers.js';
import { computeMetric, type MetricName } from './metrics.js';

/** Loss names accepted by `compile`. */
export type LossName =
  | 'sparseCategoricalCrossentropy'
  | 'categoricalCrossentropy'
  | 'binaryCrossentropy'
  | 'mse'
  | 'mae';

/** Options of `compile`. */
export interface CompileOptions {
  /** `'adam'`, `'sgd'`, `'rmsprop'`, `'adagrad'`, `'adamw'` (Keras default lrs), or a factory. */
  optimizer: 'adam' | 'sgd' | 'rmsprop' | 'adagrad' | 'adamw' | ((params: Parameter[]) => Optimizer<GroupOptions>);
  loss: LossName;
  /** Metrics to log: `'accuracy'`, `'mse'`, `'mae'`. Default none. */
  metrics?: MetricName[];
}

/** Options of `fit`. */
export interface FitOptions {
  /** Default 1. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Fraction of the samples (the last ones, before shuffling) held out for validation. */
  validationSplit?: number;
  /** Explicit validation data (overrides `validationSplit`). */
  validationData?: [Tensor, Tensor];
  /** Shuffle the training samples every epoch (seeded by nn's generator). Default `true`. */
  shuffle?: boolean;
  callbacks?: Callback[];
  /** 1 prints a line per epoch, 0 is silent. Default: 1 on a TTY, else 0. */
  verbose?: 0 | 1;
  /** Aborting stops training before the next batch; `fit` rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** What `fit` returns: per-epoch logs under each name (`loss`, `accuracy`, `valLoss`, ...). */
export interface History {
  epoch: number[];
  history: Record<string, number[]>;
}

/**
 * A stack of Keras layers. Build it with {@link sequential}.
 * @example
 * const model = sequential([dense(64, { activation: 'relu', inputShape: [784] }), dense(10, { activation: 'softmax' })]);
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 */
/** One line of Keras' progress bar: `Epoch 2/10 [=========>....] 235/469 - loss: 0.4213`. */
function progressBar(
  epoch: number,
  epochs: number,
  batch: number,
  batches: number,
  done: number,
  loss: number,
): string {
  const width = 30;
  const filled = Math.min(width, Math.floor(done * width));
  const bar = filled >= width ? '='.repeat(width) : `${'='.repeat(filled)}>${'.'.repeat(width - filled - 1)}`;
  return `Epoch ${epoch}/${epochs} [${bar}] ${batch}/${batches} - loss: ${loss.toFixed(4)}`;
}

export class KerasSequential implements TrainingTarget {
  /** The PyTorch-style network computing everything but a final fused softmax/sigmoid. */
  readonly body: Sequential;
  readonly inputShape: number[];
  readonly outputShape: number[];
  /** The last layer's activation (applied by `predict`). */
  readonly finalActivation: ActivationName;
  stopTraining = false;
  private readonly rows: { name: string; shape: number[]; params: number }[] = [];
  private optimizer: Optimizer<GroupOptions> | null = null;
  private lossName: LossName | null = null;
  private metrics: MetricName[] = [];

  /** The optimizer's learning rate (of its first parameter group); NaN before `compile`. */
  get learningRate(): number {
    return this.optimizer?.paramGroups[0]?.lr ?? Number.NaN;
  }

  /** Sets the learning rate of every parameter group (what `ReduceLROnPlateau` does). */
  set learningRate(lr: number) {
    if (this.optimizer === null) throw new Error('learningRate: compile the model first');
    for (const g of this.optimizer.paramGroups) g.lr = lr;
  }

  constructor(readonly specs: readonly LayerSpec[]) {
    if (specs.length === 0) throw new Error('sequential: needs at least one layer');
    const first = specs[0].inputShape;
    if (first === undefined) throw new Error(`sequential: the first layer (${specs[0].className}) needs an inputShape`);
    this.inputShape = [...first];
    let shape = [...first];
    const modules = first.length === 3 ? [channelsFirst()] : [];
    let activation: ActivationName = 'linear';
    specs.forEach((spec, i) => {
      const built = spec.build(shape);
      const fuse = i === specs.length - 1 && (built.activation === 'softmax' || built.activation === 'sigmoid');
      modules.push(...(fuse ? built.modules.slice(0, -1) : built.modules));
      const params = built.modules.reduce((n, m) => n + m.numParameters(), 0);
      this.rows.push({ name: `${spec.className.toLowerCase()}_${i}`, shape: built.outputShape, params });
      shape = built.outputShape;
      activation = built.activation;
    });
    this.body = new Sequential(...modules);
    this.outputShape = shape;
    this.finalActivation = activation;
  }

  /**
   * Sets the optimizer, the loss and the metrics.
   * @example model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
   */
  compile(options: CompileOptions): this {
    const params = this.body.parameters();
    const o = options.optimizer;
    if (typeof o === 'function') this.optimizer = o(params);
    else if (o === 'adam') this.optimizer = new Adam(params, { lr: 1e-3 });
    else if (o === 'adamw') this.optimizer = new AdamW(params, { lr: 1e-3 });
    else if (o === 'sgd') this.optimizer = new SGD(params, { lr: 0.01 });
    else if (o === 'rmsprop') this.optimizer = new RMSprop(params, { lr: 1e-3, alpha: 0.9, eps: 1e-7 });
    else if (o === 'adagrad')
      this.optimizer = new Adagrad(params, { lr: 1e-3, initialAccumulatorValue: 0.1, eps: 1e-7 });
    else throw new RangeError(`compile: unknown optimizer '${String(o)}'`);
    this.lossName = options.loss;
    this.metrics = options.metrics ?? [];
    return this;
  }

  /** Converts a batch of samples to float32 and checks the per-sample shape. */
  private prepareX(x: Tensor): Tensor {
    const per = x.shape.slice(1);
    if (per.length !== this.inputShape.length || per.some((d, i) => d !== this.inputShape[i])) {
      throw new ShapeError(
        `model input of shape ${formatShape(x.shape)} does not match the model's input shape [batch, ${this.inputShape.join(', ')}]`,
      );
    }
    return x.dtype === 'float32' ? x : x.astype('float32');
  }

  private lossOf(out: Tensor, y: Tensor): Tensor {
    const loss = this.lossName;
    const fused = this.finalActivation === 'softmax' || this.finalActivation === 'sigmoid';
    switch (loss) {
      case 'sparseCategoricalCrossentropy':
      case 'categoricalCrossentropy':
        if (this.finalActivation !== 'softmax') {
          throw new Error(
            `compile: '${loss}' needs a final softmax layer (the model ends with '${this.finalActivation}')`,
          );
        }
        return crossEntropy(out, loss === 'categoricalCrossentropy' ? y.astype('float32') : y);
      case 'binaryCrossentropy': {
        const target = y.astype('float32').reshape([...out.shape]);
        return this.finalActivation === 'sigmoid'
          ? binaryCrossEntropyWithLogits(out, target)
          : binaryCrossEntropy(out, target);
      }
      case 'mse':
      case 'mae': {
        if (fused) throw new Error(`compile: '${loss}' after a final ${this.finalActivation} is not supported`);
        const target = y.astype('float32').reshape([...out.shape]);
        return loss === 'mse' ? mseLoss(out, target) : l1Loss(out, target);
      }
      default:
        throw new Error('fit: call compile() first');
    }
  }

  /** Applies the fused final activation to raw outputs. */
  private activate(out: Tensor): Tensor {
    const o = out.data;
    if (this.finalActivation === 'sigmoid') {
      const p = new Float32Array(o.length);
      for (let i = 0; i < o.length; i++) p[i] = 1 / (1 + Math.exp(-o[i]));
      return new Tensor(p, out.shape);
    }
    if (this.finalActivation !== 'softmax') return out;
    const [n, c] = [out.shape[0], out.size / out.shape[0]];
    const p = new Float32Array(o.length);
    for (let i = 0; i < n; i++) {
      let mx = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < c; j++) mx = Math.max(mx, o[i * c + j]);
      let s = 0;
      for (let j = 0; j < c; j++) s += Math.exp(o[i * c + j] - mx);
      for (let j = 0; j < c; j++) p[i * c + j] = Math.exp(o[i * c + j] - mx) / s;
    }
    return new Tensor(p, out.shape);
  }

  /**
   * Trains for `epochs` over mini-batches; resolves to the per-epoch history (a Promise, as
   * in TensorFlow.js: learning is asynchronous). Between epochs it yields to the event
   * loop, so timers, I/O and asynchronous callbacks (`onEpochEnd` may return a Promise,
   * e.g. a checkpoint write) run; `signal` stops training at the next batch. Rejects with
   * an Error when the loss becomes NaN.
   * @example const history = await model.fit(x, y, { epochs: 10, batchSize: 128, validationSplit: 0.1 });
   */
  async fit(x: Tensor, y: Tensor, options: FitOptions = {}): Promise<History> {
    const opt = this.optimizer;
    if (opt === null) throw new Error('fit: call compile() first');
    if (x.shape[0] !== y.shape[0]) {
      throw new ShapeError(
        `fit: x of shape ${formatShape(x.shape)} and y of shape ${formatShape(y.shape)} have different sample counts`,
      );
    }
    const epochs = options.epochs ?? 1;
    const batchSize = options.batchSize ?? 32;
    const verbose = options.verbose ?? (process.stdout?.isTTY ? 1 : 0);
    let xTrain = this.prepareX(x);
    let yTrain = y;
    let validation = options.validationData;
    if (validation === undefined && options.validationSplit) {
      const nVal = Math.floor(x.shape[0] * options.validationSplit);
      const nTr = x.shape[0] - nVal;
      const rows = (t: Tensor, a: number, b: number) =>
        take(
          t,
          Int32Array.from({ length: b - a }, (_, i) => a + i),
          0,
        );
      validation = [rows(xTrain, nTr, x.shape[0]), rows(y, nTr, x.shape[0])];
      xTrain = rows(xTrain, 0, nTr);
      yTrain = rows(y, 0, nTr);
    }
    const n = xTrain.shape[0];
    const callbacks = options.callbacks ?? [];
    const history: History = { epoch: [], history: {} };
    this.stopTraining = false;
    for (const cb of callbacks) await cb.onTrainBegin?.(this);
    for (let epoch = 0; epoch < epochs && !this.stopTraining; epoch++) {
      options.signal?.throwIfAborted();
      for (const cb of callbacks) await cb.onEpochBegin?.(epoch);
      const start = Date.now();
      this.body.train();
      const order =
        options.shuffle === false ? Int32Array.from({ length: n }, (_, i) => i) : defaultGenerator().permutation(n);
      let lossSum = 0;
      const metricSums = new Map<MetricName, number>();
      const nBatches = Math.ceil(n / batchSize);
      let lastDraw = 0;
      for (let b = 0; b < nBatches; b++) {
        options.signal?.throwIfAborted();
        const idx = order.subarray(b * batchSize, Math.min(n, (b + 1) * batchSize));
        const xb = take(xTrain, idx, 0);
        const yb = take(yTrain, idx, 0);
        opt.zeroGrad();
        const out = this.body.forward(xb);
        const loss = this.lossOf(out, yb);
        const lv = loss.item();
        if (Number.isNaN(lv)) {
          throw new Error(
            `fit: the loss became NaN at epoch ${epoch + 1}, batch ${b + 1}; training stopped (check the inputs for NaN, or lower the learning rate)`,
          );
        }
        loss.backward();
        opt.step();
        lossSum += lv * idx.length;
        for (const m of this.metrics)
          metricSums.set(m, (metricSums.get(m) ?? 0) + computeMetric(m, this.activate(out), yb) * idx.length);
        for (const cb of callbacks) cb.onBatchEnd?.(b, { loss: lv });
        if (verbose) {
          const done = (b * batchSize + idx.length) / n;
          const now = Date.now();
          if (now - lastDraw >= 100 || b === nBatches - 1) {
            lastDraw = now;
            process.stdout.write(
              `\r${progressBar(epoch + 1, epochs, b + 1, nBatches, done, lossSum / (b * batchSize + idx.length))}`,
            );
          }
        }
      }
      if (verbose) process.stdout.write('\r\x1b[K');
      const logs: Logs = { loss: lossSum / n };
      for (const m of this.metrics) logs[m] = (metricSums.get(m) ?? 0) / n;
      if (validation !== undefined) {
        const v = this.evaluate(validation[0], validation[1], { batchSize });
        for (const [k, val] of Object.entries(v)) logs[`val${k[0].toUpperCase()}${k.slice(1)}`] = val;
      }
      if (verbose) {
        const parts = Object.entries(logs).map(([k, v]) => `${k}: ${v.toFixed(4)}`);
        process.stdout.write(
          `Epoch ${epoch + 1}/${epochs} - ${((Date.now() - start) / 1000).toFixed(1)}s - ${parts.join(' - ')}\n`,
        );
      }
      for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs, this);
      // Recorded after the callbacks, as Keras' History (last in its list) does: what they log (e.g. `lr`) is kept.
      history.epoch.push(epoch);
      for (const [k, v] of Object.entries(logs)) (history.history[k] ??= []).push(v);
      // Let the event loop run between epochs (timers, I/O, a user's abort).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    for (const cb of callbacks) await cb.onTrainEnd?.(this);
    this.body.eval();
    return history;
  }

  /**
   * The loss and the compiled metrics on `(x, y)`, in evaluation mode.
   * @example model.evaluate(xTest, yTest) // { loss: 0.31, accuracy: 0.89 }
   */
  evaluate(x: Tensor, y: Tensor, options: { batchSize?: number } = {}): Logs {
    const batchSize = options.batchSize ?? 32;
    const n = x.shape[0];
    let lossSum = 0;
    const sums = new Map<MetricName, number>();
    const wasTraining = this.body.training;
    this.body.eval();
    noGrad(() => {
      for (let s = 0; s < n; s += batchSize) {
        const idx = Int32Array.from({ length: Math.min(batchSize, n - s) }, (_, i) => s + i);
        const xb = this.prepareX(take(x, idx, 0));
        const yb = take(y, idx, 0);
        const out = this.body.forward(xb);
        lossSum += this.lossOf(out, yb).item() * idx.length;
        for (const m of this.metrics)
          sums.set(m, (sums.get(m) ?? 0) + computeMetric(m, this.activate(out), yb) * idx.length);
      }
    });
    this.body.train(wasTraining);
    const logs: Logs = { loss: lossSum / n };
    for (const m of this.metrics) logs[m] = (sums.get(m) ?? 0) / n;
    return logs;
  }

  /**
   * Outputs for `x` (probabilities after a final softmax/sigmoid), float32, evaluation mode.
   * @example model.predict(xTest).argmax({ axis: 1 })
   */
  predict(x: Tensor, options: { batchSize?: number } = {}): Tensor {
    const batchSize = options.batchSize ?? 32;
    const n = x.shape[0];
    const out = new Float32Array(n * this.outputShape.reduce((a, b) => a * b, 1));
    const wasTraining = this.body.training;
    this.body.eval();
    noGrad(() => {
      for (let s = 0; s < n; s += batchSize) {
        const idx = Int32Array.from({ length: Math.min(batchSize, n - s) }, (_, i) => s + i);
        const o = this.activate(this.body.forward(this.prepareX(take(x, idx, 0))));
        out.set(o.data, s * (o.size / idx.length));
      }
    });
    this.body.train(wasTraining);
    return new Tensor(out, [n, ...this.outputShape]);
  }

  /**
   * A Keras-like table of layers, output shapes and parameter counts.
   * @example console.log(model.summary());
   */
  summary(): string {
    const lines = ['Layer (type)           Output shape         Param #', '='.repeat(52)];
    for (const r of this.rows) {
      lines.push(`${r.name.padEnd(23)}${`(None, ${r.shape.join(', ')})`.padEnd(21)}${r.params}`);
    }
    lines.push('='.repeat(52), `Total params: ${this.body.numParameters()}`);
    return lines.join('\n');
  }

  /** Copies of all parameters and buffers, in state-dict order. */
  getWeights(): Float64Array[] {
    return Object.values(this.body.stateDict()).map((t) => Float64Array.from(t.data));
  }

  /** Restores values from {@link getWeights}. */
  setWeights(weights: readonly ArrayLike<number>[]): void {
    Object.values(this.body.stateDict()).forEach((t, i) => {
      t.data.set(weights[i]);
    });
  }
}

/**
 * A Keras-style sequential model from layer specs (`dense`, `conv2d`, `maxPooling2d`,
 * `flatten`, `dropout`, `batchNormalization`); the first needs `inputShape`.
 * @example
 * const model = sequential([
 *   dense(64, { activation: 'relu', inputShape: [784] }),
 *   dense(10, { activation: 'softmax' }),
 * ]);
 */
export function sequential(layers: readonly LayerSpec[]): KerasSequential {
  return new KerasSequential(layers);
}
