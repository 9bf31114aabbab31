import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { registerPackageEstimators } from '../../src/compose/registry.js';
import { AdaBoostClassifier } from '../../src/ensemble/adaboost-classifier.js';
import { AdaBoostRegressor } from '../../src/ensemble/adaboost-regressor.js';
import { BaggingClassifier, BaggingRegressor } from '../../src/ensemble/bagging.js';
import { DecisionTreeClassifier } from '../../src/tree/decision-tree-classifier.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

const cancer = loadSklearnFixture('ensemble_randomforestclassifier_breastcancer').inputs;
const diabetes = loadSklearnFixture('tree_decisiontreeregressor_diabetes').inputs;
const split = (X: number[][], y: number[], at: number) => ({
  Xtr: X.slice(0, at),
  ytr: y.slice(0, at),
  Xte: X.slice(at),
  yte: y.slice(at),
});

before(async () => {
  await registerPackageEstimators();
});

describe('AdaBoost', () => {
  test('common checks', async () => {
    for (const make of [
      () => new AdaBoostClassifier({ nEstimators: 10 }),
      () => new AdaBoostClassifier({ nEstimators: 10, algorithm: 'SAMME' }),
      () => new AdaBoostRegressor({ nEstimators: 10 }),
    ]) {
      assert.equal((await checkEstimator(make)).failed, 0);
    }
  });

  test('boosting stumps beats a single stump on breast_cancer (SAMME.R and SAMME)', async () => {
    const { Xtr, ytr, Xte, yte } = split(cancer.X, cancer.y, 400);
    const stump = await new DecisionTreeClassifier({ maxDepth: 1, randomState: 0 }).fit(Xtr, ytr);
    for (const algorithm of ['SAMME.R', 'SAMME'] as const) {
      const ada = await new AdaBoostClassifier({ nEstimators: 50, algorithm, randomState: 0 }).fit(Xtr, ytr);
      const acc = ada.score(Xte, yte);
      assert.ok(acc > 0.93 && acc > stump.score(Xte, yte), `${algorithm}: ${acc}`);
      const p = ada.predictProba(Xte);
      for (let i = 0; i < yte.length; i++) assert.ok(Math.abs(p.data[2 * i] + p.data[2 * i + 1] - 1) < 1e-12);
      assert.equal(ada.estimatorWeights.length, ada.estimators.length);
    }
  });

  test('AdaBoostRegressor: R² on held-out diabetes rows, every loss', async () => {
    const { Xtr, ytr, Xte, yte } = split(diabetes.X, diabetes.y, 340);
    for (const loss of ['linear', 'square', 'exponential'] as const) {
      const ada = await new AdaBoostRegressor({ nEstimators: 30, loss, randomState: 0 }).fit(Xtr, ytr);
      assert.ok(ada.score(Xte, yte) > 0.3, `${loss}: R² ${ada.score(Xte, yte)}`);
      assert.ok(ada.estimatorErrors.every((e) => e >= 0 && e < 0.5));
    }
  });
});

describe('Bagging', () => {
  test('common checks', async () => {
    assert.equal(
      (await checkEstimator(() => new BaggingClassifier({ maxFeatures: 0.5, bootstrapFeatures: true }))).failed,
      0,
    );
    assert.equal((await checkEstimator(() => new BaggingRegressor({ maxSamples: 0.7, bootstrap: false }))).failed, 0);
  });

  test('bagged trees generalise better than one tree; features per member are respected', async () => {
    const { Xtr, ytr, Xte, yte } = split(cancer.X, cancer.y, 400);
    const bag = await new BaggingClassifier({ nEstimators: 20, maxFeatures: 10, randomState: 0 }).fit(Xtr, ytr);
    const tree = await new DecisionTreeClassifier({ randomState: 0 }).fit(Xtr, ytr);
    assert.ok(bag.score(Xte, yte) >= tree.score(Xte, yte), `${bag.score(Xte, yte)} vs ${tree.score(Xte, yte)}`);
    assert.ok(bag.estimatorsFeatures.every((f) => f.length === 10 && new Set(f).size === 10));
    const r = await new BaggingRegressor({ nEstimators: 10, randomState: 0 }).fit(
      diabetes.X.slice(0, 340),
      diabetes.y.slice(0, 340),
    );
    assert.ok(r.score(diabetes.X.slice(340), diabetes.y.slice(340)) > 0.25);
  });

  test('bad input', async () => {
    await assert.rejects(new BaggingClassifier({ maxFeatures: 99 }).fit(cancer.X, cancer.y), /maxFeatures/);
    await assert.rejects(
      new AdaBoostClassifier().fit(cancer.X, cancer.y, { sampleWeight: [1, 2, 3] }),
      /sampleWeight has 3 values/,
    );
    await assert.rejects(new AdaBoostRegressor().fit([[0], [Number.NaN]], [1, 2]), /NaN/);
  });
});
