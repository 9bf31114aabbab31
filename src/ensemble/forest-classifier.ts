/**
 * `BaseForestClassifier`: the classification half of random forests and
 * extra-trees (scikit-learn's `ForestClassifier`): class weights (including
 * `'balanced_subsample'`), probabilities averaged over the members, the
 * out-of-bag score, and the members as fitted single-tree classifiers.
 */
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { Tensor } from '../tensor/tensor.js';
import { type ClassificationCriterion, criterionCode } from '../tree/criterion.js';
import { DecisionTreeClassifier } from '../tree/decision-tree-classifier.js';
import { ExtraTreeClassifier } from '../tree/extra-tree.js';
import { cachedLeafValues, missingRows, sumLeafValues } from '../tree/packed-tree.js';
import { toFloat32 } from '../tree/presort.js';
import { classWeightVector, type TreeClassWeight } from '../tree/tree-params.js';
import type { Tree } from '../tree/tree-structure.js';
import { BaseForest, FOREST_CONSTRAINTS, type ForestParams } from './forest.js';

/** Options of the forest classifiers. */
export interface ForestClassifierParams extends ForestParams {
  /** `'gini'` (default), `'entropy'` or `'log_loss'`. */
  criterion: ClassificationCriterion;
  /** `'balanced'`, `'balanced_subsample'` (balanced on each bootstrap sample), a weight per label, or `undefined`. */
  classWeight: TreeClassWeight | 'balanced_subsample' | null | undefined;
}

/** Constraints of {@link ForestClassifierParams}. */
export const FOREST_CLASSIFIER_CONSTRAINTS: ParameterConstraints = {
  ...FOREST_CONSTRAINTS,
  criterion: [options(['gini', 'entropy', 'log_loss'])],
  classWeight: [options(['balanced', 'balanced_subsample']), instanceOf(Object), null],
};

/**
 * Adds the tree's leaf class probabilities (its leaf counts normalised) for
 * the `n` rows of `X32` into `acc` (`[n × k]`); `leaves` is scratch of length `n`.
 * @example accumulateProba(tree, X32, n, new Int32Array(n), acc, nClasses)
 */
export function accumulateProba(
  tree: Tree,
  X32: Float32Array,
  n: number,
  leaves: Int32Array,
  acc: Float64Array,
  k: number,
): void {
  const nanRows = missingRows(X32, tree.nFeatures, 0, n);
  sumLeafValues([tree.packed], [cachedLeafValues(tree, true)], k, X32, 0, n, acc, leaves, nanRows);
}

