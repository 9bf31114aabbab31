/**
 * `LogisticRegressionCV`: logistic regression with C chosen by
 * cross-validated accuracy (scikit-learn's
 * `sklearn.linear_model.LogisticRegressionCV` with its default scoring).
 * Each fold fits the Cs in increasing order, warm-starting each fit from the
 * previous one; the C with the best mean held-out accuracy (the first on
 * ties) is refitted on all the data.
 *
 * Differences from scikit-learn: one C is chosen for all classes (sklearn
 * picks one per class in one-vs-rest mode); the refit starts from zero, not
 * from the folds' averaged coefficients; no `scoring` or `l1Ratios` options.
 */
import { instanceOf, interval, options, type ParameterConstraints } from '../base/params.js';
import { classifierScore } from '../base/score.js';
import type { Classifier, EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { type CvOption, checkCv } from '../model-selection/check-cv.js';
import type { RandomState } from '../tensor/random.js';
import { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { type DesignMatrix, denseData } from './linear-base.js';
import { type ClassWeight, encodeClassTargets, LinearClassifier } from './linear-classifier.js';
import { LogisticRegression, logisticProba } from './logistic-regression.js';

/** Options of {@link LogisticRegressionCV} (sklearn's parameters, camelCase). */
export interface LogisticRegressionCVParams {
  /** Candidate Cs, or a count k for `logspace(-4, 4, k)`. Default 10. */
  Cs: number | number[];
  /** Fit an intercept. Default `true`. */
  fitIntercept: boolean;
  /** Folds: a count (StratifiedKFold, default 5), a splitter, or a list of splits. */
  cv: CvOption | undefined;
  /** `'l2'` (default), `'l1'`/`'elasticnet'` (saga), or `'none'`. */
  penalty: 'l1' | 'l2' | 'elasticnet' | 'none';
  /** Stopping tolerance. Default 1e-4. */
  tol: number;
  /** Iteration cap per fit. Default 100. */
  maxIter: number;
  /** `undefined` (default), `'balanced'` or a weight per class. */
  classWeight: ClassWeight | undefined;
  /** `'lbfgs'` (default) or `'saga'`. */
  solver: 'lbfgs' | 'saga';
  /** `'auto'` (default), `'ovr'` or `'multinomial'`. */
  multiClass: 'auto' | 'ovr' | 'multinomial';
  /** Seed for saga. */
  randomState: RandomState | undefined;
  /** Elastic-net mixing (penalty `'elasticnet'`). */
  l1Ratio: number | undefined;
}

const DEFAULTS: LogisticRegressionCVParams = {
  Cs: 10,
  fitIntercept: true,
  cv: undefined,
  penalty: 'l2',
  tol: 1e-4,
  maxIter: 100,
  classWeight: undefined,
  solver: 'lbfgs',
  multiClass: 'auto',
  randomState: undefined,
  l1Ratio: undefined,
};

function selectRows(x: DesignMatrix, rows: Int32Array): DesignMatrix {
  if (x instanceof SparseMatrix) return x.selectRows(rows);
  const n = x.shape[1];
  const src = denseData(x as Tensor);
  const out = new Float64Array(rows.length * n);
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i] * n, rows[i] * n + n), i * n);
  return new Tensor(out, [rows.length, n]);
}

/**
 * Logistic regression with cross-validated C.
 *
 * Fitted attributes: `C` (chosen), `Cs` (the grid), `scores` (`[nFolds, nCs]`
 * held-out accuracy), `classes`, `coef`, `intercept`, `nFeaturesIn`.
 *
 * @example
 * import { LogisticRegressionCV } from 'typelearn/linear-model';
 * const model = await new LogisticRegressionCV({ Cs: [0.01, 0.1, 1, 10], cv: 5 }).fit(X, y);
 * model.C; model.predictProba(X);
 */
