import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEstimator } from '../../src/base/check-estimator.js';
import { clone } from '../../src/base/clone.js';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { captureWarnings } from '../../src/base/warnings.js';
import { makePipeline } from '../../src/compose/make-pipeline.js';
import { Pipeline } from '../../src/compose/pipeline.js';
import { registerEstimator } from '../../src/compose/registry.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';
import { LinearRegression } from '../../src/linear-model/linear-regression.js';
import { StandardScaler } from '../../src/preprocessing/standard-scaler.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { AddMean, FitOnly } from './toy.js';

const X = [
  [1, 10],
  [2, 30],
  [3, 20],
  [4, 50],
  [5, 40],
  [6, 60],
];
const yReg = [1.5, 3.1, 3.9, 6.2, 6.8, 9.1];
const yCls = ['a', 'b', 'a', 'b', 'b', 'b'];

const classes = [StandardScaler, LinearRegression, DummyClassifier, DummyRegressor, AddMean];
// checkEstimator's save/load check calls Pipeline.fromJSON(json) without options: the steps' classes must be registered.
registerEstimator(...classes);

describe('Pipeline: common checks', () => {
  test('checkEstimator passes for StandardScaler + LinearRegression', async () => {
    const report = await checkEstimator(
      () =>
        new Pipeline([
          ['scaler', new StandardScaler()],
          ['reg', new LinearRegression()],
        ]),
      { extraChecks: [] },
    );
    assert.equal(report.failed, 0);
    assert.ok(report.passed >= 18);
  });

  test('checkEstimator passes for StandardScaler + DummyClassifier', async () => {
    const report = await checkEstimator(
      () =>
        new Pipeline([
          ['scaler', new StandardScaler()],
          ['clf', new DummyClassifier({ strategy: 'stratified', randomState: 0 })],
        ]),
    );
    assert.equal(report.failed, 0);
    assert.ok(report.results.some((r) => r.name === 'checkPredictProba' && r.status === 'passed'));
  });

  test('checkEstimator passes for a transformer-only pipeline (checkTransformer runs)', async () => {
    const report = await checkEstimator(
      () =>
        new Pipeline([
          ['a', new AddMean()],
          ['scaler', new StandardScaler()],
        ]),
    );
    assert.equal(report.failed, 0);
    assert.ok(report.results.some((r) => r.name === 'checkTransformer' && r.status === 'passed'));
  });
});

