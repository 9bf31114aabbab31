/**
 * `MLPClassifier` (scikit-learn 1.2's `sklearn.neural_network.MLPClassifier`): a
 * multi-layer perceptron trained on the log loss. Two classes give one logistic output,
 * more a softmax; a 2-D 0/1 indicator `y` is multilabel (one logistic output per label).
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels, encodeLabels, sortLabels } from '../base/labels.js';
import { formatValue, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import {
  BaseMultilayerPerceptron,
  type EncodedTargets,
  type FitMode,
  MLP_CONSTRAINTS,
  MLP_DEFAULTS,
  type MLPParams,
  type RawTargets,
} from './base-multilayer-perceptron.js';
import { read2dTargets } from './targets.js';

/** Options of {@link MLPClassifier}: see {@link MLPParams}. */
export type MLPClassifierParams = MLPParams;

/** Options of {@link MLPClassifier.partialFit}. */
export interface MLPPartialFitOptions extends FitOptions {
  /** Every class `y` can hold; required on the first call (not for multilabel `y`). */
  classes?: readonly Label[] | ArrayLike<number>;
}

/**
 * Multi-layer perceptron classifier, scikit-learn's options and defaults (hidden layers
 * `[100]`, relu, adam, alpha 1e-4, batch `min(200, n)`, lr 1e-3, 200 epochs, tol 1e-4,
 * ...; see {@link MLPParams}).
 *
 * Fitted attributes: `classes`, `coefs`, `intercepts`, `loss`, `lossCurve`, `bestLoss`,
 * `nIter`, `t`, `nLayers`, `nOutputs`, `outActivation`, `validationScores`,
 * `bestValidationScore`. For a multilabel (2-D indicator) `y`, `classes` is
 * `[0, ..., k-1]` and `predict` returns the row-major `nSamples x k` 0/1 indicators.
 *
 * @example
 * import { MLPClassifier } from 'typelearn/neural-network';
 * const clf = await new MLPClassifier({ hiddenLayerSizes: [32], maxIter: 300, randomState: 0 }).fit(X, y);
 * clf.predict(X.slice(0, 3));
 * clf.predictProba(X.slice(0, 3)).toArray();
 * clf.lossCurve.at(-1);
 */
export class MLPClassifier extends BaseMultilayerPerceptron<MLPClassifierParams> {
  static override readonly estimatorName = 'MLPClassifier';
  static override parameterConstraints: ParameterConstraints = MLP_CONSTRAINTS;

  protected readonly numericTargets = false;
  #classes?: Label[];
  #multilabel = false;

  /** @param options - see {@link MLPParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<MLPClassifierParams> = {}) {
    super(MLP_DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier' };
  }

  /** The classes, sorted (`[0, ..., k-1]` for multilabel). */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /**
   * One epoch on a batch, continuing from the current weights (the first call needs
   * `classes`, unless `y` is multilabel). Only for the `sgd` and `adam` solvers.
   * @example
   * await clf.partialFit(X1, y1, { classes: [0, 1, 2] });
   * await clf.partialFit(X2, y2);
   */
  async partialFit(X: MatrixLike, y: Labels, options: MLPPartialFitOptions = {}): Promise<this> {
    const { classes, ...rest } = options;
    return this.partialFitImpl(X, y, classes, rest);
  }

  protected encodeTargets(y: RawTargets, mode: FitMode): EncodedTargets {
    const previous = this.#classes;
    const keep = previous !== undefined && !mode.firstPass;
    if (y.kind === 'matrix') {
      for (const v of y.data) {
        if (v !== 0 && v !== 1) {
          throw new ValidationError(
            `a 2-D y must be a multilabel indicator matrix of 0/1 values, got ${formatValue(v)}`,
            { got: v },
          );
        }
      }
      if (keep && (!this.#multilabel || (previous as Label[]).length !== y.t)) {
        throw new ValidationError(
          `y has ${y.t} labels but ${this.estimatorName} was fitted on ${this.#multilabel ? `${(previous as Label[]).length} labels` : 'single-label targets'}`,
        );
      }
      this.#multilabel = true;
      this.#classes = Array.from({ length: y.t }, (_, i) => i);
      return { Y: y.data, nOutputs: y.t, out: 'logistic', loss: 'binary_log_loss' };
    }
    const labels = y.labels;
    let classes: Label[];
    if (keep) {
      if (this.#multilabel)
        throw new ValidationError(`${this.estimatorName} was fitted on multilabel targets; y is 1-D`);
      classes = previous as Label[];
      const seen = encodeLabels(labels).classes;
      const known = new Set<Label>(classes);
      if (mode.incremental) {
        if (mode.classes !== undefined) {
          const given = sortLabels([...new Set(Array.from(mode.classes as ArrayLike<Label>))]);
          if (given.length !== classes.length || given.some((c, i) => c !== classes[i])) {
            throw new ValidationError(
              `\`classes=${formatValue(given)}\` is not the same as on last call to partialFit, was: ${formatValue(classes)}`,
              { param: 'classes' },
            );
          }
        }
        const unknown = seen.filter((c) => !known.has(c));
        if (unknown.length > 0) {
          throw new ValidationError(
            `\`y\` has classes not in \`classes\`. \`classes\` has ${formatValue(classes)}. 'y' has ${formatValue(seen)}.`,
            { expected: classes.slice(), got: seen },
          );
        }
      } else if (seen.length !== classes.length || seen.some((c) => !known.has(c))) {
        throw new ValidationError(
          `warmStart can only be used where \`y\` has the same classes as in the previous call to fit. Previously got ${formatValue(classes)}, \`y\` has ${formatValue(seen)}`,
          { expected: classes.slice(), got: seen },
        );
      }
    } else if (mode.incremental) {
      if (mode.classes === undefined) {
        throw new ValidationError('classes must be passed on the first call to partialFit.', { param: 'classes' });
      }
      classes = sortLabels([...new Set(Array.from(mode.classes as ArrayLike<Label>))]);
    } else {
      classes = encodeLabels(labels).classes;
    }
    if (classes.length < 2) {
      throw new ValidationError(
        `${this.estimatorName} needs samples of at least 2 classes in the data, but the data contains only one class: ${formatValue(classes[0])}`,
        { expected: 'at least 2 classes', got: classes.slice() },
      );
    }
    const index = new Map<Label, number>();
    classes.forEach((c, i) => {
      index.set(c, i);
    });
    const n = labels.length;
    const strata = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = index.get(labels[i]);
      if (k === undefined) {
        throw new ValidationError(`y contains the label ${formatValue(labels[i])}, which is not one of the classes`, {
          got: labels[i],
        });
      }
      strata[i] = k;
    }
    this.#multilabel = false;
    this.#classes = classes;
    const k = classes.length;
    if (k === 2) {
      const Y = new Float64Array(n);
      for (let i = 0; i < n; i++) Y[i] = strata[i];
      return { Y, nOutputs: 1, out: 'logistic', loss: 'binary_log_loss', strata };
    }
    const Y = new Float64Array(n * k);
    for (let i = 0; i < n; i++) Y[i * k + strata[i]] = 1;
    return { Y, nOutputs: k, out: 'softmax', loss: 'log_loss', strata };
  }

  /** Class indices (single-label) or 0/1 indicators (multilabel) from raw outputs. */
  #decide(raw: Float64Array, rows: number): Int32Array {
    const k = raw.length / rows;
    if (this.#multilabel) {
      const out = new Int32Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = raw[i] > 0.5 ? 1 : 0;
      return out;
    }
    const idx = new Int32Array(rows);
    if (k === 1) {
      for (let i = 0; i < rows; i++) idx[i] = raw[i] > 0.5 ? 1 : 0;
      return idx;
    }
    for (let i = 0; i < rows; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (raw[i * k + j] > raw[i * k + best]) best = j;
      idx[i] = best;
    }
    return idx;
  }

