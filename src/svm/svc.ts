/**
 * Kernel support vector classifiers (scikit-learn's `SVC` and `NuSVC`):
 * libsvm's C-SVC / ν-SVC trained one-vs-one, `decisionFunctionShape`
 * `'ovr'` (default, scikit-learn's vote-plus-confidence transform) or `'ovo'`,
 * prediction by libsvm's vote (or argmax of the ovr decision with
 * `breakTies`), and Platt probabilities with pairwise coupling when
 * `probability: true`.
 */

import { type ClassWeight, computeClassWeight } from '../base/class-weight.js';
import { ValidationError } from '../base/errors.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import type { Classifier, EstimatorTags, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import type { RandomState } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import {
  BaseLibSVM,
  type DenseRows,
  LIBSVM_CONSTRAINTS,
  LIBSVM_DEFAULTS,
  type LibSvmParams,
  type LibSvmSettings,
} from './base-libsvm.js';
import { multiclassProbability, sigmoidPredict } from './libsvm.js';

/** Options shared by {@link SVC} and {@link NuSVC}. */
export interface BaseSVCParams extends LibSvmParams {
  /** Fit Platt probabilities by internal 5-fold cross-validation (slower fit). Default `false`. */
  probability: boolean;
  /** `undefined` (default), `'balanced'` or a weight per class label (multiplies C). */
  classWeight: ClassWeight | undefined;
  /** `'ovr'` (default): `[n, nClasses]` decision values; `'ovo'`: libsvm's `[n, nPairs]`. */
  decisionFunctionShape: 'ovr' | 'ovo';
  /** Predict the argmax of the ovr decision instead of the vote (more than two classes). Default `false`. */
  breakTies: boolean;
  /** Seed of the probability cross-validation folds. Default `undefined`. */
  randomState: RandomState | undefined;
}

/** Options of {@link SVC}. */
export interface SVCParams extends BaseSVCParams {
  /** Inverse regularisation strength > 0. Default 1. */
  C: number;
}

/** Options of {@link NuSVC}. */
export interface NuSVCParams extends BaseSVCParams {
  /** Upper bound on the fraction of margin errors, lower bound on the fraction of support vectors, in (0, 1]. Default 0.5. */
  nu: number;
}

const SVC_BASE_DEFAULTS = {
  ...LIBSVM_DEFAULTS,
  probability: false,
  classWeight: undefined,
  decisionFunctionShape: 'ovr' as const,
  breakTies: false,
  randomState: undefined,
};

const SVC_BASE_CONSTRAINTS: ParameterConstraints = {
  ...LIBSVM_CONSTRAINTS,
  probability: ['boolean'],
  classWeight: [options(['balanced']), instanceOf(Object), null],
  decisionFunctionShape: [options(['ovr', 'ovo'])],
  breakTies: ['boolean'],
  randomState: ['randomState'],
};

/**
 * scikit-learn's `_ovr_decision_function`: votes of the one-vs-one classifiers
 * plus their summed confidences squashed into (-1/3, 1/3). `dec` is libsvm's
 * `m × nPairs` (positive = first class of the pair).
 * @example ovrDecision(Float64Array.of(1, 1, -1), 1, 3)
 */
export function ovrDecision(dec: Float64Array, m: number, k: number): Float64Array {
  const nPairs = (k * (k - 1)) / 2;
  const out = new Float64Array(m * k);
  const conf = new Float64Array(k);
  for (let r = 0; r < m; r++) {
    conf.fill(0);
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const v = dec[r * nPairs + p++];
        conf[i] += v;
        conf[j] -= v;
        if (v < 0) out[r * k + j] += 1;
        else out[r * k + i] += 1;
      }
    }
    for (let c = 0; c < k; c++) out[r * k + c] += conf[c] / (3 * (Math.abs(conf[c]) + 1));
  }
  return out;
}

/** The shared implementation of {@link SVC} and {@link NuSVC}. */
export abstract class BaseSVC<P extends BaseSVCParams> extends BaseLibSVM<P> implements Classifier<P> {
  #classes?: Label[];

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'classifier',
      requiresY: true,
      sparseInput: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  protected override settings(): LibSvmSettings {
    const p = this.params;
    if (p.breakTies && p.decisionFunctionShape === 'ovo') {
      throw new ValidationError("breakTies must be false when decisionFunctionShape is 'ovo'", {
        param: 'breakTies',
      });
    }
    const own = p as unknown as { C?: number; nu?: number };
    return {
      C: own.C ?? 1,
      nu: own.nu ?? 0.5,
      epsilon: 0,
      probability: p.probability,
      randomState: p.randomState,
    };
  }

