import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import {
  accuracyScore,
  balancedAccuracyScore,
  cohenKappaScore,
  confusionMatrix,
  hammingLoss,
  jaccardScore,
  matthewsCorrcoef,
  multilabelConfusionMatrix,
  zeroOneLoss,
} from '../../src/metrics/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const fx = loadSklearnFixture('metrics_classification_handmade');
const { y_true: yTrue, y_pred: yPred } = fx.inputs as { y_true: number[]; y_pred: number[] };
const exact = { rtol: 1e-12, atol: 1e-12 };
const names = ['a', 'b', 'c'];
const asStrings = (y: number[]) => y.map((v) => names[v]);

describe('accuracyScore', () => {
  test('fraction and count, strings and numbers', () => {
    assert.equal(accuracyScore(['a', 'b', 'b', 'c'], ['a', 'b', 'a', 'c']), 0.75);
    assert.equal(accuracyScore([0, 1, 1, 2], [0, 1, 0, 2], { normalize: false }), 3);
    assert.equal(accuracyScore(Tensor.from([0, 1]), new Int32Array([0, 1])), 1);
  });
  test('sample weights', () => {
    assert.equal(accuracyScore([0, 1], [0, 0], { sampleWeight: [3, 1] }), 0.75);
  });
  test('length mismatch throws', () => {
    assert.throws(() => accuracyScore([0, 1], [0]), /inconsistent numbers of samples/);
  });
  test('matches scikit-learn on the hand-made fixture', () => {
    assertClose(accuracyScore(yTrue, yPred), fx.expected.accuracy_score, exact);
    assertClose(zeroOneLoss(yTrue, yPred), 1 - fx.expected.accuracy_score, exact);
  });
  test('multilabel: subset accuracy', () => {
    assert.equal(
      accuracyScore(
        [
          [0, 1],
          [1, 1],
        ],
        [
          [0, 1],
          [1, 0],
        ],
      ),
      0.5,
    );
  });
});

describe('confusionMatrix', () => {
  test('matches scikit-learn (int32 counts)', () => {
    const cm = confusionMatrix(yTrue, yPred);
    assert.equal(cm.dtype, 'int32');
    assert.deepEqual(cm.toArray(), fx.expected.confusion_matrix);
  });
  test('string labels give the same matrix in sorted label order', () => {
    assert.deepEqual(confusionMatrix(asStrings(yTrue), asStrings(yPred)).toArray(), fx.expected.confusion_matrix);
  });
  test('labels reorder and select; normalize true/pred/all', () => {
    assert.deepEqual(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1], { labels: [2, 0] }).toArray(), [
      [1, 0],
      [0, 1],
    ]);
    const t = confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], { normalize: 'true' }).toArray();
    assert.deepEqual(t, [
      [0.5, 0.5],
      [0, 1],
    ]);
    const p = confusionMatrix([0, 0, 1, 1], [0, 1, 1, 1], { normalize: 'pred' }).toArray() as number[][];
    assertClose(p, [
      [1, 1 / 3],
      [0, 2 / 3],
    ]);
    assert.deepEqual(confusionMatrix([0, 1], [0, 0], { normalize: 'all' }).toArray(), [
      [0.5, 0],
      [0.5, 0],
    ]);
  });
  test('sample weights give float64 weighted counts', () => {
    const cm = confusionMatrix([0, 1, 1], [0, 1, 0], { sampleWeight: [0.5, 2, 1] });
    assert.equal(cm.dtype, 'float64');
    assert.deepEqual(cm.toArray(), [
      [0.5, 0],
      [1, 2],
    ]);
  });
  test('bad input is a ValidationError', () => {
    assert.throws(
      () => confusionMatrix([0, 1], [0, 1], { labels: [5] }),
      /At least one label specified must be in yTrue/,
    );
    assert.throws(() => confusionMatrix([0, 1], [0, 1], { labels: [] }), ValidationError);
    assert.throws(() => confusionMatrix([0, 1], ['a', 'b']), /same type/);
    assert.throws(() => confusionMatrix([0.5, 1], [0, 1]), /continuous/);
    assert.throws(
      () => confusionMatrix([0, Number.NaN], [0, 1]),
      (e: Error) => e instanceof ValidationError && /NaN/.test(e.message),
    );
  });
});

