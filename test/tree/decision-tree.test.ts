import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkEstimator } from '../../src/base/check-estimator.js';
import {
  DecisionTreeClassifier,
  DecisionTreeRegressor,
  ExtraTreeClassifier,
  ExtraTreeRegressor,
} from '../../src/tree/index.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

describe('DecisionTreeClassifier on iris (sklearn fixture)', () => {
  const f = loadSklearnFixture('tree_decisiontreeclassifier_iris');
  const e = f.expected;
  for (const seed of [0, 1, 2, 3]) {
    test(`randomState ${seed} matches one of sklearn's tree variants exactly`, async () => {
      const model = await new DecisionTreeClassifier({ maxDepth: 3, randomState: seed }).fit(f.inputs.X, f.inputs.y);
      const t = model.tree;
      const variant = e.variants_over_random_states_0_99.find(
        (v: { feature: number[] }) => v.feature[0] === t.feature[0],
      );
      assert.ok(variant, `no sklearn variant splits the root on feature ${t.feature[0]}`);
      assert.equal(t.nodeCount, e.node_count);
      assert.deepEqual(Array.from(t.childrenLeft), variant.children_left);
      assert.deepEqual(Array.from(t.childrenRight), variant.children_right);
      assert.deepEqual(Array.from(t.feature), variant.feature);
      assertClose(t.threshold, variant.threshold, { rtol: 1e-9, atol: 1e-9, label: 'threshold' });
      // Both variants have the same values, impurities and sample counts node by node.
      assertClose(t.value, e.value, { rtol: 1e-9, atol: 1e-9, label: 'value' });
      assertClose(t.impurity, e.impurity, { rtol: 1e-9, atol: 1e-9, label: 'impurity' });
      assert.deepEqual(Array.from(t.nNodeSamples), e.n_node_samples);
      assertClose(t.weightedNNodeSamples, e.weighted_n_node_samples, { label: 'weightedNNodeSamples' });
      assert.deepEqual(Array.from(model.predict(f.inputs.X) as Int32Array), variant.predict);
      assertClose(model.predictProba(f.inputs.X).data, e.predict_proba, { rtol: 1e-9, atol: 1e-12, label: 'proba' });
      assert.equal(model.score(f.inputs.X, f.inputs.y), e.accuracy);
      assert.equal(model.getDepth(), e.max_depth);
      if (t.feature[0] === e.feature[0]) {
        assertClose(model.featureImportances, e.feature_importances_, {
          rtol: 1e-9,
          atol: 1e-12,
          label: 'importances',
        });
      }
    });
  }
});

describe('DecisionTreeRegressor on diabetes (sklearn fixture)', () => {
  const f = loadSklearnFixture('tree_decisiontreeregressor_diabetes');
  const e = f.expected;
  test('matches sklearn exactly', async () => {
    const model = await new DecisionTreeRegressor({ maxDepth: 3, randomState: 0 }).fit(f.inputs.X, f.inputs.y);
    const t = model.tree;
    assert.equal(t.nodeCount, e.node_count);
    assert.deepEqual(Array.from(t.childrenLeft), e.children_left);
    assert.deepEqual(Array.from(t.childrenRight), e.children_right);
    assert.deepEqual(Array.from(t.feature), e.feature);
    assertClose(t.threshold, e.threshold, { rtol: 1e-9, atol: 1e-9, label: 'threshold' });
    assertClose(t.value, e.value, { rtol: 1e-9, atol: 1e-9, label: 'value' });
    assertClose(t.impurity, e.impurity, { rtol: 1e-9, atol: 1e-6, label: 'impurity' });
    assert.deepEqual(Array.from(t.nNodeSamples), e.n_node_samples);
    assertClose(model.predict(f.inputs.X), e.predict, { rtol: 1e-9, atol: 1e-9, label: 'predict' });
    assertClose(model.score(f.inputs.X, f.inputs.y), e.r2, { rtol: 1e-9, atol: 1e-12, label: 'r2' });
    assertClose(model.featureImportances, e.feature_importances_, { rtol: 1e-9, atol: 1e-9, label: 'importances' });
  });
});

describe('common estimator checks', () => {
  for (const Ctor of [DecisionTreeClassifier, DecisionTreeRegressor, ExtraTreeClassifier, ExtraTreeRegressor]) {
    test(Ctor.estimatorName, async () => {
      const report = await checkEstimator(() => new Ctor());
      assert.equal(report.failed, 0);
    });
  }
});

/** Distinct rows of small integers (so a fully grown tree can separate every pair). */
const distinctRows = fc
  .uniqueArray(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 3, maxLength: 3 }), {
    minLength: 4,
    maxLength: 40,
    selector: (r) => r.join(','),
  })
  .chain((X) =>
    fc.tuple(fc.constant(X), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: X.length, maxLength: X.length })),
  );

describe('properties', () => {
  test('a fully grown tree fits training data without duplicates perfectly', async () => {
    await fc.assert(
      fc.asyncProperty(distinctRows, fc.boolean(), async ([X, y], random) => {
        const model = await new DecisionTreeClassifier({ randomState: 0, splitter: random ? 'random' : 'best' }).fit(
          X,
          y,
        );
        assert.equal(model.score(X, y), 1);
        const reg = await new DecisionTreeRegressor({ randomState: 0 }).fit(X, y);
        assert.deepEqual(Array.from(reg.predict(X)), y);
      }),
      { numRuns: 40 },
    );
  });

  test('predictProba rows sum to 1 and feature importances sum to 1', async () => {
    await fc.assert(
      fc.asyncProperty(distinctRows, async ([X, y]) => {
        fc.pre(new Set(y).size > 1);
        const model = await new DecisionTreeClassifier({ maxDepth: 2, randomState: 1 }).fit(X, y);
        const p = model.predictProba(X);
        for (let i = 0; i < X.length; i++) {
          let s = 0;
          for (let c = 0; c < p.shape[1]; c++) s += p.data[i * p.shape[1] + c];
          assert.ok(Math.abs(s - 1) < 1e-12);
        }
        const imp = model.featureImportances;
        assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  test('the same randomState gives the same tree; apply and decisionPath agree', async () => {
    const X = Array.from({ length: 60 }, (_, i) => [Math.sin(i), Math.cos(i * 3), i % 7]);
    const y = X.map((r) => (r[0] + r[1] > 0 ? 1 : 0));
    const a = await new ExtraTreeClassifier({ randomState: 7 }).fit(X, y);
    const b = await new ExtraTreeClassifier({ randomState: 7 }).fit(X, y);
    assert.deepEqual(a.tree.toState(), b.tree.toState());
    const leaves = a.apply(X);
    const path = a.decisionPath(X);
    for (let i = 0; i < X.length; i++) {
      const last = path.indices[path.indptr[i + 1] - 1];
      assert.equal(last, leaves[i]);
      assert.equal(path.indices[path.indptr[i]], 0);
    }
    assert.equal(a.getNLeaves(), Array.from(a.tree.childrenLeft).filter((c) => c === -1).length);
  });
});
