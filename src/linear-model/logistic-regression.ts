/**
 * `LogisticRegression` (scikit-learn 1.2's `sklearn.linear_model.LogisticRegression`):
 * regularised logistic regression minimising
 * `Σᵢ wᵢ·logloss(xᵢ) + ½/C·‖W‖²` (intercepts not penalised).
 *
 * Solvers: `'lbfgs'` (default; L2 or no penalty) and `'saga'` (L1, L2,
 * elastic net). `multiClass: 'auto'` fits one multinomial model for more
 * than two classes and a binary model otherwise; `'ovr'` fits one binary
 * model per class. Dense or CSR `X`; numeric or string labels.
 *
 * Differences from scikit-learn: no `liblinear`/`newton-cg`/`sag` solvers,
 * no `dual`/`intercept_scaling`; saga draws samples from typelearn's
 * generator, so its iterates (not its optimum) differ from sklearn's.
 */
import { ValidationError } from '../base/errors.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import type { Classifier, EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { type ClassWeight, computeClassWeight, encodeClassTargets, LinearClassifier } from './linear-classifier.js';
import { binaryLogisticObjectives, expit, multinomialLogisticLoss } from './logistic-loss.js';
import { lbfgs } from './optim/lbfgs.js';
import { saga } from './saga.js';

/** Penalties of {@link LogisticRegression} (`'none'` is sklearn 1.2's spelling of no penalty). */
export type LogisticPenalty = 'l1' | 'l2' | 'elasticnet' | 'none';

/** Options of {@link LogisticRegression} (sklearn's parameters, camelCase). */
export interface LogisticRegressionParams {
  /** `'l2'` (default), `'l1'`, `'elasticnet'` (saga only) or `'none'`. */
  penalty: LogisticPenalty;
  /** Stopping tolerance (max |gradient| for lbfgs, relative weight change for saga). Default 1e-4. */
  tol: number;
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** Seed of saga's sample order. Default `undefined`. */
  randomState: RandomState | undefined;
  /** `'lbfgs'` (default) or `'saga'`. */
  solver: 'lbfgs' | 'saga';
  /** Iteration cap (lbfgs iterations, saga epochs). Default 100. */
  maxIter: number;
  /** `'auto'` (default), `'ovr'` or `'multinomial'`. */
  multiClass: 'auto' | 'ovr' | 'multinomial';
  /** Start from the previous fit's coefficients. Default `false`. */
  warmStart: boolean;
  /** Elastic-net mixing in [0, 1] (`penalty: 'elasticnet'` only). Default `undefined`. */
  l1Ratio: number | undefined;
}

const DEFAULTS: LogisticRegressionParams = {
  penalty: 'l2',
  tol: 1e-4,
  C: 1,
  fitIntercept: true,
  classWeight: undefined,
  randomState: undefined,
  solver: 'lbfgs',
  maxIter: 100,
  multiClass: 'auto',
  warmStart: false,
  l1Ratio: undefined,
};

/**
 * Logistic regression classifier.
 *
 * Fitted attributes: `classes`, `coef` (`rows × nFeatures` row-major: one row
 * for two classes, else one per class), `intercept`, `nIter` (per fitted
 * model), `nFeaturesIn`.
 *
 * @example
 * import { LogisticRegression } from 'typelearn/linear-model';
 * const model = await new LogisticRegression({ C: 1 }).fit(X, y);
 * model.predictProba(X.slice(0, 2)).toArray(); // rows sum to 1
 * model.predict(X.slice(0, 2));
 */