export class LogisticRegressionCV
  extends LinearClassifier<LogisticRegressionCVParams>
  implements Classifier<LogisticRegressionCVParams>
{
  static override readonly estimatorName = 'LogisticRegressionCV';

  static override parameterConstraints: ParameterConstraints = {
    Cs: [interval('int', 1, null, 'left'), 'arrayLike'],
    fitIntercept: ['boolean'],
    cv: 'noValidation',
    penalty: [options(['l1', 'l2', 'elasticnet', 'none'])],
    tol: [interval('real', 0, null, 'left')],
    maxIter: [interval('int', 0, null, 'left')],
    classWeight: [options(['balanced']), instanceOf(Object), null],
    solver: [options(['lbfgs', 'saga'])],
    multiClass: [options(['auto', 'ovr', 'multinomial'])],
    randomState: ['randomState'],
    l1Ratio: [interval('real', 0, 1, 'both'), null],
  };

  #C?: number;
  #Cs?: Float64Array;
  #scores?: Tensor;
  #multinomial = false;

  /** @param options - see {@link LogisticRegressionCVParams}; unknown names throw a `ValidationError`. */
  constructor(options: Partial<LogisticRegressionCVParams> = {}) {
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

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const p = this.params;
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: false });
    const { classes } = encodeClassTargets(data.y, this.estimatorName);
    const labels = data.y;
    const Cs =
      typeof p.Cs === 'number'
        ? Float64Array.from({ length: p.Cs }, (_, i) => 10 ** (p.Cs === 1 ? -4 : -4 + (8 * i) / ((p.Cs as number) - 1)))
        : Float64Array.from(p.Cs);
    const folds = [...checkCv(p.cv, labels, true).split(data.X.shape[0], labels)];
    const scores = new Float64Array(folds.length * Cs.length);
    const { Cs: _cs, cv: _cv, ...shared } = p;
    const sw = options.sampleWeight;
    for (let f = 0; f < folds.length; f++) {
      const [train, test] = folds[f];
      const model = new LogisticRegression({ ...shared, warmStart: true });
      const yTrain = Array.from(train, (i) => labels[i]) as Labels;
      const yTest = Array.from(test, (i) => labels[i]) as Labels;
      const xTrain = selectRows(data.X, train);
      const xTest = selectRows(data.X, test);
      const swTrain = sw === undefined ? undefined : Array.from(train, (i) => sw[i]);
      for (let c = 0; c < Cs.length; c++) {
        this.throwIfAborted(options.signal);
        model.setParams({ C: Cs[c] });
        await model.fit(xTrain, yTrain, { sampleWeight: swTrain });
        scores[f * Cs.length + c] = classifierScore(yTest, model.predict(xTest));
      }
    }
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < Cs.length; c++) {
      let s = 0;
      for (let f = 0; f < folds.length; f++) s += scores[f * Cs.length + c];
      if (s / folds.length > bestScore) {
        bestScore = s / folds.length;
        best = c;
      }
    }
    const final = new LogisticRegression({ ...shared, C: Cs[best] });
    await final.fit(data.X, labels as Labels, { sampleWeight: sw });
    this.setLinearState(final.coef, final.intercept, classes);
    this.#multinomial = p.multiClass === 'multinomial' || (p.multiClass === 'auto' && classes.length > 2);
    this.#C = Cs[best];
    this.#Cs = Cs;
    this.#scores = new Tensor(scores, [folds.length, Cs.length]);
  }

  /** The chosen C (sklearn's `C_`, one value for all classes). */
  get C(): number {
    return this.fitted('C', this.#C);
  }

  /** The C grid (sklearn's `Cs_`). */
  get Cs(): Float64Array {
    return this.fitted('Cs', this.#Cs);
  }

  /** Held-out accuracy per fold and C, `[nFolds, nCs]`. */
  get scores(): Tensor {
    return this.fitted('scores', this.#scores);
  }

  /**
   * Class probabilities of the refitted model.
   * @example model.predictProba(X)
   */
  predictProba(X: MatrixLike): Tensor {
    const { values, rows } = this.decisionValues(X);
    return logisticProba(values, rows, this.#multinomial);
  }

  protected getState(): Record<string, unknown> {
    return { ...this.linearState(), C: this.#C, Cs: this.#Cs, scores: this.#scores, multinomial: this.#multinomial };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = this.readLinearState(state);
    this.#C = r.number('C');
    this.#Cs = r.float64Array('Cs');
    this.#scores = r.tensor('scores');
    this.#multinomial = state.multinomial === true;
  }
}
