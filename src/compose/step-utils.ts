/**
 * Small helpers the compose meta-estimators share for handling their
 * sub-estimators: probing optional methods, fit-then-transform, reading tags
 * and describing a value in messages.
 */
import { DEFAULT_TAGS } from '../base/estimator.js';
import { formatValue } from '../base/params.js';
import type { Estimator, EstimatorTags, FitOptions } from '../base/types.js';

/**
 * Any estimator a meta-estimator may hold: the contract plus whatever optional
 * methods (`transform`, `predictProba`, ...) it has, probed by name.
 */
// biome-ignore lint/suspicious/noExplicitAny: optional methods are probed by name
export type AnyEstimator = Estimator & { [method: string]: any };

/** The word that stands for "no estimator, pass the data through". */
export type Passthrough = 'passthrough' | null;

/**
 * Whether `step` is `'passthrough'` or `null`/`undefined` (sklearn's `None`).
 * @example isPassthrough('passthrough') // true
 */
export function isPassthrough(step: unknown): step is Passthrough | undefined {
  return step === 'passthrough' || step === null || step === undefined;
}

/**
 * Whether `est` has a method `name`.
 * @example hasMethod(new DummyClassifier(), 'predictProba') // true
 */
export function hasMethod(est: unknown, name: string): boolean {
  return typeof est === 'object' && est !== null && typeof (est as Record<string, unknown>)[name] === 'function';
}

/**
 * A sub-estimator's tags, or the defaults when it has none.
 * @example tagsOf(new StandardScaler()).allowsNaN // true
 */
export function tagsOf(est: unknown): EstimatorTags {
  if (hasMethod(est, 'estimatorTags')) return (est as Estimator).estimatorTags();
  return { ...DEFAULT_TAGS, X_types: [...DEFAULT_TAGS.X_types] };
}

/**
 * `est`'s class name for messages (`estimatorName`, else the constructor name).
 * @example describeEstimator(new StandardScaler()) // "StandardScaler"
 */
export function describeEstimator(est: unknown): string {
  if (typeof est === 'object' && est !== null) {
    const ctor = est.constructor as { estimatorName?: string; name?: string } | undefined;
    const name = (est as { estimatorName?: unknown }).estimatorName;
    if (typeof name === 'string') return name;
    if (ctor?.estimatorName) return ctor.estimatorName;
    if (ctor?.name && ctor.name !== 'Object') return ctor.name;
  }
  return formatValue(est);
}

/**
 * Fits `est` and returns its transform of `X`, through `fitTransform` when it
 * has one (it may be cheaper than fit then transform).
 * @example const Xt = await fitTransformOne(scaler, X, y, {});
 */
export async function fitTransformOne(
  est: AnyEstimator,
  X: unknown,
  y: unknown,
  options: FitOptions & Record<string, unknown>,
): Promise<unknown> {
  if (hasMethod(est, 'fitTransform')) return est.fitTransform(X, y, options);
  await est.fit(X as never, y as never, options);
  return est.transform(X);
}

/**
 * Prints sklearn's verbose progress line for a meta-estimator step.
 * @example logStep('Pipeline', 1, 2, 'scaler', 0.01)
 */
export function logStep(owner: string, index: number, total: number, name: string, seconds: number): void {
  console.log(`[${owner}] (step ${index} of ${total}) Processing ${name}, total=${seconds.toFixed(1)}s`);
}
