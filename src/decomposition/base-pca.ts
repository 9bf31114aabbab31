/**
 * `BasePCA`: what PCA and IncrementalPCA share (scikit-learn's `_BasePCA`):
 * the fitted model (mean, components, variances), `transform` (optionally
 * whitened), `inverseTransform`, the probabilistic-PCA covariance and the
 * Gaussian log-likelihood `scoreSamples`/`score`.
 */
import { BaseEstimator } from '../base/estimator.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { slogdetInPlace } from '../linalg/det.js';
import { solveInPlace } from '../linalg/solve.js';
import { gemm } from '../tensor/kernels/gemm.js';
import { Tensor } from '../tensor/tensor.js';

/** The fitted PCA model, row-major buffers. */
export interface PCAModel {
  mean: Float64Array;
  /** `k x n`, rows orthonormal. */
  components: Float64Array;
  explainedVariance: Float64Array;
  explainedVarianceRatio: Float64Array;
  singularValues: Float64Array;
  noiseVariance: number;
  nSamples: number;
}

/**
 * Base class of the PCA family; subclasses fit and call `setModel`.
 * @example class MyPCA extends BasePCA<{ whiten: boolean }> { ... }
 */
export abstract class BasePCA<P extends { whiten: boolean }> extends BaseEstimator<P> {
  #model?: PCAModel;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'transformer' };
  }

  /** Stores the fitted model (subclasses call it at the end of `fitImpl`). */
  protected setModel(model: PCAModel | undefined): void {
    this.#model = model;
  }

  /** The fitted model or a `NotFittedError`. */
  protected get model(): PCAModel {
    return this.fitted('components', this.#model);
  }

  /** The model if any, fitted flag ignored (for `partialFit`). */
  protected get currentModel(): PCAModel | undefined {
    return this.#model;
  }

  /** Number of components kept (sklearn's `n_components_`). */
  get nComponents(): number {
    const m = this.model;
    return m.explainedVariance.length;
  }

  /** Principal axes, `nComponents x nFeatures`, orthonormal rows (sklearn's `components_`). */
  get components(): Tensor {
    const m = this.model;
    return new Tensor(m.components.slice(), [this.nComponents, m.mean.length]);
  }

  /** Per-feature mean of the training data (sklearn's `mean_`). */
  get mean(): Float64Array {
    return this.model.mean.slice();
  }

  /** Variance along each component, denominator n - 1 (sklearn's `explained_variance_`). */
  get explainedVariance(): Float64Array {
    return this.model.explainedVariance.slice();
  }

  /** Fraction of the total variance along each component. */
  get explainedVarianceRatio(): Float64Array {
    return this.model.explainedVarianceRatio.slice();
  }

  /** Singular values of the centred data for the kept components. */
  get singularValues(): Float64Array {
    return this.model.singularValues.slice();
  }

  /** Mean variance of the discarded directions (probabilistic PCA noise; 0 at full rank). */
  get noiseVariance(): number {
    return this.model.noiseVariance;
  }

  /** Number of training rows (sklearn's `n_samples_`). */
  get nSamples(): number {
    return this.model.nSamples;
  }

  /** Learns the model; see the subclass. */
  protected abstract override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void | Promise<void>;

  #rows(X: MatrixLike): { x: Float64Array; n: number; d: number } {
    this.checkIsFitted();
    const { X: xt } = this.validateData(X, undefined, { reset: false });
    return { x: xt.data as Float64Array, n: xt.shape[0], d: xt.shape[1] };
  }

  /**
   * Projects `X` on the components: `(X - mean) · componentsᵀ`, divided by
   * √explainedVariance when `whiten`.
   * @example pca.transform([[1, 2, 3]]).shape // [1, nComponents]
   */
  transform(X: MatrixLike): Tensor {
    const { x, n, d } = this.#rows(X);
    const m = this.model;
    const k = this.nComponents;
    const xc = new Float64Array(n * d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xc[i * d + f] = x[i * d + f] - m.mean[f];
    const out = new Float64Array(n * k);
    gemm(false, true, n, k, d, 1, xc, d, m.components, d, 0, out, k);
    if (this.params.whiten) {
      for (let c = 0; c < k; c++) {
        const scale = 1 / Math.sqrt(m.explainedVariance[c]);
        for (let i = 0; i < n; i++) out[i * k + c] *= scale;
      }
    }
    return new Tensor(out, [n, k]);
  }

  /**
   * Fits, then transforms the training data.
   * @example const Z = await new PCA({ nComponents: 2 }).fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<Tensor> {
    await this.fit(X, y, options);
    return this.transform(X);
  }

  /**
   * Maps component scores back to the input space (exact at full rank).
   * @example pca.inverseTransform(pca.transform(X))
   */
  inverseTransform(Z: MatrixLike): Tensor {
    this.checkIsFitted();
    const m = this.model;
    const k = this.nComponents;
    const d = m.mean.length;
    const z =
      Z instanceof Tensor ? Z : new Tensor(Float64Array.from((Z as number[][]).flat()), [(Z as number[][]).length, k]);
    if (z.ndim !== 2 || z.shape[1] !== k) {
      throw new RangeError(`inverseTransform expects ${k} columns, got shape [${z.shape.join(', ')}]`);
    }
    const n = z.shape[0];
    const zs = Float64Array.from(z.data as ArrayLike<number>);
    if (this.params.whiten) {
      for (let c = 0; c < k; c++) {
        const scale = Math.sqrt(m.explainedVariance[c]);
        for (let i = 0; i < n; i++) zs[i * k + c] *= scale;
      }
    }
    const out = new Float64Array(n * d);
    gemm(false, false, n, d, k, 1, zs, k, m.components, d, 0, out, d);
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) out[i * d + f] += m.mean[f];
    return new Tensor(out, [n, d]);
  }

  /**
   * Covariance of the probabilistic PCA model:
   * `Wᵀ diag(max(ev - σ², 0)) W + σ² I` (sklearn's `get_covariance`).
   * @example pca.getCovariance().shape // [nFeatures, nFeatures]
   */
  getCovariance(): Tensor {
    const m = this.model;
    return new Tensor(this.#covariance(m), [m.mean.length, m.mean.length]);
  }

  #covariance(m: PCAModel): Float64Array {
    const k = this.nComponents;
    const d = m.mean.length;
    const w = m.components;
    const cov = new Float64Array(d * d);
    for (let c = 0; c < k; c++) {
      // Whitening rescales the components by √ev, so (ev - σ²) gets a factor ev.
      const ev = m.explainedVariance[c];
      const diff = Math.max(ev - m.noiseVariance, 0) * (this.params.whiten ? ev : 1);
      for (let a = 0; a < d; a++) {
        const wa = w[c * d + a] * diff;
        for (let b = 0; b < d; b++) cov[a * d + b] += wa * w[c * d + b];
      }
    }
    for (let a = 0; a < d; a++) cov[a * d + a] += m.noiseVariance;
    return cov;
  }

  /**
   * Log-likelihood of each row under the probabilistic PCA model.
   * @example pca.scoreSamples(X) // Float64Array, one per row
   */
  scoreSamples(X: MatrixLike): Float64Array {
    const { x, n, d } = this.#rows(X);
    const m = this.model;
    const cov = this.#covariance(m);
    const { sign, logabsdet } = slogdetInPlace(cov.slice(), d);
    const xc = new Float64Array(d * n);
    // Columns are the centred rows, so one solve handles every sample.
    for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) xc[f * n + i] = x[i * d + f] - m.mean[f];
    const sol = xc.slice();
    solveInPlace(cov, d, sol, n);
    const out = new Float64Array(n);
    const logdet = sign > 0 ? logabsdet : Number.POSITIVE_INFINITY;
    const constant = -0.5 * (d * Math.log(2 * Math.PI) + logdet);
    for (let i = 0; i < n; i++) {
      let q = 0;
      for (let f = 0; f < d; f++) q += xc[f * n + i] * sol[f * n + i];
      out[i] = -0.5 * q + constant;
    }
    return out;
  }

  /**
   * Mean log-likelihood of the rows of `X`.
   * @example pca.score(X)
   */
  score(X: MatrixLike): number {
    const s = this.scoreSamples(X);
    let t = 0;
    for (let i = 0; i < s.length; i++) t += s[i];
    return t / s.length;
  }

  /**
   * `pca0, pca1, …` (lowercased class name + index).
   * @example pca.getFeatureNamesOut() // ['pca0', 'pca1']
   */
  getFeatureNamesOut(): string[] {
    const prefix = this.estimatorName.toLowerCase();
    return Array.from({ length: this.nComponents }, (_, i) => `${prefix}${i}`);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.#model };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, `saved ${this.estimatorName}`);
    const mean = r.float64Array('mean');
    const explainedVariance = r.float64Array('explainedVariance');
    const k = explainedVariance.length;
    this.#model = {
      mean,
      components: r.float64Array('components', k * mean.length),
      explainedVariance,
      explainedVarianceRatio: r.float64Array('explainedVarianceRatio', k),
      singularValues: r.float64Array('singularValues', k),
      noiseVariance: r.number('noiseVariance'),
      nSamples: r.number('nSamples', { integer: true, min: 0 }),
    };
  }
}
