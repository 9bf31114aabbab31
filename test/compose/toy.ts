/**
 * Test-only estimators for the compose tests: tiny transformers with exactly
 * the methods a test needs (inverse, sparse output, no transform...).
 */
import { BaseEstimator } from '../../src/base/estimator.js';
import { interval, type ParameterConstraints } from '../../src/base/params.js';
import { StateReader } from '../../src/base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../../src/base/types.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';

interface AddParams {
  shift: number;
}

/** Adds the training column means plus `shift` to every column; has an inverse. */
export class AddMean extends BaseEstimator<AddParams> {
  static override readonly estimatorName: string = 'AddMean';
  static override parameterConstraints: ParameterConstraints = { shift: [interval('real', null, null, 'neither')] };
  #mean?: Float64Array;
  /** Sample weights seen by the last fit (to test fit-option routing). */
  lastSampleWeight?: ArrayLike<number>;

  constructor(options: Partial<AddParams> = {}) {
    super({ shift: 0 }, options);
  }

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer', allowsNaN: true };
  }

  protected fitImpl(X: MatrixLike, _y: Labels | undefined, options: FitOptions): void {
    const { X: t } = this.validateData(X, undefined, { reset: true });
    this.lastSampleWeight = options.sampleWeight;
    const [n, p] = t.shape;
    const mean = new Float64Array(p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += t.data[i * p + j] / n;
    this.#mean = mean;
  }

  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const mean = this.fitted('mean', this.#mean);
    const { X: t } = this.validateData(X, undefined, { reset: false });
    const [n, p] = t.shape;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++) out[i * p + j] = t.data[i * p + j] + mean[j] + this.params.shift;
    return new Tensor(out, [n, p]);
  }

  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  inverseTransform(X: MatrixLike): Tensor {
    const mean = this.fitted('mean', this.#mean);
    const t = X as Tensor;
    const [n, p] = t.shape;
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < p; j++) out[i * p + j] = t.data[i * p + j] - mean[j] - this.params.shift;
    return new Tensor(out, [n, p]);
  }

  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return [...(inputFeatures ?? this.featureNamesIn ?? Array.from({ length: this.nFeaturesIn }, (_, j) => `x${j}`))];
  }

  protected getState(): Record<string, unknown> {
    return { mean: this.#mean };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#mean = new StateReader(state, 'saved AddMean').float64Array('mean');
  }
}

/** Returns its input as a CSR SparseMatrix (zeros stay implicit). */
export class ToSparse extends BaseEstimator<Record<string, never>> {
  static override readonly estimatorName = 'ToSparse';
  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options);
  }
  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }
  protected fitImpl(X: MatrixLike): void {
    this.validateData(X, undefined, { reset: true });
  }
  transform(X: MatrixLike): SparseMatrix {
    this.checkIsFitted();
    return SparseMatrix.fromDense(this.validateData(X, undefined, { reset: false }).X);
  }
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    return (inputFeatures ?? Array.from({ length: this.nFeaturesIn }, (_, j) => `x${j}`)).map((n) => `sparse_${n}`);
  }
  protected getState(): Record<string, unknown> {
    return {};
  }
  protected setState(): void {}
}

/** Has `fit` but no `transform` (an invalid intermediate step). */
export class FitOnly extends BaseEstimator<Record<string, never>> {
  static override readonly estimatorName = 'FitOnly';
  constructor(options: Partial<Record<string, never>> = {}) {
    super({}, options);
  }
  protected fitImpl(X: MatrixLike): void {
    this.validateData(X, undefined, { reset: true });
  }
  protected getState(): Record<string, unknown> {
    return {};
  }
  protected setState(): void {}
}
