import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../../src/tree/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: generated JSON
const cases: Record<string, any> = JSON.parse(
  readFileSync(new URL('../../../test/tree/sklearn-options.json', import.meta.url), 'utf8'),
);
const diabetes = loadSklearnFixture('tree_decisiontreeregressor_diabetes').inputs;
const cancer = loadSklearnFixture('ensemble_randomforestclassifier_breastcancer').inputs;

// biome-ignore lint/suspicious/noExplicitAny: generated JSON
function assertSameTree(t: DecisionTreeClassifier['tree'], e: any, label: string): void {
  assert.deepEqual(Array.from(t.feature), e.feature, `${label}: features`);
  if (e.children_left) assert.deepEqual(Array.from(t.childrenLeft), e.children_left, `${label}: children`);
  assertClose(t.threshold, e.threshold, { rtol: 1e-9, atol: 1e-9, label: `${label}: threshold` });
  assertClose(t.value, e.value, { rtol: 1e-9, atol: 1e-9, label: `${label}: value` });
  assertClose(t.impurity, e.impurity, { rtol: 1e-7, atol: 1e-7, label: `${label}: impurity` });
}

describe('options against scikit-learn 1.2 (test/tree/sklearn-options.json)', () => {
  for (const crit of ['friedman_mse', 'poisson', 'absolute_error'] as const) {
    test(`criterion ${crit}`, async () => {
      const m = await new DecisionTreeRegressor({ criterion: crit, maxDepth: 2, randomState: 0 }).fit(
        diabetes.X,
        diabetes.y,
      );
      assertSameTree(m.tree, cases[crit], crit);
    });
  }
  test('maxLeafNodes grows best-first', async () => {
    const m = await new DecisionTreeRegressor({ maxLeafNodes: 6, randomState: 0 }).fit(diabetes.X, diabetes.y);
    assertSameTree(m.tree, cases.max_leaf_nodes, 'maxLeafNodes');
    assert.equal(m.getNLeaves(), 6);
  });
  test('minSamplesLeaf', async () => {
    const m = await new DecisionTreeRegressor({ minSamplesLeaf: 20, maxDepth: 3, randomState: 0 }).fit(
      diabetes.X,
      diabetes.y,
    );
    assertSameTree(m.tree, cases.min_samples_leaf, 'minSamplesLeaf');
    const t = m.tree;
    for (let i = 0; i < t.nodeCount; i++) if (t.childrenLeft[i] === -1) assert.ok(t.nNodeSamples[i] >= 20);
  });
  test('criterion entropy', async () => {
    const m = await new DecisionTreeClassifier({ criterion: 'entropy', maxDepth: 2, randomState: 0 }).fit(
      cancer.X,
      cancer.y,
    );
    assertSameTree(m.tree, cases.entropy, 'entropy');
  });
  test("classWeight 'balanced'", async () => {
    const m = await new DecisionTreeClassifier({ classWeight: 'balanced', maxDepth: 2, randomState: 0 }).fit(
      cancer.X,
      cancer.y,
    );
    assertSameTree(m.tree, cases.balanced, 'balanced');
  });
  test('ccpAlpha pruning', async () => {
    const m = await new DecisionTreeRegressor({ ccpAlpha: 70, maxDepth: 3, randomState: 0 }).fit(
      diabetes.X,
      diabetes.y,
    );
    assertSameTree(m.tree, cases.ccp_alpha, 'ccpAlpha');
    assert.equal(m.tree.nodeCount, 11);
  });
  test('sampleWeight (with zero weights)', async () => {
    const w = cancer.y.map((_: number, i: number) => i % 3);
    const m = await new DecisionTreeClassifier({ maxDepth: 2, randomState: 0 }).fit(cancer.X, cancer.y, {
      sampleWeight: w,
    });
    assertSameTree(m.tree, cases.sample_weight, 'sampleWeight');
    const wr = diabetes.y.map((_: number, i: number) => i % 3);
    const r = await new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 }).fit(diabetes.X, diabetes.y, {
      sampleWeight: wr,
    });
    assertSameTree(r.tree, cases.sample_weight_regression, 'sampleWeight (regression)');
  });
  test('costComplexityPruningPath', async () => {
    const path = await new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 }).costComplexityPruningPath(
      diabetes.X,
      diabetes.y,
    );
    assertClose(path.ccpAlphas, cases.pruning_path.ccp_alphas, { rtol: 1e-7, atol: 1e-9, label: 'alphas' });
    assertClose(path.impurities, cases.pruning_path.impurities, { rtol: 1e-9, atol: 1e-9, label: 'impurities' });
  });
});

describe('missing values (NaN in X)', () => {
  test('NaN rows follow missingGoLeft, and a NaN-only signal is learned', async () => {
    const X = [[1], [2], [Number.NaN], [Number.NaN], [3], [4]];
    const y = [0, 0, 1, 1, 0, 0];
    const m = await new DecisionTreeClassifier({ randomState: 0 }).fit(X, y);
    assert.equal(m.score(X, y), 1);
    assert.deepEqual(Array.from(m.predict([[Number.NaN], [2.5]]) as Int32Array), [1, 0]);
    assert.equal(m.tree.threshold[0], Number.POSITIVE_INFINITY);
  });
  test('missing values go to the side that helps most', async () => {
    const X = [[1], [2], [Number.NaN], [8], [9], [Number.NaN]];
    const y = [0, 0, 1, 1, 1, 1];
    const m = await new DecisionTreeClassifier({ maxDepth: 1, randomState: 0 }).fit(X, y);
    assert.equal(m.score(X, y), 1);
    assert.equal(m.tree.missingGoLeft[0], 0);
    const r = await new DecisionTreeRegressor({ maxDepth: 1 }).fit(X, [0, 0, 5, 5, 5, 5]);
    assert.deepEqual(Array.from(r.predict([[Number.NaN]])), [5]);
  });
});

describe('bad input', () => {
  const X = [[0], [1], [2], [3]];
  test('sampleWeight of the wrong length or negative', async () => {
    await assert.rejects(new DecisionTreeClassifier().fit(X, [0, 1, 0, 1], { sampleWeight: [1, 1] }), ValidationError);
    await assert.rejects(new DecisionTreeRegressor().fit(X, [0, 1, 0, 1], { sampleWeight: [1, -1, 1, 1] }), /Negative/);
    await assert.rejects(
      new DecisionTreeRegressor().fit(X, [0, 1, 0, 1], { sampleWeight: [0, 0, 0, 0] }),
      /sum to zero/,
    );
  });
  test("NaN with criterion 'absolute_error' is rejected", async () => {
    await assert.rejects(
      new DecisionTreeRegressor({ criterion: 'absolute_error' }).fit([[0], [Number.NaN]], [1, 2]),
      /absolute_error/,
    );
  });
  test('Infinity is rejected; bad options name the option', async () => {
    await assert.rejects(new DecisionTreeClassifier().fit([[0], [Number.POSITIVE_INFINITY]], [0, 1]), ValidationError);
    await assert.rejects(new DecisionTreeClassifier({ maxFeatures: 5 }).fit(X, [0, 1, 0, 1]), /maxFeatures/);
    await assert.rejects(new DecisionTreeClassifier({ maxDepth: 0 }).fit(X, [0, 1, 0, 1]), /maxDepth/);
    await assert.rejects(new DecisionTreeClassifier({ classWeight: { 7: 2 } }).fit(X, [0, 1, 0, 1]), /classWeight/);
    await assert.rejects(new DecisionTreeRegressor({ criterion: 'poisson' }).fit(X, [0, -1, 0, 1]), /negative/);
  });
});