export class LogisticRegression
  extends LinearClassifier<LogisticRegressionParams>
  implements Classifier<LogisticRegressionParams>
{
  static override readonly estimatorName = 'LogisticRegression';

  static override parameterConstraints: ParameterConstraints = {
    penalty: [options(['l1', 'l2', 'elasticnet', 'none'])],
    tol: [interval('real', 0, null, 'left')],
    C: [interval('real', 0, null, 'neither')],
    fitIntercept: ['boolean'],
    classWeight: [options(['balanced']), instanceOf(Object), null],
    randomState: ['randomState'],
    solver: [options(['lbfgs', 'saga'])],
    maxIter: [interval('int', 0, null, 'left')],
    multiClass: [options(['auto', 'ovr', 'multinomial'])],
    warmStart: ['boolean'],
    l1Ratio: [interval('real', 0, 1, 'both'), null],
  };

  #nIter?: Int32Array;
  #multinomial = false;

  /** @param options - see {@link LogisticRegressionParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LogisticRegressionParams> = {}) {
    super(DEFAULTS, options);
  }

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'classifier',
      requiresY: true,
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const p = this.params;
    if (p.solver === 'lbfgs' && (p.penalty === 'l1' || p.penalty === 'elasticnet')) {
      throw new ValidationError(`Solver lbfgs supports only 'l2' or 'none' penalties, got ${p.penalty} penalty.`, {
        param: 'penalty',
        got: p.penalty,
      });
    }
    if (p.penalty === 'elasticnet' && p.l1Ratio === undefined) {
      throw new ValidationError("l1Ratio must be a number in [0, 1] when penalty is 'elasticnet'", {
        param: 'l1Ratio',
      });
    }
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: false });
    const { classes, encoded } = encodeClassTargets(data.y, this.estimatorName);
    const x = data.X;
    const [m, n] = x.shape as [number, number];
    const sw = checkSampleWeight(options.sampleWeight, m);
    const cw = computeClassWeight(p.classWeight, classes, encoded);
    for (let i = 0; i < m; i++) sw[i] *= cw[encoded[i]];
    const k = classes.length;
    const multinomial = p.multiClass === 'multinomial' || (p.multiClass === 'auto' && k > 2);
    const inv = p.penalty === 'none' ? 0 : 1 / p.C;
    const l1Share = p.penalty === 'l1' ? 1 : p.penalty === 'elasticnet' ? (p.l1Ratio as number) : 0;
    const l2 = inv * (1 - l1Share);
    const l1 = inv * l1Share;
    const stride = n + (p.fitIntercept ? 1 : 0);
    const previous = p.warmStart && this.isFitted ? { coef: this.coef, intercept: this.intercept } : undefined;

    const rows = k === 2 ? 1 : k;
    const coef = new Float64Array(rows * n);
    const intercept = new Float64Array(rows);
    const nIters: number[] = [];
    let failed = false;
    // Prepared once for X (dense: a copy for the WebAssembly kernel), shared by the one-vs-rest fits.
    let binaryObjective: ReturnType<typeof binaryLogisticObjectives> | undefined;
    const solve = (w0: Float64Array, kk: number, target: Float64Array | Int32Array, binary: boolean) => {
      if (p.solver === 'saga') {
        const r = saga(x, target, kk, binary, sw, w0, {
          l2,
          l1,
          fitIntercept: p.fitIntercept,
          maxIter: p.maxIter,
          tol: p.tol,
          randomState: p.randomState,
        });
        nIters.push(r.nIter);
        failed ||= !r.converged;
        return r.w;
      }
      const r = lbfgs(
        binary
          ? (binaryObjective ??= binaryLogisticObjectives(x))(target as Float64Array, sw, l2, p.fitIntercept)
          : (w, g) => multinomialLogisticLoss(w, x, target as Int32Array, kk, sw, l2, p.fitIntercept, g),
        w0,
        { maxIter: p.maxIter, gtol: p.tol },
      );
      nIters.push(Math.min(r.nIter, p.maxIter));
      failed ||= !r.converged;
      return r.x;
    };
    const init = (row: number, dst: Float64Array, offset: number) => {
      if (!previous || previous.coef.length !== rows * n) return;
      dst.set(previous.coef.subarray(row * n, row * n + n), offset);
      if (p.fitIntercept) dst[offset + n] = previous.intercept[row];
    };
    if (multinomial) {
      const kk = Math.max(2, k);
      const w0 = new Float64Array(kk * stride);
      if (k > 2) for (let c = 0; c < k; c++) init(c, w0, c * stride);
      else init(0, w0, stride);
      const w = solve(w0, kk, encoded, false);
      // Two classes: sklearn keeps only the second class's row.
      const first = k === 2 ? 1 : 0;
      for (let r = 0; r < rows; r++) {
        coef.set(w.subarray((r + first) * stride, (r + first) * stride + n), r * n);
        if (p.fitIntercept) intercept[r] = w[(r + first) * stride + n];
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const positive = k === 2 ? 1 : r;
        const y01 = new Float64Array(m);
        for (let i = 0; i < m; i++) y01[i] = encoded[i] === positive ? 1 : 0;
        const w0 = new Float64Array(stride);
        init(r, w0, 0);
        const w = solve(w0, 1, y01, true);
        coef.set(w.subarray(0, n), r * n);
        if (p.fitIntercept) intercept[r] = w[n];
      }
    }
    if (failed) {
      warn(
        new ConvergenceWarning(
          `${p.solver} failed to converge (status=1): STOP: TOTAL NO. of ITERATIONS REACHED LIMIT. Increase the number of iterations (maxIter=${p.maxIter}) or scale the data.`,
        ),
      );
    }
    this.setLinearState(coef, intercept, classes);
    this.#nIter = Int32Array.from(nIters);
    this.#multinomial = multinomial;
  }

  /** Iterations of each fitted model (one entry for multinomial; sklearn's `n_iter_`). */
  get nIter(): Int32Array {
    return this.fitted('nIter', this.#nIter);
  }

  /**
   * Class probabilities, `[nSamples, nClasses]`: softmax for multinomial
   * models, the logistic function (normalised over classes) for one-vs-rest.
   * @example model.predictProba([[5.1, 3.5, 1.4, 0.2]]).toArray()
   */
  predictProba(X: MatrixLike): Tensor {
    const { values, rows } = this.decisionValues(X);
    return logisticProba(values, rows, this.#multinomial);
  }

  /**
   * Natural log of `predictProba`.
   * @example model.predictLogProba(X)
   */
  predictLogProba(X: MatrixLike): Tensor {
    const p = this.predictProba(X);
    const d = p.data as Float64Array;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
    return p;
  }

  protected getState(): Record<string, unknown> {
    return { ...this.linearState(), nIter: Array.from(this.#nIter ?? []), multinomial: this.#multinomial };
  }

  protected setState(state: Record<string, unknown>): void {
    this.readLinearState(state);
    const nIter = state.nIter;
    if (!Array.isArray(nIter) || !nIter.every((v) => Number.isInteger(v))) {
      throw new ValidationError('saved LogisticRegression: nIter must be an array of integers');
    }
    this.#nIter = Int32Array.from(nIter as number[]);
    this.#multinomial = state.multinomial === true;
  }
}

/**
 * Class probabilities from decision values (`m × rows`): softmax for
 * multinomial models (two classes: `expit(2d)`, as sklearn), else the
 * logistic function normalised over the one-vs-rest models.
 * @example logisticProba(Float64Array.of(0), 1, false).data // [0.5, 0.5]
 */
export function logisticProba(values: Float64Array, rows: number, multinomial: boolean): Tensor {
  const m = values.length / rows;
  const k = rows === 1 ? 2 : rows;
  const out = new Float64Array(m * k);
  for (let i = 0; i < m; i++) {
    if (rows === 1) {
      const p1 = expit(multinomial ? 2 * values[i] : values[i]);
      out[i * 2] = 1 - p1;
      out[i * 2 + 1] = p1;
    } else if (multinomial) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, values[i * k + c]);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = Math.exp(values[i * k + c] - max);
        out[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    } else {
      let sum = 0;
      for (let c = 0; c < k; c++) {
        const e = expit(values[i * k + c]);
        out[i * k + c] = e;
        sum += e;
      }
      for (let c = 0; c < k; c++) out[i * k + c] /= sum;
    }
  }
  return new Tensor(out, [m, k]);
}
