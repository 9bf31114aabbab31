import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { loadDataset } from '../../src/data/index.js';
import { DummyClassifier, DummyRegressor } from '../../src/dummy/index.js';
import { LinearRegression } from '../../src/linear-model/index.js';
import {
  crossValScore,
  GridSearchCV,
  HalvingGridSearchCV,
  KFold,
  loguniform,
  ParameterGrid,
  ParameterSampler,
  RandomizedSearchCV,
  randint,
  rankMin,
  uniform,
} from '../../src/model-selection/index.js';
import { defaultRng } from '../../src/tensor/random.js';
import { assertClose, loadSklearnFixture } from '../helpers/fixtures.js';

const diabetes = loadDataset('diabetes');
const iris = loadDataset('iris');
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

describe('ParameterGrid', () => {
  test("order matches sklearn's ParameterGrid (keys sorted, last fastest, sub-grids in turn)", () => {
    const fx = loadSklearnFixture('model_selection_splitters');
    const grid = new ParameterGrid([{ b: [1, 2], a: ['x', 'y', 'z'] }, {}, { c: [true] }]);
    assert.deepEqual([...grid], fx.expected.parameter_grid);
    assert.equal(grid.length, 8);
    assert.deepEqual(grid.at(3), { a: 'y', b: 2 });
    assert.throws(() => grid.at(8), RangeError);
  });
  test('empty value lists are ValidationErrors naming the parameter', () => {
    assert.throws(
      () => new ParameterGrid({ alpha: [] }),
      (e: unknown) => e instanceof ValidationError && e.param === 'alpha',
    );
  });
});

describe('ParameterSampler and distributions', () => {
  test('seeded draws are reproducible and within their supports', () => {
    const dists = { a: uniform(2, 3), b: loguniform(1e-3, 1e2), c: randint(5, 8), d: ['x', 'y'] };
    const one = [...new ParameterSampler(dists, { nIter: 50, randomState: 7 })];
    assert.deepEqual(one, [...new ParameterSampler(dists, { nIter: 50, randomState: 7 })]);
    assert.notDeepEqual(one, [...new ParameterSampler(dists, { nIter: 50, randomState: 8 })]);
    for (const p of one) {
      assert.ok((p.a as number) >= 2 && (p.a as number) < 5);
      assert.ok((p.b as number) >= 1e-3 && (p.b as number) <= 1e2);
      assert.ok([5, 6, 7].includes(p.c as number));
      assert.ok(['x', 'y'].includes(p.d as string));
    }
    const logs = one.map((p) => Math.log10(p.b as number));
    assert.ok(Math.min(...logs) < -1.5 && Math.max(...logs) > 0.5, 'log-uniform spreads over decades');
  });
  test('all-list grids are sampled without replacement, capped at the grid size with a warning', async () => {
    const { warnings, result } = await captureWarnings(() => [
      ...new ParameterSampler({ a: [1, 2], b: [3, 4] }, { nIter: 10, randomState: 0 }),
    ]);
    assert.equal(result.length, 4);
    assert.equal(new Set(result.map((p) => JSON.stringify(p))).size, 4);
    assert.match(warnings[0].message, /smaller than nIter=10/);
  });
  test('bad distributions are rejected', () => {
    assert.throws(() => loguniform(0, 1), ValidationError);
    assert.throws(() => randint(3, 3), ValidationError);
    assert.throws(() => new ParameterSampler({ a: 5 as never }, { nIter: 2 }), /'a'/);
  });
});

