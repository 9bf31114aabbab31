/**
 * What the libsvm estimators share (scikit-learn's `BaseLibSVM`): kernel
 * options and `gamma` resolution (`'scale'` = 1/(nFeatures·X.var()), `'auto'`
 * = 1/nFeatures), input checks (a square matrix for `kernel: 'precomputed'`,
 * CSR input densified), the call into {@link svmTrain}, fitted attributes
 * (`supportVectors`, `support`, `nSupport`, `dualCoef`, `intercept`, `coef`
 * for the linear kernel), raw decision values through a blocked kernel
 * matrix, and saving/restoring the model.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import type { RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import type { KernelName, KernelParams } from './kernels.js';
import { type SvmModel, type SvmType, svmDecisionValues, svmTrain } from './libsvm.js';
import { Mt19937, sklearnLibSeed } from './mt19937.js';

/** Options every libsvm estimator has. */
export interface LibSvmParams {
  /** `'rbf'` (default), `'linear'`, `'poly'`, `'sigmoid'` or `'precomputed'` (X is a kernel matrix). */
  kernel: KernelName;
  /** Degree of the `'poly'` kernel. Default 3. */
  degree: number;
  /** Kernel coefficient of rbf/poly/sigmoid: `'scale'` (default, 1/(nFeatures·X.var())), `'auto'` (1/nFeatures) or a number ≥ 0. */
  gamma: 'scale' | 'auto' | number;
  /** Independent term of poly/sigmoid. Default 0. */
  coef0: number;
  /** Stopping tolerance of the SMO solver. Default 1e-3. */
  tol: number;
  /** Use the shrinking heuristic. Default `true`. */
  shrinking: boolean;
  /** Kernel cache size in MB. Default 200. */
  cacheSize: number;
  /** Solver iteration cap, `-1` (default) for none. */
  maxIter: number;
}

/** The defaults of {@link LibSvmParams} (scikit-learn's). */
export const LIBSVM_DEFAULTS: LibSvmParams = {
  kernel: 'rbf',
  degree: 3,
  gamma: 'scale',
  coef0: 0,
  tol: 1e-3,
  shrinking: true,
  cacheSize: 200,
  maxIter: -1,
};

/** The constraints of {@link LibSvmParams}. */
export const LIBSVM_CONSTRAINTS: ParameterConstraints = {
  kernel: [options(['linear', 'poly', 'rbf', 'sigmoid', 'precomputed'])],
  degree: [interval('int', 0, null, 'left')],
  gamma: [options(['scale', 'auto']), interval('real', 0, null, 'left')],
  coef0: [interval('real', null, null, 'neither')],
  tol: [interval('real', 0, null, 'neither')],
  shrinking: ['boolean'],
  cacheSize: [interval('real', 0, null, 'neither')],
  maxIter: [interval('int', -1, null, 'left')],
};

/** Training settings a subclass adds to {@link LibSvmParams}. */
export interface LibSvmSettings {
  C: number;
  nu: number;
  epsilon: number;
  probability: boolean;
  randomState?: RandomState | null;
}

/** Row-major float64 data of a validated input. */
export interface DenseRows {
  x: Float64Array;
  m: number;
  d: number;
}

function denseRows(X: Tensor | SparseMatrix): DenseRows {
  const t = X instanceof SparseMatrix ? X.toDense() : X;
  const [m, d] = t.shape as [number, number];
  const x = t.data instanceof Float64Array ? t.data : Float64Array.from(t.data);
  return { x, m, d };
}

function isInt32Array(v: unknown): v is Int32Array {
  return v instanceof Int32Array;
}

/**
 * Base class of `SVC`, `NuSVC`, `SVR`, `NuSVR` and `OneClassSVM`. Subclasses
 * name their formulation, map `y` to libsvm targets and add their output methods.
 */
export abstract class BaseLibSVM<P extends LibSvmParams> extends BaseEstimator<P> {
  /** The libsvm formulation. */
  protected abstract readonly svmType: SvmType;
  #model?: SvmModel;
  #gamma?: number;
  #nTrain?: number;

  /** C, ν, ε, probability and seed from the subclass's params. */
  protected abstract settings(): LibSvmSettings;