/** Shared implementation of the forest classifiers; see the module comment. */
export abstract class BaseForestClassifier<P extends ForestClassifierParams>
  extends BaseForest<P>
  implements Classifier<P>
{
  #classes?: Label[];
  #oobScore?: number;
  #oobDecision?: Float64Array;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier' };
  }

  protected criterionCode(): number {
    return criterionCode(this.params.criterion);
  }

  protected override balancedSubsample(): boolean {
    return this.params.classWeight === 'balanced_subsample';
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true });
    checkClassificationTargets(data.y);
    const { classes, encoded } = encodeLabels(data.y);
    const n = encoded.length;
    const weights = checkSampleWeight(options.sampleWeight, n);
    const cwParam = this.params.classWeight;
    if (cwParam !== 'balanced_subsample') {
      const cw = classWeightVector(cwParam, classes, encoded);
      for (let i = 0; i < n; i++) weights[i] *= cw[encoded[i]];
    }
    const { classWeight: _cw, criterion: _c, ...rest } = this.params;
    await this.fitForest(
      data.X,
      { yClass: encoded, nClasses: classes.length, y: new Float64Array(0) },
      weights,
      options,
      {
        ...rest,
        splitter: this.splitter(),
      },
    );
    this.#classes = classes;
    this.#oobScore = undefined;
    this.#oobDecision = undefined;
    if (this.params.oobScore) this.#computeOob(data.X.data, n, encoded, classes.length);
  }

  #computeOob(x: ArrayLike<number>, n: number, encoded: Int32Array, k: number): void {
    const X32 = toFloat32(x);
    const f = X32.length / n;
    const acc = new Float64Array(n * k);
    const seen = new Int32Array(n);
    this.forEachOutOfBag(n, (tree, oob) => {
      const rows = new Float32Array(oob.length * f);
      for (let r = 0; r < oob.length; r++) rows.set(X32.subarray(oob[r] * f, oob[r] * f + f), r * f);
      const part = new Float64Array(oob.length * k);
      accumulateProba(tree, rows, oob.length, new Int32Array(oob.length), part, k);
      for (let r = 0; r < oob.length; r++) {
        seen[oob[r]]++;
        for (let c = 0; c < k; c++) acc[oob[r] * k + c] += part[r * k + c];
      }
    });
    let missing = 0;
    let correct = 0;
    for (let i = 0; i < n; i++) {
      if (seen[i] === 0) missing++;
      const d = seen[i] === 0 ? 2.220446049250313e-16 : seen[i];
      let best = 0;
      for (let c = 0; c < k; c++) {
        acc[i * k + c] /= d;
        if (acc[i * k + c] > acc[i * k + best]) best = c;
      }
      if (best === encoded[i]) correct++;
    }
    if (missing > 0) {
      warn(
        new TypelearnWarning(
          `Some inputs do not have OOB scores (${missing} of ${n}). This probably means too few trees were used to compute any reliable OOB estimates.`,
        ),
      );
    }
    this.#oobDecision = acc;
    this.#oobScore = correct / n;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Number of classes. */
  get nClasses(): number {
    return this.fitted('nClasses', this.#classes).length;
  }

  /** Out-of-bag accuracy (sklearn's `oob_score_`; needs `oobScore: true`). */
  get oobScore_(): number {
    return this.fitted('oobScore_', this.#oobScore);
  }

  /** Out-of-bag class probabilities `[nSamples, nClasses]` (sklearn's `oob_decision_function_`). */
  get oobDecisionFunction(): Tensor {
    const d = this.fitted('oobDecisionFunction', this.#oobDecision);
    return new Tensor(d.slice(), [d.length / this.nClasses, this.nClasses]);
  }

  /** The members as fitted single-tree classifiers (sklearn's `estimators_`). */
  get estimators(): (DecisionTreeClassifier | ExtraTreeClassifier)[] {
    const classes = this.classes;
    const Ctor = this.splitter() === 'best' ? DecisionTreeClassifier : ExtraTreeClassifier;
    const {
      nEstimators: _a,
      bootstrap: _b,
      oobScore: _o,
      nJobs: _j,
      warmStart: _w,
      maxSamples: _m,
      classWeight: _c,
      ...params
    } = this.params;
    return this.trees.map((_, t) =>
      Ctor.fromJSON(
        this.memberSavedModel(Ctor.estimatorName, t, { classes }, { ...params, splitter: this.splitter() }),
      ),
    );
  }

  /**
   * Mean of the members' class probabilities, `[nSamples, nClasses]`.
   * @example forest.predictProba(X).shape // [n, nClasses]
   */
  predictProba(X: MatrixLike): Tensor {
    const { X32, n } = this.float32Rows(X);
    const trees = this.trees;
    const k = this.nClasses;
    const acc = new Float64Array(n * k);
    const packs = trees.map((t) => t.packed);
    const tables = trees.map((t) => cachedLeafValues(t, true));
    const nanRows = missingRows(X32, trees[0].nFeatures, 0, n);
    sumLeafValues(packs, tables, k, X32, 0, n, acc, new Int32Array(n), nanRows);
    const inv = 1 / trees.length;
    for (let i = 0; i < acc.length; i++) acc[i] *= inv;
    return new Tensor(acc, [n, k]);
  }

  /**
   * The class with the highest mean probability (first among ties).
   * @example forest.predict([[0, 1]]) // Int32Array [1]
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const proba = this.predictProba(X).data as Float64Array;
    const k = this.nClasses;
    const n = proba.length / k;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (proba[i * k + c] > proba[i * k + best]) best = c;
      idx[i] = best;
    }
    return decodeLabels(this.fitted('classes', this.#classes), idx);
  }

  /**
   * Natural log of `predictProba`.
   * @example forest.predictLogProba(X)
   */
  predictLogProba(X: MatrixLike): Tensor {
    const p = this.predictProba(X);
    const d = p.data as Float64Array;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
    return p;
  }

  /**
   * Mean accuracy on `X`, `y`.
   * @example forest.score(X, y) // 0.96
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.forestState(), classes: this.#classes, oobScore: this.#oobScore, oobDecision: this.#oobDecision };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    const classes = r.labels('classes');
    this.setForestState(state, where);
    this.#classes = classes;
    this.#oobScore = r.has('oobScore') && state.oobScore !== undefined ? r.number('oobScore') : undefined;
    this.#oobDecision =
      r.has('oobDecision') && state.oobDecision !== undefined ? r.float64Array('oobDecision') : undefined;
  }
}