  protected override targets(y: Float64Array | string[] | undefined): {
    target: Float64Array;
    classWeight: Map<number, number>;
  } {
    const labels = y as Float64Array | string[];
    checkClassificationTargets(labels);
    const { classes, encoded } = encodeLabels(labels);
    if (classes.length < 2) {
      throw new ValidationError(`The number of classes has to be greater than one; got ${classes.length} class`, {
        expected: 'at least 2 classes',
        got: classes.slice(),
      });
    }
    const cw = computeClassWeight(this.params.classWeight, classes, encoded);
    this.#classes = classes;
    return { target: Float64Array.from(encoded), classWeight: new Map(Array.from(cw, (w, i) => [i, w])) };
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Dual coefficients `y_i α_i`, `[nClasses - 1, nSV]` (binary: sign flipped so positive means `classes[1]`). */
  get dualCoef(): Tensor {
    const t = this.rawDualCoef();
    if (this.model.nrClass === 2) {
      const d = t.data as Float64Array;
      for (let i = 0; i < d.length; i++) d[i] = -d[i];
    }
    return t;
  }

  /** Intercepts of the one-vs-one classifiers (`-ρ`; binary: `ρ`, matching `dualCoef`). */
  get intercept(): Float64Array {
    const rho = this.model.rho;
    return Float64Array.from(rho, (r) => (this.model.nrClass === 2 ? r : -r));
  }

  /** Primal weights for `kernel: 'linear'`, `[nPairs, nFeatures]` (binary: positive means `classes[1]`). */
  get coef(): Tensor {
    const m = this.model;
    const k = m.nrClass;
    if (k === 2) return this.linearCoef(this.dualCoef.data as Float64Array, 1);
    // One-vs-one weights from each pair's two blocks of support vectors.
    const total = m.svInd.length;
    const nPairs = (k * (k - 1)) / 2;
    const pairDual = new Float64Array(nPairs * total);
    const start = new Int32Array(k);
    for (let c = 1; c < k; c++) start[c] = start[c - 1] + m.nSV[c - 1];
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        for (let s = start[i]; s < start[i] + m.nSV[i]; s++) pairDual[p * total + s] = m.svCoef[(j - 1) * total + s];
        for (let s = start[j]; s < start[j] + m.nSV[j]; s++) pairDual[p * total + s] = m.svCoef[i * total + s];
        p++;
      }
    }
    return this.linearCoef(pairDual, nPairs);
  }

  /** Platt parameters A of each pair (empty unless `probability`). */
  get probA(): Float64Array {
    return this.model.probA?.slice() ?? new Float64Array(0);
  }

  /** Platt parameters B of each pair (empty unless `probability`). */
  get probB(): Float64Array {
    return this.model.probB?.slice() ?? new Float64Array(0);
  }

  /**
   * Decision values: `[n]` for two classes (positive means `classes[1]`),
   * else `[n, nClasses]` (`'ovr'`) or `[n, nPairs]` (`'ovo'`).
   * @example model.decisionFunction([[0, 1]]).toArray()
   */
  decisionFunction(X: MatrixLike): Tensor {
    const rows = this.predictRows(X);
    return this.#decision(rows, this.rawDecision(rows));
  }

  #decision(rows: DenseRows, dec: Float64Array): Tensor {
    const k = this.model.nrClass;
    if (k === 2)
      return new Tensor(
        Float64Array.from(dec, (v) => -v),
        [rows.m],
      );
    if (this.params.decisionFunctionShape === 'ovr') return new Tensor(ovrDecision(dec, rows.m, k), [rows.m, k]);
    return new Tensor(dec, [rows.m, (k * (k - 1)) / 2]);
  }

  /**
   * Predicted labels by libsvm's one-vs-one vote (ties to the lower class),
   * or the argmax of the ovr decision with `breakTies`.
   * @example model.predict([[0, 1]])
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const rows = this.predictRows(X);
    const dec = this.rawDecision(rows);
    const k = this.model.nrClass;
    const idx = new Int32Array(rows.m);
    const nPairs = (k * (k - 1)) / 2;
    if (this.params.breakTies && this.params.decisionFunctionShape === 'ovr' && k > 2) {
      const ovr = ovrDecision(dec, rows.m, k);
      for (let r = 0; r < rows.m; r++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (ovr[r * k + c] > ovr[r * k + best]) best = c;
        idx[r] = best;
      }
    } else {
      const votes = new Int32Array(k);
      for (let r = 0; r < rows.m; r++) {
        votes.fill(0);
        let p = 0;
        for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) votes[dec[r * nPairs + p++] > 0 ? i : j]++;
        let best = 0;
        for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c;
        idx[r] = best;
      }
    }
    return decodeLabels(this.fitted('classes', this.#classes), idx);
  }

  #proba(X: MatrixLike): Tensor {
    const m = this.model;
    if (!m.probA || !m.probB) {
      throw new ValidationError('predictProba is not available when probability is false', {
        param: 'probability',
        got: false,
      });
    }
    const rows = this.predictRows(X);
    const dec = this.rawDecision(rows);
    const k = m.nrClass;
    const nPairs = (k * (k - 1)) / 2;
    const out = new Float64Array(rows.m * k);
    const r = new Float64Array(k * k);
    const pr = new Float64Array(k);
    const minProb = 1e-7;
    for (let s = 0; s < rows.m; s++) {
      let p = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const v = sigmoidPredict(dec[s * nPairs + p], m.probA[p], m.probB[p]);
          r[i * k + j] = Math.min(Math.max(v, minProb), 1 - minProb);
          r[j * k + i] = 1 - r[i * k + j];
          p++;
        }
      }
      multiclassProbability(k, r, pr);
      out.set(pr, s * k);
    }
    return new Tensor(out, [rows.m, k]);
  }

  /**
   * Class probabilities `[n, nClasses]` from Platt scaling and pairwise
   * coupling; exists only with `probability: true` (`undefined` otherwise, so
   * `typeof model.predictProba` tells). Like scikit-learn, its argmax can
   * disagree with `predict` near the boundary.
   * @example new SVC({ probability: true, randomState: 0 }).predictProba(X)
   */
  get predictProba(): (X: MatrixLike) => Tensor {
    if (!this.params.probability) return undefined as unknown as (X: MatrixLike) => Tensor;
    return (X: MatrixLike) => this.#proba(X);
  }

  /**
   * Natural log of `predictProba` (same availability).
   * @example model.predictLogProba(X)
   */
  get predictLogProba(): (X: MatrixLike) => Tensor {
    if (!this.params.probability) return undefined as unknown as (X: MatrixLike) => Tensor;
    return (X: MatrixLike) => {
      const p = this.#proba(X);
      const d = p.data as Float64Array;
      for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
      return p;
    };
  }

  /**
   * Mean accuracy of `predict(X)` against `y`.
   * @example model.score(X, y)
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected override getState(): Record<string, unknown> {
    return { ...super.getState(), classes: this.#classes };
  }

  protected override setState(state: Record<string, unknown>): void {
    super.setState(state);
    const classes = state.classes;
    const k = state.nrClass;
    if (
      !Array.isArray(classes) ||
      classes.length !== k ||
      !(classes.every((c) => typeof c === 'number') || classes.every((c) => typeof c === 'string'))
    ) {
      throw new ValidationError(`saved ${this.estimatorName}: 'classes' must be ${String(k)} labels`);
    }
    this.#classes = classes as Label[];
  }
}

/**
 * C-support vector classification (libsvm's C-SVC).
 *
 * Fitted attributes: `classes`, `supportVectors`, `support`, `nSupport`,
 * `dualCoef`, `intercept`, `coef` (linear kernel), `probA`/`probB`
 * (with `probability`), `gammaValue`, `nIter`, `fitStatus`, `nFeaturesIn`.
 *
 * @example
 * import { SVC } from 'typelearn/svm';
 * const model = await new SVC({ kernel: 'rbf', C: 1 }).fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 1, 1]);
 * model.predict([[0.9, 0.5]]); // Int32Array [1]
 */
