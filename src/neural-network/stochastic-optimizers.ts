/**
 * scikit-learn's stochastic optimizers for the MLP (`_stochastic_optimizers.py`): SGD
 * with (Nesterov) momentum and constant / inverse-scaling / adaptive learning rate, and
 * Adam. They update one packed parameter vector in place; the state is plain data so a
 * fitted model can be saved and `partialFit` resumed.
 */

/** What a stochastic optimizer keeps between steps (and in a saved model). */
export interface OptimizerState {
  kind: 'sgd' | 'adam';
  learningRate: number;
  /** Adam's step count (0 for SGD). */
  t: number;
  /** SGD velocities, or Adam's first moments. */
  first: Float64Array;
  /** Adam's second moments (empty for SGD). */
  second: Float64Array;
}

/** Hyper-parameters of {@link MlpOptimizer}. */
export interface MlpOptimizerOptions {
  kind: 'sgd' | 'adam';
  learningRateInit: number;
  /** SGD: `'constant'`, `'invscaling'` or `'adaptive'`. */
  schedule: 'constant' | 'invscaling' | 'adaptive';
  momentum: number;
  nesterov: boolean;
  powerT: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/**
 * One of sklearn's `SGDOptimizer` / `AdamOptimizer`, over a packed parameter vector.
 * @example
 * const opt = new MlpOptimizer(opts, params.length);
 * opt.step(params, grads); // after each mini-batch
 * opt.iterationEnds(t);    // after each epoch
 */
export class MlpOptimizer {
  readonly state: OptimizerState;

  constructor(
    readonly options: MlpOptimizerOptions,
    size: number,
    state?: OptimizerState,
  ) {
    this.state = state ?? {
      kind: options.kind,
      learningRate: options.learningRateInit,
      t: 0,
      first: new Float64Array(size),
      second: new Float64Array(options.kind === 'adam' ? size : 0),
    };
  }

  /** One update `params += step(grads)`. */
  step(params: Float64Array, grads: Float64Array): void {
    const s = this.state;
    const o = this.options;
    if (o.kind === 'sgd') {
      const v = s.first;
      const lr = s.learningRate;
      const m = o.momentum;
      for (let i = 0; i < params.length; i++) {
        const vi = m * v[i] - lr * grads[i];
        v[i] = vi;
        params[i] += o.nesterov ? m * vi - lr * grads[i] : vi;
      }
      return;
    }
    s.t += 1;
    const { beta1: b1, beta2: b2, epsilon } = o;
    s.learningRate = (o.learningRateInit * Math.sqrt(1 - b2 ** s.t)) / (1 - b1 ** s.t);
    const lr = s.learningRate;
    const mo = s.first;
    const ve = s.second;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      mo[i] = b1 * mo[i] + (1 - b1) * g;
      ve[i] = b2 * ve[i] + (1 - b2) * (g * g);
      params[i] += (-lr * mo[i]) / (Math.sqrt(ve[i]) + epsilon);
    }
  }

  /** End of an epoch at sample count `timeStep`: the inverse-scaling schedule updates the rate. */
  iterationEnds(timeStep: number): void {
    if (this.options.kind === 'sgd' && this.options.schedule === 'invscaling') {
      this.state.learningRate = this.options.learningRateInit / (timeStep + 1) ** this.options.powerT;
    }
  }

  /**
   * Whether training should stop after the loss (or score) stalled: always, except for
   * SGD's adaptive schedule, which divides the rate by 5 and stops only below 1e-6.
   */
  triggerStopping(): boolean {
    if (this.options.kind !== 'sgd' || this.options.schedule !== 'adaptive') return true;
    if (this.state.learningRate <= 1e-6) return true;
    this.state.learningRate /= 5;
    return false;
  }
}
