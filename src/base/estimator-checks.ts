/**
 * The individual checks run by `checkEstimator`, one named function each so a
 * failure says which contract rule was broken. Each throws a `CheckFailure`
 * (or lets the estimator's unexpected error through) when the rule is broken.
 */
import { Tensor } from '../tensor/tensor.js';
import {
  type CheckContext,
  CheckFailure,
  difference,
  type EstimatorCheck,
  expect,
  expectThrows,
  fit,
  frameOf,
  labelsOf,
  make,
  needsFit,
  onlyClassifier,
  outputMethods,
  outputs,
  type Probe,
  sortedUnique,
  withColumns,
} from './check-helpers.js';
import { clone } from './clone.js';
import { NotFittedError, ValidationError } from './errors.js';
import { DEFAULT_TAGS } from './estimator.js';
import { formatValue, type ParameterConstraints, validateParams } from './params.js';
import type { Label, MatrixLike } from './types.js';

export type { CheckContext, CheckData, EstimatorCheck } from './check-helpers.js';
export { CheckFailure } from './check-helpers.js';

// --- the checks -------------------------------------------------------------

async function checkEstimatorTags(ctx: CheckContext): Promise<void> {
  const tags = ctx.factory().estimatorTags() as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(DEFAULT_TAGS)) {
    expect(key in tags, `estimatorTags() is missing the '${key}' tag (spread super.estimatorTags())`);
    const expected = Array.isArray(value) ? 'array' : typeof value;
    const got = Array.isArray(tags[key]) ? 'array' : typeof tags[key];
    expect(got === expected, `tag '${key}' should be a ${expected}, got ${formatValue(tags[key])}`);
  }
}

async function checkParameterConstraints(ctx: CheckContext): Promise<void> {
  const est = ctx.factory();
  const constraints = (est.constructor as { parameterConstraints?: ParameterConstraints }).parameterConstraints ?? {};
  const params = est.getParams() as Record<string, unknown>;
  const missing = Object.keys(params).filter((k) => !(k in constraints));
  expect(missing.length === 0, `parameterConstraints has no entry for: ${missing.join(', ')}`);
  const extra = Object.keys(constraints).filter((k) => !(k in params));
  expect(extra.length === 0, `parameterConstraints names options the estimator does not have: ${extra.join(', ')}`);
  try {
    validateParams(ctx.estimatorName, constraints, params);
  } catch (error) {
    throw new CheckFailure(`the default params do not satisfy parameterConstraints: ${(error as Error).message}`);
  }
}

async function checkGetSetParams(ctx: CheckContext): Promise<void> {
  const est = ctx.factory() as Probe;
  const params = est.getParams() as Record<string, unknown>;
  expect(typeof params === 'object' && params !== null, 'getParams() must return an object');
  const d = difference(params, { ...(est.params as object) }, 'getParams()');
  expect(d === undefined, `getParams() and params disagree: ${d}`);
  const keys = Object.keys(params);
  if (keys.length > 0) {
    const copy = est.getParams() as Record<string, unknown>;
    const sentinel = Symbol('changed');
    copy[keys[0]] = sentinel;
    expect(est.params[keys[0] as never] !== sentinel, 'mutating the object returned by getParams() changed the params');
  }
  const returned = est.setParams(est.getParams());
  expect(returned === est, 'setParams() must return the estimator itself (this)');
  const after = difference(est.getParams(), params, 'params');
  expect(after === undefined, `setParams(getParams()) changed the params: ${after}`);
  await expectThrows(
    () => est.setParams({ notAnOption: 1 } as never),
    ValidationError,
    'setParams with an unknown option',
  );
  const Ctor = est.constructor as new (options: object) => unknown;
  await expectThrows(() => new Ctor({ notAnOption: 1 }), ValidationError, 'the constructor with an unknown option');
}

async function checkClone(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const copy = clone(est) as Probe;
  expect(copy !== est && copy.constructor === est.constructor, 'clone() must return a new instance of the same class');
  const d = difference(copy.getParams(), est.getParams(), 'params');
  expect(d === undefined, `clone() changed the params: ${d}`);
  if (ctx.tags.requiresFit) {
    for (const m of outputMethods(copy)) {
      await expectThrows(() => copy[m](ctx.data.X), NotFittedError, `${m} on a clone of a fitted estimator`);
    }
  }
}

