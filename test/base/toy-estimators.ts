/**
 * Small, correct estimators built on BaseEstimator, used by the base tests:
 * a nearest-centroid classifier and a standard scaler. The checkEstimator
 * tests subclass them to break one contract rule at a time.
 */
import { BaseEstimator } from '../../src/base/estimator.js';
import { decodeLabels, encodeLabels } from '../../src/base/labels.js';
import { interval, type ParameterConstraints } from '../../src/base/params.js';
import { classifierScore } from '../../src/base/score.js';
import { StateReader } from '../../src/base/state.js';
import type {
  Classifier,
  EstimatorTags,
  FitOptions,
  Label,
  LabelArray,
  Labels,
  MatrixLike,
  Transformer,
} from '../../src/base/types.js';
import { Tensor } from '../../src/tensor/tensor.js';

export interface CentroidParams {
  /** Softmax temperature for predictProba. */
  temperature: number;
}

/** Nearest-centroid classifier; predictProba is a softmax of negative squared distances. */
export class ToyCentroidClassifier extends BaseEstimator<CentroidParams> implements Classifier<CentroidParams> {
  static override readonly estimatorName: string = 'ToyCentroidClassifier';
  static override parameterConstraints: ParameterConstraints = {
    temperature: [interval('real', 0, null, 'neither')],
  };

  protected classesFitted?: Label[];
  protected centroids?: Float64Array;

  constructor(options: Partial<CentroidParams> = {}) {
    super({ temperature: 1 }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier', requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, _options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    const { classes, encoded } = encodeLabels(data.y);
    this.classesFitted = classes;
    this.centroids = this.computeCentroids(data.X, encoded, classes.length);
  }

  protected computeCentroids(X: Tensor, encoded: Int32Array, k: number): Float64Array {
    const [n, p] = X.shape;
    const sums = new Float64Array(k * p);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[encoded[i]]++;
      for (let j = 0; j < p; j++) sums[encoded[i] * p + j] += X.data[i * p + j];
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) sums[c * p + j] /= counts[c];
    return sums;
  }

  get classes(): Label[] {
    return this.fitted('classes', this.classesFitted).slice();
  }

  protected checkedX(X: MatrixLike): Tensor {
    this.checkIsFitted();
    return this.validateData(X, undefined, { reset: false }).X;
  }

  predictProba(X: MatrixLike): Tensor {
    const x = this.checkedX(X);
    const centroids = this.fitted('centroids', this.centroids);
    const [n, p] = x.shape;
    const k = centroids.length / p;
    const out = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let d = 0;
        for (let j = 0; j < p; j++) d += (x.data[i * p + j] - centroids[c * p + j]) ** 2;
        out[i * k + c] = -d / this.params.temperature;
        max = Math.max(max, out[i * k + c]);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += out[i * k + c] = Math.exp(out[i * k + c] - max);
      for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    }
    return new Tensor(out, [n, k]);
  }

  predict(X: MatrixLike): Int32Array | LabelArray {
    const proba = this.predictProba(X);
    const [n, k] = proba.shape;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let c = 1; c < k; c++) if (proba.data[i * k + c] > proba.data[i * k + idx[i]]) idx[i] = c;
    }
    return decodeLabels(this.fitted('classes', this.classesFitted), idx);
  }

  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.classesFitted, centroids: this.centroids };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved ToyCentroidClassifier');
    this.classesFitted = r.labels('classes');
    this.centroids = r.float64Array('centroids');
  }
}

export interface ScalerParams {
  withMean: boolean;
}

/** Standardizes columns (mean 0, variance 1). */
export class ToyScaler extends BaseEstimator<ScalerParams> implements Transformer<ScalerParams> {
  static override readonly estimatorName: string = 'ToyScaler';
  static override parameterConstraints: ParameterConstraints = { withMean: ['boolean'] };

  protected mean?: Float64Array;
  protected scale?: Float64Array;

  constructor(options: Partial<ScalerParams> = {}) {
    super({ withMean: true }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  protected fitImpl(X: MatrixLike): void {
    const x = this.validateData(X, undefined, { reset: true }).X;
    const [n, p] = x.shape;
    const mean = new Float64Array(p);
    const scale = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += x.data[i * p + j] / n;
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) scale[j] += (x.data[i * p + j] - mean[j]) ** 2 / n;
    for (let j = 0; j < p; j++) scale[j] = Math.sqrt(scale[j]) || 1;
    this.mean = mean;
    this.scale = scale;
  }

  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false }).X;
    const mean = this.fitted('mean', this.mean);
    const scale = this.fitted('scale', this.scale);
    const [n, p] = x.shape;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++)
        out[i * p + j] = (x.data[i * p + j] - (this.params.withMean ? mean[j] : 0)) / scale[j];
    }
    return new Tensor(out, [n, p]);
  }

  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  getFeatureNamesOut(): string[] {
    const names = this.featureNamesIn;
    return names ?? Array.from({ length: this.nFeaturesIn }, (_, j) => `x${j}`);
  }

  protected getState(): Record<string, unknown> {
    return { mean: this.mean, scale: this.scale };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved ToyScaler');
    this.mean = r.float64Array('mean');
    this.scale = r.float64Array('scale', this.mean.length);
  }
}
