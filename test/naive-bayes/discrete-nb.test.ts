import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { BernoulliNB } from '../../src/naive-bayes/bernoulli-nb.js';
import { CategoricalNB } from '../../src/naive-bayes/categorical-nb.js';
import { ComplementNB } from '../../src/naive-bayes/complement-nb.js';
import { MultinomialNB } from '../../src/naive-bayes/multinomial-nb.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const positive = (X: number[][]) => X.map((r) => r.map((v) => Math.abs(v)));
const toCategories = (X: number[][]) => X.map((r) => r.map((v) => Math.min(4, Math.floor(Math.abs(v)))));

describe('discrete naive Bayes: common checks', () => {
  // The common checks use signed features: counting models get their absolute values.
  for (const [name, factory] of [
    ['MultinomialNB', () => new MultinomialNB()],
    ['ComplementNB', () => new ComplementNB()],
    ['BernoulliNB', () => new BernoulliNB()],
  ] as const) {
    test(name, async () => {
      // checkRefitNoLeak refits on a shared signed dataset that count models reject; refits are tested below.
      const skip = name === 'BernoulliNB' ? [] : ['checkRefitNoLeak'];
      const report = await checkEstimator(factory, { dataset: { X: positive(datasetX()), y: datasetY() }, skip });
      assert.equal(report.failed, 0);
    });
  }
  test('CategoricalNB', async () => {
    const report = await checkEstimator(() => new CategoricalNB({ minCategories: 5 }), {
      dataset: { X: toCategories(datasetX()), y: datasetY() },
      // The shared second dataset and the mutated copies hold non-integer values, which CategoricalNB rejects.
      skip: ['checkRefitNoLeak', 'checkNFeaturesMismatch', 'checkNonFiniteInput'],
    });
    assert.equal(report.failed, 0);
  });
});

const labels = (pred: ArrayLike<number | string>) => Array.from(pred);

test('refitting does not leak state from the previous fit', async () => {
  for (const Model of [MultinomialNB, ComplementNB, BernoulliNB]) {
    const refit = await new Model().fit(
      [
        [1, 2, 0],
        [0, 1, 5],
        [2, 2, 2],
      ],
      [0, 1, 2],
    );
    await refit.fit(
      [
        [1, 0],
        [0, 3],
      ],
      ['x', 'y'],
    );
    const fresh = await new Model().fit(
      [
        [1, 0],
        [0, 3],
      ],
      ['x', 'y'],
    );
    assert.deepEqual(refit.predictProba([[2, 1]]).data, fresh.predictProba([[2, 1]]).data);
    assert.deepEqual(refit.classes, ['x', 'y']);
  }
});

function datasetX(): number[][] {
  return Array.from({ length: 30 }, (_, i) => [i % 3, (i * 7) % 5, (i % 3) * 2 + (i % 2), (i * 3) % 4]);
}
function datasetY(): number[] {
  return Array.from({ length: 30 }, (_, i) => ((i % 3) % 2 === 0 ? i % 3 : 1));
}

for (const [file, Model] of [
  ['naive_bayes_multinomialnb_counts', MultinomialNB],
  ['naive_bayes_bernoullinb_counts', BernoulliNB],
] as const) {
  describe(`${Model.estimatorName} matches scikit-learn (${file})`, () => {
    const { inputs, expected: e } = loadSklearnFixture(file);
    const check = (model: MultinomialNB | BernoulliNB, Xtest: unknown) => {
      assertClose(model.classCount, e.class_count_, { label: 'class_count_' });
      assertClose(model.featureCount.data, e.feature_count_.flat(), { label: 'feature_count_' });
      assertClose(model.classLogPrior, e.class_log_prior_, { label: 'class_log_prior_' });
      assertClose(model.featureLogProb.data, e.feature_log_prob_.flat(), { label: 'feature_log_prob_' });
      const t = Xtest as number[][];
      assertClose(model.predictJointLogLikelihood(t).data, e.predict_joint_log_proba_test.flat(), { label: 'jll' });
      assertClose(model.predictLogProba(t).data, e.predict_log_proba_test.flat(), { label: 'log proba' });
      assertClose(model.predictProba(t).data, e.predict_proba_test.flat(), { label: 'proba' });
      assert.deepEqual(labels(model.predict(t)), e.predict_test);
    };
    test('dense fit', async () => {
      const model = await new Model().fit(inputs.X_train, inputs.y_train);
      check(model, inputs.X_test);
      assert.deepEqual(labels(model.predict(inputs.X_train)), e.predict_train);
    });
    test('sparse input equals dense', async () => {
      const model = await new Model().fit(SparseMatrix.fromDense(inputs.X_train), inputs.y_train);
      check(model, SparseMatrix.fromDense(inputs.X_test));
    });
    test('partialFit in chunks equals fit', async () => {
      const model = new Model();
      for (const [a, b] of [
        [0, 3],
        [3, 7],
        [7, 10],
      ]) {
        await model.partialFit(inputs.X_train.slice(a, b), inputs.y_train.slice(a, b), { classes: [0, 1, 2] });
      }
      check(model, inputs.X_test);
    });
  });
}