async function checkFitReturnsSelf(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  const pending = fit(ctx, est);
  expect(pending instanceof Promise, 'fit() must return a Promise (learning is async)');
  const result = await pending;
  expect(result === est, `fit() must resolve to the estimator itself (return this), got ${formatValue(result)}`);
}

async function checkParamsUnchangedByFit(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  const before = clone(est).getParams();
  await fit(ctx, est);
  const d = difference(est.getParams(), before, 'params');
  expect(d === undefined, `fit() must not change the params: ${d}`);
}

async function checkNotFittedError(ctx: CheckContext): Promise<void> {
  const est = ctx.factory() as Probe;
  const methods = [...outputMethods(est), ...(typeof est.score === 'function' ? ['score'] : [])];
  for (const m of methods) {
    await expectThrows(() => est[m](ctx.data.X, ctx.data.y), NotFittedError, `${m} before fit`);
  }
  expect('nFeaturesIn' in est, 'the estimator has no nFeaturesIn getter');
  await expectThrows(() => est.nFeaturesIn, NotFittedError, 'reading nFeaturesIn before fit');
}

async function checkNFeaturesIn(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const expected = ctx.data.X[0].length;
  expect(
    est.nFeaturesIn === expected,
    `nFeaturesIn should be ${expected} after fit, got ${formatValue(est.nFeaturesIn)}`,
  );
}

async function checkNFeaturesMismatch(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const p = ctx.data.X[0].length;
  const wrong = withColumns(ctx.data.X, p > 1 ? p - 1 : p + 1);
  for (const m of outputMethods(est)) {
    await expectThrows(
      () => est[m](wrong),
      ValidationError,
      `${m} with ${wrong[0].length} features after fitting ${p}`,
    );
  }
}

async function checkDeterminism(ctx: CheckContext): Promise<void> {
  const a = make(ctx);
  const b = make(ctx);
  await fit(ctx, a);
  await fit(ctx, b);
  const d = difference(outputs(a, ctx.data.X), outputs(b, ctx.data.X), 'output');
  expect(d === undefined, `two fits with the same randomState gave different results: ${d}`);
  const again = difference(outputs(a, ctx.data.X), outputs(a, ctx.data.X), 'output');
  expect(again === undefined, `predicting twice gave different results: ${again}`);
}

async function checkRefitNoLeak(ctx: CheckContext): Promise<void> {
  const refit = make(ctx);
  await fit(ctx, refit);
  await fit(ctx, refit, ctx.data.XB, ctx.data.yB);
  const fresh = make(ctx);
  await fit(ctx, fresh, ctx.data.XB, ctx.data.yB);
  const d = difference(outputs(refit, ctx.data.XB), outputs(fresh, ctx.data.XB), 'output');
  expect(d === undefined, `fitting A then B differs from fitting B alone (state leaks between fits): ${d}`);
  expect(
    refit.nFeaturesIn === ctx.data.XB[0].length,
    `nFeaturesIn after refitting on ${ctx.data.XB[0].length} features is ${formatValue(refit.nFeaturesIn)}`,
  );
}

async function checkNonFiniteInput(ctx: CheckContext): Promise<void> {
  const withValue = (v: number) => ctx.data.X.map((row, i) => (i === 1 ? row.map((x, j) => (j === 0 ? v : x)) : row));
  await expectThrows(
    () => fit(ctx, ctx.factory() as Probe, withValue(Number.POSITIVE_INFINITY)),
    ValidationError,
    'fit with Infinity in X',
  );
  const fitted = make(ctx);
  await fit(ctx, fitted);
  for (const m of outputMethods(fitted)) {
    await expectThrows(
      () => fitted[m](withValue(Number.NEGATIVE_INFINITY)),
      ValidationError,
      `${m} with -Infinity in X`,
    );
  }
  if (ctx.tags.allowsNaN) return;
  await expectThrows(
    () => fit(ctx, ctx.factory() as Probe, withValue(Number.NaN)),
    ValidationError,
    'fit with NaN in X',
  );
  for (const m of outputMethods(fitted)) {
    await expectThrows(() => fitted[m](withValue(Number.NaN)), ValidationError, `${m} with NaN in X`);
  }
}

async function checkEmptyInput(ctx: CheckContext): Promise<void> {
  const empty = new Tensor(new Float64Array(0), [0, ctx.data.X[0].length]);
  await expectThrows(() => fit(ctx, ctx.factory() as Probe, empty, []), ValidationError, 'fit with 0 samples');
}