describe('Pipeline: behaviour', () => {
  test('fit then predict equals the steps applied by hand', async () => {
    const pipe = await new Pipeline([
      ['scaler', new StandardScaler()],
      ['reg', new LinearRegression()],
    ]).fit(X, yReg);
    const scaler = await new StandardScaler().fit(X);
    const reg = await new LinearRegression().fit(scaler.transform(X), yReg);
    assert.deepEqual(pipe.predict(X), reg.predict(scaler.transform(X)));
    assert.equal(pipe.score(X, yReg), reg.score(scaler.transform(X), yReg));
    assert.equal(pipe.nFeaturesIn, 2);
    assert.equal(pipe.namedSteps.scaler, pipe.at(0));
    assert.ok((pipe.namedSteps.scaler as StandardScaler).isFitted, 'steps are fitted in place');
  });

  test('methods exist only when the final step has them', async () => {
    const reg = new Pipeline([
      ['scaler', new StandardScaler()],
      ['reg', new LinearRegression()],
    ]);
    assert.equal(typeof reg.predict, 'function');
    assert.equal(reg.predictProba, undefined);
    assert.equal(reg.transform, undefined);
    assert.equal(reg.fitTransform, undefined);
    const clf = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]);
    assert.equal(typeof clf.predictProba, 'function');
    assert.equal(typeof clf.predictLogProba, 'function');
    const tr = new Pipeline([
      ['scaler', new StandardScaler()],
      ['last', 'passthrough'],
    ]);
    assert.equal(typeof tr.transform, 'function');
    assert.equal(tr.predict, undefined);
    assert.throws(() => reg.predictProba(X), TypeError);
  });

  test('predict before fit throws NotFittedError naming Pipeline', () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]);
    assert.throws(
      () => pipe.predict(X),
      (e: unknown) => e instanceof NotFittedError && /Pipeline/.test(e.message),
    );
  });

  test('a pipeline of already-fitted steps predicts without its own fit', async () => {
    const scaler = await new StandardScaler().fit(X);
    const clf = await new DummyClassifier().fit(scaler.transform(X), yCls);
    const pipe = new Pipeline([
      ['scaler', scaler],
      ['clf', clf],
    ]);
    assert.deepEqual(pipe.predict(X), clf.predict(scaler.transform(X)));
  });

  test('passthrough and null steps are skipped; classes come from the final step', async () => {
    const pipe = await new Pipeline([
      ['skip', 'passthrough'],
      ['none', null],
      ['clf', new DummyClassifier()],
    ]).fit(X, yCls);
    assert.deepEqual(pipe.classes, ['a', 'b']);
    assert.deepEqual(pipe.predict(X), ['b', 'b', 'b', 'b', 'b', 'b']);
    assert.equal(pipe.nFeaturesIn, 2);
  });

  test('fitTransform equals fit().transform() and transform/inverseTransform round-trip', async () => {
    const a = new Pipeline([
      ['a', new AddMean({ shift: 1 })],
      ['b', new AddMean()],
    ]);
    const direct = await a.fitTransform(X);
    const b = await new Pipeline([
      ['a', new AddMean({ shift: 1 })],
      ['b', new AddMean()],
    ]).fit(X);
    assert.deepEqual(direct.toArray(), b.transform(X).toArray());
    const back = b.inverseTransform(b.transform(X));
    (back.toArray() as number[][]).forEach((row, i) => {
      for (const [j, v] of row.entries()) assert.ok(Math.abs(v - X[i][j]) < 1e-12);
    });
    assert.equal(
      new Pipeline([
        ['s', new StandardScaler()],
        ['c', new DummyClassifier()],
      ]).inverseTransform,
      undefined,
    );
  });

  test('slice and at', async () => {
    const pipe = await new Pipeline([
      ['a', new AddMean()],
      ['scaler', new StandardScaler()],
      ['reg', new LinearRegression()],
    ]).fit(X, yReg);
    const head = pipe.slice(0, -1);
    assert.equal(head.length, 2);
    assert.equal(head.at(0), pipe.at('a'));
    assert.equal(pipe.at(-1), pipe.namedSteps.reg);
    assert.deepEqual(
      head.transform(X).toArray(),
      (pipe.at(1) as StandardScaler).transform(pipe.slice(0, 1).transform(X)).toArray(),
    );
    assert.throws(() => pipe.at(5), ValidationError);
    assert.throws(() => pipe.at('nope'), /no step named 'nope'/);
  });

  test('getFeatureNamesOut chains through the transformers; a final predictor has none', async () => {
    const frame = {
      columnNames: ['age', 'fare'],
      column: (n: string) => Float64Array.from(X, (r) => (n === 'age' ? r[0] : r[1])),
    };
    const pipe = await new Pipeline([
      ['a', new AddMean()],
      ['s', new StandardScaler()],
      ['c', new DummyClassifier()],
    ]).fit(frame, yCls);
    assert.deepEqual(pipe.slice(0, -1).getFeatureNamesOut(), ['age', 'fare']);
    assert.deepEqual(pipe.featureNamesIn, ['age', 'fare']);
    assert.throws(() => pipe.getFeatureNamesOut(), /does not provide getFeatureNamesOut/);
  });

  test('fit options are routed with name__option; a plain option is refused like sklearn', async () => {
    const w = [1, 2, 1, 2, 1, 2];
    const pipe = new Pipeline([
      ['a', new AddMean()],
      ['clf', new DummyClassifier()],
    ]);
    await pipe.fit(X, yCls, { a__sampleWeight: w, clf__sampleWeight: w });
    assert.deepEqual((pipe.at('a') as AddMean).lastSampleWeight, w);
    const weighted = await new DummyClassifier().fit(X, yCls, { sampleWeight: w });
    assert.deepEqual((pipe.at('clf') as DummyClassifier).classPrior, weighted.classPrior);
    await assert.rejects(
      pipe.fit(X, yCls, { sampleWeight: w }),
      /does not accept the sampleWeight option.*stepName__option/,
    );
    await assert.rejects(pipe.fit(X, yCls, { nope__sampleWeight: w }), ValidationError);
  });

  test('an aborted signal rejects with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    controller.abort(reason);
    const pipe = new Pipeline([
      ['s', new StandardScaler()],
      ['c', new DummyClassifier()],
    ]);
    await assert.rejects(pipe.fit(X, yCls, { signal: controller.signal }), (e) => e === reason);
  });

  test('onProgress reports each step', async () => {
    const seen: string[] = [];
    await new Pipeline([
      ['s', new StandardScaler()],
      ['c', new DummyClassifier()],
    ]).fit(X, yCls, {
      onProgress: (p) => seen.push(`${p.step}/${p.total} ${p.message}`),
    });
    assert.deepEqual(seen, ['1/2 fitted s', '2/2 fitted c']);
  });
});

