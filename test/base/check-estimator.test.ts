import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CheckEstimatorError, COMMON_CHECKS, checkEstimator } from '../../src/base/check-estimator.js';
import { ValidationError } from '../../src/base/errors.js';
import type { ParameterConstraints } from '../../src/base/params.js';
import type { Estimator, EstimatorTags, FitOptions, LabelArray, Labels, MatrixLike } from '../../src/base/types.js';
import { checkArray } from '../../src/base/validation.js';
import { DummyRegressor } from '../../src/dummy/dummy-regressor.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { ToyCentroidClassifier, ToyScaler } from './toy-estimators.js';

/** Runs checkEstimator and returns the names of the failed checks (empty when it passes). */
async function failedChecks(factory: () => Estimator): Promise<{ names: string[]; message: string }> {
  try {
    await checkEstimator(factory);
    return { names: [], message: '' };
  } catch (error) {
    assert.ok(error instanceof CheckEstimatorError, `expected CheckEstimatorError, got ${error}`);
    assert.ok(error instanceof AggregateError);
    return {
      names: error.report.results.filter((r) => r.status === 'failed').map((r) => r.name),
      message: error.message,
    };
  }
}

// --- one deliberately broken estimator per check ---------------------------------------

class BrokenTags extends ToyCentroidClassifier {
  override estimatorTags(): EstimatorTags {
    return { estimatorType: 'classifier', requiresY: true } as EstimatorTags;
  }
}

class MissingConstraint extends ToyCentroidClassifier {
  static override parameterConstraints: ParameterConstraints = {};
}

/** Exposes its internal params object: mutating getParams() changes the model. */
class LeakyGetParams extends ToyCentroidClassifier {
  readonly #shared = { temperature: 1 };
  override getParams() {
    return this.#shared;
  }
  override get params() {
    return this.#shared;
  }
}

class FitReturnsUndefined extends ToyCentroidClassifier {
  override async fit(X: MatrixLike, y?: Labels, options?: FitOptions): Promise<this> {
    await super.fit(X, y, options);
    return undefined as unknown as this;
  }
}

/** The constructor alters the value it is given, so a clone drifts from the original. */
class ConstructorAltersParams extends ToyCentroidClassifier {
  constructor(options: { temperature?: number } = {}) {
    super({ temperature: (options.temperature ?? 1) + 1 });
  }
}

class FitMutatesParams extends ToyCentroidClassifier {
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    super.fitImpl(X, y, options);
    this.setParams({ temperature: this.params.temperature * 2 });
  }
}

/** predict works before fit (ignores the fitted state). */
class PredictsUnfitted extends ToyCentroidClassifier {
  override predict(X: MatrixLike): Int32Array {
    return new Int32Array(checkArray(X).X.shape[0]);
  }
  override predictProba(X: MatrixLike): Tensor {
    if (!this.isFitted) return new Tensor(new Float64Array(checkArray(X).X.shape[0]), [checkArray(X).X.shape[0], 1]);
    return super.predictProba(X);
  }
}

/** Reports a wrong nFeaturesIn. */
class WrongNFeatures extends ToyCentroidClassifier {
  override get nFeaturesIn(): number {
    return super.nFeaturesIn + 1;
  }
}

/** Checks nothing about X at predict time: a narrower X silently "works". */
class NoFeatureCheck extends ToyCentroidClassifier {
  protected override checkedX(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const x = checkArray(X).X;
    const p = this.nFeaturesIn;
    if (x.shape[1] === p) return x;
    const out = new Float64Array(x.shape[0] * p);
    for (let i = 0; i < x.shape[0]; i++) for (let j = 0; j < Math.min(p, x.shape[1]); j++) out[i * p + j] = x.get(i, j);
    return new Tensor(out, [x.shape[0], p]);
  }
}

let calls = 0;
/** Predictions depend on a hidden counter, not only on data and seed. */
class NonDeterministic extends ToyCentroidClassifier {
  override predict(X: MatrixLike): Int32Array | LabelArray {
    const pred = super.predict(X);
    calls++;
    if (pred instanceof Int32Array) pred[calls % pred.length] = pred[calls % pred.length] === 0 ? 1 : 0;
    return pred;
  }
}

/** Keeps classes from earlier fits (state leaks between fits). */
class LeaksBetweenFits extends ToyCentroidClassifier {
  #seen: number[] = [];
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    super.fitImpl(X, y, options);
    for (const c of this.classesFitted as number[]) if (!this.#seen.includes(c)) this.#seen.push(c);
    this.#seen.sort((a, b) => a - b);
    const p = this.nFeaturesIn;
    const centroids = new Float64Array(this.#seen.length * p);
    this.#seen.forEach((c, k) => {
      const own = (this.classesFitted as number[]).indexOf(c);
      for (let j = 0; j < p; j++) centroids[k * p + j] = own < 0 ? 0 : (this.centroids as Float64Array)[own * p + j];
    });
    this.classesFitted = this.#seen.slice();
    this.centroids = centroids;
  }
}

