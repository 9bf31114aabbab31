// Writing an estimator under typelearn's contract: options, validation, fitted state, saving.
import assert from 'node:assert/strict';
import { BaseEstimator, checkEstimator, interval, type Labels, type MatrixLike, StateReader } from 'typelearn/base';

interface ShiftedMeanParams {
  /** Added to every prediction. */
  shift: number;
}

/** Predicts the training mean plus a shift: the smallest useful regressor. */
class ShiftedMeanRegressor extends BaseEstimator<ShiftedMeanParams> {
  static override readonly estimatorName = 'ShiftedMeanRegressor';
  static override parameterConstraints = { shift: [interval('real', null, null, 'neither')] };
  #mean?: number;

  constructor(options: Partial<ShiftedMeanParams> = {}) {
    super({ shift: 0 }, options);
  }

  override estimatorTags() {
    return { ...super.estimatorTags(), estimatorType: 'regressor' as const, requiresY: true };
  }

  protected fitImpl(X: MatrixLike, y?: Labels): void {
    const { y: target } = this.validateData(X, y, { reset: true, yNumeric: true });
    this.#mean = target.reduce((a, b) => a + b, 0) / target.length + this.params.shift;
  }

  predict(X: MatrixLike): Float64Array {
    const mean = this.fitted('mean', this.#mean);
    const rows = this.validateData(X, undefined, { reset: false }).X.shape[0];
    return new Float64Array(rows).fill(mean);
  }

  score(X: MatrixLike, y: Labels): number {
    const p = this.predict(X);
    const t = Array.from(y as ArrayLike<number>);
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    let ssRes = 0;
    let ssTot = 0;
    t.forEach((v, i) => {
      ssRes += (v - p[i]) ** 2;
      ssTot += (v - mean) ** 2;
    });
    return ssTot === 0 ? (ssRes === 0 ? 1 : 0) : 1 - ssRes / ssTot;
  }

  protected getState() {
    return { mean: this.#mean };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#mean = new StateReader(state, 'saved ShiftedMeanRegressor').number('mean');
  }
}

const model = await new ShiftedMeanRegressor({ shift: 1 }).fit([[0], [1], [2]], [1, 2, 3]);
assert.deepEqual(Array.from(model.predict([[5]])), [3]);
const restored = ShiftedMeanRegressor.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
assert.deepEqual(restored.predict([[5]]), model.predict([[5]]));

// The common checks every typelearn estimator passes.
const report = await checkEstimator(() => new ShiftedMeanRegressor());
assert.equal(report.failed, 0);
console.log(`checkEstimator: ${report.passed} passed, ${report.skipped} skipped`);