describe('Pipeline: params', () => {
  test('getParams({ deep: true }) gives name and name__param keys; shallow is { steps, verbose }', () => {
    const clf = new DummyClassifier({ strategy: 'uniform' });
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', clf],
    ]);
    assert.deepEqual(Object.keys(pipe.getParams()).sort(), ['steps', 'verbose']);
    const deep = pipe.getParams({ deep: true });
    assert.equal(deep.clf, clf);
    assert.equal(deep.clf__strategy, 'uniform');
    assert.equal(deep.scaler__withMean, true);
  });

  test("setParams({ 'clf__strategy': ... }) reaches the step; setParams({ clf: est }) replaces it", () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]);
    pipe.setParams({ clf__strategy: 'most_frequent', verbose: true });
    assert.equal((pipe.at('clf') as DummyClassifier).params.strategy, 'most_frequent');
    assert.equal(pipe.params.verbose, true);
    const other = new DummyClassifier({ strategy: 'uniform' });
    const before = pipe.steps;
    pipe.setParams({ clf: other, scaler: 'passthrough' });
    assert.equal(pipe.at('clf'), other);
    assert.equal(pipe.at('scaler'), 'passthrough');
    assert.notEqual(pipe.steps, before, 'a new steps array, the old one untouched');
    assert.equal(before[1][1] instanceof DummyClassifier && before[1][1] !== other, true);
  });

  test('nested pipelines give a__b__c keys both ways', () => {
    const inner = new Pipeline([
      ['scaler', new StandardScaler()],
      ['reg', new DummyRegressor()],
    ]);
    const outer = new Pipeline([
      ['a', new AddMean()],
      ['inner', inner],
    ]);
    assert.equal(outer.getParams({ deep: true }).inner__reg__strategy, 'mean');
    outer.setParams({ inner__reg__strategy: 'median', a__shift: 2 });
    assert.equal((inner.at('reg') as DummyRegressor).params.strategy, 'median');
    assert.equal((outer.at('a') as AddMean).params.shift, 2);
  });

  test('unknown names are ValidationErrors', () => {
    const pipe = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]);
    assert.throws(() => pipe.setParams({ nope__x: 1 }), /Invalid parameter 'nope' for estimator Pipeline/);
    assert.throws(() => pipe.setParams({ clf__nope: 1 }), ValidationError);
    assert.throws(() => pipe.setParams({ verbos: true }), /did you mean 'verbose'/);
    assert.throws(() => new Pipeline({ stepz: [] } as never), ValidationError);
  });

  test('clone is deep: new steps, same params, unfitted', async () => {
    const pipe = await new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]).fit(X, yCls);
    const copy = clone(pipe);
    assert.notEqual(copy.at('clf'), pipe.at('clf'));
    assert.deepEqual(copy.at('clf')?.constructor, DummyClassifier);
    assert.equal(copy.isFitted, false);
    assert.deepEqual(copy.getParams({ deep: true }).clf__strategy, 'prior');
  });
});

describe('Pipeline: validation', () => {
  test('an intermediate step without transform is refused at fit', async () => {
    const pipe = new Pipeline([
      ['bad', new FitOnly()],
      ['clf', new DummyClassifier()],
    ]);
    await assert.rejects(pipe.fit(X, yCls), /All intermediate steps should be transformers.*'FitOnly' doesn't/);
  });

  test('a final step without fit, bad names and empty steps are refused', async () => {
    await assert.rejects(
      new Pipeline([
        ['s', new StandardScaler()],
        ['x', {} as never],
      ]).fit(X),
      /Last step of Pipeline should implement fit/,
    );
    await assert.rejects(
      new Pipeline([
        ['a', new AddMean()],
        ['a', new AddMean()],
      ]).fit(X),
      /not unique/,
    );
    await assert.rejects(new Pipeline([['a__b', new AddMean()]]).fit(X), /must not contain __/);
    await assert.rejects(new Pipeline([['steps', new AddMean()]]).fit(X), /conflict with constructor arguments/);
    await assert.rejects(new Pipeline([]).fit(X), /non-empty/);
  });

  test('verbose prints one line per step', async () => {
    const lines: string[] = [];
    const original = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      await new Pipeline(
        [
          ['s', new StandardScaler()],
          ['c', new DummyClassifier()],
        ],
        { verbose: true },
      ).fit(X, yCls);
    } finally {
      console.log = original;
    }
    assert.equal(lines.length, 2);
    assert.match(lines[0], /^\[Pipeline\] \(step 1 of 2\) Processing s, total=/);
  });
});

