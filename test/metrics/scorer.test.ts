import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  accuracyScore,
  f1Score,
  fbetaScore,
  getScorer,
  logLoss,
  makeScorer,
  meanAbsoluteError,
  type Predictor,
  r2Score,
  rocAucScore,
  scorerNames,
} from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** A fixed classifier: predicts class 1 when x > 0, probability sigmoid(x). */
const clf: Predictor = {
  classes: [0, 1],
  predict: (X: Tensor) => Float64Array.from(X.data, (x) => (x > 0 ? 1 : 0)),
  predictProba: (X: Tensor) => {
    const out = new Float64Array(X.shape[0] * 2);
    for (let i = 0; i < X.shape[0]; i++) {
      const p = 1 / (1 + Math.exp(-X.data[i]));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return new Tensor(out, [X.shape[0], 2]);
  },
};
const X = Tensor.from([[-2], [-0.5], [0.3], [1.5], [-0.1], [2]]);
const y = Tensor.from([0, 0, 1, 1, 1, 0]);
const yPred = [0, 0, 1, 1, 0, 1];
const proba1 = Array.from(X.data, (x) => 1 / (1 + Math.exp(-x)));

describe('makeScorer', () => {
  test('predict, with options passed to the metric', () => {
    assert.equal(makeScorer(accuracyScore)(clf, X, y), accuracyScore(y, yPred));
    assert.equal(makeScorer(fbetaScore, { beta: 2 })(clf, X, y), fbetaScore(y, yPred, { beta: 2 }));
  });
  test('greaterIsBetter false negates a loss', () => {
    const reg: Predictor = { predict: (A: Tensor) => Float64Array.from(A.data, (x) => 2 * x) };
    const s = makeScorer(meanAbsoluteError, { greaterIsBetter: false });
    assert.equal(s(reg, Tensor.from([[1], [2]]), [2, 5]), -0.5);
    assert.equal(s.sign, -1);
  });
  test('predictProba gives binary metrics the positive-class column', () => {
    assert.equal(makeScorer(rocAucScore, { responseMethod: 'predictProba' })(clf, X, y), rocAucScore(y, proba1));
    assert.equal(
      makeScorer(logLoss, { responseMethod: 'predictProba', greaterIsBetter: false })(clf, X, y),
      -logLoss(y, proba1),
    );
  });
  test('a list of response methods uses the first the estimator has', () => {
    const s = makeScorer(rocAucScore, { responseMethod: ['decisionFunction', 'predictProba'] });
    assert.equal(s(clf, X, y), rocAucScore(y, proba1));
    const withDecision: Predictor = { ...clf, decisionFunction: (A: Tensor) => A.data };
    assert.equal(s(withDecision, X, y), rocAucScore(y, X.data));
  });
  test('a missing method or a non-scalar metric is a ValidationError', () => {
    const onlyPredict: Predictor = { predict: clf.predict };
    assert.throws(() => makeScorer(logLoss, { responseMethod: 'predictProba' })(onlyPredict, X, y), /predictProba/);
    assert.throws(() => makeScorer(f1Score, { average: null })(clf, X, y), /single number/);
    assert.throws(() => makeScorer(f1Score, { responseMethod: 'proba' as never }), ValidationError);
  });
});

describe('getScorer and scorer names', () => {
  test("sklearn's names are all there", () => {
    const names = scorerNames();
    for (const n of [
      'accuracy',
      'balanced_accuracy',
      'f1',
      'f1_macro',
      'f1_micro',
      'f1_weighted',
      'f1_samples',
      'precision',
      'precision_macro',
      'recall_weighted',
      'jaccard_micro',
      'roc_auc',
      'roc_auc_ovr',
      'roc_auc_ovo',
      'roc_auc_ovr_weighted',
      'average_precision',
      'neg_log_loss',
      'neg_brier_score',
      'r2',
      'neg_mean_squared_error',
      'neg_root_mean_squared_error',
      'neg_mean_absolute_error',
      'neg_median_absolute_error',
      'neg_mean_absolute_percentage_error',
      'explained_variance',
      'max_error',
      'adjusted_rand_score',
    ]) {
      assert.ok(names.includes(n), `missing scorer '${n}'`);
    }
  });
  test('named scorers compute the metric with the right sign', () => {
    assert.equal(getScorer('accuracy')(clf, X, y), accuracyScore(y, yPred));
    assert.equal(getScorer('f1_macro')(clf, X, y), f1Score(y, yPred, { average: 'macro' }));
    assert.equal(getScorer('roc_auc')(clf, X, y), rocAucScore(y, proba1));
    assert.equal(getScorer('neg_log_loss')(clf, X, y), -logLoss(y, proba1));
    const reg: Predictor = { predict: (A: Tensor) => Float64Array.from(A.data, (x) => x + 1) };
    assert.equal(
      getScorer('r2')(reg, X, [0, 0.5, 1, 2, 1, 3]),
      r2Score(
        [0, 0.5, 1, 2, 1, 3],
        Float64Array.from(X.data, (x) => x + 1),
      ),
    );
    assert.ok(getScorer('neg_mean_squared_error')(reg, X, [0, 0, 0, 0, 0, 0]) < 0);
  });
  test("default: the estimator's score; unknown names list the valid ones", () => {
    assert.equal(getScorer()({ ...clf, score: () => 0.42 }, X, y), 0.42);
    assert.throws(() => getScorer()(clf, X, y), /no score method/);
    assert.throws(
      () => getScorer('f2'),
      (e: Error) => e instanceof ValidationError && /'f2' is not a valid scoring value.*accuracy/.test(e.message),
    );
  });
});