describe('discrete naive Bayes behaviour', () => {
  test('MultinomialNB rejects negative and NaN features with the position', async () => {
    await assert.rejects(
      new MultinomialNB().fit(
        [
          [1, 2],
          [3, -1],
        ],
        [0, 1],
      ),
      (err: Error) =>
        err instanceof ValidationError && /Negative values.*MultinomialNB.*X\[1, 1\] = -1/.test(err.message),
    );
    await assert.rejects(
      new MultinomialNB().fit(
        [
          [1, Number.NaN],
          [3, 1],
        ],
        [0, 1],
      ),
      (err: Error) => err instanceof ValidationError && /NaN at row 0, column 1/.test(err.message),
    );
    const sparse = SparseMatrix.fromDense([
      [0, 2],
      [-3, 0],
    ]);
    await assert.rejects(new ComplementNB().fit(sparse, [0, 1]), /Negative values.*X\[1, 0\] = -3/);
  });

  test('sparse random counts give the same model as dense (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 5, maxLength: 5 }), {
          minLength: 4,
          maxLength: 15,
        }),
        async (rows) => {
          const labels = rows.map((_, i) => (i % 2 === 0 ? 'even' : 'odd'));
          for (const Model of [MultinomialNB, ComplementNB, BernoulliNB]) {
            const dense = await new Model().fit(rows, labels);
            const sparse = await new Model().fit(SparseMatrix.fromDense(rows), labels);
            assertClose(sparse.predictProba(SparseMatrix.fromDense(rows)).data, dense.predictProba(rows).data, {
              rtol: 1e-12,
              atol: 1e-14,
            });
            assert.deepEqual(sparse.predict(rows), dense.predict(rows));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  test('alpha: tiny values are clipped with warnings unless forceAlpha', async () => {
    const X = [
      [1, 0],
      [0, 1],
    ];
    const { warnings } = await captureWarnings(() => new MultinomialNB({ alpha: 0 }).fit(X, [0, 1]));
    assert.equal(warnings.length, 2);
    const forced = await new MultinomialNB({ alpha: 0, forceAlpha: true }).fit(X, [0, 1]);
    assert.equal(forced.featureLogProb.get(0, 1), Number.NEGATIVE_INFINITY);
    const perFeature = await new MultinomialNB({ alpha: [1, 2] }).fit(X, [0, 1]);
    assertClose(perFeature.featureLogProb.data, [Math.log(2 / 4), Math.log(2 / 4), Math.log(1 / 4), Math.log(3 / 4)]);
    await assert.rejects(new MultinomialNB({ alpha: [1, 2, 3] }).fit(X, [0, 1]), /should contain n_features \(2\)/);
  });

  test('fitPrior false and classPrior', async () => {
    const X = [
      [1, 0],
      [0, 1],
      [1, 1],
    ];
    const uniform = await new MultinomialNB({ fitPrior: false }).fit(X, [0, 1, 1]);
    assertClose(uniform.classLogPrior, [Math.log(0.5), Math.log(0.5)]);
    const fixed = await new BernoulliNB({ classPrior: [0.9, 0.1] }).fit(X, [0, 1, 1]);
    assertClose(fixed.classLogPrior, [Math.log(0.9), Math.log(0.1)]);
  });

  test('ComplementNB: weights as in the paper, norm option', async () => {
    const X = [
      [3, 0, 1],
      [2, 1, 0],
      [0, 4, 1],
      [1, 3, 2],
    ];
    const y = [0, 0, 1, 1];
    const model = await new ComplementNB().fit(X, y);
    // Class 0's complement counts are class 1's counts + alpha.
    const comp0 = [1 + 1, 7 + 1, 3 + 1];
    const total0 = comp0.reduce((a, b) => a + b, 0);
    assertClose(
      Array.from(model.featureLogProb.data).slice(0, 3),
      comp0.map((v) => -Math.log(v / total0)),
    );
    assert.deepEqual(Array.from(model.featureAll), [6, 8, 4]);
    const normed = await new ComplementNB({ norm: true }).fit(X, y);
    const logged = comp0.map((v) => Math.log(v / total0));
    const s = logged.reduce((a, b) => a + b, 0);
    assertClose(
      Array.from(normed.featureLogProb.data).slice(0, 3),
      logged.map((v) => v / s),
    );
    assert.deepEqual(
      labels(
        model.predict([
          [0, 5, 1],
          [5, 0, 0],
        ]),
      ),
      [1, 0],
    );
  });

  test('BernoulliNB binarize threshold and null', async () => {
    const X = [
      [0.2, 0.9],
      [0.8, 0.1],
      [0.9, 0.3],
      [0.1, 0.7],
    ];
    const y = [0, 1, 1, 0];
    const model = await new BernoulliNB({ binarize: 0.5 }).fit(X, y);
    assert.deepEqual(Array.from(model.featureCount.data), [0, 2, 2, 0]);
    const raw = await new BernoulliNB({ binarize: null }).fit(
      [
        [0, 1],
        [1, 0],
      ],
      [0, 1],
    );
    assert.deepEqual(Array.from(raw.featureCount.data), [0, 1, 1, 0]);
    await assert.rejects(new BernoulliNB({ binarize: -1 }).fit(SparseMatrix.fromDense(X), y), /threshold < 0/);
  });

  test('CategoricalNB: counts, smoothing, minCategories, unknown categories, partialFit', async () => {
    const X = [
      [0, 1],
      [0, 2],
      [1, 0],
      [2, 0],
      [1, 1],
    ];
    const y = ['a', 'a', 'b', 'b', 'b'];
    const model = await new CategoricalNB().fit(X, y);
    assert.deepEqual(Array.from(model.nCategories), [3, 3]);
    assert.deepEqual(model.categoryCount[0].toArray(), [
      [2, 0, 0],
      [0, 2, 1],
    ]);
    // P(x0 = 0 | a) = (2 + 1) / (2 + 3).
    assertClose(model.featureLogProb[0].get(0, 0), Math.log(3 / 5));
    assert.deepEqual(
      model.predict([
        [0, 2],
        [2, 0],
      ]),
      ['a', 'b'],
    );
    const proba = model.predictProba([[0, 1]]).data;
    // Hand-computed: prior a 2/5, b 3/5; P(0|a)=3/5 P(1|a)=2/5; P(0|b)=1/6 P(1|b)=2/6.
    const pa = (2 / 5) * (3 / 5) * (2 / 5);
    const pb = (3 / 5) * (1 / 6) * (2 / 6);
    assertClose(proba, [pa / (pa + pb), pb / (pa + pb)]);
    assert.throws(() => model.predict([[3, 0]]), /never saw for feature 0/);
    await assert.rejects(
      new CategoricalNB().fit(
        [
          [0.5, 1],
          [1, 0],
        ],
        [0, 1],
      ),
      /non-negative integers.*X\[0, 0\] = 0.5/,
    );
    const wide = await new CategoricalNB({ minCategories: [5, 3] }).fit(X, y);
    assert.deepEqual(Array.from(wide.nCategories), [5, 3]);
    assert.equal(wide.predict([[4, 0]]).length, 1);
    const inc = new CategoricalNB();
    await inc.partialFit(X.slice(0, 2), y.slice(0, 2), { classes: ['a', 'b'] });
    await inc.partialFit(X.slice(2), y.slice(2));
    assert.deepEqual(inc.predictProba(X).data, model.predictProba(X).data);
    const loaded = CategoricalNB.fromJSON(JSON.parse(JSON.stringify(model)));
    assert.deepEqual(loaded.predictProba(X).data, model.predictProba(X).data);
  });
});