async function checkSaveLoad(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const json = JSON.parse(JSON.stringify(est.toJSON()));
  expect(
    json.format === 'typelearn-model' && json.formatVersion === 1,
    'toJSON() must give a SavedModel (format, formatVersion 1)',
  );
  expect(
    json.className === ctx.estimatorName,
    `toJSON().className should be '${ctx.estimatorName}', got ${formatValue(json.className)}`,
  );
  const Ctor = est.constructor as { fromJSON?: (saved: unknown) => Probe };
  expect(typeof Ctor.fromJSON === 'function', 'the estimator class has no static fromJSON');
  const loaded = Ctor.fromJSON(json);
  expect(loaded instanceof (est.constructor as new () => unknown), 'fromJSON() must return an instance of the class');
  const dp = difference(loaded.getParams(), est.getParams(), 'params');
  expect(dp === undefined, `params differ after save/load: ${dp}`);
  const d = difference(outputs(loaded, ctx.data.X), outputs(est, ctx.data.X), 'output');
  expect(d === undefined, `predictions differ after save/load: ${d}`);
  if (ctx.tags.requiresFit) {
    const unfitted = Ctor.fromJSON(JSON.parse(JSON.stringify(make(ctx).toJSON())));
    for (const m of outputMethods(unfitted)) {
      await expectThrows(
        () => unfitted[m](ctx.data.X),
        NotFittedError,
        `${m} on a saved-and-loaded unfitted estimator`,
      );
    }
  }
}

async function checkPredictProba(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const proba = est.predictProba(ctx.data.X);
  const n = ctx.data.X.length;
  const k = (est.classes as Label[]).length;
  expect(proba instanceof Tensor, `predictProba must return a Tensor, got ${formatValue(proba)}`);
  expect(
    proba.ndim === 2 && proba.shape[0] === n && proba.shape[1] === k,
    `predictProba shape should be [${n}, ${k}], got [${proba.shape}]`,
  );
  const pred = labelsOf(est.predict(ctx.data.X));
  const data = proba.data;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let best = 0;
    for (let j = 0; j < k; j++) {
      const p = data[i * k + j];
      expect(p >= -1e-12 && p <= 1 + 1e-12, `predictProba[${i}][${j}] = ${p} is not a probability`);
      sum += p;
      if (p > data[i * k + best]) best = j;
    }
    expect(Math.abs(sum - 1) <= 1e-9, `predictProba row ${i} sums to ${sum}, not 1`);
    // With tied maxima (e.g. uniform probabilities) any of the tied classes is a consistent prediction.
    const predicted = (est.classes as Label[]).indexOf(pred[i] as Label);
    expect(
      predicted >= 0 && data[i * k + predicted] >= data[i * k + best] - 1e-12,
      `predict()[${i}] is ${formatValue(pred[i])} but the most probable class in predictProba is ${formatValue(est.classes[best])}`,
    );
  }
}

async function checkClassesSorted(ctx: CheckContext): Promise<void> {
  for (const y of [ctx.data.y, ctx.data.yStrings ?? []]) {
    const est = make(ctx);
    await fit(ctx, est, ctx.data.X, y);
    const expected = sortedUnique(y);
    const d = difference(Array.from(est.classes as Label[]), expected, 'classes');
    expect(d === undefined, `classes should be the sorted distinct labels ${formatValue(expected)}: ${d}`);
  }
}

async function checkStringLabels(ctx: CheckContext): Promise<void> {
  const y = ctx.data.yStrings ?? [];
  const est = make(ctx);
  await fit(ctx, est, ctx.data.X, y);
  const pred = labelsOf(est.predict(ctx.data.X));
  const classes = new Set(y);
  expect(pred.length === y.length, `predict returned ${pred.length} labels for ${y.length} rows`);
  for (let i = 0; i < pred.length; i++) {
    expect(classes.has(pred[i] as string), `predict()[${i}] = ${formatValue(pred[i])} is not one of the string labels`);
  }
  if (typeof est.score === 'function') {
    const s = est.score(ctx.data.X, y);
    expect(
      typeof s === 'number' && s >= 0 && s <= 1,
      `score with string labels should be an accuracy, got ${formatValue(s)}`,
    );
  }
}