describe('multilabelConfusionMatrix', () => {
  test('one-vs-rest 2x2 matrices for multiclass', () => {
    assert.deepEqual(multilabelConfusionMatrix([0, 1, 1], [0, 1, 0]).toArray(), [
      [
        [1, 1],
        [0, 1],
      ],
      [
        [1, 0],
        [1, 1],
      ],
    ]);
  });
  test('indicator matrices, per label and per sample', () => {
    const t = [
      [1, 0, 1],
      [0, 1, 0],
    ];
    const p = [
      [1, 0, 0],
      [0, 1, 1],
    ];
    assert.deepEqual(multilabelConfusionMatrix(t, p).shape, [3, 2, 2]);
    assert.deepEqual(multilabelConfusionMatrix(t, p, { samplewise: true }).toArray(), [
      [
        [1, 0],
        [1, 1],
      ],
      [
        [1, 1],
        [0, 1],
      ],
    ]);
    assert.throws(() => multilabelConfusionMatrix(t, p, { labels: [3] }), /\[0, n labels\)/);
    assert.throws(() => multilabelConfusionMatrix([0, 1], [0, 1], { samplewise: true }), /multilabel/);
  });
});

describe('agreement and balanced scores', () => {
  test('balanced accuracy, MCC and kappa match scikit-learn', () => {
    assertClose(balancedAccuracyScore(yTrue, yPred), fx.expected.balanced_accuracy_score, exact);
    assertClose(matthewsCorrcoef(yTrue, yPred), fx.expected.matthews_corrcoef, exact);
    assertClose(cohenKappaScore(yTrue, yPred), fx.expected.cohen_kappa_score, exact);
    assertClose(cohenKappaScore(yTrue, yPred, { weights: 'linear' }), fx.expected.cohen_kappa_score_linear, exact);
    assertClose(
      cohenKappaScore(yTrue, yPred, { weights: 'quadratic' }),
      fx.expected.cohen_kappa_score_quadratic,
      exact,
    );
  });
  test('the same with string labels', () => {
    assertClose(matthewsCorrcoef(asStrings(yTrue), asStrings(yPred)), fx.expected.matthews_corrcoef, exact);
    assertClose(cohenKappaScore(asStrings(yTrue), asStrings(yPred)), fx.expected.cohen_kappa_score, exact);
  });
  test('MCC of a constant prediction is 0; perfect is 1', () => {
    assert.equal(matthewsCorrcoef([0, 1, 1], [1, 1, 1]), 0);
    assert.equal(matthewsCorrcoef(['x', 'y'], ['x', 'y']), 1);
  });
  test('unknown kappa weighting is a ValidationError', () => {
    assert.throws(() => cohenKappaScore([0, 1], [0, 1], { weights: 'cubic' as never }), ValidationError);
  });
});

describe('hammingLoss and jaccardScore', () => {
  test('hamming loss: 1-D and multilabel', () => {
    assertClose(hammingLoss(yTrue, yPred), 1 - fx.expected.accuracy_score, exact);
    assert.equal(
      hammingLoss(
        [
          [0, 1],
          [1, 1],
        ],
        [
          [0, 0],
          [1, 1],
        ],
      ),
      0.25,
    );
  });
  test('jaccard binary, per class and averaged', () => {
    assert.equal(jaccardScore([0, 1, 1], [0, 1, 0]), 0.5);
    assertClose(jaccardScore([0, 1, 2, 0], [0, 2, 2, 0], { average: null }), [1, 0, 0.5]);
    assertClose(jaccardScore([0, 1, 2, 0], [0, 2, 2, 0], { average: 'micro' }), 3 / 5);
  });
});
