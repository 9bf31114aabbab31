/**
 * `RadiusNeighborsClassifier`: vote among the training samples within a fixed
 * radius (scikit-learn's `sklearn.neighbors.RadiusNeighborsClassifier`).
 */
import { ValidationError } from '../base/errors.js';
import { decodeLabels } from '../base/labels.js';
import { formatValue, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { NEIGHBORS_COMMON_CONSTRAINTS, NeighborsBase, type NeighborsCommonParams } from './neighbors-base.js';
import { classifierTargets, type NeighborsWeights, neighborWeights } from './weights.js';

/** Options of {@link RadiusNeighborsClassifier}. */
export interface RadiusNeighborsClassifierParams extends NeighborsCommonParams {
  /** Neighbourhood radius. Default 1. */
  radius: number;
  /** `'uniform'` (default), `'distance'` or a function of one sample's distances (a 1-D tensor). */
  weights: NeighborsWeights;
  /**
   * Label for samples with no neighbour in the radius: a label, `'most_frequent'`
   * (the most frequent training class), or `undefined` (default: such samples are an error).
   */
  outlierLabel: Label | undefined;
}

const DEFAULTS: RadiusNeighborsClassifierParams = {
  radius: 1,
  weights: 'uniform',
  algorithm: 'auto',
  leafSize: 30,
  p: 2,
  metric: 'minkowski',
  outlierLabel: undefined,
};

/**
 * Radius-neighbours classifier. A sample without neighbours gets
 * `outlierLabel` (its probabilities are all zero, or one-hot when the label is a
 * training class), or is an error when no `outlierLabel` is set.
 *
 * @example
 * import { RadiusNeighborsClassifier } from 'typelearn/neighbors';
 * const model = await new RadiusNeighborsClassifier({ radius: 1.5 }).fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * model.predict([[0.5]]); // Int32Array [0]
 */
export class RadiusNeighborsClassifier
  extends NeighborsBase<RadiusNeighborsClassifierParams>
  implements Classifier<RadiusNeighborsClassifierParams>
{
  static override readonly estimatorName = 'RadiusNeighborsClassifier';

  static override parameterConstraints: ParameterConstraints = {
    ...NEIGHBORS_COMMON_CONSTRAINTS,
    radius: [interval('real', 0, null, 'left')],
    weights: [options(['uniform', 'distance']), 'callable'],
    outlierLabel: [interval('real', null, null, 'neither'), 'string', null],
  };

  #classes?: Label[];
  #y?: Int32Array;
  // Index of the outlier label among the classes, -1 when it is not a class, -2 when unset.
  #outlier = -2;

  /** @param options - see {@link RadiusNeighborsClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<RadiusNeighborsClassifierParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    const { classes, encoded } = classifierTargets(data.y, this.estimatorName);
    this.fitIndex(data.X);
    const label = this.params.outlierLabel;
    let outlier = -2;
    if (label === 'most_frequent') {
      const counts = new Float64Array(classes.length);
      for (const c of encoded) counts[c]++;
      outlier = 0;
      for (let c = 1; c < classes.length; c++) if (counts[c] > counts[outlier]) outlier = c;
    } else if (label !== undefined && label !== null) {
      if (typeof label !== typeof classes[0]) {
        throw new ValidationError(`The outlier label ${formatValue(label)} is not of the same type as the classes`, {
          param: 'outlierLabel',
          got: label,
        });
      }
      outlier = classes.indexOf(label);
    }
    this.#classes = classes;
    this.#y = encoded;
    this.#outlier = outlier;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Per sample: normalised votes, or `undefined` for a sample without neighbours. */
  #proba(X: MatrixLike): { proba: Float64Array; outliers: number[]; n: number; k: number } {
    const yFit = this.fitted('y', this.#y);
    const k = this.fitted('classes', this.#classes).length;
    const { distances, indices } = this.radiusNeighbors(X);
    const n = indices.length;
    const proba = new Float64Array(n * k);
    const outliers: number[] = [];
    for (let i = 0; i < n; i++) {
      const ind = indices[i];
      if (ind.length === 0) {
        outliers.push(i);
        continue;
      }
      const w = neighborWeights(distances[i], 1, ind.length, this.params.weights);
      let s = 0;
      for (let t = 0; t < ind.length; t++) {
        const wt = w ? w[t] : 1;
        proba[i * k + yFit[ind[t]]] += wt;
        s += wt;
      }
      if (s === 0) s = 1;
      for (let c = 0; c < k; c++) proba[i * k + c] /= s;
    }
    if (outliers.length > 0) {
      if (this.#outlier === -2) {
        throw new ValidationError(
          `No neighbors found for test samples [${outliers.slice(0, 10).join(', ')}${outliers.length > 10 ? ', ...' : ''}], you can try using larger radius, giving a label for outliers, or considering removing them from your dataset.`,
          { got: outliers.length },
        );
      }
      if (this.#outlier >= 0) for (const i of outliers) proba[i * k + this.#outlier] = 1;
    }
    return { proba, outliers, n, k };
  }

  /**
   * The class with the most (weighted) votes within the radius; `outlierLabel` for samples without neighbours.
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { proba, outliers, n, k } = this.#proba(X);
    const classes = this.fitted('classes', this.#classes);
    const best = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let b = 0;
      for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + b]) b = c;
      best[i] = b;
    }
    const labels = decodeLabels(classes, best);
    const label = this.params.outlierLabel;
    if (this.#outlier === -1 && label !== undefined && label !== null) {
      // An outlier label outside the classes: the result holds labels, not only class values.
      const out = Array.from(labels as ArrayLike<Label>);
      for (const i of outliers) out[i] = label;
      return out as LabelArray;
    }
    return labels;
  }

  /**
   * Vote fractions per class, `[nSamples, nClasses]` (zeros for samples without neighbours, unless the outlier label is a class).
   * @example model.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const { proba, n, k } = this.#proba(X);
    return new Tensor(proba, [n, k]);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.getIndexState(),
      classes: this.#classes,
      y: this.#y === undefined ? undefined : Float64Array.from(this.#y),
      outlier: this.#outlier,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved RadiusNeighborsClassifier');
    const classes = r.labels('classes');
    this.setIndexState(r);
    this.#y = Int32Array.from(r.float64Array('y', this.indexSize));
    this.#outlier = r.number('outlier', { integer: true, min: -2 });
    this.#classes = classes;
  }
}