describe('Pipeline: save and load', () => {
  test('a fitted pipeline round-trips through JSON with identical predictions', async () => {
    const pipe = await new Pipeline([
      ['a', new AddMean({ shift: 0.5 })],
      ['scaler', new StandardScaler()],
      ['reg', new LinearRegression()],
    ]).fit(X, yReg);
    const json = JSON.parse(JSON.stringify(pipe));
    assert.equal(json.className, 'Pipeline');
    const loaded = Pipeline.fromJSON(json, { classes });
    assert.ok(loaded instanceof Pipeline);
    assert.deepEqual(loaded.predict(X), pipe.predict(X));
    assert.equal((loaded.at('a') as AddMean).params.shift, 0.5);
    assert.equal(loaded.nFeaturesIn, 2);
  });

  test('nested pipelines load (Pipeline is registered by itself)', async () => {
    const inner = new Pipeline([
      ['scaler', new StandardScaler()],
      ['clf', new DummyClassifier()],
    ]);
    const pipe = await new Pipeline([
      ['a', new AddMean()],
      ['inner', inner],
    ]).fit(X, yCls);
    const loaded = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe)), { classes });
    assert.deepEqual(loaded.predictProba(X).toArray(), pipe.predictProba(X).toArray());
  });

  test('a class that is not known is a ValidationError that says how to register it', async () => {
    class Unregistered extends AddMean {
      static override readonly estimatorName = 'Unregistered';
    }
    const pipe = await new Pipeline([
      ['a', new Unregistered()],
      ['clf', new DummyClassifier()],
    ]).fit(X, yCls);
    assert.throws(
      () => Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe)), { classes: [DummyClassifier] }),
      (e: unknown) =>
        e instanceof ValidationError && /saved Unregistered.*registerEstimator\(Unregistered\)/.test(e.message),
    );
  });

  test('an unfitted pipeline saves with state null and loads unfitted', async () => {
    const json = JSON.parse(
      JSON.stringify(
        new Pipeline([
          ['s', new StandardScaler()],
          ['c', new DummyClassifier()],
        ]),
      ),
    );
    assert.equal(json.state, null);
    const loaded = Pipeline.fromJSON(json, { classes });
    assert.throws(() => loaded.predict(X), NotFittedError);
  });

  test('feature-name mismatch after load is still caught (the warning path too)', async () => {
    const frame = {
      columnNames: ['p', 'q'],
      column: (n: string) => Float64Array.from(X, (r) => (n === 'p' ? r[0] : r[1])),
    };
    const pipe = await new Pipeline([
      ['s', new StandardScaler()],
      ['c', new DummyClassifier()],
    ]).fit(frame, yCls);
    const loaded = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe)), { classes });
    assert.deepEqual(loaded.featureNamesIn, ['p', 'q']);
    const renamed = { columnNames: ['p', 'r'], column: frame.column };
    assert.throws(() => loaded.predict(renamed), ValidationError);
    const { warnings } = await captureWarnings(() => loaded.predict(new Tensor(Float64Array.from(X.flat()), [6, 2])));
    assert.equal(warnings.length, 1);
  });
});

describe('makePipeline', () => {
  test('names steps by lowercased class name, with -1, -2 on duplicates', () => {
    const pipe = makePipeline(new AddMean(), new StandardScaler(), new AddMean(), 'passthrough', new DummyClassifier());
    assert.deepEqual(
      pipe.steps.map(([n]) => n),
      ['addmean-1', 'standardscaler', 'addmean-2', 'passthrough', 'dummyclassifier'],
    );
  });

  test('takes a trailing options object', () => {
    const pipe = makePipeline(new StandardScaler(), new DummyClassifier(), { verbose: true });
    assert.equal(pipe.params.verbose, true);
    assert.equal(pipe.length, 2);
  });
});