  protected scoreRaw(raw: Float64Array, Y: Float64Array, rows: number): number {
    const k = raw.length / rows;
    const decided = this.#decide(raw, rows);
    let hit = 0;
    for (let i = 0; i < rows; i++) {
      if (this.#multilabel) {
        let all = true;
        for (let j = 0; j < k; j++) if (decided[i * k + j] !== Y[i * k + j]) all = false;
        if (all) hit++;
      } else if (k === 1) {
        if (decided[i] === Y[i]) hit++;
      } else if (Y[i * k + decided[i]] === 1) hit++;
    }
    return hit / rows;
  }

  /**
   * Predicted classes (an `Int32Array` for int32 classes, else labels); for multilabel,
   * the row-major `nSamples x k` 0/1 indicators.
   * @example clf.predict([[5.1, 3.5, 1.4, 0.2]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { raw, rows } = this.forwardRaw(X);
    const decided = this.#decide(raw, rows);
    if (this.#multilabel) return decided;
    return decodeLabels(this.#classes as Label[], decided);
  }

  /**
   * Class probabilities `[nSamples, nClasses]` in `classes` order: softmax outputs, `[1 -
   * p, p]` for two classes, the per-label probabilities for multilabel.
   * @example clf.predictProba(X).toArray()
   */
  predictProba(X: MatrixLike): Tensor {
    const { raw, rows } = this.forwardRaw(X);
    const k = raw.length / rows;
    if (k === 1 && !this.#multilabel) {
      const out = new Float64Array(rows * 2);
      for (let i = 0; i < rows; i++) {
        out[2 * i] = 1 - raw[i];
        out[2 * i + 1] = raw[i];
      }
      return new Tensor(out, [rows, 2]);
    }
    return new Tensor(raw, [rows, k]);
  }

  /**
   * Natural log of {@link predictProba}.
   * @example clf.predictLogProba(X)
   */
  predictLogProba(X: MatrixLike): Tensor {
    const p = this.predictProba(X);
    const d = p.data as Float64Array;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
    return p;
  }

  /**
   * Mean accuracy (subset accuracy for multilabel).
   * @example clf.score(X, y)
   */
  score(X: MatrixLike, y: Labels | readonly (readonly number[])[], sampleWeight?: ArrayLike<number>): number {
    if (this.#multilabel) {
      const m = read2dTargets(y as Labels);
      if (m === undefined) throw new ValidationError('score: expected a 2-D multilabel indicator y');
      const { raw, rows } = this.forwardRaw(X);
      if (m.rows !== rows) throw new ValidationError(`score: y has ${m.rows} rows, X has ${rows}`);
      if (sampleWeight === undefined) return this.scoreRaw(raw, m.data, rows);
      const k = m.t;
      const decided = this.#decide(raw, rows);
      let hit = 0;
      let total = 0;
      for (let i = 0; i < rows; i++) {
        total += sampleWeight[i];
        let all = true;
        for (let j = 0; j < k; j++) if (decided[i * k + j] !== m.data[i * k + j]) all = false;
        if (all) hit += sampleWeight[i];
      }
      return hit / total;
    }
    return classifierScore(y as Labels, this.predict(X) as ArrayLike<Label>, sampleWeight);
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), classes: this.#classes, multilabel: this.#multilabel };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    const r = new StateReader(state, this.estimatorName);
    this.#classes = r.labels('classes');
    const m = state.multilabel;
    if (typeof m !== 'boolean')
      throw new ValidationError(`${this.estimatorName}: saved state 'multilabel' must be a boolean`);
    this.#multilabel = m;
  }
}