async function checkScore(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const { X, y } = ctx.data;
  const pred = labelsOf(est.predict(X));
  const score = est.score(X, y);
  let expected: number;
  if (ctx.kind === 'classifier') {
    expected = pred.filter((p, i) => p === y[i]).length / y.length;
  } else {
    const t = y as number[];
    const mean = t.reduce((a, b) => a + b, 0) / t.length;
    let res = 0;
    let tot = 0;
    t.forEach((v, i) => {
      res += (v - (pred[i] as number)) ** 2;
      tot += (v - mean) ** 2;
    });
    expected = tot === 0 ? (res === 0 ? 1 : 0) : 1 - res / tot;
  }
  const what = ctx.kind === 'classifier' ? 'the accuracy' : 'R²';
  expect(
    Math.abs(score - expected) <= 1e-9,
    `score() should be ${what} of predict() (${expected}), got ${formatValue(score)}`,
  );
}

async function checkRegressorPredict(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const pred = est.predict(ctx.data.X);
  expect(pred instanceof Float64Array, `a regressor's predict must return a Float64Array, got ${formatValue(pred)}`);
  expect(pred.length === ctx.data.X.length, `predict returned ${pred.length} values for ${ctx.data.X.length} rows`);
}

async function checkInputFormats(ctx: CheckContext): Promise<void> {
  const { X, y } = ctx.data;
  const reference = make(ctx);
  await fit(ctx, reference, X, y);
  const expected = outputs(reference, X);
  const flat = Float64Array.from(X.flat());
  const shape = [X.length, X[0].length];
  const names = X[0].map((_, j) => `f${j}`);
  const numericY = typeof y[0] === 'number' ? new Tensor(Float64Array.from(y as number[])) : y;
  const forms: [string, MatrixLike, unknown][] = [
    ['a Tensor', new Tensor(flat, shape), numericY],
    ['{ data, shape }', { data: flat, shape }, y],
    ['a frame-like table', frameOf(X, names), y],
  ];
  for (const [label, input, target] of forms) {
    const est = make(ctx);
    await fit(ctx, est, input, target);
    const d = difference(outputs(est, input), expected, 'output');
    expect(d === undefined, `fitting and predicting with ${label} differs from number[][]: ${d}`);
  }
}

async function checkFeatureNames(ctx: CheckContext): Promise<void> {
  const { X } = ctx.data;
  const names = X[0].map((_, j) => `feature ${j}`);
  const est = make(ctx);
  await fit(ctx, est, frameOf(X, names));
  if ('featureNamesIn' in est) {
    const d = difference(est.featureNamesIn, names, 'featureNamesIn');
    expect(d === undefined, `featureNamesIn should be the table's column names: ${d}`);
  }
  const renamed = names.map((n, j) => (j === 0 ? 'unexpected' : n));
  const reordered = [...names].reverse();
  for (const m of outputMethods(est)) {
    await expectThrows(() => est[m](frameOf(X, renamed)), ValidationError, `${m} with a renamed column`);
    if (names.length > 1) {
      await expectThrows(() => est[m](frameOf(X, reordered)), ValidationError, `${m} with reordered columns`);
    }
  }
  const plain = make(ctx);
  await fit(ctx, plain);
  if ('featureNamesIn' in plain) {
    expect(
      plain.featureNamesIn === undefined,
      'featureNamesIn should be undefined after fitting an array without names',
    );
  }
}

async function checkAbortSignal(ctx: CheckContext): Promise<void> {
  const controller = new AbortController();
  const reason = new Error('aborted by checkEstimator');
  controller.abort(reason);
  const est = make(ctx);
  let thrown: unknown;
  try {
    await est.fit(ctx.data.X, ctx.usesY ? ctx.data.y : undefined, { signal: controller.signal });
  } catch (error) {
    thrown = error;
  }
  expect(thrown === reason, `fit with an aborted signal should reject with signal.reason, got ${formatValue(thrown)}`);
}

async function checkInputNotMutated(ctx: CheckContext): Promise<void> {
  const flat = Float64Array.from(ctx.data.X.flat());
  const X = new Tensor(flat.slice(), [ctx.data.X.length, ctx.data.X[0].length]);
  const y = ctx.data.y.slice();
  const est = make(ctx);
  await fit(ctx, est, X, y);
  outputs(est, X);
  const dx = difference(X.data, flat, 'X');
  expect(dx === undefined, `fit/predict modified the input X: ${dx}`);
  const dy = difference(y, ctx.data.y, 'y');
  expect(dy === undefined, `fit modified the input y: ${dy}`);
}

