/**
 * `LinearSVC` (scikit-learn's): a linear support vector classifier trained
 * by liblinear. Squared hinge (default) or hinge loss with an L2 penalty by
 * dual coordinate descent, squared hinge with an L1 penalty by primal
 * coordinate descent, one-vs-rest for more than two classes or the joint
 * Crammer–Singer formulation. As in liblinear the intercept is a feature of
 * value `interceptScaling`, so it is penalised too.
 *
 * Difference from scikit-learn: `dual: false` with the L2 penalty runs the dual
 * solver (same optimum; liblinear uses a trust-region Newton method there).
 */

import { type ClassWeight, computeClassWeight } from '../base/class-weight.js';
import { ValidationError } from '../base/errors.js';
import { BaseEstimator } from '../base/estimator.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { ConvergenceWarning, warn } from '../base/warnings.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { type LinearProblem, solveCrammerSinger, solveL1rL2Svc, solveL2rSvcDual } from './liblinear.js';
import { linearDecisionValues, toLinearProblem } from './linear-problem.js';
import { Mt19937, sklearnLibSeed } from './mt19937.js';

/** Options of {@link LinearSVC}. */
export interface LinearSVCParams {
  /** `'l2'` (default) or `'l1'` (sparse weights; needs `loss: 'squared_hinge'`, `dual: false`). */
  penalty: 'l1' | 'l2';
  /** `'squared_hinge'` (default) or `'hinge'` (L2 penalty and dual only). */
  loss: 'hinge' | 'squared_hinge';
  /** Solve the dual (`true`, default as in scikit-learn 1.2), the primal (`false`), or `'auto'` (primal when nSamples > nFeatures and the combination allows it). */
  dual: boolean | 'auto';
  /** Stopping tolerance. Default 1e-4. */
  tol: number;
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
  /** `'ovr'` (default) or `'crammer_singer'` (one joint problem; ignores penalty, loss and dual). */
  multiClass: 'ovr' | 'crammer_singer';
  /** Fit an intercept (a constant feature of value `interceptScaling`, penalised). Default `true`. */
  fitIntercept: boolean;
  /** Value of the synthetic intercept feature, > 0. Default 1. */
  interceptScaling: number;
  /** `undefined` (default), `'balanced'` or a weight per class label. */
  classWeight: ClassWeight | undefined;
  /** Seed of the coordinate order. Default `undefined`. */
  randomState: RandomState | undefined;
  /** Maximum passes over the data. Default 1000. */
  maxIter: number;
}

const DEFAULTS: LinearSVCParams = {
  penalty: 'l2',
  loss: 'squared_hinge',
  dual: true,
  tol: 1e-4,
  C: 1,
  multiClass: 'ovr',
  fitIntercept: true,
  interceptScaling: 1,
  classWeight: undefined,
  randomState: undefined,
  maxIter: 1000,
};

type Solver = 'l2_dual_l2loss' | 'l2_dual_l1loss' | 'l1_primal' | 'crammer_singer';

function chooseSolver(p: LinearSVCParams, nSamples: number, nFeatures: number): Solver {
  if (p.multiClass === 'crammer_singer') return 'crammer_singer';
  if (p.penalty === 'l1' && p.loss === 'hinge') {
    throw new ValidationError("The combination of penalty='l1' and loss='hinge' is not supported", {
      param: 'penalty',
    });
  }
  let dual = p.dual;
  if (dual === 'auto') dual = p.penalty === 'l1' ? false : p.loss === 'hinge' ? true : nSamples < nFeatures;
  if (p.penalty === 'l1') {
    if (dual) {
      throw new ValidationError(
        "The combination of penalty='l1' and loss='squared_hinge' are not supported when dual=True",
        { param: 'dual', got: true },
      );
    }
    return 'l1_primal';
  }
  if (p.loss === 'hinge') {
    if (!dual) {
      throw new ValidationError("The combination of penalty='l2' and loss='hinge' are not supported when dual=False", {
        param: 'dual',
        got: false,
      });
    }
    return 'l2_dual_l1loss';
  }
  return 'l2_dual_l2loss';
}

/**
 * Linear support vector classification.
 *
 * Fitted attributes: `classes`, `coef` (`[1, nFeatures]` for two classes,
 * else `[nClasses, nFeatures]`), `intercept`, `nIter` (max over the
 * one-vs-rest problems), `nFeaturesIn`.
 *
 * @example
 * import { LinearSVC } from 'typelearn/svm';
 * const model = await new LinearSVC({ C: 1, randomState: 0 }).fit([[0, 0], [1, 1], [2, 2], [3, 3]], [0, 0, 1, 1]);
 * model.predict([[2.5, 2.5]]); // Int32Array [1]
 */
