/**
 * `DecisionTreeClassifier` (scikit-learn's `sklearn.tree.DecisionTreeClassifier`)
 * and `BaseTreeClassifier`, the classification half every classifier tree shares
 * (`ExtraTreeClassifier` too).
 *
 * Same results as sklearn on the same data: the same candidate thresholds
 * (midpoints of consecutive float32 values), criteria, stopping rules,
 * best-first growth with `maxLeafNodes`, and missing-value handling (sklearn
 * 1.3). Equally good splits on different features are broken by the random
 * feature order, which comes from typelearn's generator, so where sklearn's
 * RNG picks one of several equivalent trees typelearn may pick another.
 *
 * Differences from scikit-learn: single output only; `tree.value` holds
 * weighted class counts (sklearn 1.2's layout; 1.4+ stores fractions).
 */
import { ValidationError } from '../base/errors.js';
import { checkClassificationTargets, decodeLabels, encodeLabels } from '../base/labels.js';
import { instanceOf, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { Classifier, EstimatorTags, FitOptions, Label, LabelArray, Labels, MatrixLike } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { Tensor } from '../tensor/tensor.js';
import { BaseDecisionTree } from './base-decision-tree.js';
import { type ClassificationCriterion, criterionCode } from './criterion.js';
import {
  classWeightVector,
  TREE_GROWTH_CONSTRAINTS,
  type TreeClassWeight,
  type TreeGrowthParams,
} from './tree-params.js';

/** Options of the classification trees (sklearn's parameters, camelCase). */
export interface TreeClassifierParams extends TreeGrowthParams {
  /** `'gini'` (default), `'entropy'` or `'log_loss'` (the same as entropy). */
  criterion: ClassificationCriterion;
  /** `'balanced'`, a weight per class label, or `undefined` (default: all 1). */
  classWeight: TreeClassWeight | null | undefined;
}

/** Constraints of {@link TreeClassifierParams}. */
export const TREE_CLASSIFIER_CONSTRAINTS: ParameterConstraints = {
  ...TREE_GROWTH_CONSTRAINTS,
  criterion: [options(['gini', 'entropy', 'log_loss'])],
  classWeight: [options(['balanced']), instanceOf(Object), null],
};

/**
 * Normalises tree values (class counts) to probabilities, rows of zeros left as zeros.
 * @example normalizeRows(Float64Array.of(1, 3), 1, 2) // [0.25, 0.75]
 */
export function normalizeRows(values: Float64Array, n: number, k: number): Float64Array {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += values[i * k + c];
    if (s === 0) s = 1;
    for (let c = 0; c < k; c++) values[i * k + c] /= s;
  }
  return values;
}

/** Shared implementation of the classification trees; see the module comment. */
export abstract class BaseTreeClassifier<P extends TreeClassifierParams>
  extends BaseDecisionTree<P>
  implements Classifier<P>
{
  #classes?: Label[];

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'classifier' };
  }

  protected criterionCode(): number {
    return criterionCode(this.params.criterion);
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true });
    checkClassificationTargets(data.y);
    const { classes, encoded } = encodeLabels(data.y);
    const n = encoded.length;
    const weights = checkSampleWeight(options.sampleWeight, n);
    const cw = classWeightVector(this.params.classWeight, classes, encoded);
    for (let i = 0; i < n; i++) weights[i] *= cw[encoded[i]];
    this.growTree(data.X, { yClass: encoded, nClasses: classes.length, y: new Float64Array(0) }, weights);
    this.#classes = classes;
  }

  /** The classes seen in `fit`, sorted. */
  get classes(): Label[] {
    return this.fitted('classes', this.#classes).slice();
  }

  /** Number of classes. */
  get nClasses(): number {
    return this.fitted('nClasses', this.#classes).length;
  }

  /** Leaf class counts of each row, `[n × nClasses]` (unnormalised). */
  #leafValues(X: MatrixLike): { values: Float64Array; n: number; k: number } {
    const { X32, n } = this.float32Rows(X);
    const tree = this.tree;
    const leaves = tree.apply(X32, n);
    const k = tree.valueWidth;
    const values = new Float64Array(n * k);
    for (let i = 0; i < n; i++) values.set(tree.value.subarray(leaves[i] * k, leaves[i] * k + k), i * k);
    return { values, n, k };
  }

  /**
   * Predicted class of each row: the leaf's majority class (first class among ties).
   * @example model.predict([[5.1, 3.5, 1.4, 0.2]]) // Int32Array [0]
   */
  predict(X: MatrixLike): Int32Array | LabelArray {
    const { values, n, k } = this.#leafValues(X);
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
      idx[i] = best;
    }
    return decodeLabels(this.fitted('classes', this.#classes), idx);
  }

  /**
   * Class probabilities `[nSamples, nClasses]`: the weighted class fractions of each row's leaf.
   * @example model.predictProba([[5.1, 3.5, 1.4, 0.2]]).toArray() // [[1, 0, 0]]
   */
  predictProba(X: MatrixLike): Tensor {
    const { values, n, k } = this.#leafValues(X);
    return new Tensor(normalizeRows(values, n, k), [n, k]);
  }

  /**
   * Natural log of `predictProba` (`-Infinity` where 0).
   * @example model.predictLogProba(X)
   */
  predictLogProba(X: MatrixLike): Tensor {
    const p = this.predictProba(X);
    const d = p.data as Float64Array;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(d[i]);
    return p;
  }

  /**
   * Mean accuracy on `X`, `y`.
   * @example model.score(X, y) // 0.97
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return classifierScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.treeState(), classes: this.#classes };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    const classes = r.labels('classes');
    const tree = this.setTreeState(state, where);
    if (tree.valueWidth !== classes.length) {
      throw new ValidationError(
        `${where}: the tree stores ${tree.valueWidth} classes, 'classes' has ${classes.length}`,
      );
    }
    this.#classes = classes;
  }
}

/** Options of {@link DecisionTreeClassifier}. */
export type DecisionTreeClassifierParams = TreeClassifierParams;

const DEFAULTS: DecisionTreeClassifierParams = {
  criterion: 'gini',
  splitter: 'best',
  maxDepth: undefined,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  minWeightFractionLeaf: 0,
  maxFeatures: undefined,
  randomState: undefined,
  maxLeafNodes: undefined,
  minImpurityDecrease: 0,
  classWeight: undefined,
  ccpAlpha: 0,
};

/**
 * A decision tree classifier.
 *
 * Fitted attributes (throw `NotFittedError` before `fit`): `tree` (flat
 * arrays, sklearn's `tree_`), `classes`, `nClasses`, `featureImportances`,
 * `maxFeaturesUsed`, `nFeaturesIn`, `featureNamesIn`.
 *
 * @example
 * import { DecisionTreeClassifier } from 'typelearn/tree';
 * const X = [[0, 0], [1, 1], [0, 1], [1, 0]];
 * const model = await new DecisionTreeClassifier({ maxDepth: 2, randomState: 0 }).fit(X, ['a', 'b', 'a', 'b']);
 * model.predict([[1, 0.5]]);  // ['b']
 * model.getDepth();           // 1
 */
export class DecisionTreeClassifier extends BaseTreeClassifier<DecisionTreeClassifierParams> {
  static override readonly estimatorName = 'DecisionTreeClassifier';
  static override parameterConstraints: ParameterConstraints = TREE_CLASSIFIER_CONSTRAINTS;

  /** @param options - see {@link TreeClassifierParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<DecisionTreeClassifierParams> = {}) {
    super(DEFAULTS, options);
  }
}