/** Accepts NaN although its tags say it does not. */
class AcceptsNaN extends ToyCentroidClassifier {
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true, allowNaN: true });
    const clean = new Tensor(
      (data.X.data as Float64Array).map((v) => (Number.isNaN(v) ? 0 : v)),
      data.X.shape,
    );
    super.fitImpl(clean, data.y, options);
  }
}

/** Accepts an empty training set. */
class AcceptsEmpty extends ToyCentroidClassifier {
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const data = this.validateData(X, y, { reset: true, minSamples: 0 });
    if (data.X.shape[0] === 0) {
      this.classesFitted = [0];
      this.centroids = new Float64Array(data.X.shape[1]);
      return;
    }
    super.fitImpl(X, y, options);
  }
}

/** Forgets part of its state when saved. */
class LossySave extends ToyCentroidClassifier {
  protected override getState(): Record<string, unknown> {
    const state = super.getState();
    return { ...state, centroids: (state.centroids as Float64Array).map((v) => Math.round(v)) };
  }
}

/** predictProba rows do not sum to 1. */
class ProbaNotNormalized extends ToyCentroidClassifier {
  override predictProba(X: MatrixLike): Tensor {
    const p = super.predictProba(X);
    return new Tensor(
      (p.data as Float64Array).map((v) => v * 0.9),
      p.shape,
    );
  }
}

/** Keeps classes in order of first appearance instead of sorted. */
class UnsortedClasses extends ToyCentroidClassifier {
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    super.fitImpl(X, y, options);
    const order = [...(this.classesFitted as (number | string)[])].reverse();
    const p = this.nFeaturesIn;
    const old = this.classesFitted as (number | string)[];
    const centroids = new Float64Array(this.centroids?.length ?? 0);
    for (const [k, c] of order.entries()) {
      const from = old.indexOf(c) * p;
      centroids.set((this.centroids as Float64Array).subarray(from, from + p), k * p);
    }
    this.classesFitted = order;
    this.centroids = centroids;
  }
}

/** Only handles numeric labels: string labels come back as numbers. */
class NumericLabelsOnly extends ToyCentroidClassifier {
  override predict(X: MatrixLike): Int32Array {
    const proba = this.predictProba(X);
    return new Int32Array(proba.shape[0]);
  }
}

/** score reports the error rate instead of the accuracy. */
class WrongScore extends ToyCentroidClassifier {
  override score(X: MatrixLike, y: Labels): number {
    return 1 - super.score(X, y);
  }
}

/** A regressor whose predict returns a plain array. */
class ArrayPredictRegressor extends DummyRegressor {
  override predict(X: MatrixLike): Float64Array {
    return Array.from(super.predict(X)) as unknown as Float64Array;
  }
}

/** Treats Tensor input differently from nested arrays. */
class TensorQuirk extends ToyCentroidClassifier {
  override predictProba(X: MatrixLike): Tensor {
    const p = super.predictProba(X);
    if (X instanceof Tensor) (p.data as Float64Array).reverse();
    return p;
  }
}

/** Ignores column names (checks only the count). */
class IgnoresFeatureNames extends ToyCentroidClassifier {
  protected override checkedX(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const x = checkArray(X).X;
    if (x.shape[1] !== this.nFeaturesIn) throw new ValidationError('wrong feature count');
    return x;
  }
}

/** Ignores the abort signal. */
class IgnoresAbort extends ToyCentroidClassifier {
  override fit(X: MatrixLike, y?: Labels, _options?: FitOptions): Promise<this> {
    return super.fit(X, y, {});
  }
}

/** Centers its input in place. */
class MutatesInput extends ToyCentroidClassifier {
  protected override fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    if (X instanceof Tensor) (X.data as Float64Array).fill(0, 0, 1);
    super.fitImpl(X, y, options);
  }
}

/** fitTransform disagrees with fit().transform(). */
class InconsistentFitTransform extends ToyScaler {
  override async fitTransform(X: MatrixLike): Promise<Tensor> {
    await this.fit(X);
    return checkArray(X).X;
  }
}