export class LinearSVC extends BaseEstimator<LinearSVCParams> {
  static override readonly estimatorName = 'LinearSVC';
  static override parameterConstraints: ParameterConstraints = {
    penalty: [options(['l1', 'l2'])],
    loss: [options(['hinge', 'squared_hinge'])],
    dual: ['boolean', options(['auto'])],
    tol: [interval('real', 0, null, 'neither')],
    C: [interval('real', 0, null, 'neither')],
    multiClass: [options(['ovr', 'crammer_singer'])],
    fitIntercept: ['boolean'],
    interceptScaling: [interval('real', 0, null, 'neither')],
    classWeight: [options(['balanced']), instanceOf(Object), null],
    randomState: ['randomState'],
    maxIter: [interval('int', 0, null, 'left')],
  };

  #classes?: Label[];
  #coef?: Float64Array;
  #intercept?: Float64Array;
  #nIter?: number;

  /** @param options - see {@link LinearSVCParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LinearSVCParams> = {}) {
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
    const data = this.validateData(X, y as Labels, { reset: true, allowSparse: true });
    checkClassificationTargets(data.y);
    const { classes, encoded } = encodeLabels(data.y);
    if (classes.length < 2) {
      throw new ValidationError(
        `This solver needs samples of at least 2 classes in the data, but the data contains only one class: ${String(classes[0])}`,
        { expected: 'at least 2 classes', got: classes.slice() },
      );
    }
    const [n, d] = data.X.shape as [number, number];
    const solver = chooseSolver(p, n, d);
    const W = checkSampleWeight(options.sampleWeight, n, { allowNegative: true });
    const cw = computeClassWeight(p.classWeight, classes, encoded);
    const bias = p.fitIntercept ? p.interceptScaling : -1;
    const mt = new Mt19937();
    mt.seed(sklearnLibSeed(p.randomState ?? 0));
    // liblinear drops non-positive weights, then groups rows by class (classes sorted).
    const rows: number[] = [];
    for (let c = 0; c < classes.length; c++) for (let i = 0; i < n; i++) if (encoded[i] === c && W[i] > 0) rows.push(i);
    if (rows.length === 0) throw new ValidationError('Invalid input - all samples have zero or negative weights.');
    const full = toLinearProblem(data.X, new Float64Array(n), W, bias);
    const prob = selectRows(full, rows);
    const cls = Int32Array.from(rows, (i) => encoded[i]);
    const k = classes.length;
    const wSize = prob.n;
    const weightedC = Float64Array.from(cw, (w) => p.C * w);
    let wAll: Float64Array;
    let nRows: number;
    const iters: number[] = [];
    this.throwIfAborted(options.signal);
    if (solver === 'crammer_singer') {
      for (let i = 0; i < prob.l; i++) prob.y[i] = cls[i];
      const w = new Float64Array(wSize * k);
      iters.push(solveCrammerSinger(prob, k, weightedC, w, p.tol, 100000, mt));
      wAll = new Float64Array(k * wSize);
      for (let j = 0; j < wSize; j++) for (let c = 0; c < k; c++) wAll[c * wSize + j] = w[j * k + c];
      nRows = k;
    } else if (k === 2) {
      for (let i = 0; i < prob.l; i++) prob.y[i] = cls[i] === 1 ? 1 : -1;
      wAll = new Float64Array(wSize);
      iters.push(this.#trainOne(solver, prob, wAll, weightedC[1], weightedC[0], mt));
      nRows = 1;
    } else {
      wAll = new Float64Array(k * wSize);
      const w = new Float64Array(wSize);
      for (let c = 0; c < k; c++) {
        for (let i = 0; i < prob.l; i++) prob.y[i] = cls[i] === c ? 1 : -1;
        iters.push(this.#trainOne(solver, prob, w, weightedC[c], p.C, mt));
        wAll.set(w, c * wSize);
        this.throwIfAborted(options.signal);
      }
      nRows = k;
    }
    const nIter = Math.max(...iters);
    if (nIter >= p.maxIter && solver !== 'crammer_singer') {
      warn(new ConvergenceWarning('Liblinear failed to converge, increase the number of iterations.'));
    }
    let coef = new Float64Array(nRows * d);
    let intercept = new Float64Array(nRows);
    for (let r = 0; r < nRows; r++) {
      coef.set(wAll.subarray(r * wSize, r * wSize + d), r * d);
      if (bias > 0) intercept[r] = bias * wAll[r * wSize + d];
    }
    if (solver === 'crammer_singer' && k === 2) {
      coef = Float64Array.from(coef.subarray(d, 2 * d), (v, j) => v - coef[j]);
      intercept = Float64Array.of(intercept[1] - intercept[0]);
    }
    this.#classes = classes;
    this.#coef = coef;
    this.#intercept = intercept;
    this.#nIter = nIter;
  }

  #trainOne(solver: Solver, prob: LinearProblem, w: Float64Array, Cp: number, Cn: number, mt: Mt19937): number {
    const p = this.params;
    if (solver === 'l1_primal') {
      let pos = 0;
      for (let i = 0; i < prob.l; i++) if (prob.y[i] > 0) pos++;
      const tol = (p.tol * Math.max(Math.min(pos, prob.l - pos), 1)) / prob.l;
      return solveL1rL2Svc(prob, w, tol, Cp, Cn, p.maxIter, mt);
    }
    return solveL2rSvcDual(prob, w, p.tol, Cp, Cn, solver === 'l2_dual_l1loss', p.maxIter, mt);
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Weights, `[1, nFeatures]` (two classes; positive means `classes[1]`) or `[nClasses, nFeatures]`. */
  get coef(): Tensor {
    const c = this.fitted('coef', this.#coef);
    return new Tensor(c.slice(), [c.length / this.nFeaturesIn, this.nFeaturesIn]);
  }

  /** Intercepts, one per row of `coef` (`interceptScaling` × the weight of the synthetic feature). */
  get intercept(): Float64Array {
    return this.fitted('intercept', this.#intercept).slice();
  }

  /** The largest number of passes any sub-problem ran (scikit-learn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  #values(X: MatrixLike): { values: Float64Array; rows: number; m: number } {
    this.checkIsFitted();
    const x = this.validateData(X, undefined, { reset: false, allowSparse: true }).X;
    const intercept = this.fitted('intercept', this.#intercept);
    const rows = intercept.length;
    return {
      values: linearDecisionValues(x, this.fitted('coef', this.#coef), intercept, rows),
      rows,
      m: x.shape[0],
    };
  }

  /**
   * Signed distances `X·coefᵀ + intercept`: `[n]` for two classes, else `[n, nClasses]`.
   * @example model.decisionFunction([[0, 1]]).toArray()
   */
  decisionFunction(X: MatrixLike): Tensor {
    const { values, rows, m } = this.#values(X);
    return rows === 1 ? new Tensor(values, [m]) : new Tensor(values, [m, rows]);
  }

  /**
   * `classes[1]` where the decision is positive (two classes), else the argmax class.
   * @example model.predict([[0, 1]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { values, rows, m } = this.#values(X);
    const idx = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      if (rows === 1) idx[i] = values[i] > 0 ? 1 : 0;
      else {
        let best = 0;
        for (let c = 1; c < rows; c++) if (values[i * rows + c] > values[i * rows + best]) best = c;
        idx[i] = best;
      }
    }
    return decodeLabels(this.fitted('classes', this.#classes), idx);
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { classes: this.#classes, coef: this.#coef, intercept: this.#intercept, nIter: this.#nIter };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = new StateReader(state, 'saved LinearSVC');
    const classes = r.labels('classes');
    const intercept = r.float64Array('intercept');
    const rows = classes.length === 2 ? 1 : classes.length;
    if (intercept.length !== rows) throw new ValidationError(`saved LinearSVC: intercept needs ${rows} values`);
    const coef = r.float64Array('coef');
    if (coef.length % rows !== 0) throw new ValidationError('saved LinearSVC: coef does not fit the classes');
    this.#classes = classes;
    this.#coef = coef;
    this.#intercept = intercept;
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
  }
}

/** The rows `rows` of a liblinear problem, in that order (fresh `y`, shared entries). */
export function selectRows(prob: LinearProblem, rows: readonly number[]): LinearProblem {
  const l = rows.length;
  let nnz = 0;
  for (const r of rows) nnz += prob.indptr[r + 1] - prob.indptr[r];
  const values = new Float64Array(nnz);
  const indices = new Int32Array(nnz);
  const indptr = new Int32Array(l + 1);
  const W = new Float64Array(l);
  const y = new Float64Array(l);
  let t = 0;
  for (let k = 0; k < l; k++) {
    const r = rows[k];
    const a = prob.indptr[r];
    const b = prob.indptr[r + 1];
    values.set(prob.values.subarray(a, b), t);
    indices.set(prob.indices.subarray(a, b), t);
    t += b - a;
    indptr[k + 1] = t;
    W[k] = prob.W[r];
    y[k] = prob.y[r];
  }
  return { values, indices, indptr, l, n: prob.n, y, W };
}