async function checkTransformer(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const out = est.transform(ctx.data.X);
  expect(out instanceof Tensor && out.ndim === 2, `transform must return a 2-D Tensor, got ${formatValue(out)}`);
  expect(out.shape[0] === ctx.data.X.length, `transform returned ${out.shape[0]} rows for ${ctx.data.X.length}`);
  if (typeof est.fitTransform === 'function') {
    const other = make(ctx);
    const direct: Tensor = await other.fitTransform(ctx.data.X, ctx.usesY ? ctx.data.y : undefined);
    expect(direct instanceof Tensor, 'fitTransform must resolve to a Tensor');
    expect(
      direct.shape.join() === out.shape.join(),
      `fitTransform shape [${direct.shape}] != transform shape [${out.shape}]`,
    );
    for (let i = 0; i < out.size; i++) {
      const a = out.data[i];
      const b = direct.data[i];
      expect(
        Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) || (Number.isNaN(a) && Number.isNaN(b)),
        `fitTransform differs from fit().transform() at flat index ${i}: ${b} vs ${a}`,
      );
    }
  }
  if (typeof est.getFeatureNamesOut === 'function') {
    const names = est.getFeatureNamesOut();
    expect(
      Array.isArray(names) && names.length === out.shape[1],
      `getFeatureNamesOut() should give ${out.shape[1]} names, got ${formatValue(names)}`,
    );
  }
}

function check(
  name: string,
  run: (ctx: CheckContext) => Promise<void>,
  skipReason?: (ctx: CheckContext) => string | undefined,
): EstimatorCheck {
  return skipReason ? { name, run, skipReason } : { name, run };
}

/**
 * The common checks, in the order they run. Names are stable: use them in
 * `checkEstimator`'s `skip` option.
 * @example COMMON_CHECKS.map((c) => c.name) // ['checkEstimatorTags', 'checkParameterConstraints', ...]
 */
export const COMMON_CHECKS: readonly EstimatorCheck[] = Object.freeze([
  check('checkEstimatorTags', checkEstimatorTags),
  check('checkParameterConstraints', checkParameterConstraints),
  check('checkGetSetParams', checkGetSetParams),
  check('checkFitReturnsSelf', checkFitReturnsSelf),
  check('checkClone', checkClone),
  check('checkParamsUnchangedByFit', checkParamsUnchangedByFit),
  check('checkNotFittedError', checkNotFittedError, needsFit),
  check('checkNFeaturesIn', checkNFeaturesIn),
  check('checkNFeaturesMismatch', checkNFeaturesMismatch),
  check('checkDeterminism', checkDeterminism, (ctx) =>
    ctx.tags.nonDeterministic ? 'the estimator is tagged nonDeterministic' : undefined,
  ),
  check('checkRefitNoLeak', checkRefitNoLeak, (ctx) =>
    ctx.tags.nonDeterministic ? 'the estimator is tagged nonDeterministic' : undefined,
  ),
  check('checkNonFiniteInput', checkNonFiniteInput),
  check('checkEmptyInput', checkEmptyInput),
  check('checkSaveLoad', checkSaveLoad),
  check('checkPredictProba', checkPredictProba, (ctx) =>
    ctx.kind !== 'classifier'
      ? 'not a classifier'
      : typeof (ctx.factory() as Probe).predictProba !== 'function'
        ? 'no predictProba'
        : undefined,
  ),
  check('checkClassesSorted', checkClassesSorted, onlyClassifier),
  check('checkStringLabels', checkStringLabels, onlyClassifier),
  check('checkScore', checkScore, (ctx) =>
    ctx.kind !== 'classifier' && ctx.kind !== 'regressor'
      ? 'not a classifier or regressor'
      : typeof (ctx.factory() as Probe).score !== 'function'
        ? 'no score method'
        : undefined,
  ),
  check('checkRegressorPredict', checkRegressorPredict, (ctx) =>
    ctx.kind === 'regressor' ? undefined : 'not a regressor',
  ),
  check('checkInputFormats', checkInputFormats),
  check('checkFeatureNames', checkFeatureNames),
  check('checkAbortSignal', checkAbortSignal),
  check('checkInputNotMutated', checkInputNotMutated),
  check('checkTransformer', checkTransformer, (ctx) =>
    typeof (ctx.factory() as Probe).transform === 'function' ? undefined : 'no transform method',
  ),
]);