describe('GridSearchCV', () => {
  const fx = loadSklearnFixture('model_selection_search_diabetes');
  const expected = fx.expected.cv_results as Record<string, unknown[]>;

  test('cvResults, bestIndex, bestScore and bestParams match sklearn (LinearRegression on diabetes)', async () => {
    const search = new GridSearchCV(
      new LinearRegression(),
      { fitIntercept: [true, false], positive: [false, true] },
      {
        cv: 5,
        scoring: ['r2', 'neg_mean_absolute_error'],
        refit: 'neg_mean_absolute_error',
        returnTrainScore: true,
        nJobs: 1,
      },
    );
    await search.fit(diabetes.data, diabetes.target);
    const got = search.cvResults;
    for (const [key, values] of Object.entries(expected)) {
      const ours = got[camel(key).replace(/^param([A-Z])/, (_, c: string) => `param_${c.toLowerCase()}`)] ?? got[key];
      assert.ok(ours !== undefined, `missing ${key}`);
      if (key === 'params') {
        assert.deepEqual(
          ours,
          (values as Record<string, unknown>[]).map((p) =>
            Object.fromEntries(Object.entries(p).map(([k, v]) => [camel(k), v])),
          ),
        );
      } else if (key.startsWith('param_') || key.startsWith('rank_')) {
        assert.deepEqual(Array.from(ours as ArrayLike<unknown>), values, key);
      } else assertClose(ours as Float64Array, values as number[], { rtol: 1e-9, atol: 1e-9, label: key });
    }
    const timeKeys = ['mean_fit_time', 'std_fit_time', 'mean_score_time', 'std_score_time'];
    const expectedKeys = [
      ...Object.keys(expected).map((k) => (k.startsWith('param_') ? `param_${camel(k.slice(6))}` : k)),
      ...timeKeys,
    ].sort();
    assert.deepEqual(Object.keys(got).sort(), expectedKeys, 'cvResults has exactly sklearn keys');
    assert.equal(search.bestIndex, fx.expected.best_index);
    assertClose(search.bestScore, fx.expected.best_score, { rtol: 1e-9 });
    assert.deepEqual(search.bestParams, { fitIntercept: true, positive: false });
    assert.ok(search.bestEstimator.isFitted);
    assert.equal(search.nSplits, 5);
    assert.ok(search.refitTime >= 0);
    assert.equal(search.predict(diabetes.data.take([0, 1], 0)) instanceof Float64Array, true);
  });

  test('mean_test_score equals crossValScore computed by hand per candidate', async () => {
    const grid = { strategy: ['mean', 'median'] };
    const search = await new GridSearchCV(new DummyRegressor(), grid, { cv: new KFold({ nSplits: 4 }), nJobs: 1 }).fit(
      diabetes.data,
      diabetes.target,
    );
    const means = search.cvResults.mean_test_score as Float64Array;
    for (const [i, strategy] of grid.strategy.entries()) {
      const scores = await crossValScore(
        new DummyRegressor({ strategy: strategy as 'mean' }),
        diabetes.data,
        diabetes.target,
        { cv: new KFold({ nSplits: 4 }), nJobs: 1 },
      );
      assert.equal(means[i], scores.reduce((a, b) => a + b, 0) / scores.length);
      assert.deepEqual(
        Array.from({ length: 4 }, (_, s) => (search.cvResults[`split${s}_test_score`] as Float64Array)[i]),
        Array.from(scores),
      );
    }
    assert.deepEqual(
      Array.from(search.cvResults.rank_test_score as Int32Array),
      means[0] >= means[1] ? [1, 2] : [2, 1],
    );
  });

  test('unknown parameter names are ValidationErrors naming them; refit rules', async () => {
    assert.throws(
      () => new GridSearchCV(new LinearRegression(), { fitIntercept: [true], alpha: [1, 2] }),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.param === 'alpha' &&
        /Invalid parameter 'alpha' for estimator LinearRegression/.test(e.message),
    );
    const multi = new GridSearchCV(
      new LinearRegression(),
      { fitIntercept: [true, false] },
      { scoring: ['r2', 'max_error'] },
    );
    await assert.rejects(multi.fit(diabetes.data, diabetes.target), /refit must be set to a scorer name/);
    const noRefit = await new GridSearchCV(
      new LinearRegression(),
      { fitIntercept: [true, false] },
      { refit: false, nJobs: 1 },
    ).fit(diabetes.data, diabetes.target);
    assert.equal(noRefit.bestIndex, 0, 'single metric: best index even without refit');
    assert.throws(() => noRefit.bestEstimator, /only available with refit/);
    assert.throws(() => new GridSearchCV(new LinearRegression(), {}).cvResults, /not fitted/);
    await assert.rejects(
      new GridSearchCV(new LinearRegression(), { fitIntercept: [true] }, { cv: 500, nJobs: 1 }).fit(
        diabetes.data.take([0, 1, 2], 0),
        diabetes.target.take([0, 1, 2], 0),
      ),
      /greater than the number of samples/,
    );
  });

  test('errorScore: failing candidates score NaN (ranked last) with a warning, or raise naming the split', async () => {
    const grid = { strategy: ['most_frequent', 'constant'] as const, constant: [99] };
    const { warnings, result } = await captureWarnings(() =>
      new GridSearchCV(
        new DummyClassifier(),
        { strategy: [...grid.strategy], constant: grid.constant },
        { cv: 3, nJobs: 1 },
      ).fit(iris.data, iris.target),
    );
    assert.ok(Number.isNaN((result.cvResults.mean_test_score as Float64Array)[1]));
    assert.deepEqual(Array.from(result.cvResults.rank_test_score as Int32Array), [1, 2]);
    assert.match(warnings.map((w) => w.message).join('\n'), /3 fits failed out of a total of 6/);
    await assert.rejects(
      new GridSearchCV(
        new DummyClassifier(),
        { strategy: ['constant'], constant: [99] },
        { cv: 3, errorScore: 'raise', nJobs: 1 },
      ).fit(iris.data, iris.target),
      (e: unknown) =>
        e instanceof ValidationError &&
        /constant target value must be present/.test(e.message) &&
        /split 0 of 3/.test(e.message),
    );
  });
});