export class SVC extends BaseSVC<SVCParams> {
  static override readonly estimatorName = 'SVC';
  static override parameterConstraints: ParameterConstraints = {
    ...SVC_BASE_CONSTRAINTS,
    C: [interval('real', 0, null, 'neither')],
  };
  protected readonly svmType = 'c_svc' as const;

  /** @param options - see {@link SVCParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<SVCParams> = {}) {
    super({ C: 1, ...SVC_BASE_DEFAULTS }, options);
  }
}

/**
 * ν-support vector classification (libsvm's ν-SVC): `nu` replaces C.
 *
 * @example
 * import { NuSVC } from 'typelearn/svm';
 * const model = await new NuSVC({ nu: 0.5 }).fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 1, 1]);
 * model.predict([[0.9, 0.5]]);
 */
export class NuSVC extends BaseSVC<NuSVCParams> {
  static override readonly estimatorName = 'NuSVC';
  static override parameterConstraints: ParameterConstraints = {
    ...SVC_BASE_CONSTRAINTS,
    nu: [interval('real', 0, 1, 'right')],
  };
  protected readonly svmType = 'nu_svc' as const;

  /** @param options - see {@link NuSVCParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<NuSVCParams> = {}) {
    super({ nu: 0.5, ...SVC_BASE_DEFAULTS }, options);
  }
}
