import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { registerPackageEstimators } from '../../src/compose/registry.js';
import { RandomForestClassifier } from '../../src/ensemble/random-forest-classifier.js';
import { StackingClassifier, StackingRegressor } from '../../src/ensemble/stacking.js';
import { VotingClassifier, VotingRegressor } from '../../src/ensemble/voting.js';
import { LinearRegression } from '../../src/linear-model/linear-regression.js';
import { DecisionTreeClassifier } from '../../src/tree/decision-tree-classifier.js';
import { DecisionTreeRegressor } from '../../src/tree/decision-tree-regressor.js';
import { ExtraTreeClassifier } from '../../src/tree/extra-tree.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

const cancer = loadSklearnFixture('ensemble_randomforestclassifier_breastcancer').inputs;
const diabetes = loadSklearnFixture('tree_decisiontreeregressor_diabetes').inputs;

before(async () => {
  // Saved ensembles restore their members through the registry.
  await registerPackageEstimators();
});

const trees = () =>
  [
    ['stump', new DecisionTreeClassifier({ maxDepth: 1, randomState: 0 })],
    ['deep', new DecisionTreeClassifier({ maxDepth: 4, randomState: 0 })],
    ['extra', new ExtraTreeClassifier({ randomState: 0 })],
  ] as [string, DecisionTreeClassifier][];

describe('Voting', () => {
  test('common checks (soft, hard, regressor)', async () => {
    assert.equal((await checkEstimator(() => new VotingClassifier({ estimators: trees(), voting: 'soft' }))).failed, 0);
    assert.equal((await checkEstimator(() => new VotingClassifier({ estimators: trees() }))).failed, 0);
    const reg = () =>
      new VotingRegressor({
        estimators: [
          ['t', new DecisionTreeRegressor({ maxDepth: 2, randomState: 0 })],
          ['lr', new LinearRegression()],
        ],
      });
    assert.equal((await checkEstimator(reg)).failed, 0);
  });

  test('hard voting follows the weighted majority; soft averages probabilities', async () => {
    const X = cancer.X.slice(0, 200);
    const y = cancer.y.slice(0, 200);
    const members = trees();
    const fitted = await Promise.all(members.map(([, m]) => new DecisionTreeClassifier(m.getParams()).fit(X, y)));
    const hard = await new VotingClassifier({ estimators: trees(), weights: [5, 1, 1] }).fit(X, y);
    // Weight 5 on the stump out-votes the other two together.
    assert.deepEqual(Array.from(hard.predict(X) as Int32Array), Array.from(fitted[0].predict(X) as Int32Array));
    const soft = await new VotingClassifier({ estimators: trees().slice(0, 2), voting: 'soft' }).fit(X, y);
    const p0 = fitted[0].predictProba(X).data;
    const p1 = fitted[1].predictProba(X).data;
    const p = soft.predictProba(X).data;
    for (let i = 0; i < p.length; i++) assert.ok(Math.abs(p[i] - (p0[i] + p1[i]) / 2) < 1e-12);
    await assert.rejects(new VotingClassifier({ estimators: trees(), weights: [1] }).fit(X, y), /weights/);
  });

  test('VotingRegressor averages', async () => {
    const a = new DecisionTreeRegressor({ maxDepth: 2, randomState: 0 });
    const vote = await new VotingRegressor({
      estimators: [
        ['a', a],
        ['lr', new LinearRegression()],
      ],
      weights: [1, 3],
    }).fit(diabetes.X, diabetes.y);
    const pa = (await new DecisionTreeRegressor(a.getParams()).fit(diabetes.X, diabetes.y)).predict(diabetes.X);
    const pl = (await new LinearRegression().fit(diabetes.X, diabetes.y)).predict(diabetes.X);
    const pv = vote.predict(diabetes.X);
    for (let i = 0; i < pv.length; i++) assert.ok(Math.abs(pv[i] - (pa[i] + 3 * pl[i]) / 4) < 1e-9);
  });
});

describe('Stacking', () => {
  test('common checks', async () => {
    const clf = () => new StackingClassifier({ estimators: trees().slice(0, 2), cv: 3 });
    assert.equal((await checkEstimator(clf)).failed, 0);
    const reg = () =>
      new StackingRegressor({
        estimators: [
          ['t', new DecisionTreeRegressor({ maxDepth: 2, randomState: 0 })],
          ['lr', new LinearRegression()],
        ],
        cv: 3,
      });
    assert.equal((await checkEstimator(reg)).failed, 0);
  });

  test('stacked features: one probability column per member for binary targets; accuracy on held-out rows', async () => {
    const Xtr = cancer.X.slice(0, 400);
    const ytr = cancer.y.slice(0, 400);
    const stack = await new StackingClassifier({
      estimators: [
        ['rf', new RandomForestClassifier({ nEstimators: 20, randomState: 0, nJobs: 1 })],
        ['tree', new DecisionTreeClassifier({ maxDepth: 3, randomState: 0 })],
      ],
    }).fit(Xtr, ytr);
    assert.deepEqual(stack.transform(cancer.X.slice(400)).shape, [169, 2]);
    const acc = stack.score(cancer.X.slice(400), cancer.y.slice(400));
    assert.ok(
      acc > 0.9 && acc >= stack.estimators[1].score!(cancer.X.slice(400), cancer.y.slice(400)),
      `accuracy ${acc}`,
    );
    const pass = await new StackingRegressor({
      estimators: [['t', new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 })]],
      passthrough: true,
    }).fit(diabetes.X, diabetes.y);
    assert.deepEqual(pass.transform(diabetes.X.slice(0, 2)).shape, [2, 11]);
    assert.ok(pass.score(diabetes.X, diabetes.y) > 0.4);
  });
});