const BROKEN: [check: string, factory: () => Estimator][] = [
  ['checkEstimatorTags', () => new BrokenTags()],
  ['checkParameterConstraints', () => new MissingConstraint()],
  ['checkGetSetParams', () => new LeakyGetParams()],
  ['checkFitReturnsSelf', () => new FitReturnsUndefined()],
  ['checkClone', () => new ConstructorAltersParams()],
  ['checkParamsUnchangedByFit', () => new FitMutatesParams()],
  ['checkNotFittedError', () => new PredictsUnfitted()],
  ['checkNFeaturesIn', () => new WrongNFeatures()],
  ['checkNFeaturesMismatch', () => new NoFeatureCheck()],
  ['checkDeterminism', () => new NonDeterministic()],
  ['checkRefitNoLeak', () => new LeaksBetweenFits()],
  ['checkNonFiniteInput', () => new AcceptsNaN()],
  ['checkEmptyInput', () => new AcceptsEmpty()],
  ['checkSaveLoad', () => new LossySave()],
  ['checkPredictProba', () => new ProbaNotNormalized()],
  ['checkClassesSorted', () => new UnsortedClasses()],
  ['checkStringLabels', () => new NumericLabelsOnly()],
  ['checkScore', () => new WrongScore()],
  ['checkRegressorPredict', () => new ArrayPredictRegressor()],
  ['checkInputFormats', () => new TensorQuirk()],
  ['checkFeatureNames', () => new IgnoresFeatureNames()],
  ['checkAbortSignal', () => new IgnoresAbort()],
  ['checkInputNotMutated', () => new MutatesInput()],
  ['checkTransformer', () => new InconsistentFitTransform()],
];

describe('checkEstimator', () => {
  test('correct toy estimators pass every applicable check', async () => {
    const classifier = await checkEstimator(() => new ToyCentroidClassifier());
    assert.equal(classifier.failed, 0);
    assert.deepEqual(
      classifier.results.filter((r) => r.status === 'skipped').map((r) => r.name),
      ['checkRegressorPredict', 'checkTransformer'],
    );
    const scaler = await checkEstimator(() => new ToyScaler());
    assert.equal(scaler.failed, 0);
    assert.ok(scaler.results.some((r) => r.name === 'checkTransformer' && r.status === 'passed'));
  });

  test('every common check has a broken estimator below', () => {
    assert.deepEqual(BROKEN.map(([name]) => name).sort(), COMMON_CHECKS.map((c) => c.name).sort());
  });

  for (const [check, factory] of BROKEN) {
    test(`fails loudly on ${check}`, async () => {
      const { names, message } = await failedChecks(factory);
      assert.ok(names.includes(check), `${check} should fail; failed: ${names.join(', ') || 'none'}`);
      assert.match(message, new RegExp(`- ${check}: `));
    });
  }

  test('the error lists every failed check with its message', async () => {
    class TwoFlaws extends ProbaNotNormalized {
      override score(X: MatrixLike, y: Labels): number {
        return super.score(X, y) / 2;
      }
    }
    const { names, message } = await failedChecks(() => new TwoFlaws());
    assert.deepEqual(names.sort(), ['checkPredictProba', 'checkScore']);
    assert.match(message, /^checkEstimator\(ToyCentroidClassifier\): 2 of \d+ checks failed:/);
    assert.match(message, /predictProba row 0 sums to 0\.8999/);
  });

  test('skip removes checks; unknown skip names are rejected', async () => {
    const report = await checkEstimator(() => new ProbaNotNormalized(), { skip: ['checkPredictProba'] });
    assert.equal(report.results.find((r) => r.name === 'checkPredictProba')?.status, 'skipped');
    await assert.rejects(
      checkEstimator(() => new ToyCentroidClassifier(), { skip: ['checkTypo'] }),
      ValidationError,
    );
  });

  test('extraChecks run after the common ones and can fail', async () => {
    let seen = '';
    const extra = {
      name: 'checkWorksInPipeline',
      run: (ctx: { estimatorName: string }) => {
        seen = ctx.estimatorName;
        throw new Error('not yet');
      },
    };
    const { names } = await failedChecks(() => new ToyCentroidClassifier());
    assert.deepEqual(names, []);
    await assert.rejects(
      checkEstimator(() => new ToyCentroidClassifier(), { extraChecks: [extra] }),
      (e: unknown) => {
        assert.ok(e instanceof CheckEstimatorError);
        assert.match(e.message, /checkWorksInPipeline: Error: not yet/);
        return true;
      },
    );
    assert.equal(seen, 'ToyCentroidClassifier');
  });

  test('a custom dataset replaces the default one', async () => {
    const X = Array.from({ length: 12 }, (_, i) => [i, (i * 7) % 5]);
    const y = X.map((_, i) => (i < 6 ? 0 : 1));
    const report = await checkEstimator(() => new ToyCentroidClassifier(), { dataset: { X, y } });
    assert.equal(report.failed, 0);
  });

  test('runs fast', async () => {
    const start = performance.now();
    await checkEstimator(() => new ToyCentroidClassifier());
    assert.ok(performance.now() - start < 2000);
  });
});
