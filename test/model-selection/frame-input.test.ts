import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { captureWarnings } from '../../src/base/warnings.js';
import { ColumnTransformer, makePipeline, Pipeline } from '../../src/compose/index.js';
import { type Frame, loadDataset } from '../../src/data/index.js';
import { LogisticRegression } from '../../src/linear-model/index.js';
import { accuracyScore } from '../../src/metrics/index.js';
import {
  crossValidate,
  crossValPredict,
  crossValScore,
  GridSearchCV,
  StratifiedKFold,
} from '../../src/model-selection/index.js';
import { fromSharedFrame, shareFrame } from '../../src/model-selection/shared-frame.js';
import { OneHotEncoder, SimpleImputer, StandardScaler } from '../../src/preprocessing/index.js';

/** Titanic as a Frame with numeric, categorical (with the raw strings) and missing values. */
function titanic(): { X: Frame; y: string[] } {
  const { frame } = loadDataset('titanic');
  return { X: frame.drop('name', 'survived'), y: frame.column('survived').toArray() as string[] };
}

function pipeline(C = 1): Pipeline {
  return new Pipeline({
    steps: [
      [
        'preprocess',
        new ColumnTransformer({
          transformers: [
            ['num', makePipeline(new SimpleImputer({ strategy: 'median' }), new StandardScaler()), ['age']],
            ['cat', new OneHotEncoder({ handleUnknown: 'ignore' }), ['sex', 'passengerClass']],
          ],
        }),
      ],
      ['clf', new LogisticRegression({ C })],
    ],
  });
}

describe('cross-validation on a Frame (a ColumnTransformer pipeline gets named, typed columns)', () => {
  test('crossValScore fits each split on the Frame rows, like a hand-written loop', async () => {
    const { X, y } = titanic();
    const cv = new StratifiedKFold({ nSplits: 4 });
    const scores = await crossValScore(pipeline(), X, y, { cv, nJobs: 1 });
    const expected: number[] = [];
    for (const [train, test] of cv.split(X, y)) {
      const model = await pipeline().fit(
        X.take(train),
        Array.from(train, (i) => y[i]),
      );
      expected.push(
        accuracyScore(
          Array.from(test, (i) => y[i]),
          model.predict(X.take(test)) as string[],
        ),
      );
    }
    assert.deepEqual(Array.from(scores), expected);
    assert.ok(
      expected.every((s) => s > 0.55 && s < 0.9),
      `fold accuracies ${expected}`,
    );
  });

  test('nJobs 2 shares the Frame with the workers and gives exactly the nJobs 1 results', async () => {
    const { X, y } = titanic();
    const options = { cv: 5, scoring: ['accuracy', 'f1_macro'], returnTrainScore: true } as const;
    const one = await crossValidate(pipeline(), X, y, { ...options, nJobs: 1 });
    const { result: two, warnings } = await captureWarnings(() =>
      crossValidate(pipeline(), X, y, { ...options, nJobs: 2 }),
    );
    assert.deepEqual(warnings, [], 'no fallback to inline');
    assert.deepEqual(two.test, one.test);
    assert.deepEqual(two.train, one.train);
    const predicted = await crossValPredict(pipeline(), X, y, { cv: 5, nJobs: 2 });
    assert.deepEqual(predicted, await crossValPredict(pipeline(), X, y, { cv: 5, nJobs: 1 }));
    assert.equal((predicted as string[]).length, X.nRows);
  });

  test('GridSearchCV searches a pipeline on a Frame and refits on it', async () => {
    const { X, y } = titanic();
    const search = await new GridSearchCV(pipeline(), { clf__C: [0.01, 0.1, 1, 10] }, { cv: 4, nJobs: 2 }).fit(X, y);
    assert.ok([0.01, 0.1, 1, 10].includes(search.bestParams.clf__C as number));
    assert.ok(search.score(X, y) > 0.7);
    assert.equal((search.predict(X) as string[]).length, X.nRows);
  });

  test('a shared Frame keeps every column kind and views the same memory', () => {
    const { X } = titanic();
    const shared = shareFrame(X);
    const back = fromSharedFrame(shared);
    assert.deepEqual(back.columnNames, X.columnNames);
    assert.deepEqual(back.dtypes, X.dtypes);
    assert.deepEqual(back.toRecords(), X.toRecords());
    assert.ok(shared.columns.every((c) => ('data' in c ? c.data : c.codes).buffer instanceof SharedArrayBuffer));
    // Already-shared columns are not copied again.
    const again = shareFrame(back).columns[0];
    assert.equal('data' in again ? again.data : again.codes, back.columns[0].data);
  });
});
