/**
 * `NearestCentroid`: each class is represented by its centroid; a sample gets
 * the class of the nearest one (scikit-learn's
 * `sklearn.neighbors.NearestCentroid`), with optional shrunken centroids
 * (Tibshirani et al. 2002) through `shrinkThreshold`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { decodeLabels } from '../base/labels.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import { median } from '../base/stats.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { Tensor } from '../tensor/tensor.js';
import { classifierTargets } from './weights.js';

/** Options of {@link NearestCentroid}. */
export interface NearestCentroidParams {
  /** `'euclidean'` (centroids are means, default) or `'manhattan'` (centroids are medians). */
  metric: 'euclidean' | 'manhattan';
  /** Shrink centroids towards the overall mean by this many (scaled) units; `null` (default) disables it. */
  shrinkThreshold: number | null;
}

const DEFAULTS: NearestCentroidParams = { metric: 'euclidean', shrinkThreshold: null };

/**
 * Nearest-centroid classifier.
 *
 * Fitted attributes: `classes`, `centroids` (`[nClasses, nFeatures]`), `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { NearestCentroid } from 'typelearn/neighbors';
 * const X = [[-1, -1], [-2, -1], [-3, -2], [1, 1], [2, 1], [3, 2]];
 * const model = await new NearestCentroid().fit(X, [1, 1, 1, 2, 2, 2]);
 * model.predict([[-0.8, -1]]); // Int32Array [1]
 */
export class NearestCentroid extends BaseEstimator<NearestCentroidParams> {
  static override readonly estimatorName = 'NearestCentroid';

  static override parameterConstraints: ParameterConstraints = {
    metric: [options(['euclidean', 'manhattan'])],
    shrinkThreshold: [interval('real', 0, null, 'neither'), null],
  };

  #classes?: Label[];
  #centroids?: Float64Array;

  /** @param options - see {@link NearestCentroidParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<NearestCentroidParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    const { classes, encoded } = classifierTargets(data.y, this.estimatorName);
    const [n, d] = data.X.shape;
    const x = data.X.data as Float64Array;
    const k = classes.length;
    const counts = new Float64Array(k);
    for (const c of encoded) counts[c]++;
    const centroids = new Float64Array(k * d);
    if (this.params.metric === 'manhattan') {
      for (let c = 0; c < k; c++) {
        const column = new Float64Array(counts[c]);
        for (let j = 0; j < d; j++) {
          let t = 0;
          for (let i = 0; i < n; i++) if (encoded[i] === c) column[t++] = x[i * d + j];
          centroids[c * d + j] = median(column);
        }
      }
    } else {
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) centroids[encoded[i] * d + j] += x[i * d + j];
      for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centroids[c * d + j] /= counts[c];
    }
    const threshold = this.params.shrinkThreshold;
    if (threshold !== null && threshold !== undefined) this.#shrink(x, n, d, encoded, counts, centroids, threshold);
    this.#classes = classes;
    this.#centroids = centroids;
  }

  #shrink(
    x: Float64Array,
    n: number,
    d: number,
    y: Int32Array,
    counts: Float64Array,
    centroids: Float64Array,
    threshold: number,
  ): void {
    const k = counts.length;
    let constant = true;
    for (let j = 0; j < d && constant; j++) for (let i = 1; i < n; i++) if (x[i * d + j] !== x[j]) constant = false;
    if (constant) throw new ValidationError('All features have zero variance. Division by zero.');
    const overall = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) overall[j] += x[i * d + j];
    for (let j = 0; j < d; j++) overall[j] /= n;
    const s = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) s[j] += (x[i * d + j] - centroids[y[i] * d + j]) ** 2;
    }
    for (let j = 0; j < d; j++) s[j] = Math.sqrt(s[j] / (n - k));
    const med = median(s);
    for (let j = 0; j < d; j++) s[j] += med;
    for (let c = 0; c < k; c++) {
      const m = Math.sqrt(1 / counts[c] - 1 / n);
      for (let j = 0; j < d; j++) {
        const ms = m * s[j];
        const dev = (centroids[c * d + j] - overall[j]) / ms;
        const shrunk = Math.sign(dev) * Math.max(0, Math.abs(dev) - threshold);
        centroids[c * d + j] = overall[j] + ms * shrunk;
      }
    }
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Class centroids, `[nClasses, nFeatures]`. */
  get centroids(): Tensor {
    const c = this.fitted('centroids', this.#centroids);
    return new Tensor(c.slice(), [this.fitted('classes', this.#classes).length, this.nFeaturesIn]);
  }

  /**
   * The class of the nearest centroid (the first among equally near ones).
   * @example model.predict(X)
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    this.checkIsFitted();
    const t = this.validateData(X, undefined, { reset: false }).X;
    const [n, d] = t.shape;
    const x = t.data as Float64Array;
    const centroids = this.fitted('centroids', this.#centroids);
    const classes = this.fitted('classes', this.#classes);
    const manhattan = this.params.metric === 'manhattan';
    const best = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let bestDist = Number.POSITIVE_INFINITY;
      for (let c = 0; c < classes.length; c++) {
        let s = 0;
        for (let j = 0; j < d; j++) {
          const diff = x[i * d + j] - centroids[c * d + j];
          s += manhattan ? Math.abs(diff) : diff * diff;
        }
        if (s < bestDist) {
          bestDist = s;
          best[i] = c;
        }
      }
    }
    return decodeLabels(classes, best);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.#classes, centroids: this.#centroids };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved NearestCentroid');
    const classes = r.labels('classes');
    const centroids = r.float64Array('centroids');
    if (centroids.length % classes.length !== 0)
      throw new ValidationError('saved NearestCentroid: centroids do not fit the classes');
    this.#classes = classes;
    this.#centroids = centroids;
  }
}