describe('RandomizedSearchCV', () => {
  test('seeded candidates are reproducible and their scores equal a grid search on the same settings', async () => {
    const make = () =>
      new RandomizedSearchCV(
        new DummyRegressor(),
        { strategy: ['quantile'], quantile: uniform(0.1, 0.8) },
        { nIter: 4, randomState: 3, cv: 3, nJobs: 1 },
      );
    const a = await make().fit(diabetes.data, diabetes.target);
    const b = await make().fit(diabetes.data, diabetes.target);
    assert.deepEqual(a.cvResults.params, b.cvResults.params);
    assert.equal((a.cvResults.params as unknown[]).length, 4);
    const qs = (a.cvResults.params as { quantile: number }[]).map((p) => p.quantile);
    const grid = await new GridSearchCV(
      new DummyRegressor(),
      { strategy: ['quantile'], quantile: qs },
      { cv: 3, nJobs: 1 },
    ).fit(diabetes.data, diabetes.target);
    assert.deepEqual(
      Array.from(grid.cvResults.mean_test_score as Float64Array),
      Array.from(a.cvResults.mean_test_score as Float64Array),
    );
    assert.deepEqual(a.bestParams, grid.bestParams);
  });
});

describe('HalvingGridSearchCV', () => {
  test("successive halving with sklearn's defaults: resources grow by 3, candidates shrink by 3", async () => {
    const rng = defaultRng(0);
    const n = 400;
    const X = Array.from({ length: n }, () => [rng.random()]);
    const y = X.map(([v]) => 3 * v + 0.1 * rng.random());
    const quantiles = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const search = new HalvingGridSearchCV(
      new DummyRegressor(),
      { strategy: ['quantile'], quantile: quantiles },
      { randomState: 0, nJobs: 1 },
    );
    await search.fit(X, y);
    // 9 candidates, factor 3: required 3 iterations; 'exhaust': min resources = 400 // 9 = 44.
    assert.equal(search.nRequiredIterations, 3);
    assert.equal(search.nIterations, 3);
    assert.deepEqual(search.nCandidates, [9, 3, 1]);
    assert.deepEqual(search.nResources, [44, 132, 396]);
    const res = search.cvResults;
    assert.deepEqual(Array.from(res.iter as Int32Array), [...Array(9).fill(0), 1, 1, 1, 2]);
    assert.deepEqual(Array.from(res.n_resources as Int32Array), [...Array(9).fill(44), 132, 132, 132, 396]);
    assert.equal(search.bestIndex, 12, 'the best is from the last iteration');
    // The survivors are the top third of the previous iteration.
    const first = res.mean_test_score as Float64Array;
    const top3 = [...Array(9).keys()]
      .sort((a, b) => first[b] - first[a])
      .slice(0, 3)
      .map((i) => quantiles[i])
      .sort();
    assert.deepEqual(
      (res.params as { quantile: number }[])
        .slice(9, 12)
        .map((p) => p.quantile)
        .sort(),
      top3,
    );
    assert.ok(Math.abs((search.bestParams.quantile as number) - 0.5) <= 0.2);
  });
});

test('rankMin: ties share the smallest rank, NaN last', () => {
  assert.deepEqual(Array.from(rankMin(Float64Array.of(0.5, 0.9, 0.5, Number.NaN))), [2, 1, 2, 4]);
  assert.deepEqual(Array.from(rankMin(Float64Array.of(Number.NaN, Number.NaN))), [1, 1]);
});