  /** libsvm targets (class indices for classifiers) and class weights; subclasses validate `y`. */
  protected abstract targets(
    y: Float64Array | string[] | undefined,
    n: number,
  ): {
    target: Float64Array;
    classWeight: Map<number, number>;
  };

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const p = this.params;
    const regression = this.svmType === 'epsilon_svr' || this.svmType === 'nu_svr';
    const data =
      this.svmType === 'one_class'
        ? this.validateData(X, undefined, { reset: true, allowSparse: true })
        : this.validateData(X, y as Labels, { reset: true, allowSparse: true, yNumeric: regression });
    const { x, m: n, d } = denseRows(data.X);
    if (p.kernel === 'precomputed' && n !== d) {
      throw new ValidationError(`Precomputed matrix must be a square matrix. Input is a ${n}x${d} matrix.`, {
        expected: [n, n],
        got: [n, d],
      });
    }
    const { target, classWeight } = this.targets((data as { y?: Float64Array | string[] }).y, n);
    const W = checkSampleWeight(options.sampleWeight, n, { allowNegative: true });
    const gamma = this.#resolveGamma(x, n, d);
    const s = this.settings();
    const model = svmTrain(
      { x, l: n, d, y: target, W, ind: Int32Array.from({ length: n }, (_, i) => i) },
      {
        svmType: this.svmType,
        kernel: { kernel: p.kernel, gamma, degree: p.degree, coef0: p.coef0 },
        C: s.C,
        nu: s.nu,
        epsilon: s.epsilon,
        tol: p.tol,
        shrinking: p.shrinking,
        cacheSize: p.cacheSize,
        maxIter: p.maxIter,
        probability: s.probability,
        classWeight,
        randomSeed: sklearnLibSeed(s.randomState ?? 0),
        signal: options.signal,
      },
      new Mt19937(),
    );
    if (model.timedOut) {
      warn(
        new ConvergenceWarning(
          `Solver terminated early (maxIter=${p.maxIter}).  Consider pre-processing your data with StandardScaler or MinMaxScaler.`,
        ),
      );
    }
    const finite = (a: Float64Array) => a.every((v) => Number.isFinite(v));
    if (!finite(model.rho) || !finite(model.svCoef)) {
      throw new ValidationError(
        'The dual coefficients or intercepts are not finite. The input data may contain large values and need to be preprocessed.',
      );
    }
    this.#model = model;
    this.#gamma = gamma;
    this.#nTrain = n;
  }

  #resolveGamma(x: Float64Array, n: number, d: number): number {
    const { gamma, kernel } = this.params;
    if (kernel === 'precomputed') return 0;
    if (typeof gamma === 'number') return gamma;
    if (gamma === 'auto') return 1 / d;
    let mean = 0;
    for (let i = 0; i < x.length; i++) mean += x[i];
    mean /= n * d;
    let v = 0;
    for (let i = 0; i < x.length; i++) v += (x[i] - mean) ** 2;
    v /= n * d;
    return v !== 0 ? 1 / (d * v) : 1;
  }

  /** The fitted libsvm model. */
  protected get model(): SvmModel {
    return this.fitted('model', this.#model);
  }

  /** The kernel with the resolved gamma. */
  protected get kernelParams(): KernelParams {
    const p = this.params;
    return { kernel: p.kernel, gamma: this.gammaValue, degree: p.degree, coef0: p.coef0 };
  }

  /** The gamma used in fit (scikit-learn's `_gamma`; 0 for `precomputed`). */
  get gammaValue(): number {
    return this.fitted('gammaValue', this.#gamma);
  }

  /** Validated rows for prediction (CSR densified; precomputed kernels must have one column per training sample). */
  protected predictRows(X: MatrixLike): DenseRows {
    this.checkIsFitted();
    const rows = denseRows(this.validateData(X, undefined, { reset: false, allowSparse: true }).X);
    const nTrain = this.fitted('shapeFit', this.#nTrain);
    if (this.params.kernel === 'precomputed' && rows.d !== nTrain) {
      throw new ValidationError(
        `X.shape[1] = ${rows.d} should be equal to ${nTrain}, the number of samples at training time`,
        { expected: nTrain, got: rows.d },
      );
    }
    return rows;
  }

  /** libsvm's raw decision values (see {@link svmDecisionValues}) for validated rows. */
  protected rawDecision(rows: DenseRows): Float64Array {
    return svmDecisionValues(this.model, this.kernelParams, rows.x, rows.m, rows.d);
  }

  /** Support vectors, `[nSV, nFeatures]` (`[0, 0]` for `kernel: 'precomputed'`, as scikit-learn). */
  get supportVectors(): Tensor {
    const m = this.model;
    if (this.params.kernel === 'precomputed') return new Tensor(new Float64Array(0), [0, 0]);
    return new Tensor(m.sv.slice(), [m.svInd.length, this.nFeaturesIn]);
  }

  /** Indices of the support vectors in the training data (grouped by class for classifiers). */
  get support(): Int32Array {
    return this.model.svInd.slice();
  }

  /** Number of support vectors per class (one entry for regression and one-class). */
  get nSupport(): Int32Array {
    return this.model.nSV.slice();
  }

  /** Solver iterations per trained sub-problem (scikit-learn's `n_iter_`). */
  get nIter(): Int32Array {
    return this.model.nIter.slice();
  }

  /** 1 when the solver stopped at `maxIter`, else 0 (scikit-learn's `fit_status_`). */
  get fitStatus(): number {
    return this.model.timedOut ? 1 : 0;
  }

  /** libsvm's dual coefficients before scikit-learn's binary sign flip, `[rows, nSV]`. */
  protected rawDualCoef(): Tensor {
    const m = this.model;
    const rows = m.labels.length === 0 ? 1 : m.nrClass - 1;
    return new Tensor(m.svCoef.slice(), [rows, m.svInd.length]);
  }

  /** `coef` for the linear kernel from raw dual coefficients, `[rows, nFeatures]`. */
  protected linearCoef(dual: Float64Array, rows: number): Tensor {
    if (this.params.kernel !== 'linear') {
      throw new ValidationError('coef is only available when using a linear kernel', {
        param: 'kernel',
        got: this.params.kernel,
      });
    }
    const m = this.model;
    const d = this.nFeaturesIn;
    const total = m.svInd.length;
    const out = new Float64Array(rows * d);
    for (let r = 0; r < rows; r++) {
      for (let s = 0; s < total; s++) {
        const a = dual[r * total + s];
        if (a === 0) continue;
        for (let j = 0; j < d; j++) out[r * d + j] += a * m.sv[s * d + j];
      }
    }
    return new Tensor(out, [rows, d]);
  }

  protected getState(): Record<string, unknown> {
    const m = this.#model as SvmModel;
    return {
      gamma: this.#gamma,
      nTrain: this.#nTrain,
      nrClass: m.nrClass,
      labels: m.labels,
      rho: m.rho,
      probA: m.probA ?? null,
      probB: m.probB ?? null,
      nSV: m.nSV,
      sv: m.sv,
      svInd: m.svInd,
      svCoef: m.svCoef,
      nIter: m.nIter,
      timedOut: m.timedOut,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const get = (key: string) => {
      if (!(key in state)) throw new ValidationError(`${where}: saved state is missing '${key}'`);
      return state[key];
    };
    const f64 = (key: string) => {
      const v = get(key);
      if (!(v instanceof Float64Array)) throw new ValidationError(`${where}: '${key}' must be a Float64Array`);
      return v;
    };
    const i32 = (key: string) => {
      const v = get(key);
      if (!isInt32Array(v)) throw new ValidationError(`${where}: '${key}' must be an Int32Array`);
      return v;
    };
    const num = (key: string) => {
      const v = get(key);
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new ValidationError(`${where}: '${key}' must be a number`);
      return v;
    };
    const labels = get('labels');
    if (!Array.isArray(labels) || !labels.every((v) => typeof v === 'number')) {
      throw new ValidationError(`${where}: 'labels' must be an array of numbers`);
    }
    const nrClass = num('nrClass');
    const svInd = i32('svInd');
    const nSV = i32('nSV');
    const svCoef = f64('svCoef');
    const sv = f64('sv');
    const rho = f64('rho');
    const rows = labels.length === 0 ? 1 : nrClass - 1;
    const total = svInd.length;
    const nPairs = labels.length === 0 ? 1 : (nrClass * (nrClass - 1)) / 2;
    if (svCoef.length !== rows * total || rho.length !== nPairs || nSV.reduce((a, b) => a + b, 0) !== total) {
      throw new ValidationError(`${where}: support vector arrays do not fit together`);
    }
    if (total > 0 && sv.length % total !== 0) throw new ValidationError(`${where}: 'sv' does not fit 'svInd'`);
    const model: SvmModel = {
      nrClass,
      labels: labels as number[],
      rho,
      nSV,
      sv,
      svInd,
      svCoef,
      nIter: i32('nIter'),
      timedOut: get('timedOut') === true,
    };
    const probA = get('probA');
    const probB = get('probB');
    if (probA instanceof Float64Array && probB instanceof Float64Array) {
      if (probA.length !== nPairs || probB.length !== nPairs) {
        throw new ValidationError(`${where}: probA/probB need ${nPairs} values`);
      }
      model.probA = probA;
      model.probB = probB;
    }
    this.#gamma = num('gamma');
    this.#nTrain = num('nTrain');
    this.#model = model;
  }
}
