/**
 * `BaseForestRegressor`: the regression half of random forests and
 * extra-trees (scikit-learn's `ForestRegressor`): predictions averaged over
 * the members, the out-of-bag R², and the members as fitted single-tree regressors.
 */
import { options, type ParameterConstraints } from '../base/params.js';
import { regressorScore } from '../base/score.js';
import { StateReader } from '../base/state.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike, Regressor } from '../base/types.js';
import { checkSampleWeight } from '../base/validation.js';
import { TypelearnWarning, warn } from '../base/warnings.js';
import { rejectNaN } from '../tree/base-decision-tree.js';
import { criterionCode, MAE, type RegressionCriterion } from '../tree/criterion.js';
import { checkPoissonTargets, DecisionTreeRegressor } from '../tree/decision-tree-regressor.js';
import { ExtraTreeRegressor } from '../tree/extra-tree.js';
import { cachedLeafValues, missingRows, sumLeafValues } from '../tree/packed-tree.js';
import { toFloat32 } from '../tree/presort.js';
import { BaseForest, FOREST_CONSTRAINTS, type ForestParams } from './forest.js';

/** Options of the forest regressors. */
export interface ForestRegressorParams extends ForestParams {
  /** `'squared_error'` (default), `'friedman_mse'`, `'absolute_error'` or `'poisson'`. */
  criterion: RegressionCriterion;
}

/** Constraints of {@link ForestRegressorParams}. */
export const FOREST_REGRESSOR_CONSTRAINTS: ParameterConstraints = {
  ...FOREST_CONSTRAINTS,
  criterion: [options(['squared_error', 'friedman_mse', 'absolute_error', 'poisson'])],
};

/** Shared implementation of the forest regressors; see the module comment. */
export abstract class BaseForestRegressor<P extends ForestRegressorParams>
  extends BaseForest<P>
  implements Regressor<P>
{
  #oobScore?: number;
  #oobPrediction?: Float64Array;

  override estimatorTags(): EstimatorTags {
    return { ...super.estimatorTags(), estimatorType: 'regressor' };
  }

  protected criterionCode(): number {
    return criterionCode(this.params.criterion);
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const data = this.validateData(X, y, { reset: true, yNumeric: true });
    if (this.criterionCode() === MAE) rejectNaN(data.X, this.estimatorName, "criterion 'absolute_error'");
    if (this.params.criterion === 'poisson') checkPoissonTargets(data.y);
    const n = data.y.length;
    const weights = checkSampleWeight(options.sampleWeight, n);
    const { criterion: _c, ...rest } = this.params;
    await this.fitForest(data.X, { yClass: null, nClasses: 0, y: data.y }, weights, options, {
      ...rest,
      splitter: this.splitter(),
    });
    this.#oobScore = undefined;
    this.#oobPrediction = undefined;
    if (this.params.oobScore) this.#computeOob(data.X.data, n, data.y);
  }

  #computeOob(x: ArrayLike<number>, n: number, y: Float64Array): void {
    const X32 = toFloat32(x);
    const f = X32.length / n;
    const sum = new Float64Array(n);
    const seen = new Int32Array(n);
    this.forEachOutOfBag(n, (tree, oob) => {
      const rows = new Float32Array(oob.length * f);
      for (let r = 0; r < oob.length; r++) rows.set(X32.subarray(oob[r] * f, oob[r] * f + f), r * f);
      const leaves = tree.apply(rows, oob.length);
      for (let r = 0; r < oob.length; r++) {
        sum[oob[r]] += tree.value[leaves[r]];
        seen[oob[r]]++;
      }
    });
    let missing = 0;
    for (let i = 0; i < n; i++) {
      if (seen[i] === 0) missing++;
      sum[i] /= seen[i] === 0 ? 2.220446049250313e-16 : seen[i];
    }
    if (missing > 0) {
      warn(
        new TypelearnWarning(
          `Some inputs do not have OOB scores (${missing} of ${n}). This probably means too few trees were used to compute any reliable OOB estimates.`,
        ),
      );
    }
    this.#oobPrediction = sum;
    this.#oobScore = regressorScore(y, sum);
  }

  /** Out-of-bag R² (sklearn's `oob_score_`; needs `oobScore: true`). */
  get oobScore_(): number {
    return this.fitted('oobScore_', this.#oobScore);
  }

  /** Out-of-bag prediction of each training row (sklearn's `oob_prediction_`). */
  get oobPrediction(): Float64Array {
    return this.fitted('oobPrediction', this.#oobPrediction).slice();
  }

  /** The members as fitted single-tree regressors (sklearn's `estimators_`). */
  get estimators(): (DecisionTreeRegressor | ExtraTreeRegressor)[] {
    const Ctor = this.splitter() === 'best' ? DecisionTreeRegressor : ExtraTreeRegressor;
    const {
      nEstimators: _a,
      bootstrap: _b,
      oobScore: _o,
      nJobs: _j,
      warmStart: _w,
      maxSamples: _m,
      ...params
    } = this.params;
    return this.trees.map((_, t) =>
      Ctor.fromJSON(this.memberSavedModel(Ctor.estimatorName, t, {}, { ...params, splitter: this.splitter() })),
    );
  }

  /**
   * Mean of the members' predictions.
   * @example forest.predict(X) // Float64Array
   */
  predict(X: MatrixLike): Float64Array {
    const { X32, n } = this.float32Rows(X);
    const trees = this.trees;
    const out = new Float64Array(n);
    const packs = trees.map((t) => t.packed);
    const tables = trees.map((t) => cachedLeafValues(t, false));
    const nanRows = missingRows(X32, trees[0].nFeatures, 0, n);
    sumLeafValues(packs, tables, 1, X32, 0, n, out, new Int32Array(n), nanRows);
    const inv = 1 / trees.length;
    for (let i = 0; i < n; i++) out[i] *= inv;
    return out;
  }

  /**
   * R² on `X`, `y`.
   * @example forest.score(X, y) // 0.9
   */
  score(X: MatrixLike, y: Labels, sampleWeight?: ArrayLike<number>): number {
    return regressorScore(y, this.predict(X), sampleWeight);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.forestState(), oobScore: this.#oobScore, oobPrediction: this.#oobPrediction };
  }

  protected setState(state: Record<string, unknown>): void {
    const where = `saved ${this.estimatorName}`;
    const r = new StateReader(state, where);
    this.setForestState(state, where);
    this.#oobScore = r.has('oobScore') && state.oobScore !== undefined ? r.number('oobScore') : undefined;
    this.#oobPrediction =
      r.has('oobPrediction') && state.oobPrediction !== undefined ? r.float64Array('oobPrediction') : undefined;
  }
}
